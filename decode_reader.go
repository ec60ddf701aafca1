package isotp

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

// reader decodes JSON values from a tokenizer while keeping the path of the
// value being read, so that every error names where it happened. The field
// functions of the case types walk the document through it, each applying
// the limits of its fields.
type reader struct {
	tok  tokenizer
	path []pathElem
	keys map[string]string // keys and names seen before, to share rather than allocate

	// broken says that the last error was in the JSON itself (or reading
	// it), after which the end of the document cannot be found.
	broken bool

	doc  string // what a document is, for errors: "case"
	size int    // the most bytes a document may have

	// bools is a slab of the variables boolean points to, each a distinct
	// element: one allocation for 64 of them (between-session work has one
	// per session).
	bools []bool
}

// A pathElem is an object key or, when index >= 0, an array index.
type pathElem struct {
	key   string
	index int
}

// Keys and names (see intern) up to maxKeyLen bytes are kept, up to maxKeys
// of them, so that a reader allocates each field name once rather than once
// per use.
const (
	maxKeys   = 256
	maxKeyLen = 64
)

var readers = sync.Pool{New: func() any { return new(reader) }}

// getReader returns a pooled reader reading one document from src, of at
// most size bytes, such as a "case"; release it after use.
func getReader(src io.Reader, doc string, size int) *reader {
	r := readers.Get().(*reader)
	r.tok.reset(src, int64(size))
	r.start(doc, size)
	return r
}

// start readies r to read a document.
func (r *reader) start(doc string, size int) {
	r.path, r.broken = r.path[:0], false
	r.doc, r.size = doc, size
}

func (r *reader) release() {
	r.tok.src = nil
	if cap(r.tok.scratch) > maxScratch {
		r.tok.scratch = nil
	}
	readers.Put(r)
}

// pathString writes the path as in attendance.sessions[3].outcome. Path
// elements are plain keys, indexes ("[3]") and other keys quoted in brackets
// (see keyElem).
func (r *reader) pathString() string {
	var b strings.Builder
	for _, p := range r.path {
		switch {
		case p.index >= 0:
			b.WriteString("[" + strconv.Itoa(p.index) + "]")
		case len(p.key) > maxShownKey || !plainKey(p.key):
			b.WriteString(keyElem(p.key))
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p.key)
		}
	}
	return b.String()
}

// maxShownKey is the longest object key a path shows.
const maxShownKey = 64

// keyElem is the path element for an object key: the key itself when it is
// a plain name, else the key quoted in brackets: ["odd key"]. A key longer
// than maxShownKey is described, not shown: [a key of 80 bytes].
func keyElem(k string) string {
	switch {
	case len(k) > maxShownKey:
		return "[a key of " + strconv.Itoa(len(k)) + " bytes]"
	case plainKey(k):
		return k
	}
	return "[" + strconv.Quote(k) + "]"
}

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for _, c := range k {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (r *reader) errorf(format string, args ...any) error {
	return &InputError{Path: r.pathString(), Msg: fmt.Sprintf(format, args...)}
}

func (r *reader) unknownField() error { return r.errorf("unknown field") }

// tooLarge returns an *InputError matching ErrTooLarge at the current path.
func (r *reader) tooLarge(format string, args ...any) error {
	return &InputError{Path: r.pathString(), Msg: fmt.Sprintf(format, args...), Err: ErrTooLarge}
}

// tooMany is the error for a list with more than max items, at the first
// item past it.
func (r *reader) tooMany(max int, items string) error {
	return r.tooLarge("more than %d %s", max, items)
}

// syntax turns a tokenizer error into an *InputError at the current path.
// Every error but a document over its size leaves r broken.
func (r *reader) syntax(err error) error {
	if err == errTooLarge {
		return r.tooLarge("the %s is longer than %d bytes", r.doc, r.size)
	}
	r.broken = true
	var se *syntaxError
	switch {
	case errors.As(err, &se):
		return r.errorf("invalid JSON at byte %d: %s", se.off, se.msg)
	case err == errEnd || errors.Is(err, io.ErrUnexpectedEOF):
		return r.errorf("unexpected end of input")
	}
	return r.errorf("%v", err)
}

// next reads the token that starts the next value.
func (r *reader) next() (token, error) {
	t, err := r.tok.value()
	if err != nil {
		return token{}, r.syntax(err)
	}
	return t, nil
}

// skip consumes the rest of a document whose reading stopped at an error
// that left r not broken, reading past the document's size if need be.
// It returns io.EOF if the input ends first.
func (r *reader) skip() error {
	r.tok.setLimit(noLimit)
	r.path = r.path[:0]
	if err := r.tok.skip(); err != nil {
		if err == io.EOF {
			return err
		}
		return r.syntax(err)
	}
	return nil
}

// intern returns b as a string, shared with earlier uses of the same text.
// The table holds at most maxKeys texts and starts afresh when full, so
// that it follows the texts in use.
func (r *reader) intern(b []byte) string {
	if s, ok := r.keys[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(b) <= maxKeyLen {
		if r.keys == nil {
			r.keys = make(map[string]string)
		} else if len(r.keys) >= maxKeys {
			clear(r.keys)
		}
		r.keys[s] = s
	}
	return s
}

// object reads an object whose opening token t has been read, calling field
// for each member with its first token. A null object is left to the caller
// (field functions test for null before calling object).
func (r *reader) object(t token, want string, field func(r *reader, key string, t token) error) error {
	if t.kind != tokObject {
		return r.errorf("want %s, got %s", want, describe(t))
	}
	var seen keySet
	n := 0
	for ; r.tok.more(); n++ {
		if n > 0 {
			if err := r.tok.comma('}'); err != nil {
				return r.syntax(err)
			}
		}
		kb, err := r.tok.key(n == 0)
		if err != nil {
			return r.syntax(err)
		}
		if len(kb) > MaxNameLen {
			return r.tooLarge("a key longer than %d bytes", MaxNameLen)
		}
		key := r.intern(kb)
		r.path = append(r.path, pathElem{key: key, index: -1})
		if !seen.add(key) {
			return r.errorf("duplicate key")
		}
		if err := r.tok.colon(); err != nil {
			return r.syntax(err)
		}
		vt, err := r.next()
		if err != nil {
			return err
		}
		if err := field(r, key, vt); err != nil {
			return err
		}
		r.path = r.path[:len(r.path)-1]
	}
	if err := r.tok.close('}', n == 0); err != nil {
		return r.syntax(err)
	}
	return nil
}

// A keySet holds the keys of one object, to find duplicates: a short list,
// then a map once the object has many members.
type keySet struct {
	few  [16]string
	n    int
	many map[string]struct{}
}

// add adds key and reports whether it was new.
func (s *keySet) add(key string) bool {
	if s.n < len(s.few) {
		for _, k := range s.few[:s.n] {
			if k == key {
				return false
			}
		}
		s.few[s.n] = key
		s.n++
		return true
	}
	if s.many == nil {
		s.many = make(map[string]struct{}, 2*len(s.few))
		for _, k := range s.few {
			s.many[k] = struct{}{}
		}
	}
	if _, dup := s.many[key]; dup {
		return false
	}
	s.many[key] = struct{}{}
	return true
}

// array reads an array whose opening token t has been read, of at most max
// items (for an error past it: "more than 100 offences"); null leaves the
// slice nil (unknown).
func (r *reader) array(t token, max int, items string, elem func(i int, t token) error) error {
	if t.kind == tokNull {
		return nil
	}
	if t.kind != tokArray {
		return r.errorf("want an array, got %s", describe(t))
	}
	i := 0
	for ; r.tok.more(); i++ {
		r.path = append(r.path, pathElem{index: i})
		if i == max {
			return r.tooMany(max, items)
		}
		if i > 0 {
			if err := r.tok.comma(']'); err != nil {
				return r.syntax(err)
			}
		}
		et, err := r.next()
		if err != nil {
			return err
		}
		if err := elem(i, et); err != nil {
			return err
		}
		r.path = r.path[:len(r.path)-1]
	}
	if err := r.tok.close(']', i == 0); err != nil {
		return r.syntax(err)
	}
	return nil
}

// str reads a non-empty string of at most max bytes; null reads as "".
func (r *reader) str(t token, max int) (string, error) {
	switch t.kind {
	case tokNull:
		return "", nil
	case tokString:
		switch {
		case len(t.lit) == 0:
			return "", r.errorf("want a non-empty string or null, got \"\"")
		case len(t.lit) > max:
			return "", r.tooLarge("longer than %d bytes", max)
		}
		return string(t.lit), nil
	}
	return "", r.errorf("want a string, got %s", describe(t))
}

// name is str for a string that recurs from case to case (an outcome, an
// offence), shared rather than allocated once it has been seen.
func (r *reader) name(t token, max int) (string, error) {
	if t.kind == tokString && len(t.lit) > 0 && len(t.lit) <= max {
		return r.intern(t.lit), nil
	}
	return r.str(t, max)
}

func (r *reader) enum(t token, v interface{ UnmarshalText([]byte) error }) error {
	switch t.kind {
	case tokNull:
		return nil
	case tokString:
		if err := v.UnmarshalText(t.lit); err != nil {
			return r.errorf("%v", err)
		}
		return nil
	}
	return r.errorf("want a string, got %s", describe(t))
}

func (r *reader) date(t token) (Date, error) {
	switch t.kind {
	case tokNull:
		return Date{}, nil
	case tokString:
		d, err := parseDateText(t.lit)
		if err != nil {
			return Date{}, r.errorf("%v", err)
		}
		return d, nil
	}
	return Date{}, r.errorf("want a date string YYYY-MM-DD, got %s", describe(t))
}

// dates reads an array of at most max dates: nil for null (not known),
// empty for [].
func (r *reader) dates(t token, max int, items string) ([]Date, error) {
	return gather(r, t, max, items, func(t token) (Date, error) {
		d, err := r.date(t)
		if err == nil && d.IsZero() {
			err = r.errorf("want a date string YYYY-MM-DD, got null")
		}
		return d, err
	})
}

// gather reads an array of at most max items, each with elem, into a
// slice of exactly its length: nil for null (not known), empty for [] (known
// to be none).
func gather[T any](r *reader, t token, max int, items string, elem func(t token) (T, error)) ([]T, error) {
	var buf [64]T
	got := buf[:0]
	err := r.array(t, max, items, func(_ int, t token) error {
		v, err := elem(t)
		got = append(got, v)
		return err
	})
	if err != nil || t.kind == tokNull {
		return nil, err
	}
	return append(make([]T, 0, len(got)), got...), nil
}

// integer reads a whole number of at least min; null reads as 0.
func (r *reader) integer(t token, min int) (int, error) {
	switch t.kind {
	case tokNull:
		return 0, nil
	case tokNumber:
		if len(t.lit) > maxNumberLen {
			return 0, r.tooLarge("a number longer than %d characters", maxNumberLen)
		}
		n, err := strconv.Atoi(string(t.lit))
		if err != nil {
			return 0, r.errorf("want a whole number, got %s", numberShape(t.lit))
		}
		if n < min {
			return 0, r.errorf("want a whole number of at least %d, got %s", min, belowShape(n))
		}
		return n, nil
	}
	return 0, r.errorf("want a whole number, got %s", describe(t))
}

// number reads a finite number; null reads as 0.
func (r *reader) number(t token) (float64, error) {
	switch t.kind {
	case tokNull:
		return 0, nil
	case tokNumber:
		if len(t.lit) > maxNumberLen {
			return 0, r.tooLarge("a number longer than %d characters", maxNumberLen)
		}
		f, err := strconv.ParseFloat(string(t.lit), 64)
		if err != nil || math.IsInf(f, 0) {
			return 0, r.errorf("want a finite number, got one too large to hold")
		}
		return f, nil
	}
	return 0, r.errorf("want a number, got %s", describe(t))
}

// boolean reads true or false into a new variable; null reads as nil.
func (r *reader) boolean(t token) (*bool, error) {
	switch t.kind {
	case tokNull:
		return nil, nil
	case tokTrue, tokFalse:
		if len(r.bools) == cap(r.bools) {
			r.bools = make([]bool, 0, 64)
		}
		r.bools = append(r.bools, t.kind == tokTrue)
		return &r.bools[len(r.bools)-1], nil
	}
	return nil, r.errorf("want true, false or null, got %s", describe(t))
}

// describe names the JSON type of a token for an error message, without
// quoting string contents (they may be personal data).
func describe(t token) string {
	switch t.kind {
	case tokNull:
		return "null"
	case tokTrue, tokFalse:
		return "a boolean"
	case tokNumber:
		return "a number"
	case tokString:
		return "a string"
	case tokObject:
		return "an object"
	}
	return "an array"
}
