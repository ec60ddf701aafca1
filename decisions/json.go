package decisions

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
)

// WriteJSON writes v, a Result or any other output of the tools, as they
// print it: JSON indented by two spaces, with <, > and & written as
// themselves, and a final newline; the bytes json.Encoder gives with
// SetIndent("", "  ") and SetEscapeHTML(false). The command (--format json)
// and the HTTP service write through it, so that both give the same bytes
// for the same result.
func WriteJSON(w io.Writer, v any) error {
	b := jsonBuffers.Get().(*jsonBuffer)
	defer jsonBuffers.Put(b)
	b.compact.Reset()
	enc := json.NewEncoder(&b.compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // compact, and a newline
		return err
	}
	b.indented = appendIndented(b.indented[:0], b.compact.Bytes())
	_, err := w.Write(b.indented)
	return err
}

type jsonBuffer struct {
	compact  bytes.Buffer
	indented []byte
}

var jsonBuffers = sync.Pool{New: func() any { return new(jsonBuffer) }}

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
