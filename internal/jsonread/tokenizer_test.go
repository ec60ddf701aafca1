package jsonread

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// wide is a Doc that cuts no string or number of a test document.
var wide = Doc{Name: "document", Bytes: 1 << 30, String: 1 << 30, Number: 8000, Key: 1 << 30}

// walk reads one JSON value of any shape with the tokenizer, the nesting
// kept in a stack of its own, and returns its tokens as encoding/json's
// Decoder.Token gives them (with UseNumber): json.Delim for each delimiter,
// string for keys and strings, json.Number, bool and nil. It then reports
// whether only white space follows.
func walk(t *tokenizer) (toks []any, end bool, err error) {
	var open []byte // the closing delimiters of the objects and arrays open, innermost last
	var empty []bool
	value := func() error {
		tk, err := t.value()
		if err != nil {
			return err
		}
		switch tk.Kind {
		case Null:
			toks = append(toks, nil)
		case True, False:
			toks = append(toks, tk.Kind == True)
		case Number:
			toks = append(toks, json.Number(tk.lit))
		case String:
			toks = append(toks, string(tk.lit))
		case Object:
			toks = append(toks, json.Delim('{'))
			open, empty = append(open, '}'), append(empty, true)
		case Array:
			toks = append(toks, json.Delim('['))
			open, empty = append(open, ']'), append(empty, true)
		}
		return nil
	}
	if err := value(); err != nil {
		return toks, false, err
	}
	for len(open) > 0 {
		closer, first := open[len(open)-1], empty[len(empty)-1]
		if !t.more() {
			if err := t.close(closer, first); err != nil {
				return toks, false, err
			}
			toks = append(toks, json.Delim(closer))
			open, empty = open[:len(open)-1], empty[:len(empty)-1]
			continue
		}
		if !first {
			if err := t.comma(closer); err != nil {
				return toks, false, err
			}
		}
		empty[len(empty)-1] = false
		if closer == '}' {
			k, err := t.key(first)
			if err != nil {
				return toks, false, err
			}
			toks = append(toks, string(k))
			if err := t.colon(); err != nil {
				return toks, false, err
			}
		}
		if err := value(); err != nil {
			return toks, false, err
		}
	}
	end, err = t.atEnd()
	return toks, end, err
}

// jsonTokens returns the tokens encoding/json reads from a valid document.
func jsonTokens(data []byte) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var toks []any
	for {
		tk, err := dec.Token()
		if err == io.EOF {
			return toks, nil
		}
		if err != nil {
			return nil, err
		}
		toks = append(toks, tk)
	}
}

// FuzzTokenizerAgreesWithEncodingJSON holds the tokenizer to encoding/json
// token by token: for any bytes, it reads a whole document with nothing but
// white space after it iff json.Valid, giving the tokens encoding/json's
// Decoder gives (strings decoded alike, escapes, surrogates and invalid
// UTF-8 included; numbers as written), and it reads the same from a reader
// that returns one byte at a time, which cuts every token at a buffer
// boundary. Where the document is not JSON, the error is a syntax error or
// the end of the input.
func FuzzTokenizerAgreesWithEncodingJSON(f *testing.F) {
	for _, pattern := range []string{"../../examples/cases/*/*.json", "../../groups/testdata/*.json", "../../testdata/errors/*/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		`{"a": "\u00e9\ud83d\ude00\ud800x\udc00\\\/\b\f\n\r\t\"", "b": [1, -0.5e+3, 0, 1E2, true, false, null]}`,
		"\"\xff\xe2\x82\xed\xa0\x80\"",
		`[[[[{"": {}}]]], [], {}]`,
		`{"a": 012}`, `{"a": 1.}`, `{"a": -}`, `{"a": +1}`, `{"a" 1}`, `{"a": 1,}`, `[1 2]`, `[}`, `{]`,
		"\"a\tb\"", `"\q"`, `"\u12x4"`, `tru`, `nul`, ` `, `{} {}`, `"abc`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var tk tokenizer
		tk.reset(bytes.NewReader(data), noLimit, wide.String, wide.Number)
		toks, end, err := walk(&tk)
		var tk1 tokenizer
		tk1.reset(iotest.OneByteReader(bytes.NewReader(data)), noLimit, wide.String, wide.Number)
		toks1, end1, err1 := walk(&tk1)
		if diff := cmp.Diff(toks, toks1); diff != "" || end != end1 || !sameErr(err, err1) {
			t.Fatalf("one byte at a time: end %v, %v; whole: end %v, %v; tokens mismatch (-whole +bytewise):\n%s", end1, err1, end, err, diff)
		}
		valid := json.Valid(data)
		if !valid {
			if err == nil && end {
				t.Fatalf("read a whole document from input encoding/json finds invalid: %q", toks)
			}
			if err != nil && err != errEnd {
				var se *syntaxError
				require.ErrorAs(t, err, &se)
			}
			return
		}
		require.NoError(t, err, "encoding/json finds the document valid")
		require.True(t, end, "encoding/json finds nothing but white space after the document")
		want, err := jsonTokens(data)
		require.NoError(t, err)
		if diff := cmp.Diff(want, toks); diff != "" {
			t.Fatalf("tokens mismatch (-encoding/json +tokenizer):\n%s", diff)
		}
	})
}

// sameErr reports whether two tokenizer errors are the same: equal syntax
// errors, or the same error value.
func sameErr(a, b error) bool {
	sa, ok1 := a.(*syntaxError)
	sb, ok2 := b.(*syntaxError)
	if ok1 && ok2 {
		return *sa == *sb
	}
	return a == b
}

// TestStringsAtBufferEdges reads strings of every kind placed so that each
// of their bytes in turn falls at the edge of the 8 KB read buffer, from a
// reader that returns whole reads and from one that returns a byte at a
// time.
func TestStringsAtBufferEdges(t *testing.T) {
	tests := []struct {
		name   string
		in     string // the JSON string, quotes included
		want   string
		reason string
	}{
		{name: "plain", in: `"S1"`, want: "S1"},
		{name: "escapes", in: `"\"\\\/\b\f\n\r\t"`, want: "\"\\/\b\f\n\r\t"},
		{name: "unicode escape", in: `"caf\u00e9 \u00E9"`, want: "café é"},
		{name: "surrogate pair", in: `"\ud83d\ude00"`, want: "😀"},
		{name: "lone high surrogate", in: `"\ud83dx"`, want: "\ufffdx", reason: "as encoding/json: U+FFFD"},
		{name: "lone low surrogate", in: `"\ude00\ud83d"`, want: "\ufffd\ufffd"},
		{name: "high surrogate then escape", in: `"\ud83d\u0041"`, want: "\ufffdA", reason: "the second escape is read on its own"},
		{name: "escaped NUL", in: `"a\u0000b"`, want: "a\x00b"},
		{name: "raw UTF-8", in: `"Zoë 😀"`, want: "Zoë 😀"},
		{name: "invalid UTF-8", in: "\"a\xffb\xe2\x82\"", want: "a\ufffdb\ufffd\ufffd", reason: "each bad byte becomes U+FFFD"},
		{name: "encoded surrogate", in: "\"\xed\xa0\x80\"", want: "\ufffd\ufffd\ufffd", reason: "not UTF-8: three bad bytes"},
		{name: "DEL is not a control character", in: "\"a\x7fb\"", want: "a\x7fb"},
		{name: "longest", in: `"` + strings.Repeat("é", 50) + `"`, want: strings.Repeat("é", 50)},
	}
	doc := Doc{Name: "document", Bytes: 1 << 20, String: 100, Number: 100, Key: 100}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for pad := readSize - 20 - len(tt.in); pad <= readSize-20; pad++ {
				in := `{"s": ` + strings.Repeat(" ", pad) + tt.in + `}`
				for _, src := range []io.Reader{strings.NewReader(in), iotest.OneByteReader(strings.NewReader(in))} {
					var got string
					err := readObject(src, doc, func(r *Reader, key string, t Token) (err error) {
						got, err = r.String(t, 100)
						return err
					})
					require.NoError(t, err, "pad %d", pad)
					if got != tt.want {
						t.Fatalf("pad %d: %q, want %q (%s)", pad, got, tt.want, tt.reason)
					}
				}
			}
		})
	}
}

// readObject reads one document, an object, calling field for each member.
func readObject(src io.Reader, d Doc, field func(r *Reader, key string, t Token) error) error {
	r := Get(src, d)
	defer r.Release()
	t, err := r.Document()
	if err != nil {
		return err
	}
	if err := r.Object(t, "an object", field); err != nil {
		return err
	}
	if end, err := r.End(); err != nil || !end {
		return fmt.Errorf("not at the end: %v", err)
	}
	return nil
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0", 0}, {"-0", 0}, {"12", 12}, {"-3.25", -3.25}, {"1e2", 100}, {"1E+2", 100},
		{"2.5e-1", 0.25}, {"0.000", 0}, {"1" + strings.Repeat("0", 30), 1e30},
	}
	for _, tt := range tests {
		var got float64
		err := readObject(strings.NewReader(`{"n": `+tt.in+`}`), wide, func(r *Reader, key string, t Token) (err error) {
			got, err = r.Float(t)
			return err
		})
		require.NoError(t, err, tt.in)
		if got != tt.want {
			t.Errorf("%s: %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestCut checks that a string or number longer than the Doc allows is cut
// one byte or character past the limit, when it does not lie whole in the
// buffer, and that the rest of it is left unread for Skip to pass.
func TestCut(t *testing.T) {
	doc := Doc{Name: "document", Bytes: 1 << 30, String: 10, Number: 10, Key: 10}
	tests := []struct {
		name, value string
		want        int // bytes the token holds
	}{
		{"escaped string", `"` + strings.Repeat(`\u0061`, 5000) + `"`, 11},
		{"string across reads", `"` + strings.Repeat("a", 3*readSize) + `"`, 11},
		{"number across reads", strings.Repeat("1", 3*readSize), readSize - len(`[`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tk tokenizer
			tk.reset(iotest.HalfReader(strings.NewReader(`[`+tt.value+`, 1] [2]`)), noLimit, doc.String, doc.Number)
			open, err := tk.value()
			require.NoError(t, err)
			require.Equal(t, Array, open.Kind)
			v, err := tk.value()
			require.NoError(t, err)
			require.True(t, tk.cut, "the value is cut")
			require.LessOrEqual(t, len(v.lit), tt.want)
			require.Greater(t, len(v.lit), 10)
			require.NoError(t, tk.skip(), "the rest of the document is passed")
			toks, end, err := walk(&tk)
			require.NoError(t, err)
			require.True(t, end)
			if diff := cmp.Diff([]any{json.Delim('['), json.Number("2"), json.Delim(']')}, toks); diff != "" {
				t.Errorf("the document after mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
