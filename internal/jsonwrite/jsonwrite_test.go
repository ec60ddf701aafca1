package jsonwrite_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/jsonwrite"
)

// encodingJSON is what encoding/json writes for v with HTML escaping off,
// indented by two spaces: the bytes an Encoder is to write.
func encodingJSON(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(v))
	return b.Bytes()
}

// awkward are strings with every kind of character AppendString escapes,
// or must not.
var awkward = []string{
	"",
	"plain",
	`quote " and backslash \`,
	"<script>&amp;</script>",
	"\x00\x01\x07\b\t\n\v\f\r\x1b\x1f \x7f",
	"line\u2028separator\u2029paragraph",
	"é ü 日本 🙂",
	"bad \xff byte",
	"cut \xe6\x97 rune",
	"\xed\xa0\x80 surrogate",
	"\xf4\x90\x80\x80 beyond U+10FFFF",
	"\xc0\xaf overlong",
	"\ufffd replacement itself",
	"trailing \xe2\x80",
	"\u2027\u202a neighbours of the separators",
}

func TestAppendString(t *testing.T) {
	for _, s := range awkward {
		want := bytes.TrimSuffix(encodingJSON(t, s), []byte("\n"))
		if got := jsonwrite.AppendString(nil, s); !bytes.Equal(want, got) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
		if got := jsonwrite.AppendString([]byte("x"), []byte(s)); !bytes.Equal(append([]byte("x"), want...), got) {
			t.Errorf("AppendString(x, []byte(%q)) = %s, want x%s", s, got, want)
		}
	}
}

// FuzzAppendString holds AppendString to encoding/json on any string.
func FuzzAppendString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := bytes.TrimSuffix(encodingJSON(t, s), []byte("\n"))
		if got := jsonwrite.AppendString(nil, s); !bytes.Equal(want, got) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	})
}

// member is one member of the objects the encoder test writes.
type member struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Ok    bool     `json:"ok"`
	Tags  []string `json:"tags"`
	Nums  []int    `json:"nums"`
	Kids  []member `json:"kids"`
	Empty struct{} `json:"empty"`
}

func writeMember(e *jsonwrite.Encoder, m *member) {
	e.BeginObject()
	e.Key("name")
	e.String(m.Name)
	e.Key("count")
	e.Int(m.Count)
	e.Key("ok")
	e.Bool(m.Ok)
	e.Key("tags")
	e.Strings(m.Tags)
	e.Key("nums")
	e.Ints(m.Nums)
	e.Key("kids")
	jsonwrite.Array(e, m.Kids, writeMember)
	e.Key("empty")
	e.BeginObject()
	e.EndObject()
	e.EndObject()
}

// deep nests n members, each the only kid of the one above.
func deep(n int) member {
	m := member{Name: "leaf", Tags: []string{"a"}}
	for i := range n {
		m = member{Name: strings.Repeat("x", i), Count: -i, Kids: []member{m}}
	}
	return m
}

func TestEncoder(t *testing.T) {
	tests := []struct {
		name string
		m    member
	}{
		{"zero", member{}},
		{"empty slices", member{Tags: []string{}, Nums: []int{}, Kids: []member{}}},
		{"full", member{Name: "a<b>&c", Count: -42, Ok: true, Tags: []string{"x", "", "\n"}, Nums: []int{0, 1, -9223372036854775808},
			Kids: []member{{Name: "k1"}, {Name: "k2", Kids: []member{}}}}},
		{"deeper than the indentation written at once", deep(40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e jsonwrite.Encoder
			e.Reset([]byte("prefix"))
			writeMember(&e, &tt.m)
			e.End()
			require.NoError(t, e.Err())
			want := append([]byte("prefix"), encodingJSON(t, tt.m)...)
			if diff := cmp.Diff(string(want), string(e.Bytes())); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEncoderErrors(t *testing.T) {
	first := errors.New("first")
	var e jsonwrite.Encoder
	e.BeginArray()
	e.Elem()
	e.Text([]byte("ok"), nil)
	e.Elem()
	e.Text(nil, first)
	e.Elem()
	e.Raw(nil, errors.New("second"))
	e.Elem()
	e.Raw([]byte(`"raw"`), nil)
	e.EndArray()
	require.ErrorIs(t, e.Err(), first)
	if diff := cmp.Diff("[\n  \"ok\",\n  null,\n  null,\n  \"raw\"\n]", string(e.Bytes())); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	e.Reset(nil)
	require.NoError(t, e.Err(), "after Reset")
	require.Empty(t, e.Bytes())
}

func BenchmarkAppendString(b *testing.B) {
	s := strings.Repeat("His eligible offence (1 March 2019) was committed on or after 4 April 2005. ", 4)
	b.SetBytes(int64(len(s)))
	var buf []byte
	for b.Loop() {
		buf = jsonwrite.AppendString(buf[:0], s)
	}
}
