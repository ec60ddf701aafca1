// Package enum makes the methods of the module's enumerations from one
// table of spellings, in the root package's style: a type T of kind uint8
// whose values 1, 2, ... are spelled as the table lists them, and whose
// zero value is not one of them (not known, or not set). String gives the
// spelling ("" for the zero value, "T(9)" out of range); MarshalText the
// spelling, or an error for a value that has none; UnmarshalText the value
// a spelling names, or an error that names the kind and the choices and
// quotes what it was given only when that looks like a spelling
// (isotp.DescribeUnknown).
//
// Each enumeration declares its table once and its three methods in a line
// each:
//
//	var statusNames = enum.New[Status]("status", "restart_required", "completed")
//
//	func (s Status) String() string                { return statusNames.String(s) }
//	func (s Status) MarshalText() ([]byte, error)  { return statusNames.MarshalText(s) }
//	func (s *Status) UnmarshalText(b []byte) error { return statusNames.UnmarshalText(b, s) }
//
// A Table is immutable and safe for concurrent use.
package enum

import (
	"fmt"
	"strings"

	"github.com/isotp-dev/isotp"
)

// A Table holds the spellings of enumeration T.
type Table[T ~uint8] struct {
	kind  string   // what a value is, for errors: "status"
	names []string // by value; names[0] is "", the zero value's
}

// New makes the table of T, whose values 1, 2, ... are spelled names, in
// order; kind says what a value is, in errors. New panics when names is
// empty, too long for a uint8 or holds a spelling twice: tables are
// declared by code, at package initialisation.
func New[T ~uint8](kind string, names ...string) *Table[T] {
	if len(names) == 0 || len(names) > 255 {
		panic(fmt.Sprintf("enum.New %s: %d spellings", kind, len(names)))
	}
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" || strings.ContainsAny(n, "()") || seen[n] {
			panic(fmt.Sprintf("enum.New %s: spelling %q is empty, has a parenthesis or is given twice", kind, n))
		}
		seen[n] = true
	}
	return &Table[T]{kind: kind, names: append([]string{""}, names...)}
}

// String returns v's spelling; "" for the zero value and "T(n)" for a
// value out of range.
func (t *Table[T]) String(v T) string {
	if int(v) < len(t.names) {
		return t.names[v]
	}
	return fmt.Sprintf("%T(%d)", v, uint8(v))
}

// MarshalText returns v's spelling, or an error for the zero value or one
// out of range.
func (t *Table[T]) MarshalText(v T) ([]byte, error) {
	if v == 0 || int(v) >= len(t.names) {
		return nil, fmt.Errorf("cannot marshal %s %d", t.kind, uint8(v))
	}
	return []byte(t.names[v]), nil
}

// UnmarshalText sets *v to the value b spells, or returns an error naming
// the kind and the spellings it takes.
func (t *Table[T]) UnmarshalText(b []byte, v *T) error {
	for i := 1; i < len(t.names); i++ {
		if t.names[i] == string(b) {
			*v = T(i)
			return nil
		}
	}
	return fmt.Errorf("%s (want %s)", isotp.DescribeUnknown(t.kind, string(b)), t.Choices())
}

// Parse returns the value s spells, or false.
func (t *Table[T]) Parse(s string) (T, bool) {
	for i := 1; i < len(t.names); i++ {
		if t.names[i] == s {
			return T(i), true
		}
	}
	return 0, false
}

// Spellings returns every spelling, in the order of the values.
func (t *Table[T]) Spellings() []string { return append([]string(nil), t.names[1:]...) }

// Choices writes the spellings for a person: "a, b or c".
func (t *Table[T]) Choices() string {
	s := t.names[1:]
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// Spellings returns the spellings of an enumeration T whose String method
// gives them for 1, 2, ... until a value out of range ("T(n)"): for code
// that lists another package's choices without a table of its own.
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
