// Package enum spells the values of the module's enumerations. Each is a
// small unsigned type whose zero value means "not known" or "not set" and
// whose other values each have one spelling, as in JSON; a Set of the
// spellings gives the type its String, MarshalText, MarshalJSON and
// UnmarshalText in one line each:
//
//	type Sex uint8
//
//	const (
//		SexUnknown Sex = iota
//		Male           // "male"
//		Female         // "female"
//	)
//
//	var sexes = enum.New[Sex]("sex", "male", "female")
//
//	func (v Sex) String() string                { return sexes.String(v) }
//	func (v Sex) MarshalText() ([]byte, error)  { return sexes.MarshalText(v) }
//	func (v Sex) MarshalJSON() ([]byte, error)  { return sexes.JSON(v) }
//	func (v *Sex) UnmarshalText(b []byte) error { return sexes.UnmarshalText(v, b) }
//
// An unknown spelling is an error that names the kind of value and quotes
// the spelling only when it looks like one, a word of letters, '_' and '-'
// of at most 32 bytes (unknown sex "mael"): anything else may be personal
// data in the wrong place, and is described by its length.
package enum

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A Set is the spellings of the values of an enumeration T. It is
// immutable once made, and safe for concurrent use.
type Set[T ~uint8] struct {
	kind    string
	names   []string // names[v] spells T(v); names[0], the zero value's, is ""
	choices string   // " (want a, b or c)" after an unknown spelling, or ""
	maxText int      // the longest text an error gives the length of; 0: any
}

// New returns the spellings of T(1), T(2), ... in order, for values of the
// kind named, in errors ("risk of harm"). The spellings are to be distinct
// and non-empty, and at most 255.
func New[T ~uint8](kind string, names ...string) *Set[T] {
	return &Set[T]{kind: kind, names: append([]string{""}, names...)}
}

// ListChoices makes an unknown spelling's error list the spellings: unknown
// outcome "eligble" (want eligible, ineligible, refer or pending). It
// returns s, to be called where s is made.
func (s *Set[T]) ListChoices() *Set[T] {
	names := s.names[1:]
	switch len(names) {
	case 0:
	case 1:
		s.choices = " (want " + names[0] + ")"
	default:
		s.choices = " (want " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1] + ")"
	}
	return s
}

// MaxText makes an error describe a text longer than n bytes as "a string
// of more than n bytes", for texts from a reader that keeps no more than n
// bytes and one of a longer string. It returns s, to be called where s is
// made.
func (s *Set[T]) MaxText(n int) *Set[T] {
	s.maxText = n
	return s
}

// Kind returns the kind of value, as errors name it.
func (s *Set[T]) Kind() string { return s.kind }

// Values returns every value but the zero value, in order.
func (s *Set[T]) Values() []T {
	vs := make([]T, len(s.names)-1)
	for i := range vs {
		vs[i] = T(i + 1)
	}
	return vs
}

// Valid reports whether v is a value of the set other than the zero value.
func (s *Set[T]) Valid(v T) bool { return v != 0 && int(v) < len(s.names) }

// String returns v's spelling, "" for the zero value, or the type and
// number of a value out of range: isotp.Stage(9).
func (s *Set[T]) String(v T) string {
	if int(v) < len(s.names) {
		return s.names[v]
	}
	return fmt.Sprintf("%T(%d)", v, uint8(v))
}

// MarshalText returns v's spelling. The zero value, and a value out of
// range, cannot be written: leave them out (omitzero).
func (s *Set[T]) MarshalText(v T) ([]byte, error) {
	if !s.Valid(v) {
		return nil, fmt.Errorf("cannot marshal %s %d", s.kind, uint8(v))
	}
	return []byte(s.names[v]), nil
}

// JSON returns v's spelling as a JSON string, or null for the zero
// value; a value out of range is an error.
func (s *Set[T]) JSON(v T) ([]byte, error) {
	if v == 0 {
		return []byte("null"), nil
	}
	if !s.Valid(v) {
		return nil, fmt.Errorf("cannot marshal %T(%d)", v, uint8(v))
	}
	return []byte(`"` + s.names[v] + `"`), nil
}

// UnmarshalText reads the spelling b into v, without allocating for a
// known spelling. The empty text is no spelling.
func (s *Set[T]) UnmarshalText(v *T, b []byte) error {
	for i := 1; i < len(s.names); i++ {
		if s.names[i] == string(b) {
			*v = T(i)
			return nil
		}
	}
	return errors.New(s.unknown(b))
}

// Lookup returns the value spelled name, or false.
func (s *Set[T]) Lookup(name string) (T, bool) {
	for i := 1; i < len(s.names); i++ {
		if s.names[i] == name {
			return T(i), true
		}
	}
	return 0, false
}

// maxSpelling is the longest unknown spelling an error quotes.
const maxSpelling = 32

// unknown is the error message for an unknown spelling b. It quotes b when
// it looks like a spelling (a word of letters, '_' and '-', of at most
// maxSpelling bytes): the caller's vocabulary, mistyped. Anything else is
// described by its length.
func (s *Set[T]) unknown(b []byte) string {
	if isSpelling(b) {
		return "unknown " + s.kind + " " + strconv.Quote(string(b)) + s.choices
	}
	size := "a string of " + strconv.Itoa(len(b)) + " bytes"
	if s.maxText > 0 && len(b) > s.maxText {
		size = "a string of more than " + strconv.Itoa(s.maxText) + " bytes"
	}
	return "unknown " + s.kind + ": " + size + ", not quoted" + s.choices
}

func isSpelling(b []byte) bool {
	if len(b) > maxSpelling {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
