package decisions

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"

	"github.com/isotp-dev/isotp/internal/jsonwrite"
)

// WriteJSON writes v, a Result or any other output of the tools, as they
// print it: JSON indented by two spaces, with <, > and & written as
// themselves, and a final newline; the bytes json.Encoder gives with
// SetIndent("", "  ") and SetEscapeHTML(false). The command (--format json)
// and the HTTP service write through it, so that both give the same bytes
// for the same result. It writes them with one Write.
//
// The results the service is asked for most, an *eligibility.Decision and
// an *attendance.Summary, are written to the same bytes by writers of their
// own, which need no reflection and do not allocate; anything else goes
// through encoding/json. A value encoding/json cannot write (an enum's zero
// value, an invalid date, a func) is the error encoding/json gives for it,
// and nothing is written.
func WriteJSON(w io.Writer, v any) error {
	b := jsonBuffers.Get().(*jsonBuffer)
	defer b.put()
	out, err := b.appendJSON(v)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// appendJSON writes v into b's buffer, with v's own writer where it has
// one, and returns the bytes.
func (b *jsonBuffer) appendJSON(v any) ([]byte, error) {
	b.enc.Reset(b.indented[:0])
	if writeFast(&b.enc, v) && b.enc.Err() == nil {
		b.indented = b.enc.Bytes()
		return b.indented, nil
	}
	// Not one of the results with a writer, or one holding a value that
	// cannot be written (an enum's zero value, an invalid date):
	// encoding/json writes it, or gives the error it always gave.
	return b.appendReflected(v)
}

// appendReflected writes v into b's buffer with encoding/json, re-indented,
// and returns the bytes.
func (b *jsonBuffer) appendReflected(v any) ([]byte, error) {
	b.compact.Reset()
	enc := json.NewEncoder(&b.compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // compact, and a newline
		return nil, err
	}
	b.indented = appendIndented(b.indented[:0], b.compact.Bytes())
	return b.indented, nil
}

type jsonBuffer struct {
	enc      jsonwrite.Encoder
	compact  bytes.Buffer
	indented []byte
}

// maxPooled is the largest buffer kept for the next answer: most answers
// are a few kilobytes; a rare large one is not held on to.
const maxPooled = 256 << 10

var jsonBuffers = sync.Pool{New: func() any { return new(jsonBuffer) }}

// put returns b to the pool, unless it grew past maxPooled.
func (b *jsonBuffer) put() {
	if cap(b.indented) > maxPooled || b.compact.Cap() > maxPooled {
		return
	}
	b.enc.Reset(nil)
	jsonBuffers.Put(b)
}

// appendIndented appends src, JSON as encoding/json writes it (no white
// space outside strings), indented as json.Indent(dst, src, "", "  ")
// indents it: each element of an object or array on a line of its own,
// empty ones kept as {} and [], ": " after a key. It does in one pass what
// json.Indent does with its general scanner, several times as fast: the
// service writes every answer through it.
func appendIndented(dst, src []byte) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			j := i + 1
			for j < len(src) {
				k := bytes.IndexAny(src[j:], `"\`)
				if k < 0 {
					j = len(src)
					break
				}
				j += k
				if src[j] == '\\' {
					j += 2
					continue
				}
				break
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
