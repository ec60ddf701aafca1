package yamlfile

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// TestValues reads the value of key v in each file with one helper, and
// compares what it returns and reports.
func TestValues(t *testing.T) {
	type read func(f *File, r Reporter, n *yaml.Node) (any, bool)
	text := func(f *File, r Reporter, n *yaml.Node) (any, bool) { return f.Text(r, n, "v") }
	boolean := func(f *File, r Reporter, n *yaml.Node) (any, bool) { return f.Bool(r, n, "v") }
	number := func(f *File, r Reporter, n *yaml.Node) (any, bool) { return f.Number(r, n, "v") }
	integer := func(f *File, r Reporter, n *yaml.Node) (any, bool) { return f.Int(r, n, "v", 1) }
	oneOf := func(f *File, r Reporter, n *yaml.Node) (any, bool) {
		return f.OneOf(r, n, "v", []string{"pass", "fail", "unknown"})
	}
	seq := func(f *File, r Reporter, n *yaml.Node) (any, bool) {
		items, ok := f.Seq(r, n, "v")
		var out []string
		for _, item := range items {
			out = append(out, item.Value)
		}
		return out, ok
	}
	tests := []struct {
		name   string
		read   read
		src    string
		want   any
		msg    string // the one report wanted, if any
		reason string
	}{
		{name: "text", read: text, src: "v: hello", want: "hello"},
		{name: "a version number as text", read: text, src: "v: 2026.1", want: "2026.1", reason: "numbers are taken as written"},
		{name: "a date as text", read: text, src: "v: 2026-01-31", want: "2026-01-31"},
		{name: "text at the limit", read: text, src: "v: 0123456789", want: "0123456789"},
		{name: "text past the limit", read: text, src: "v: 0123456789a", want: "", msg: "v: text of 11 bytes is over the limit of 10"},
		{name: "null as text", read: text, src: "v: ~", want: "", msg: "v: want text, got null"},
		{name: "boolean as text", read: text, src: "v: yes please", want: "yes please"},
		{name: "a boolean as text", read: text, src: "v: true", want: "", msg: "v: want text, got a boolean true (quote it)"},
		{name: "blank text", read: text, src: `v: "  "`, want: "", msg: "v: must not be empty"},
		{name: "a list as text", read: text, src: "v: [a]", want: "", msg: "v: want text, got a list"},
		{name: "true", read: boolean, src: "v: true", want: true},
		{name: "True", read: boolean, src: "v: True", want: true},
		{name: "FALSE", read: boolean, src: "v: FALSE", want: false},
		{name: "yes", read: boolean, src: "v: yes", want: false, msg: `v: want true or false, got text "yes"`,
			reason: "YAML 1.1's yes is text in YAML 1.2"},
		{name: "tagged yes", read: boolean, src: "v: !!bool yes", want: false, msg: "v: want true or false, got a boolean yes"},
		{name: "whole number", read: number, src: "v: 1_000", want: 1000.0},
		{name: "decimal", read: number, src: "v: 1.96", want: 1.96},
		{name: "quoted number", read: number, src: `v: "1"`, want: 0.0, msg: `v: want a number, got text "1"`},
		{name: "int", read: integer, src: "v: 3", want: 3},
		{name: "int below min", read: integer, src: "v: 0", want: 0, msg: "v: want a whole number of at least 1, got 0"},
		{name: "int as decimal", read: integer, src: "v: 1.5", want: 0, msg: "v: want a whole number, got a number 1.5"},
		{name: "one of", read: oneOf, src: "v: fail", want: "fail"},
		{name: "none of", read: oneOf, src: "v: maybe", want: "", msg: `v: unknown value "maybe" (want pass, fail or unknown)`},
		{name: "seq", read: seq, src: "v: [a, b]", want: []string{"a", "b"}},
		{name: "not a seq", read: seq, src: "v: a", want: []string(nil), msg: `v: want a list, got text "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, top := mustParse(t, tt.src+"\n")
			rec := &recorder{t: t, file: "f.yaml"}
			got, ok := tt.read(f, rec, value(t, top, "v"))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
			var want []report
			if tt.msg != "" {
				want = []report{{Line: 1, Col: 4, Text: tt.src, Msg: tt.msg}}
			}
			if diff := cmp.Diff(want, rec.got); diff != "" {
				t.Errorf("reports mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
			if ok != (tt.msg == "") {
				t.Errorf("ok = %t with %d reports", ok, len(rec.got))
			}
		})
	}
}

func TestFields(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		required []string
		want     []string // the keys handled, in order
		reports  []report
	}{
		{name: "in the file's order", src: "b: 1\na: 2\n", want: []string{"b", "a"}},
		{name: "unknown field", src: "a: 1\nz: 2\n", want: []string{"a"},
			reports: []report{{Line: 2, Col: 1, Text: "z: 2", Msg: `m: unknown field "z" (want one of a, b)`}}},
		{name: "long unknown field", src: "a: 1\n" + strings.Repeat("z", 100) + ": 2\n", want: []string{"a"},
			reports: []report{{Line: 2, Col: 1, Text: strings.Repeat("z", 100) + ": 2", Msg: `m: unknown field "` + strings.Repeat("z", 40) + `..." (want one of a, b)`}}},
		{name: "duplicate field", src: "a: 1\na: 2\n", want: []string{"a"},
			reports: []report{{Line: 2, Col: 1, Text: "a: 2", Msg: `m: duplicate field "a"`}}},
		{name: "non-scalar key", src: "[a]: 1\nb: 2\n", want: []string{"b"},
			reports: []report{{Line: 1, Col: 1, Text: "[a]: 1", Msg: "m: keys must be plain names"}}},
		{name: "missing required", src: "a: 1\n", required: []string{"a", "b"}, want: []string{"a"},
			reports: []report{{Line: 1, Col: 1, Text: "a: 1", Msg: `m: missing required field "b"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, top := mustParse(t, "m:\n"+indent(tt.src))
			rec := &recorder{t: t, file: "f.yaml"}
			var got []string
			handle := func(k, _ *yaml.Node) { got = append(got, k.Value) }
			f.Fields(rec, value(t, top, "m"), "m", map[string]func(k, v *yaml.Node){"a": handle, "b": handle}, tt.required...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("keys handled mismatch (-want +got):\n%s", diff)
			}
			for i := range tt.reports {
				tt.reports[i].Line++
				tt.reports[i].Col += 2
				tt.reports[i].Text = "  " + tt.reports[i].Text
			}
			if diff := cmp.Diff(tt.reports, rec.got); diff != "" {
				t.Errorf("reports mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPairs: Pairs keeps the file's order, and names a repeated key as the
// Format says.
func TestPairs(t *testing.T) {
	for _, format := range []*Format{testFormat, otherFormat} {
		t.Run(format.Name, func(t *testing.T) {
			f := New("f.yaml", []byte("m: {b: 1, a: 2, b: 3, [c]: 4}\n"), format)
			rec := &recorder{t: t, file: "f.yaml"}
			top := f.Parse(rec)
			var got []string
			for _, kv := range f.Pairs(rec, value(t, top, "m"), "m") {
				got = append(got, kv[0].Value+"="+kv[1].Value)
			}
			if diff := cmp.Diff([]string{"b=1", "a=2"}, got); diff != "" {
				t.Errorf("pairs mismatch (-want +got):\n%s", diff)
			}
			line := "m: {b: 1, a: 2, b: 3, [c]: 4}"
			want := []report{
				{Line: 1, Col: 17, Text: line, Msg: `m: duplicate ` + format.DuplicateKey + ` "b"`},
				{Line: 1, Col: 23, Text: line, Msg: "m: keys must be plain names"},
			}
			if diff := cmp.Diff(want, rec.got); diff != "" {
				t.Errorf("reports mismatch (-want +got):\n%s", diff)
			}
			if got := f.Pairs(rec, value(t, top, "m").Content[1], "m.b"); got != nil {
				t.Errorf("Pairs of a scalar = %v", got)
			}
		})
	}
}

func TestKindName(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{src: "{a: 1}", want: "a mapping"},
		{src: "[1]", want: "a list"},
		{src: "~", want: "null"},
		{src: "false", want: "a boolean false"},
		{src: "0x1F", want: "a whole number 0x1F"},
		{src: "1.5e3", want: "a number 1.5e3"},
		{src: "2026-01-31", want: "a date 2026-01-31"},
		{src: `"a \"b\""`, want: `text "a \"b\""`},
		{src: strings.Repeat("x", 41), want: `text "` + strings.Repeat("x", 40) + `..."`},
		{src: "!!binary aGk=", want: `!!binary "aGk="`},
		{src: `!x "a\0b"`, want: `!x "a\x00b"`},
		{src: "x" + strings.Repeat("é", 30), want: `text "x` + strings.Repeat("é", 19) + `..."`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, top := mustParse(t, "v: "+tt.src+"\n")
			if got := KindName(value(t, top, "v")); got != tt.want {
				t.Errorf("KindName(%s) = %s, want %s", tt.src, got, tt.want)
			}
		})
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}
