package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cel.dev/cel-go/common/types"
)

// Words names the facts a section reads as a person would, for the default
// text: "his date of birth" where JSON and --explain say
// offender.date_of_birth. Each key is a fact's JSON path with [] for any
// list index ("offences[].internet"); each value completes the sentence
// "This cannot be decided without knowing ...", so it is a noun phrase or a
// whether-clause, and {nth} in it stands for the ordinal of the list item
// ("whether his {nth} offence was related to the use of the internet" for
// offences[1].internet says "his second offence"). A decision package
// declares its section's Words beside its inputs; Compile refuses a Words
// that misses a fact of the inputs or names one they do not have.
type Words map[string]string

// Say returns the words for the fact at path, or path itself when w has
// none.
func (w Words) Say(path string) string {
	var buf [64]byte
	var at [4]int
	pattern, indexes := appendWordsPattern(buf[:0], at[:0], path)
	said, ok := w[string(pattern)] // looked up without making the string
	if !ok {
		return path
	}
	for _, n := range indexes {
		said = strings.Replace(said, "{nth}", Ordinal(n+1), 1)
	}
	return said
}

// wordsPattern returns path with each list index written [], and the
// indexes in order: what replacing each match of \[(\d+)\] would give,
// without a regular expression, as every unknown result words its facts.
func wordsPattern(path string) (string, []int) {
	if !strings.Contains(path, "[") {
		return path, nil
	}
	pattern, indexes := appendWordsPattern(make([]byte, 0, len(path)), nil, path)
	return string(pattern), indexes
}

// appendWordsPattern appends wordsPattern(path) to b and its indexes to
// indexes.
func appendWordsPattern(b []byte, indexes []int, path string) ([]byte, []int) {
	for i := 0; i < len(path); {
		k := strings.IndexByte(path[i:], '[')
		if k < 0 {
			return append(b, path[i:]...), indexes
		}
		b = append(b, path[i:i+k+1]...) // up to the [
		i += k + 1
		j := i
		for j < len(path) && '0' <= path[j] && path[j] <= '9' {
			j++
		}
		if j > i && j < len(path) && path[j] == ']' {
			n, err := strconv.Atoi(path[i:j])
			if err != nil {
				n = -1 // too large to be an index
			}
			indexes = append(indexes, n)
			i = j // the ] is appended with what follows
		}
	}
	return b, indexes
}

var ordinals = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}

// Ordinal writes n as an ordinal: "first" to "tenth", then "11th",
// "21st", "22nd", "23rd".
func Ordinal(n int) string {
	if n >= 1 && n <= len(ordinals) {
		return ordinals[n-1]
	}
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// JoinWords joins phrases as a sentence lists them: "a", "a and b", "a, b
// and c".
func JoinWords(phrases []string) string {
	if len(phrases) == 1 {
		return phrases[0]
	}
	var b strings.Builder
	writeWords(&b, phrases)
	return b.String()
}

// writeWords writes JoinWords(phrases) to b.
func writeWords(b *strings.Builder, phrases []string) {
	for i, p := range phrases {
		switch {
		case i == 0:
		case i == len(phrases)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(p)
	}
}

// checkWords reports a Words that misses a fact of the inputs or names one
// they do not have.
func (s Section) checkWords() error {
	if s.Words == nil {
		return nil
	}
	var paths []string
	for _, in := range s.Inputs {
		paths = append(paths, factPaths(in.Name, in.Type)...)
	}
	for _, p := range paths {
		if strings.TrimSpace(s.Words[p]) == "" {
			return fmt.Errorf("rules: section %s: Words has nothing for the fact %s", s.Name, p)
		}
	}
	for p := range s.Words {
		if !slices.Contains(paths, p) {
			return fmt.Errorf("rules: section %s: Words names %s, not a fact of its inputs", s.Name, p)
		}
	}
	return nil
}

// factPaths lists the facts that can be missing under a value of type t
// named name: the value itself, its fields and the fields of its list's
// items, as Words keys.
func factPaths(name string, t Type) []string {
	out := []string{name}
	switch {
	case t.t == nil:
	case t.t.Kind() == types.StructKind && t.obj != nil:
		for _, f := range t.obj.fields {
			out = append(out, factPaths(name+"."+f.Name, f.Type)...)
		}
	case t.t.Kind() == types.ListKind && t.elem != nil && t.elem.obj != nil:
		for _, f := range t.elem.obj.fields {
			out = append(out, factPaths(name+"[]."+f.Name, f.Type)...)
		}
	}
	return out
}
