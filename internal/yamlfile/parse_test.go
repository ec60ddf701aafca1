package yamlfile

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		format *Format
		src    string
		want   []report // nil: Parse returns the top-level mapping
		reason string
	}{
		{name: "a mapping", format: testFormat, src: "a: 1\nb: [1, {c: 2}]\n"},
		{name: "a mapping after a document marker", format: testFormat, src: "---\na: 1\n"},
		{name: "over the size limit", format: testFormat, src: "a: 1\nb: " + strings.Repeat("x", 200) + "\n",
			want: []report{{Line: 2, Col: 196, Text: "b: " + strings.Repeat("x", 200),
				Msg: "a rule file may hold at most 200 bytes; this one is larger, and passes the limit here"}},
			reason: "the report is at byte 200, counting from 0: the first past the limit"},
		{name: "no size limit", format: otherFormat, src: "a: " + strings.Repeat("x", 200) + "\n"},
		{name: "nested past the limit", format: testFormat, src: "a: [[[[1]]]]\n",
			want:   []report{{Line: 1, Col: 7, Text: "a: [[[[1]]]]", Msg: "YAML lists and mappings nested 4 deep are over the limit of 3"}},
			reason: "at the bracket that goes past the limit"},
		{name: "nested to the limit", format: testFormat, src: "a: [[{b: 1}]]\n"},
		{name: "no nesting limit", format: otherFormat, src: "a: [[[[1]]]]\n"},
		{name: "empty", format: testFormat, src: "",
			want: []report{{Line: 1, Col: 1, Msg: "empty rule file"}}},
		{name: "only a comment", format: otherFormat, src: "# nothing yet\n",
			want: []report{{Line: 1, Col: 1, Text: "# nothing yet", Msg: "empty test file"}}},
		{name: "two documents", format: testFormat, src: "a: 1\n---\nb: 2\n",
			want:   []report{{Line: 2, Col: 1, Text: "---", Msg: "a rule file holds one YAML document; found another"}},
			reason: "the second document is reported where it starts"},
		{name: "a broken second document", format: testFormat, src: "a: 1\n---\n[\n",
			want:   []report{{Line: 3, Col: 2, Text: "[", Msg: "invalid YAML at or just after this line: did not find expected node content"}},
			reason: "a second document is refused even when it is not valid YAML"},
		{name: "a list at the top", format: testFormat, src: "- a\n",
			want: []report{{Line: 1, Col: 1, Text: "- a", Msg: "want a mapping of rule-file fields at the top level"}}},
		{name: "a list at the top, other wording", format: otherFormat, src: "- a\n",
			want: []report{{Line: 1, Col: 1, Text: "- a", Msg: "want a mapping, got a list"}}},
		{name: "a scalar at the top", format: otherFormat, src: "hello\n",
			want: []report{{Line: 1, Col: 1, Text: "hello", Msg: `want a mapping, got text "hello"`}}},
		{name: "anchor and alias", format: testFormat, src: "a: &x [1]\nb: *x\n",
			want: []report{
				{Line: 1, Col: 4, Text: "a: &x [1]", Msg: "anchors and aliases are not allowed in rule files; write the value out"},
				{Line: 2, Col: 4, Text: "b: *x", Msg: "anchors and aliases are not allowed in rule files; write the value out"},
			}},
		{name: "anchor inside an anchored node", format: testFormat, src: "a: &x [&y 1]\n",
			want:   []report{{Line: 1, Col: 4, Text: "a: &x [&y 1]", Msg: "anchors and aliases are not allowed in rule files; write the value out"}},
			reason: "a refused node is not walked further"},
		{name: "merge key", format: otherFormat, src: "a:\n  <<: {b: 1}\n",
			want: []report{{Line: 2, Col: 3, Text: "  <<: {b: 1}", Msg: "merge keys (<<) are not allowed in test files"}}},
		{name: "syntax error at a line", format: testFormat, src: "a: 1\nb: [\n",
			want:   []report{{Line: 2, Col: 5, Text: "b: [", Msg: "invalid YAML at or just after this line: did not find expected node content"}},
			reason: "the file ends inside the list: just after the last character"},
		{name: "syntax error, other wording", format: otherFormat, src: "a: 1\n b: 2\n",
			want: []report{{Line: 2, Col: 3, Text: " b: 2", Msg: `invalid YAML: ": " here would start a mapping inside the value above; check the indentation of this line`}}},
		{name: "syntax error on line 1", format: testFormat, src: "a: b: c\n",
			want:   []report{{Line: 1, Col: 5, Text: "a: b: c", Msg: `invalid YAML: a second ": " on the line would start a mapping inside a value; put the value in quotes`}},
			reason: "the parser names no line for line 1"},
		{name: "parser error, its line counted from 0", format: testFormat, src: "a:\n  - b\n  c: 1\n",
			want:   []report{{Line: 2, Col: 3, Text: "  - b", Msg: "invalid YAML at or just after this line: did not find expected '-' indicator"}},
			reason: "the parser says line 1 for the list that begins on line 2"},
		{name: "tab in the indentation", format: testFormat, src: "a: 1\nb:\n  c: 1\n\td: 2\n",
			want:   []report{{Line: 4, Col: 1, Text: "\td: 2", Msg: "invalid YAML: a tab in the indentation; YAML indents with spaces"}},
			reason: "the parser says line 3"},
		{name: "tab before a list item", format: testFormat, src: "a:\n  \t- 1\n",
			want: []report{{Line: 2, Col: 3, Text: "  \t- 1", Msg: "invalid YAML: a tab in the indentation; YAML indents with spaces"}}},
		{name: "a tab between values is fine", format: testFormat, src: "a:\t1\nb: [1,\t2]\n"},
		{name: "bad escape", format: testFormat, src: "a: 'c:\\x'\nb: \"\\d\"\n",
			want:   []report{{Line: 2, Col: 5, Text: `b: "\d"`, Msg: `invalid YAML: unknown escape in double-quoted text; write \\ for a backslash, or put the text in single quotes`}},
			reason: "a backslash in single quotes is no escape"},
		{name: "unclosed quote", format: testFormat, src: "a: \"x\n\nb: 1\n",
			want: []report{{Line: 1, Col: 4, Text: `a: "x`, Msg: "invalid YAML: this quoted text is not closed before the file ends"}}},
		{name: "unclosed quote on a later line", format: testFormat, src: "a: 1\nb: 'x\n",
			want: []report{{Line: 2, Col: 4, Text: `b: 'x`, Msg: "invalid YAML: this quoted text is not closed before the file ends"}}},
		{name: "unknown tag", format: otherFormat, src: "a: !x!y 1\n",
			want: []report{{Line: 1, Col: 4, Text: "a: !x!y 1", Msg: "invalid YAML: a YAML tag (!name) that is not known; put text starting with ! in quotes"}}},
		{name: "node column after non-ASCII text", format: testFormat, src: "a: {é: 1, b: &x 2}\n",
			want:   []report{{Line: 1, Col: 15, Text: "a: {é: 1, b: &x 2}", Msg: "anchors and aliases are not allowed in rule files; write the value out"}},
			reason: "the parser counts characters; columns count bytes"},
		{name: "node line after a line separator", format: testFormat, src: "a: \"x\u2028y\"\nb: &x 1\n",
			want:   []report{{Line: 2, Col: 4, Text: "b: &x 1", Msg: "anchors and aliases are not allowed in rule files; write the value out"}},
			reason: "the parser breaks a line at U+2028; lines count LF"},
		{name: "control character", format: testFormat, src: "a: \x01\n",
			want: []report{{Line: 1, Col: 4, Text: "a: \x01", Msg: "control character U+0001 is not allowed in YAML"}}},
		{name: "NUL", format: otherFormat, src: "a: 1\nb: x\x00\n",
			want: []report{{Line: 2, Col: 5, Text: "b: x\x00", Msg: "a NUL byte: a test file holds text, not binary data"}}},
		{name: "not UTF-8", format: testFormat, src: "a: caf\xe9\n",
			want: []report{{Line: 1, Col: 7, Text: "a: caf\xe9", Msg: "byte 0xe9 is not UTF-8 text; a rule file must be UTF-8"}}},
		{name: "UTF-16", format: testFormat, src: "\xff\xfea\x00",
			want: []report{{Line: 1, Col: 1, Text: "\xff\xfea\x00", Msg: "the rule file is encoded as UTF-16; save it as UTF-8"}}},
		{name: "UTF-8 byte order mark", format: testFormat, src: "\ufeffa: 1\n"},
		{name: "NEL is allowed", format: otherFormat, src: "a: \"x\u0085y\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New("f.yaml", []byte(tt.src), tt.format)
			rec := &recorder{t: t, file: "f.yaml"}
			top := f.Parse(rec)
			if diff := cmp.Diff(tt.want, rec.got); diff != "" {
				t.Errorf("reports mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
			if (top != nil) != (tt.want == nil) {
				t.Errorf("Parse returned %v with %d reports", top, len(rec.got))
			}
		})
	}
}

func TestNestingDepth(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		want   int
		reason string
	}{
		{name: "block only", src: "a:\n  b:\n    - c\n", want: 0},
		{name: "flow", src: "a: [1, {b: [2]}]\n", want: 3},
		{name: "siblings", src: "a: [[1], [2]]\nb: {c: 1}\n", want: 2},
		{name: "brackets in double quotes", src: `a: "[[[" `, want: 0},
		{name: "escaped quote", src: `a: ["\"[[", 1]`, want: 1, reason: `\" does not end the quoted text`},
		{name: "brackets in single quotes", src: "a: '[[['\n", want: 0},
		{name: "apostrophe in a word", src: "a: don't [x]\n", want: 1, reason: "the apostrophe opens no quoted text"},
		{name: "quote ends at the line", src: "a: \"[[\nb: [1]\n", want: 1, reason: "an unclosed quote is not followed past its line"},
		{name: "comment", src: "a: 1 # [[[[\n", want: 0},
		{name: "closers without openers", src: "]]]] a: [1]\n", want: 1},
		{name: "# inside a word", src: "a: x#[[\n", want: 2, reason: "a comment follows white space"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := nestingDepth([]byte(tt.src), 0); got != tt.want {
				t.Errorf("nestingDepth(%q) = %d, want %d\n%s", tt.src, got, tt.want, tt.reason)
			}
		})
	}
}

// BenchmarkParse parses and checks a rule file of the size the national
// policy has (some 30 parameters and rules).
func BenchmarkParse(b *testing.B) {
	var src strings.Builder
	src.WriteString("parameters:\n")
	for i := range 30 {
		src.WriteString("  p" + strings.Repeat("x", i) + ":\n    type: int\n    default: 4\n    description: >\n      A parameter, described over\n      two lines.\n")
	}
	data := []byte(src.String())
	format := *testFormat
	format.MaxSize = 0
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f := New("f.yaml", data, &format)
		if f.Parse(&recorder{file: "f.yaml"}) == nil {
			b.Fatal("Parse failed")
		}
	}
}
