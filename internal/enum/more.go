package enum

import (
	"fmt"
	"strings"
)

// Unknown words the error for s, a value of the kind named that is not one
// of its spellings, by this package's rule (quoted only when it looks like
// a spelling), for values whose spellings are not a Set's: an outcome code
// a policy does not map is "unknown outcome \"ATTX\"", and one that looks
// like a date "unknown outcome: a string of 10 bytes, not quoted".
func Unknown(kind, s string) string { return (&Set[uint8]{kind: kind}).unknown([]byte(s)) }

// Choices writes the spellings for a person: "a, b or c".
func (s *Set[T]) Choices() string { return OrList(s.names[1:]) }

// OrList writes choices for a person: "a", "a or b", "a, b or c".
func OrList(choices []string) string {
	if len(choices) <= 1 {
		return strings.Join(choices, "")
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}

// Spellings returns the spellings of an enumeration T whose String method
// gives them for 1, 2, ... until a value out of range ("T(n)"): for code
// that lists another package's choices without a Set of its own.
func Spellings[T interface {
	~uint8
	fmt.Stringer
}]() []string {
	var out []string
	for i := 1; i < 256; i++ {
		s := T(i).String()
		if s == "" || strings.ContainsAny(s, "()") {
			break
		}
		out = append(out, s)
	}
	return out
}
