package jsonread

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
)

// testDoc is the Doc of the test format, with small limits.
var testDoc = Doc{Name: "record", Bytes: 200, String: 8, Number: 6, Key: 7}

// A record is the test format: every kind of value the Reader reads.
type record struct {
	S    string
	Name string
	N    int
	F    float64
	B    *bool
	E    color
	List []string
	Sub  *record
}

func (rec *record) field(r *Reader, key string, t Token) error {
	var err error
	switch key {
	case "s":
		rec.S, err = r.String(t, 5)
	case "name":
		rec.Name, err = r.Name(t, 5)
	case "n":
		rec.N, err = r.Int(t, 1)
	case "f":
		rec.F, err = r.Float(t)
	case "b":
		rec.B, err = r.Bool(t)
	case "e":
		err = r.Text(t, &rec.E)
	case "list":
		rec.List, err = Gather(r, t, 2, "items", func(t Token) (string, error) { return r.String(t, 5) })
	case "sub":
		if t.Kind != Null {
			rec.Sub = new(record)
			err = r.Object(t, "a record", rec.Sub.field)
		}
	default:
		return r.UnknownField()
	}
	return err
}

// A color is a text value: red or blue.
type color string

func (c *color) UnmarshalText(b []byte) error {
	if s := string(b); s == "red" || s == "blue" {
		*c = color(s)
		return nil
	}
	return errors.New("unknown color")
}

// readRecord reads one record document from src.
func readRecord(src io.Reader) (*record, error) {
	r := Get(src, testDoc)
	defer r.Release()
	t, err := r.Document()
	if err != nil {
		return nil, err
	}
	rec := new(record)
	if err := r.Object(t, "a record", rec.field); err != nil {
		return nil, err
	}
	if end, err := r.End(); err != nil {
		return nil, err
	} else if !end {
		return nil, errors.New("data after the record")
	}
	return rec, nil
}

func TestReadRecord(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name string
		in   string
		want *record
	}{
		{"every value", `{"s": "abc", "name": "x", "n": 3, "f": -2.5e1, "b": true, "e": "red", "list": ["a", "b"], "sub": {"b": false}}`,
			&record{S: "abc", Name: "x", N: 3, F: -25, B: &yes, E: "red", List: []string{"a", "b"}, Sub: &record{B: &no}}},
		{"null is not known", `{"s": null, "name": null, "n": null, "f": null, "b": null, "e": null, "list": null, "sub": null}`, &record{}},
		{"an empty list is known", `{"list": []}`, &record{List: []string{}}},
		{"at the limits", `{"s": "abcde", "n": 999999, "list": ["abcde", "x"]}`, &record{S: "abcde", N: 999999, List: []string{"abcde", "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readRecord(strings.NewReader(tt.in))
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadRecordErrors reads bad records and compares each error with
// testdata/errors.golden, and its kind with the table.
func TestReadRecordErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		tooLarge bool
		broken   bool
		path     string
	}{
		{name: "empty input", in: ``},
		{name: "not an object", in: `[]`},
		{name: "unknown field", in: `{"x": 1}`, path: "x"},
		{name: "odd key", in: `{"a b": 1}`, path: `["a b"]`},
		{name: "empty key", in: `{"": 1}`, path: `[""]`},
		{name: "key too long", in: `{"abcdefgh": 1}`, tooLarge: true},
		{name: "key cut", in: `{"abcdefghijklmnopqrstuvwxyz": 1}`, tooLarge: true},
		{name: "duplicate key", in: `{"s": "a", "s": "b"}`, path: "s"},
		{name: "string too long", in: `{"s": "abcdef"}`, tooLarge: true, path: "s"},
		{name: "string cut", in: `{"s": "` + strings.Repeat(`\u0061`, 20) + `"}`, tooLarge: true, path: "s"},
		{name: "empty string", in: `{"s": ""}`, path: "s"},
		{name: "string of the wrong type", in: `{"s": 1}`, path: "s"},
		{name: "name too long", in: `{"name": "abcdef"}`, tooLarge: true, path: "name"},
		{name: "int below", in: `{"n": 0}`, path: "n"},
		{name: "int negative", in: `{"n": -4}`, path: "n"},
		{name: "int with a fraction", in: `{"n": 1.5}`, path: "n"},
		{name: "int with an exponent", in: `{"n": 1e2}`, path: "n"},
		{name: "int too long", in: `{"n": 1234567}`, tooLarge: true, path: "n"},
		{name: "int of the wrong type", in: `{"n": "1"}`, path: "n"},
		{name: "float too large", in: `{"f": 1e999}`, path: "f"},
		{name: "float of the wrong type", in: `{"f": true}`, path: "f"},
		{name: "bool of the wrong type", in: `{"b": "yes"}`, path: "b"},
		{name: "text refused", in: `{"e": "green"}`, path: "e"},
		{name: "text of the wrong type", in: `{"e": {}}`, path: "e"},
		{name: "too many items", in: `{"list": ["a", "b", "c"]}`, tooLarge: true, path: "list[2]"},
		{name: "item of the wrong type", in: `{"list": ["a", 2]}`, path: "list[1]"},
		{name: "list of the wrong type", in: `{"list": {}}`, path: "list"},
		{name: "nested", in: `{"sub": {"sub": {"list": [null, "abcdef"]}}}`, tooLarge: true, path: "sub.sub.list[1]"},
		{name: "nested of the wrong type", in: `{"sub": [[[[[[[[[[`, path: "sub"},
		{name: "document too long", in: `{"s": "a"` + strings.Repeat(" ", 200) + `}`, tooLarge: true},
		{name: "missing colon", in: `{"s" "a"}`, broken: true, path: "s"},
		{name: "missing comma", in: `{"s": "a" "n": 1}`, broken: true},
		{name: "trailing comma", in: `{"s": "a",}`, broken: true},
		{name: "missing value", in: `{"s": }`, broken: true, path: "s"},
		{name: "bad literal", in: `{"b": tru}`, broken: true, path: "b"},
		{name: "truncated", in: `{"sub": {"s": "a"`, broken: true, path: "sub"},
		{name: "truncated string", in: `{"s": "ab`, broken: true, path: "s"},
		{name: "control character", in: "{\"s\": \"a\tb\"}", broken: true, path: "s"},
		{name: "bad escape", in: `{"s": "\q"}`, broken: true, path: "s"},
		{name: "leading zero", in: `{"f": 012}`, broken: true},
		{name: "mismatched close", in: `{"list": [}`, broken: true, path: "list"},
	}
	var out strings.Builder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readRecord(strings.NewReader(tt.in))
			if tt.name == "empty input" {
				require.ErrorIs(t, err, io.EOF)
				return
			}
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, tt.path, e.Path, "path")
			require.Equal(t, tt.tooLarge, e.TooLarge, "TooLarge")
			require.Equal(t, tt.broken, e.Broken, "Broken")
			_, err1 := readRecord(iotest.OneByteReader(strings.NewReader(tt.in)))
			var e1 *Error
			require.ErrorAs(t, err1, &e1)
			if diff := cmp.Diff(e, e1); diff != "" {
				t.Errorf("one byte at a time: mismatch (-whole +bytewise):\n%s", diff)
			}
			fmt.Fprintf(&out, "%s\n\t%v\n", tt.name, err)
		})
	}
	golden.CheckString(t, "testdata/errors.golden", out.String())
}

// TestReadError checks that an error reading the input is reported at the
// path reached and matches the read error.
func TestReadError(t *testing.T) {
	broken := errors.New("disk on fire")
	_, err := readRecord(io.MultiReader(strings.NewReader(`{"sub": {"s": "a", `), iotest.ErrReader(broken)))
	require.ErrorIs(t, err, broken)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "sub", e.Path)
	require.True(t, e.Broken)
}

// TestManyKeys checks duplicate keys past the short list of a keySet, and
// keys past the size of the intern table.
func TestManyKeys(t *testing.T) {
	var keys []string
	for i := range 2 * maxKeys {
		keys = append(keys, fmt.Sprintf(`"k%d": %d`, i, i))
	}
	doc := Doc{Name: "document", Bytes: 1 << 20, String: 100, Number: 100, Key: 100}
	read := func(in string) (map[string]int, error) {
		got := map[string]int{}
		err := readObject(strings.NewReader(in), doc, func(r *Reader, key string, t Token) error {
			n, err := r.Int(t, 0)
			got[key] = n
			return err
		})
		return got, err
	}
	got, err := read("{" + strings.Join(keys, ", ") + "}")
	require.NoError(t, err)
	require.Len(t, got, 2*maxKeys)
	for i := range 2 * maxKeys {
		require.Equal(t, i, got[fmt.Sprint("k", i)])
	}
	for _, dup := range []int{0, 15, 16, 300} {
		_, err := read("{" + strings.Join(keys[:400], ", ") + ", " + keys[dup] + "}")
		var e *Error
		require.ErrorAs(t, err, &e)
		require.Equal(t, fmt.Sprint("k", dup), e.Path, "the duplicate of key %d", dup)
	}
}

// TestBoolsDistinct checks that each Bool read is a variable of its own.
func TestBoolsDistinct(t *testing.T) {
	doc := Doc{Name: "document", Bytes: 1 << 20, String: 100, Number: 100, Key: 100}
	var got []*bool
	var in strings.Builder
	in.WriteString("[")
	for i := range 200 {
		if i > 0 {
			in.WriteString(", ")
		}
		in.WriteString(fmt.Sprint(i%3 == 0))
	}
	in.WriteString("]")
	r := Get(strings.NewReader(in.String()), doc)
	defer r.Release()
	tk, err := r.Document()
	require.NoError(t, err)
	require.NoError(t, r.Array(tk, 200, "items", func(_ int, t Token) error {
		b, err := r.Bool(t)
		got = append(got, b)
		return err
	}))
	for i, b := range got {
		require.Equal(t, i%3 == 0, *b, "item %d", i)
	}
}

// TestStream reads documents one after another: each is held to the size
// limit from its own first byte; one in error that is still JSON is passed
// with Skip; broken JSON is Broken.
func TestStream(t *testing.T) {
	long := `{"s": "a"` + strings.Repeat(" ", 190) + `}` // 200 bytes: at the limit
	in := "  " + long + "\n\n" + long + `{"x": [1, {"y": "]"}]}` + `{"s": "b"} {"s" 1}`
	var r Reader
	r.Stream(iotest.HalfReader(strings.NewReader(in)), testDoc)
	type result struct {
		S      string
		Path   string
		Broken bool
		Offset int64
	}
	var got []result
	for range 10 {
		tk, err := r.Document()
		if err == io.EOF {
			break
		}
		var rec record
		if err == nil {
			err = r.Object(tk, "a record", rec.field)
		}
		var e *Error
		switch {
		case err == nil:
			got = append(got, result{S: rec.S, Offset: r.Offset()})
			continue
		case !errors.As(err, &e):
			t.Fatalf("error %v is not an *Error", err)
		}
		got = append(got, result{Path: e.Path, Broken: r.Broken()})
		if r.Broken() {
			break
		}
		require.NoError(t, r.Skip())
	}
	want := []result{
		{S: "a", Offset: 202},
		{S: "a", Offset: 404},
		{Path: "x"},
		{S: "b", Offset: 436},
		{Path: "s", Broken: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
