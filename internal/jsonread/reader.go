// Package jsonread reads JSON documents of a fixed shape, such as a case
// file, value by value, holding each to limits as its tokens arrive and
// naming the JSON path of every problem. It knows no document format: its
// callers walk a document with Object, Array and Gather, one field function
// per kind of object, and read each value with String, Name, Int, Float,
// Bool or Text, applying the limits of that field.
//
// The grammar is RFC 8259's, read exactly as encoding/json reads it
// (strings with every escape, invalid UTF-8 replaced by U+FFFD, numbers
// without leading zeros or '+'), with duplicate keys refused. A Reader
// descends only where its caller's format has an object or an array, so
// deep nesting is refused at the first value of the wrong type; it never
// reads more than a document's size and one read of 8 KB, and holds no more
// at a time than that read and the longest string a value may have.
//
// Errors are *Error values naming the path of the value being read
// (attendance.sessions[3].outcome). They never quote a value of the
// document, which may be personal data: they name its JSON type, its shape
// or its length, and show object keys in paths only up to 64 bytes.
package jsonread

import (
	"encoding"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

// A Doc describes the documents a Reader reads: what one is called in
// errors and the limits it is held to.
type Doc struct {
	Name  string // what a document is, for errors: "case"
	Bytes int    // the most bytes a document may have

	// String is the longest string, in bytes, that any value of the
	// document may have: the Reader holds no more than this and one byte of
	// a longer one, which every field is to refuse by its length. Number is
	// the longest number, in characters (less than 8192), and Key the
	// longest object key, in bytes (at most String: a larger Key counts as
	// String, since a longer key is cut like any string).
	String, Number, Key int
}

// An Error is a problem in a document at a JSON path.
type Error struct {
	Path     string // of the offending value; "" for the whole document
	Msg      string // what is wrong, without quoting the value
	TooLarge bool   // the document is over one of its limits
	// Broken says that the JSON itself is broken, or could not be read, so
	// that the end of the document cannot be found (see Reader.Broken).
	Broken bool
	// Err is the error reading the input, if that is what went wrong.
	Err error
}

// Error returns the path and the message, or the message alone for the
// whole document.
func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// A Kind is the kind of JSON value a token starts.
type Kind uint8

const (
	Null   Kind = iota // the zero Token is null
	True               // true
	False              // false
	Number             // Bytes is the number as written
	String             // Bytes is the decoded string
	Object             // '{': the members follow
	Array              // '[': the elements follow
)

// A Token is the start of one JSON value: a whole scalar, or the opening
// delimiter of an object or array.
type Token struct {
	Kind Kind
	lit  []byte
}

// Bytes returns the text of a string (decoded) or number (as written),
// valid until the next read. A string or number longer than the Doc allows
// may have been cut after one byte or character more than that.
func (t Token) Bytes() []byte { return t.lit }

// Describe names the JSON type of a token for an error message, without
// quoting string contents (they may be personal data): "a string", "null".
func (t Token) Describe() string {
	switch t.Kind {
	case Null:
		return "null"
	case True, False:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Object:
		return "an object"
	}
	return "an array"
}

// A Reader reads JSON documents from a tokenizer while keeping the path of
// the value being read, so that every error names where it happened. A
// Reader is not safe for concurrent use. The zero Reader is ready for
// Stream.
type Reader struct {
	tok  tokenizer
	path []pathElem
	keys map[string]string // keys and names seen before, to share rather than allocate

	// broken says that the last error was in the JSON itself (or reading
	// it), after which the end of the document cannot be found.
	broken bool
	// stream says that the input is a stream of documents, each held to
	// the size limit from its first byte.
	stream bool

	doc Doc

	// bools is a slab of the variables Bool points to, each a distinct
	// element: one allocation for 64 of them (a list of objects may have one
	// each).
	bools []bool

	// Mem, when set, is the caller's memory for the documents it reads,
	// reused from one to the next; the Reader does not touch it.
	Mem any
}

// A pathElem is an object key or, when index >= 0, an array index.
type pathElem struct {
	key   string
	index int
}

// Keys and names (see intern) up to maxKeyLen bytes are kept, up to maxKeys
// of them, so that a Reader allocates each field name once rather than once
// per use.
const (
	maxKeys   = 256
	maxKeyLen = 64
)

var readers = sync.Pool{New: func() any { return new(Reader) }}

// Get returns a pooled Reader reading one document described by d from
// src; call Release after use.
func Get(src io.Reader, d Doc) *Reader {
	r := readers.Get().(*Reader)
	r.Reset(src, d)
	return r
}

// Reset readies r to read one document described by d from src, as a
// Reader from Get does.
func (r *Reader) Reset(src io.Reader, d Doc) {
	r.tok.reset(src, int64(d.Bytes), d.String, d.Number)
	r.start(d)
	r.stream = false
}

// Release returns a Reader from Get to the pool. It must not be used after.
func (r *Reader) Release() {
	r.Idle()
	readers.Put(r)
}

// Idle lets go of r's source, its Mem and a buffer grown past its usual
// size by a long string, between documents.
func (r *Reader) Idle() {
	r.Mem = nil
	r.tok.src = nil
	if cap(r.tok.scratch) > maxScratch {
		r.tok.scratch = nil
	}
}

// Stream readies r to read a stream of documents described by d from src,
// such as a JSON Lines file: JSON values one after another, separated by
// white space or not at all, each held to d's limits from its first byte.
func (r *Reader) Stream(src io.Reader, d Doc) {
	r.tok.reset(src, noLimit, d.String, d.Number)
	r.start(d)
	r.stream = true
}

// start readies r to read a document.
func (r *Reader) start(d Doc) {
	r.path, r.broken = r.path[:0], false
	d.Key = min(d.Key, d.String)
	r.doc = d
}

// Document reads the token that starts the next document, or returns
// io.EOF if nothing but white space is left.
func (r *Reader) Document() (Token, error) {
	if r.stream {
		r.tok.setLimit(noLimit) // white space between documents is not theirs
		if _, ok := r.tok.peek(); ok {
			r.tok.setLimit(r.tok.offset() + int64(r.doc.Bytes))
		}
		r.start(r.doc)
	}
	if _, ok := r.tok.peek(); !ok {
		if err := r.tok.stopped(); err != io.EOF {
			return Token{}, r.syntax(err)
		}
		return Token{}, io.EOF
	}
	return r.next()
}

// End reports whether nothing but white space follows the document read.
func (r *Reader) End() (bool, error) {
	end, err := r.tok.atEnd()
	if err != nil {
		return false, r.syntax(err)
	}
	return end, nil
}

// Broken reports whether the last error was in the JSON itself, or reading
// it, so that the end of the document, and the next one of a stream,
// cannot be found.
func (r *Reader) Broken() bool { return r.broken }

// Offset returns the input offset just after the last value read.
func (r *Reader) Offset() int64 { return r.tok.offset() }

// Skip consumes the rest of a document of a stream whose reading stopped at
// an error that left r not Broken, holding none of it and reading past the
// document's size if need be. It returns io.EOF if the input ends first.
func (r *Reader) Skip() error {
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

// Path returns the path of the value being read, as in
// attendance.sessions[3].outcome. Path elements are plain keys, indexes
// ("[3]") and other keys quoted in brackets (see keyElem).
func (r *Reader) Path() string {
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

// KeyPath returns path with the object key appended as Path words it: a
// plain name after a dot, another key quoted in brackets, a key longer than
// 64 bytes described by its length.
func KeyPath(path, key string) string {
	if path != "" && len(key) <= maxShownKey && plainKey(key) {
		return path + "." + key
	}
	return path + keyElem(key)
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

// Errorf returns an *Error at the path of the value being read.
func (r *Reader) Errorf(format string, args ...any) error {
	return &Error{Path: r.Path(), Msg: fmt.Sprintf(format, args...)}
}

// UnknownField returns the error for an object key the format does not
// have, at its path.
func (r *Reader) UnknownField() error { return r.Errorf("unknown field") }

// TooLarge returns an *Error over a limit at the path of the value being
// read.
func (r *Reader) TooLarge(format string, args ...any) error {
	return &Error{Path: r.Path(), Msg: fmt.Sprintf(format, args...), TooLarge: true}
}

// TooMany is the error for a list with more than max items, at the first
// item past it: "more than 100 offences".
func (r *Reader) TooMany(max int, items string) error {
	return r.TooLarge("more than %d %s", max, items)
}

// syntax turns a tokenizer error into an *Error at the current path.
// Every error but a document over its size leaves r broken.
func (r *Reader) syntax(err error) error {
	if err == errTooLarge {
		return r.TooLarge("the %s is longer than %d bytes", r.doc.Name, r.doc.Bytes)
	}
	r.broken = true
	e := &Error{Path: r.Path(), Msg: err.Error(), Broken: true}
	var se *syntaxError
	switch {
	case errors.As(err, &se):
		e.Msg = "invalid JSON at byte " + strconv.FormatInt(se.off, 10) + ": " + se.msg
	case err == errEnd:
		e.Msg = "unexpected end of input"
	case errors.Is(err, io.ErrUnexpectedEOF):
		e.Msg, e.Err = "unexpected end of input", err
	default:
		e.Err = err // reading the input failed
	}
	return e
}

// next reads the token that starts the next value.
func (r *Reader) next() (Token, error) {
	t, err := r.tok.value()
	if err != nil {
		return Token{}, r.syntax(err)
	}
	return t, nil
}

// intern returns b as a string, shared with earlier uses of the same text.
// The table holds at most maxKeys texts and starts afresh when full, so
// that it follows the texts in use.
func (r *Reader) intern(b []byte) string {
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

// Object reads an object whose opening token t has been read, calling field
// for each member with its key and its first token; want names what is
// wanted for an error when t is not an object ("a case object"). A null
// object is left to the caller: test for null before calling Object. Keys
// longer than the Doc's Key limit and duplicate keys are errors.
func (r *Reader) Object(t Token, want string, field func(r *Reader, key string, t Token) error) error {
	if t.Kind != Object {
		return r.Errorf("want %s, got %s", want, t.Describe())
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
		if len(kb) > r.doc.Key {
			return r.TooLarge("a key longer than %d bytes", r.doc.Key)
		}
		key := r.intern(kb)
		r.path = append(r.path, pathElem{key: key, index: -1})
		if !seen.add(key) {
			return r.Errorf("duplicate key")
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

// Array reads an array whose opening token t has been read, of at most max
// items (items names them for the error past it: "more than 100
// offences"), calling elem for each with its index and first token. Null
// is left alone: nothing is called, and it is for the caller to keep as not
// known.
func (r *Reader) Array(t Token, max int, items string, elem func(i int, t Token) error) error {
	if t.Kind == Null {
		return nil
	}
	if t.Kind != Array {
		return r.Errorf("want an array, got %s", t.Describe())
	}
	i := 0
	for ; r.tok.more(); i++ {
		r.path = append(r.path, pathElem{index: i})
		if i == max {
			return r.TooMany(max, items)
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

// Gather reads an array of at most max items, each with elem, into a slice
// of exactly its length: nil for null (not known), empty for [] (known to
// be none).
func Gather[T any](r *Reader, t Token, max int, items string, elem func(t Token) (T, error)) ([]T, error) {
	var buf [64]T
	got := buf[:0]
	err := r.Array(t, max, items, func(_ int, t Token) error {
		v, err := elem(t)
		got = append(got, v)
		return err
	})
	if err != nil || t.Kind == Null {
		return nil, err
	}
	return append(make([]T, 0, len(got)), got...), nil
}

// GatherInto is Gather into the memory of *into, which it keeps, grown,
// for the next: the slice it returns is overwritten by the next GatherInto
// into the same. A nil into is Gather.
func GatherInto[T any](into *[]T, r *Reader, t Token, max int, items string, elem func(t Token) (T, error)) ([]T, error) {
	if into == nil {
		return Gather(r, t, max, items, elem)
	}
	got := (*into)[:0]
	err := r.Array(t, max, items, func(_ int, t Token) error {
		v, err := elem(t)
		got = append(got, v)
		return err
	})
	*into = got
	switch {
	case err != nil || t.Kind == Null:
		return nil, err
	case got == nil:
		return []T{}, nil // [] is known to be none
	}
	return got[:len(got):len(got)], nil
}

// String reads a non-empty string of at most max bytes; null reads as "".
func (r *Reader) String(t Token, max int) (string, error) {
	switch t.Kind {
	case Null:
		return "", nil
	case String:
		switch {
		case len(t.lit) == 0:
			return "", r.Errorf("want a non-empty string or null, got \"\"")
		case len(t.lit) > max:
			return "", r.TooLarge("longer than %d bytes", max)
		}
		return string(t.lit), nil
	}
	return "", r.Errorf("want a string, got %s", t.Describe())
}

// Name is String for a string that recurs from document to document (an
// outcome, an offence), shared rather than allocated once it has been
// seen.
func (r *Reader) Name(t Token, max int) (string, error) {
	if t.Kind == String && len(t.lit) > 0 && len(t.lit) <= max {
		return r.intern(t.lit), nil
	}
	return r.String(t, max)
}

// Text reads a string into v with its UnmarshalText, whose error is the
// message at the value's path; null leaves v alone.
func (r *Reader) Text(t Token, v encoding.TextUnmarshaler) error {
	switch t.Kind {
	case Null:
		return nil
	case String:
		if err := v.UnmarshalText(t.lit); err != nil {
			return r.Errorf("%v", err)
		}
		return nil
	}
	return r.Errorf("want a string, got %s", t.Describe())
}

// Int reads a whole number of at least min; null reads as 0.
func (r *Reader) Int(t Token, min int) (int, error) {
	switch t.Kind {
	case Null:
		return 0, nil
	case Number:
		if len(t.lit) > r.doc.Number {
			return 0, r.TooLarge("a number longer than %d characters", r.doc.Number)
		}
		n, err := strconv.Atoi(string(t.lit))
		if err != nil {
			return 0, r.Errorf("want a whole number, got %s", numberShape(t.lit))
		}
		if n < min {
			return 0, r.Errorf("want a whole number of at least %d, got %s", min, belowShape(n))
		}
		return n, nil
	}
	return 0, r.Errorf("want a whole number, got %s", t.Describe())
}

// Float reads a finite number; null reads as 0.
func (r *Reader) Float(t Token) (float64, error) {
	switch t.Kind {
	case Null:
		return 0, nil
	case Number:
		if len(t.lit) > r.doc.Number {
			return 0, r.TooLarge("a number longer than %d characters", r.doc.Number)
		}
		f, err := strconv.ParseFloat(string(t.lit), 64)
		if err != nil || math.IsInf(f, 0) {
			return 0, r.Errorf("want a finite number, got one too large to hold")
		}
		return f, nil
	}
	return 0, r.Errorf("want a number, got %s", t.Describe())
}

// Bool reads true or false into a new variable; null reads as nil.
func (r *Reader) Bool(t Token) (*bool, error) {
	switch t.Kind {
	case Null:
		return nil, nil
	case True, False:
		if len(r.bools) == cap(r.bools) {
			r.bools = make([]bool, 0, 64)
		}
		r.bools = append(r.bools, t.Kind == True)
		return &r.bools[len(r.bools)-1], nil
	}
	return nil, r.Errorf("want true, false or null, got %s", t.Describe())
}

// numberShape describes a number that is not a whole number an int holds.
func numberShape(lit []byte) string {
	switch {
	case strings.ContainsRune(string(lit), '.'):
		return "a number with a decimal point"
	case strings.ContainsAny(string(lit), "eE"):
		return "a number with an exponent"
	}
	return "a number too large to hold"
}

// belowShape describes a whole number below the least a field takes.
func belowShape(n int) string {
	if n < 0 {
		return "a negative number"
	}
	return strconv.Itoa(n)
}
