package jsonread

import (
	"errors"
	"io"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is a small JSON tokenizer. It reads the grammar of RFC 8259
// exactly as encoding/json does (strings with every escape, invalid UTF-8
// replaced by U+FFFD, numbers without leading zeros or '+', the three
// literals), but it has no notion of nesting: the Reader's caller walks
// objects and arrays itself, descending only where its format has one, so
// deep nesting is refused at the first value of the wrong type and can never
// grow the stack.

// readSize is the size of the tokenizer's input buffer: a typical document
// (a case, a line of a caseload) fits in one read.
const readSize = 8 << 10

// maxScratch is the largest scratch buffer a pooled Reader keeps: one that
// grew for a longer string is let go.
const maxScratch = 64 << 10

// A tokenizer reads JSON tokens from src through its own buffer, up to an
// input offset it may not read past (limit). Errors are *syntaxError,
// errEnd (the input ended inside a value), errTooLarge (the input goes on
// past limit) or the error src returned.
//
// Strings and numbers too long for any field are cut where they would grow
// past the buffer: a token holds the first maxString+1 bytes of a longer
// string and the first buffer's worth (at least maxNumber+1 characters) of
// a longer number, unless the value lies whole in buf, and the rest of the
// value is left unread, so that the Reader refuses the value by its length
// without the tokenizer holding more than buf of it.
type tokenizer struct {
	src      io.Reader
	buf      []byte // buf[pos:end] is read and not yet consumed
	pos, end int
	base     int64  // input offset of buf[0]
	err      error  // what ended src: io.EOF or a read error
	scratch  []byte // strings and numbers that do not lie whole in buf

	// limit is the input offset the tokenizer may not read past; held
	// bytes of buf, after end, were read from src beyond it.
	limit int64
	held  int

	// depth counts the objects and arrays begun and not yet ended, and bit
	// i of arrays says whether the i-th of them from the innermost is an
	// array, for skip: the case decoders begin a value only where the case
	// format has one, so that depth stays far below 64. inString says that
	// reading stopped inside a string (cut, or at an error).
	depth    int
	arrays   uint64
	inString bool
	// cut says that a string or number has been cut since reset.
	cut bool

	// maxString and maxNumber are the longest string, in bytes, and number,
	// in characters, that any value may have (see Doc).
	maxString, maxNumber int
}

// noLimit is the limit of a tokenizer that may read all its input.
const noLimit = math.MaxInt64

// errEnd reports input that ends inside a value.
var errEnd = errors.New("unexpected end of input")

// errTooLarge reports input that goes on past the tokenizer's limit.
var errTooLarge = errors.New("input past the limit")

// A syntaxError is input that is not JSON, at a byte offset of the input.
type syntaxError struct {
	off int64
	msg string
}

func (e *syntaxError) Error() string {
	return "invalid JSON at byte " + strconv.FormatInt(e.off, 10) + ": " + e.msg
}

// reset makes t read src from its start, not past the offset limit, cutting
// strings and numbers longer than maxString and maxNumber.
func (t *tokenizer) reset(src io.Reader, limit int64, maxString, maxNumber int) {
	if t.buf == nil {
		t.buf = make([]byte, readSize)
	}
	t.src, t.pos, t.end, t.base, t.err = src, 0, 0, 0, nil
	t.limit, t.held, t.depth, t.arrays, t.inString, t.cut = limit, 0, 0, 0, false, false
	t.maxString, t.maxNumber = maxString, maxNumber
}

// setLimit moves the offset t may not read past, to let t read bytes it
// holds back or to hold back bytes it has read.
func (t *tokenizer) setLimit(limit int64) {
	t.limit = limit
	t.end += t.held
	t.held = 0
	t.clip()
}

// clip holds back the bytes of buf past the limit.
func (t *tokenizer) clip() {
	if over := t.base + int64(t.end) - t.limit; over > 0 {
		t.held = int(over)
		t.end -= t.held
	}
}

// offset is the input offset of the next unconsumed byte.
func (t *tokenizer) offset() int64 { return t.base + int64(t.pos) }

// fail returns a syntax error at buf[at].
func (t *tokenizer) fail(at int, msg string) error {
	return &syntaxError{off: t.base + int64(at), msg: msg}
}

// stopped returns why the input has no more bytes to give: io.EOF,
// errTooLarge or a read error.
func (t *tokenizer) stopped() error {
	if t.held > 0 {
		return errTooLarge
	}
	return t.err
}

// ended returns the error for input that ends where more was wanted.
func (t *tokenizer) ended() error {
	if err := t.stopped(); err != io.EOF {
		return err
	}
	return errEnd
}

// fill moves the unconsumed bytes to the front of buf and reads more after
// them, up to the limit. It reports whether it read any.
func (t *tokenizer) fill() bool {
	if t.held > 0 || t.err != nil {
		return false
	}
	if t.pos > 0 {
		t.end = copy(t.buf, t.buf[t.pos:t.end])
		t.base += int64(t.pos)
		t.pos = 0
	}
	for range 100 {
		n, err := t.src.Read(t.buf[t.end:])
		if err != nil {
			t.err = err
		}
		if n > 0 || err != nil {
			old := t.end
			t.end += n
			t.clip()
			return t.end > old
		}
	}
	t.err = io.ErrNoProgress
	return false
}

// ensure reads until n bytes are unconsumed or the input ends.
func (t *tokenizer) ensure(n int) {
	for t.end-t.pos < n && t.fill() {
	}
}

// peek skips white space and returns the next byte without consuming it;
// ok is false when the input has ended (or failed: see ended).
func (t *tokenizer) peek() (c byte, ok bool) {
	for {
		for t.pos < t.end {
			c := t.buf[t.pos]
			if c > ' ' || c != ' ' && c != '\n' && c != '\r' && c != '\t' {
				return c, true
			}
			t.pos++
		}
		if !t.fill() {
			return 0, false
		}
	}
}

// more reports whether an object or array whose opening delimiter has been
// read holds another member or element: the next byte is neither a closing
// delimiter nor the end of the input (both are for close to judge).
func (t *tokenizer) more() bool {
	c, ok := t.peek()
	return ok && c != '}' && c != ']'
}

// comma consumes the ',' before the next member or element of an object or
// array closed by the delimiter end.
func (t *tokenizer) comma(end byte) error {
	c, ok := t.peek()
	switch {
	case !ok:
		return t.ended()
	case c == ',':
		t.pos++
		return nil
	case end == '}':
		return t.fail(t.pos, "want ',' or '}' after an object member, got "+quoteChar(c))
	}
	return t.fail(t.pos, "want ',' or ']' after an array element, got "+quoteChar(c))
}

// close consumes the delimiter end that closes an object or array; empty
// says whether it had no members or elements.
func (t *tokenizer) close(end byte, empty bool) error {
	c, ok := t.peek()
	switch {
	case !ok:
		return t.ended()
	case c == end:
		t.pos++
		t.depth--
		t.arrays >>= 1
		return nil
	case end == '}' && empty:
		return t.fail(t.pos, "want a string key or '}', got "+quoteChar(c))
	case end == ']' && empty:
		return t.fail(t.pos, "want a value or ']', got "+quoteChar(c))
	}
	return t.comma(end) // c is the other closing delimiter: not a comma
}

// key reads an object key; first says whether it is the object's first.
func (t *tokenizer) key(first bool) ([]byte, error) {
	c, ok := t.peek()
	switch {
	case !ok:
		return nil, t.ended()
	case c != '"' && first:
		return nil, t.fail(t.pos, "want a string key or '}', got "+quoteChar(c))
	case c != '"':
		return nil, t.fail(t.pos, "want a string key, got "+quoteChar(c))
	}
	t.pos++
	return t.str()
}

// colon consumes the ':' after an object key.
func (t *tokenizer) colon() error {
	c, ok := t.peek()
	switch {
	case !ok:
		return t.ended()
	case c != ':':
		return t.fail(t.pos, "want ':' after an object key, got "+quoteChar(c))
	}
	t.pos++
	return nil
}

// value reads the token that starts the next value.
func (t *tokenizer) value() (Token, error) {
	c, ok := t.peek()
	if !ok {
		return Token{}, t.ended()
	}
	switch c {
	case '{':
		t.pos++
		t.depth++
		t.arrays <<= 1
		return Token{Kind: Object}, nil
	case '[':
		t.pos++
		t.depth++
		t.arrays = t.arrays<<1 | 1
		return Token{Kind: Array}, nil
	case '"':
		t.pos++
		s, err := t.str()
		return Token{Kind: String, lit: s}, err
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		n, err := t.number()
		return Token{Kind: Number, lit: n}, err
	case 't':
		return Token{Kind: True}, t.literal("true")
	case 'f':
		return Token{Kind: False}, t.literal("false")
	case 'n':
		return Token{Kind: Null}, t.literal("null")
	}
	return Token{}, t.fail(t.pos, "want a value, got "+quoteChar(c))
}

// atEnd reports whether nothing but white space is left.
func (t *tokenizer) atEnd() (bool, error) {
	if _, ok := t.peek(); ok {
		return false, nil
	}
	if err := t.stopped(); err != io.EOF {
		return false, err
	}
	return true, nil
}

// maxSkipDepth is how deeply skip follows nesting: far deeper than any
// case, and little memory.
const maxSkipDepth = 10000

// skip consumes the rest of a value whose reading stopped part way: the
// rest of the string reading stopped in, if inString, then everything up to
// the closing delimiters of the objects and arrays still open, following
// the nesting of the values on the way. It checks strings and the nesting,
// not the grammar between them. At the end of the input it returns io.EOF.
func (t *tokenizer) skip() error {
	if t.inString {
		if err := t.skipString(); err != nil {
			return err
		}
	}
	open := make([]byte, t.depth, t.depth+8) // the closing delimiters, the innermost last
	for i := range open {
		open[i] = '}'
		if t.arrays>>(t.depth-1-i)&1 == 1 {
			open[i] = ']'
		}
	}
	t.depth, t.arrays = 0, 0
	for len(open) > 0 {
		if t.pos == t.end && !t.fill() {
			return t.stopped()
		}
		c := t.buf[t.pos]
		t.pos++
		switch c {
		case '"':
			t.inString = true
			if err := t.skipString(); err != nil {
				return err
			}
		case '{', '[':
			if len(open) == maxSkipDepth {
				return t.fail(t.pos-1, "nested more than "+strconv.Itoa(maxSkipDepth)+" levels deep")
			}
			open = append(open, c+2) // '}' and ']' follow '{' and '[' by two
		case '}', ']':
			if want := open[len(open)-1]; c != want {
				return t.fail(t.pos-1, "want "+quoteChar(want)+", got "+quoteChar(c))
			}
			open = open[:len(open)-1]
		}
	}
	return nil
}

// skipString consumes the rest of a string, escapes and all, without
// keeping it.
func (t *tokenizer) skipString() error {
	for {
		for t.pos < t.end {
			switch c := t.buf[t.pos]; {
			case c == '"':
				t.pos++
				t.inString = false
				return nil
			case c == '\\':
				t.ensure(2)
				if t.end-t.pos < 2 {
					return t.stopped()
				}
				t.pos += 2
			case c < ' ':
				return t.fail(t.pos, "control character "+quoteChar(c)+" in a string: want it escaped")
			default:
				t.pos++
			}
		}
		if !t.fill() {
			return t.stopped()
		}
	}
}

func (t *tokenizer) literal(word string) error {
	t.ensure(len(word))
	for i := 0; i < len(word); i++ {
		switch {
		case t.pos+i == t.end:
			return t.ended()
		case t.buf[t.pos+i] != word[i]:
			return t.fail(t.pos+i, "invalid character "+quoteChar(t.buf[t.pos+i])+" in literal "+word)
		}
	}
	t.pos += len(word)
	return nil
}

// str reads a string after its opening quote and returns its decoded text.
// A string that lies whole in buf with nothing to decode is returned in
// place, however long; any other is decoded into scratch, and cut after its
// first maxString+1 bytes when it is longer (see tokenizer).
func (t *tokenizer) str() ([]byte, error) {
	for i := t.pos; i < t.end; {
		switch c := t.buf[i]; {
		case c == '"':
			s := t.buf[t.pos:i]
			t.pos = i + 1
			return s, nil
		case c == '\\' || c < ' ':
			return t.strSlow()
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(t.buf[i:t.end])
			if r == utf8.RuneError && size == 1 {
				return t.strSlow() // invalid, or cut by the end of buf
			}
			i += size
		}
	}
	return t.strSlow()
}

// strSlow is str for a string to decode into scratch. It stops, leaving
// inString set, after the first maxString+1 bytes of a longer string.
func (t *tokenizer) strSlow() ([]byte, error) {
	t.scratch = t.scratch[:0]
	t.inString = true
	for {
		room := t.maxString + 1 - len(t.scratch)
		if room <= 0 {
			t.cut = true
			return t.scratch, nil
		}
		i, stop := t.pos, min(t.end, t.pos+room)
		for i < stop {
			if c := t.buf[i]; c == '"' || c == '\\' || c < ' ' || c >= utf8.RuneSelf {
				break
			}
			i++
		}
		t.scratch = append(t.scratch, t.buf[t.pos:i]...)
		t.pos = i
		if i == t.end {
			if !t.fill() {
				return nil, t.ended()
			}
			continue
		}
		if i == stop {
			continue // cut, at the top of the loop
		}
		switch c := t.buf[i]; {
		case c == '"':
			t.pos++
			t.inString = false
			return t.scratch, nil
		case c == '\\':
			if err := t.escape(); err != nil {
				return nil, err
			}
		case c < ' ':
			return nil, t.fail(i, "control character "+quoteChar(c)+" in a string: want it escaped")
		default:
			t.ensure(utf8.UTFMax)
			r, size := utf8.DecodeRune(t.buf[t.pos:t.end])
			if r == utf8.RuneError && size == 1 {
				t.scratch = utf8.AppendRune(t.scratch, utf8.RuneError) // as encoding/json does
			} else {
				t.scratch = append(t.scratch, t.buf[t.pos:t.pos+size]...)
			}
			t.pos += size
		}
	}
}

// escape decodes the escape sequence at buf[pos] into scratch. A \u escape
// of a UTF-16 surrogate pair decodes to one rune; a surrogate that is not
// half of a pair decodes to U+FFFD, as in encoding/json.
func (t *tokenizer) escape() error {
	t.ensure(12) // \uXXXX\uXXXX
	b := t.buf[t.pos:t.end]
	if len(b) < 2 {
		return t.ended()
	}
	switch c := b[1]; c {
	case '"', '\\', '/':
		t.scratch = append(t.scratch, c)
	case 'b':
		t.scratch = append(t.scratch, '\b')
	case 'f':
		t.scratch = append(t.scratch, '\f')
	case 'n':
		t.scratch = append(t.scratch, '\n')
	case 'r':
		t.scratch = append(t.scratch, '\r')
	case 't':
		t.scratch = append(t.scratch, '\t')
	case 'u':
		r, err := t.hex4(t.pos + 2)
		if err != nil {
			return err
		}
		t.pos += 6
		if utf16.IsSurrogate(r) {
			pair := utf8.RuneError
			if b := t.buf[t.pos:t.end]; len(b) >= 6 && b[0] == '\\' && b[1] == 'u' {
				if r2, err := t.hex4(t.pos + 2); err == nil {
					pair = utf16.DecodeRune(r, r2)
				}
			}
			if r = pair; pair != utf8.RuneError {
				t.pos += 6
			}
		}
		t.scratch = utf8.AppendRune(t.scratch, r)
		return nil
	default:
		return t.fail(t.pos+1, `want one of " \ / b f n r t u after '\' in a string, got `+quoteChar(c))
	}
	t.pos += 2
	return nil
}

// hex4 reads the four hex digits of a \u escape at buf[at].
func (t *tokenizer) hex4(at int) (rune, error) {
	var r rune
	for i := at; i < at+4; i++ {
		if i >= t.end {
			return 0, t.ended()
		}
		c := t.buf[i]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, t.fail(i, "want four hex digits after \\u, got "+quoteChar(c))
		}
		r = r<<4 | rune(c)
	}
	return r, nil
}

// number reads a number, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?,
// and returns it as written, or cut after maxNumber+1 characters (see
// tokenizer). The number ends at the first byte that cannot continue it, as
// in encoding/json; what follows is for the caller to judge.
func (t *tokenizer) number() ([]byte, error) {
	t.scratch = t.scratch[:0]
	c, _ := t.raw()
	if c == '-' {
		t.take(c)
		c, _ = t.raw()
	}
	switch {
	case c == '0':
		t.take(c)
	case '1' <= c && c <= '9':
		t.digits()
	default:
		return nil, t.want("a digit after '-'")
	}
	if c, _ := t.raw(); c == '.' {
		t.take(c)
		if c, _ := t.raw(); c < '0' || c > '9' {
			return nil, t.want("a digit after the decimal point")
		}
		t.digits()
	}
	if c, _ := t.raw(); c == 'e' || c == 'E' {
		t.take(c)
		if c, _ := t.raw(); c == '+' || c == '-' {
			t.take(c)
		}
		if c, _ := t.raw(); c < '0' || c > '9' {
			return nil, t.want("a digit in the exponent")
		}
		t.digits()
	}
	return t.scratch, nil
}

// raw returns the next byte, white space or not, without consuming it; 0
// and false at the end of the input.
func (t *tokenizer) raw() (byte, bool) {
	if t.pos < t.end || t.fill() {
		return t.buf[t.pos], true
	}
	return 0, false
}

// take consumes c, the next byte, into scratch.
func (t *tokenizer) take(c byte) {
	t.scratch = append(t.scratch, c)
	t.pos++
}

// digits consumes a run of digits into scratch. A run that goes on past
// the end of buf, and makes the number too long for any field, is cut
// there.
func (t *tokenizer) digits() {
	for {
		for t.pos < t.end {
			c := t.buf[t.pos]
			if c < '0' || c > '9' {
				return
			}
			t.scratch = append(t.scratch, c)
			t.pos++
		}
		if len(t.scratch) > t.maxNumber {
			t.cut = true
			return
		}
		if !t.fill() {
			return
		}
	}
}

// want returns the error for a number missing what, at the next byte.
func (t *tokenizer) want(what string) error {
	c, ok := t.raw()
	if !ok {
		return t.ended()
	}
	return t.fail(t.pos, "want "+what+", got "+quoteChar(c))
}

// quoteChar quotes a byte for an error message: 'x', or "\x01" for one
// that does not print.
func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case ' ' <= c && c < utf8.RuneSelf && c != 0x7f:
		return "'" + string(rune(c)) + "'"
	}
	return strconv.Quote(string([]byte{c}))
}
