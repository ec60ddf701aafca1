package yamlfile

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// A report is one call of Report, as the tests compare it.
type report struct {
	Line, Col int
	Text, Msg string
}

// A recorder is a Reporter keeping what it is told.
type recorder struct {
	t    *testing.T
	file string
	got  []report
}

func (r *recorder) Report(file string, line, col int, lineText, code, msg string) {
	if file != r.file {
		r.t.Errorf("reported for file %q, want %q", file, r.file)
	}
	r.got = append(r.got, report{line, col, lineText, msg})
}

// testFormat is a Format with every limit set, worded as for rule files.
var testFormat = &Format{
	Name:         "rule file",
	MaxSize:      200,
	MaxDepth:     3,
	MaxText:      10,
	TopLevel:     func(*yaml.Node) string { return "want a mapping of rule-file fields at the top level" },
	SyntaxError:  "invalid YAML at or just after this line",
	DuplicateKey: "key",
}

// otherFormat has no limits and other wording, as for policy test files.
var otherFormat = &Format{
	Name:         "test file",
	TopLevel:     func(top *yaml.Node) string { return "want a mapping, got " + KindName(top) },
	SyntaxError:  "invalid YAML",
	DuplicateKey: "field",
}

// mustParse parses src, which must be a valid file under testFormat.
func mustParse(t *testing.T, src string) (*File, *yaml.Node) {
	t.Helper()
	f := New("f.yaml", []byte(src), testFormat)
	rec := &recorder{t: t, file: "f.yaml"}
	top := f.Parse(rec)
	if top == nil || len(rec.got) > 0 {
		t.Fatalf("Parse(%q) failed: %v", src, rec.got)
	}
	return f, top
}

// value returns the value of key in mapping n.
func value(t *testing.T, n *yaml.Node, key string) *yaml.Node {
	t.Helper()
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	t.Fatalf("no key %q", key)
	return nil
}
