package yamlfile

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestExprPos(t *testing.T) {
	tests := []struct {
		name      string
		src       string // the value of key e
		off       int
		line, col int
		reason    string
	}{
		{name: "plain, start", src: "e: x + y\n", off: 0, line: 1, col: 4},
		{name: "plain, inside", src: "e: x + y\n", off: 4, line: 1, col: 8},
		{name: "past the end", src: "e: x + y\n", off: 100, line: 1, col: 9, reason: "an offset past the value maps to just after it"},
		{name: "double-quoted with escapes", src: `e: "x \"q\" y"` + "\n", off: 6, line: 1, col: 13,
			reason: "the opening quote and the backslashes are skipped"},
		{name: "single-quoted with a doubled quote", src: "e: 'it''s'\n", off: 3, line: 1, col: 9},
		{name: "literal, first line", src: "e: |\n  x &&\n  y\n", off: 0, line: 2, col: 3},
		{name: "literal, second line", src: "e: |\n  x &&\n  y\n", off: 5, line: 3, col: 3},
		{name: "folded", src: "e: >\n  size(x) > 1\n  && y\n", off: 15, line: 3, col: 6,
			reason: "the line break folded into a space and the indentation after it are skipped"},
		{name: "literal, CRLF line breaks", src: "e: |\r\n  x\r\n  y\r\n", off: 2, line: 3, col: 3},
		{name: "in a flow mapping", src: "f: {g: 1, e: a == b}\n", off: 5, line: 1, col: 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, top := mustParse(t, tt.src)
			var n *yaml.Node
			if len(top.Content) == 2 && top.Content[0].Value == "f" {
				n = value(t, value(t, top, "f"), "e")
			} else {
				n = value(t, top, "e")
			}
			line, col := f.ExprPos(n, tt.off)
			if line != tt.line || col != tt.col {
				t.Errorf("ExprPos(%q, %d) = %d:%d, want %d:%d\n%s", n.Value, tt.off, line, col, tt.line, tt.col, tt.reason)
			}
		})
	}
	f := New("f.yaml", []byte("e: 1\n"), testFormat)
	if line, col := f.ExprPos(&yaml.Node{}, 0); line != 0 || col != 0 {
		t.Errorf("ExprPos of a node with no place = %d:%d, want 0:0", line, col)
	}
}

func TestLine(t *testing.T) {
	f := New("f.yaml", []byte("a: 1\r\nb: 2\n"), testFormat)
	tests := []struct {
		n    int
		want string
	}{
		{n: 0, want: ""},
		{n: 1, want: "a: 1"},
		{n: 2, want: "b: 2"},
		{n: 3, want: ""},
		{n: 4, want: ""},
	}
	for _, tt := range tests {
		if got := f.Line(tt.n); got != tt.want {
			t.Errorf("Line(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestErrorfWithoutNode: a nil node reports at the file as a whole.
func TestErrorfWithoutNode(t *testing.T) {
	f := New("f.yaml", []byte("a: 1\n"), testFormat)
	rec := &recorder{t: t, file: "f.yaml"}
	f.Errorf(rec, nil, "no %s", "name")
	if len(rec.got) != 1 || rec.got[0] != (report{Msg: "no name"}) {
		t.Errorf("reports = %v, want one at the file", rec.got)
	}
}

func BenchmarkExprPos(b *testing.B) {
	src := []byte("e: >\n  size(offences) > 0 &&\n  offences.all(o, o.date >= params.cja2003_commencement)\n")
	f := New("f.yaml", src, testFormat)
	top := f.Parse(&recorder{file: "f.yaml"})
	n := top.Content[1]
	for b.Loop() {
		f.ExprPos(n, 40)
	}
}
