package policytest

import (
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp/internal/yamlfile"
	"github.com/isotp-dev/isotp/rules"
)

// Test files are read by the same YAML reader as rule files: unknown and
// duplicate fields, wrong kinds and bad values are each an error at
// file:line:col with the source line.

// maxFileSize bounds a test file. Test files hold cases inline, so the limit
// is higher than a rule file's; flow nesting and any one text are bounded
// as in rule files.
const maxFileSize = MaxFileSize

// MaxFileSize is the most bytes a test file may hold.
const MaxFileSize = 8 << 20

// testFormat is how test files are read, and how their errors are worded.
var testFormat = &yamlfile.Format{
	Name:     "test file",
	MaxSize:  maxFileSize,
	MaxDepth: yamlfile.DefaultMaxDepth,
	MaxText:  yamlfile.DefaultMaxText,
	TopLevel: func(top *yaml.Node) string {
		return "want a mapping of test-file fields (description, area, tests) at the top level, got " + yamlfile.KindName(top)
	},
	SyntaxError:  "invalid YAML",
	DuplicateKey: "field",
}

// A srcFile is one test file, read by the shared YAML reader.
type srcFile struct{ *yamlfile.File }

func newSrcFile(name string, src []byte) *srcFile {
	return &srcFile{yamlfile.New(name, src, testFormat)}
}

// pos returns the position of node n, its column in bytes.
func (f *srcFile) pos(n *yaml.Node) rules.Position {
	line, col := f.Pos(n.Line, n.Column)
	return rules.Position{File: f.Name(), Line: line, Column: col}
}

// report is an ErrorList seen as the reader's Reporter.
type report ErrorList

func (l *report) Report(file string, line, col int, lineText, code, msg string) {
	if code == "" {
		code = "test.file"
	}
	*l = append(*l, &rules.Error{Pos: rules.Position{File: file, Line: line, Column: col}, Code: code, Msg: msg, Line: lineText})
}

// A reader reads one file's nodes, collecting errors.
type reader struct {
	f    *srcFile
	root *os.Root // the test file's folder: the files it names are read in it; nil when it cannot be opened
	errs *ErrorList
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.f.Errorf((*report)(r.errs), n, format, args...)
}

// parse reads the file as one YAML document whose top level is a mapping.
// Anchors, aliases and merge keys are refused: a test file is read by
// people, and every case in it should be written out where it is used.
func (r *reader) parse() *yaml.Node { return r.f.Parse((*report)(r.errs)) }

func (r *reader) fields(n *yaml.Node, what string, handlers map[string]func(k, v *yaml.Node), required ...string) {
	r.f.Fields((*report)(r.errs), n, what, handlers, required...)
}

func (r *reader) pairs(n *yaml.Node, what string) [][2]*yaml.Node {
	return r.f.Pairs((*report)(r.errs), n, what)
}

func (r *reader) seq(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	return r.f.Seq((*report)(r.errs), n, what)
}

func (r *reader) text(n *yaml.Node, what string) (string, bool) {
	return r.f.Text((*report)(r.errs), n, what)
}

func (r *reader) oneOf(n *yaml.Node, what string, choices []string) (string, bool) {
	return r.f.OneOf((*report)(r.errs), n, what, choices)
}

func (r *reader) integer(n *yaml.Node, what string, min int) (int, bool) {
	return r.f.Int((*report)(r.errs), n, what, min)
}

func (r *reader) boolean(n *yaml.Node, what string) (bool, bool) {
	return r.f.Bool((*report)(r.errs), n, what)
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }
