package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp/internal/yamlfile"
)

// Limits on rule files: they are written by people, and a file past these is
// a mistake or an attack.
const (
	maxFileSize = 1 << 20                  // bytes
	maxTextSize = yamlfile.DefaultMaxText  // bytes in any one text field or expression
	maxDepth    = yamlfile.DefaultMaxDepth // nesting of YAML flow collections ([...], {...})
)

// ruleFormat is how rule and area files are read, and how their errors are
// worded.
var ruleFormat = &yamlfile.Format{
	Name:         "rule file",
	MaxSize:      maxFileSize,
	MaxDepth:     maxDepth,
	MaxText:      maxTextSize,
	TopLevel:     func(*yaml.Node) string { return "want a mapping of rule-file fields at the top level" },
	SyntaxError:  "invalid YAML at or just after this line",
	DuplicateKey: "key",
}

// A srcFile is one rule file, read by the shared YAML reader: its methods
// below report into an ErrorList and give positions as Position.
type srcFile struct{ *yamlfile.File }

func newSrcFile(name string, src []byte) *srcFile {
	return &srcFile{yamlfile.New(name, src, ruleFormat)}
}

// report is an ErrorList seen as the reader's Reporter.
type report ErrorList

func (l *report) Report(file string, line, col int, lineText, code, msg string) {
	*l = append(*l, &Error{Pos: Position{File: file, Line: line, Column: col}, Code: code, Msg: msg, Line: lineText})
}

// pos returns the position of a node at line and col as the YAML parser
// gives them (n.Line, n.Column): columns in bytes, as errors give them.
func (f *srcFile) pos(line, col int) Position {
	line, col = f.Pos(line, col)
	return Position{File: f.Name(), Line: line, Column: col}
}

// exprPos maps a byte offset within scalar n's value back to the rule file.
func (f *srcFile) exprPos(n *yaml.Node, off int) Position {
	line, col := f.ExprPos(n, off)
	return Position{File: f.Name(), Line: line, Column: col}
}

// parse reads the file as one YAML document whose top level is a mapping,
// refusing anchors, aliases, merge keys, further documents and files past
// the limits above.
func (f *srcFile) parse(errs *ErrorList) *yaml.Node { return f.Parse((*report)(errs)) }

func (f *srcFile) errorf(errs *ErrorList, code string, n *yaml.Node, format string, args ...any) {
	f.ErrorCode((*report)(errs), code, n, format, args...)
}

func (f *srcFile) fields(errs *ErrorList, n *yaml.Node, what string, handlers map[string]func(k, v *yaml.Node), required ...string) {
	f.Fields((*report)(errs), n, what, handlers, required...)
}

func (f *srcFile) pairs(errs *ErrorList, n *yaml.Node, what string) [][2]*yaml.Node {
	return f.Pairs((*report)(errs), n, what)
}

func (f *srcFile) seq(errs *ErrorList, n *yaml.Node, what string) []*yaml.Node {
	items, _ := f.Seq((*report)(errs), n, what)
	return items
}

func (f *srcFile) text(errs *ErrorList, n *yaml.Node, what string) (string, bool) {
	return f.Text((*report)(errs), n, what)
}

func (f *srcFile) boolean(errs *ErrorList, n *yaml.Node, what string) (bool, bool) {
	return f.Bool((*report)(errs), n, what)
}

func (f *srcFile) number(errs *ErrorList, n *yaml.Node, what string) (float64, bool) {
	return f.Number((*report)(errs), n, what)
}
