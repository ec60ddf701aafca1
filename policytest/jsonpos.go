package policytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// Case files are placed by byte offset, so that an error in one can name
// its line and column without quoting it.

// jsonSyntaxOffset returns the offset of the first JSON syntax error in
// data, or of its end when it ends too soon; false when data is valid JSON.
func jsonSyntaxOffset(data []byte) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		var se *json.SyntaxError
		switch {
		case err == nil:
			continue
		case errors.As(err, &se): // Offset counts the bytes read, the bad one too
			return min(max(int(se.Offset)-1, 0), len(data)), true
		case err == io.EOF:
			if dec.More() {
				return int(dec.InputOffset()), true
			}
			return 0, false
		default: // io.ErrUnexpectedEOF, or a second value after the first
			return int(dec.InputOffset()), true
		}
	}
}

// jsonPathOffset returns the byte offset in data, a JSON document, of the
// value the JSON path elems names; with keyN 1, of its key instead, and
// with keyN 2, of the key's second giving (where a duplicate is reported).
// When the path is not all there it returns the offset of the deepest
// value found, and false.
func jsonPathOffset(data []byte, elems []pathElem, keyN int) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	next := func() int { // the offset of the next token
		off := int(dec.InputOffset())
		for off < len(data) && bytes.IndexByte([]byte(" \t\r\n,:"), data[off]) >= 0 {
			off++
		}
		return off
	}
	at := next()
	for i, e := range elems {
		tok, err := dec.Token()
		if err != nil {
			return at, false
		}
		d, _ := tok.(json.Delim)
		wantKeys := i == len(elems)-1 && keyN > 0
		var keys []int // offsets of the keys named e.key, when wantKeys
		found := false
		switch {
		case d == '{' && e.index < 0:
			for !found && dec.More() {
				k := next()
				name, err := dec.Token()
				if err != nil {
					return at, false
				}
				switch {
				case name == e.key && wantKeys:
					keys = append(keys, k)
				case name == e.key:
					found, at = true, next()
					continue
				}
				if err := skip(dec); err != nil {
					return at, false
				}
			}
			if len(keys) > 0 {
				return keys[min(keyN, len(keys))-1], true
			}
		case d == '[' && e.index >= 0:
			for n := 0; !found && dec.More(); n++ {
				if n == e.index {
					found, at = true, next()
				} else if err := skip(dec); err != nil {
					return at, false
				}
			}
		}
		if !found {
			return at, false
		}
	}
	return at, true
}

// skip reads one whole value from dec.
func skip(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}
