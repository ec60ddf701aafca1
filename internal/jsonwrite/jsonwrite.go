// Package jsonwrite appends JSON, indented, without reflection: the
// primitives the module's fast writers of its results share. An Encoder
// writes, byte for byte, what encoding/json's Encoder writes with
// SetEscapeHTML(false), re-indented as json.Indent(dst, src, "", "  ")
// indents it:
//
//   - each member of an object and each element of an array on a line of
//     its own, two spaces deeper than the line that opened it; an empty
//     object or array stays {} or [];
//   - ": " after a key;
//   - strings escaped as encoding/json escapes them with HTML escaping off
//     (see AppendString).
//
// The caller writes the members of each struct in the order of its fields
// and leaves out those its tags omit (omitempty, omitzero); a test beside
// each writer holds it to encoding/json. An Encoder remembers the first
// error it is given (a value its MarshalText or MarshalJSON refuses) and
// keeps writing; the caller checks Err at the end.
//
// It is not a general JSON encoder: it writes no maps, no floats and no
// value it is not told how to write.
package jsonwrite

import (
	"encoding"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An Encoder appends one JSON value to a buffer. The zero Encoder appends
// to a nil buffer at depth 0. It is not safe for concurrent use.
type Encoder struct {
	buf   []byte
	depth int
	first bool // the innermost open object or array has no member yet
	err   error
}

// Reset makes e append to buf[len(buf):] at depth 0, with no error.
func (e *Encoder) Reset(buf []byte) { *e = Encoder{buf: buf} }

// Bytes returns the buffer, with what e appended.
func (e *Encoder) Bytes() []byte { return e.buf }

// Err returns the first error e was given, or nil.
func (e *Encoder) Err() error { return e.err }

// Fail records err, if it is the first error.
func (e *Encoder) Fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// newlines is a newline and the indentation written with it at once;
// deeper lines take more of it.
const newlines = "\n                                                                "

// newline starts a line at the current depth.
func (e *Encoder) newline() {
	n := 1 + 2*e.depth
	if n <= len(newlines) {
		e.buf = append(e.buf, newlines[:n]...)
		return
	}
	e.buf = append(e.buf, newlines...)
	for n -= len(newlines); n > 0; {
		k := min(n, len(newlines)-1)
		e.buf = append(e.buf, newlines[1:1+k]...)
		n -= k
	}
}

// next puts e where the next member or element begins.
func (e *Encoder) next() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
}

// open begins an object or array with c.
func (e *Encoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
	e.first = true
}

// close ends an object or array with c.
func (e *Encoder) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.first = false
	e.buf = append(e.buf, c)
}

// BeginObject begins an object, as a value.
func (e *Encoder) BeginObject() { e.open('{') }

// EndObject ends the innermost object.
func (e *Encoder) EndObject() { e.close('}') }

// BeginArray begins an array, as a value.
func (e *Encoder) BeginArray() { e.open('[') }

// EndArray ends the innermost array.
func (e *Encoder) EndArray() { e.close(']') }

// Key begins a member of the innermost object: its value is the next value
// written. key is written as it is, without escaping: it is to be a name
// of the module's own, as a field's json tag spells it.
func (e *Encoder) Key(key string) {
	e.next()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, key...)
	e.buf = append(e.buf, '"', ':', ' ')
}

// Elem begins an element of the innermost array: its value is the next
// value written.
func (e *Encoder) Elem() { e.next() }

// End ends the value at depth 0 with a newline, as json.Encoder ends
// what it encodes.
func (e *Encoder) End() { e.buf = append(e.buf, '\n') }

// String writes s as a JSON string (see AppendString).
func (e *Encoder) String(s string) { e.buf = AppendString(e.buf, s) }

// Int writes n.
func (e *Encoder) Int(n int) { e.buf = strconv.AppendInt(e.buf, int64(n), 10) }

// Bool writes b.
func (e *Encoder) Bool(b bool) { e.buf = strconv.AppendBool(e.buf, b) }

// Null writes null.
func (e *Encoder) Null() { e.buf = append(e.buf, "null"...) }

// Text writes what a MarshalText method returned, as encoding/json writes
// it: the text as a string; on an error, null, and e records the error.
func (e *Encoder) Text(text []byte, err error) {
	if err != nil {
		e.Fail(err)
		e.Null()
		return
	}
	e.buf = AppendString(e.buf, text)
}

// Raw writes what a MarshalJSON method returned: one JSON value with no
// white space outside its strings, as the module's MarshalJSON methods
// write (null or a string of a spelling), written as it is; on an error,
// null, and e records the error.
func (e *Encoder) Raw(value []byte, err error) {
	if err != nil {
		e.Fail(err)
		e.Null()
		return
	}
	e.buf = append(e.buf, value...)
}

// An enumeration is a value of one of the module's enumerations
// (internal/enum): its String method returns the text its MarshalText
// writes for every value MarshalText writes, and for any other value ""
// (the zero value) or its type and number, "T(n)", as enum.Spellings
// relies on.
type enumeration interface {
	~uint8
	fmt.Stringer
	encoding.TextMarshaler
}

// spelled returns v's spelling, from its String method, or false for a
// value MarshalText may not write.
func spelled[T fmt.Stringer](v T) (string, bool) {
	s := v.String()
	return s, s != "" && !strings.ContainsAny(s, "()")
}

// Enum writes v as encoding/json writes it, by its MarshalText, but from
// its String method: without the allocation of MarshalText's text. A value
// MarshalText may not write is left to MarshalText, and its error.
func Enum[T enumeration](e *Encoder, v T) {
	if s, ok := spelled(v); ok {
		e.String(s)
		return
	}
	e.Text(v.MarshalText())
}

// EnumJSON writes v, an enumeration with a MarshalJSON method (one that
// writes null for its zero value), as encoding/json writes it, by
// MarshalJSON, but from its String method, as Enum does.
func EnumJSON[T interface {
	enumeration
	json.Marshaler
}](e *Encoder, v T) {
	if s, ok := spelled(v); ok {
		e.String(s)
		return
	}
	e.Raw(v.MarshalJSON())
}

// Strings writes ss as an array of strings: null for a nil slice, as
// encoding/json writes one.
func (e *Encoder) Strings(ss []string) {
	if ss == nil {
		e.Null()
		return
	}
	e.BeginArray()
	for _, s := range ss {
		e.Elem()
		e.String(s)
	}
	e.EndArray()
}

// Ints writes ns as an array of numbers: null for a nil slice.
func (e *Encoder) Ints(ns []int) {
	if ns == nil {
		e.Null()
		return
	}
	e.BeginArray()
	for _, n := range ns {
		e.Elem()
		e.Int(n)
	}
	e.EndArray()
}

// Array writes xs as an array, each element by write: null for a nil
// slice, as encoding/json writes one.
func Array[T any](e *Encoder, xs []T, write func(*Encoder, *T)) {
	if xs == nil {
		e.Null()
		return
	}
	e.BeginArray()
	for i := range xs {
		e.Elem()
		write(e, &xs[i])
	}
	e.EndArray()
}

const hex = "0123456789abcdef"

// plain holds the ASCII bytes a JSON string holds as they are: all but the
// control characters, '"' and '\\'.
var plain = func() (p [utf8.RuneSelf]bool) {
	for b := range p {
		p[b] = b >= 0x20 && b != '"' && b != '\\'
	}
	return p
}()

// AppendString appends s as a JSON string, escaped exactly as
// encoding/json escapes a string with HTML escaping off: '"' and '\\' with
// a backslash; \b, \f, \n, \r and \t so; the other control characters
// (U+0000 to U+001F) as \u00XX; U+2028 and U+2029 as \u2028 and \u2029; a
// byte that is not part of valid UTF-8 as \ufffd; everything else as it
// is, <, > and & included.
func AppendString[S ~string | ~[]byte](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight plain bytes at a time: most of a message is.
		for i+8 <= len(s) && !special(load8(s[i:])) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		b := s[i]
		if b < utf8.RuneSelf {
			if plain[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			}
			i++
			start = i
			continue
		}
		c, size := decodeRune(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load8 returns the first eight bytes of s, in little-endian order.
func load8[S ~string | ~[]byte](s S) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special reports whether any of the eight bytes of x is not plain ASCII:
// a control character, '"', '\\' or a byte of a multi-byte rune. Each test
// (b < 0x20 as (b-0x20)&^b having its high bit; b == c as b^c being zero)
// can misreport a byte only above one it rightly reports.
func special(x uint64) bool {
	ctl := (x - 0x20*ones) &^ x
	q := x ^ ('"' * ones)
	quote := (q - ones) &^ q
	bs := x ^ ('\\' * ones)
	backslash := (bs - ones) &^ bs
	return (ctl|quote|backslash|x)&highs != 0
}

// decodeRune decodes the first rune of s, as utf8.DecodeRuneInString does,
// for a string or bytes without converting (and so copying) either.
func decodeRune[S ~string | ~[]byte](s S) (rune, int) {
	n := min(len(s), utf8.UTFMax)
	var b [utf8.UTFMax]byte
	copy(b[:], s[:n])
	return utf8.DecodeRune(b[:n])
}
