// Package yamlfile reads YAML files written by people — rule files, area
// files, policy test files — into yaml.Node trees, and reports every problem
// at file:line:col with the offending source line.
//
// A File is one file's bytes and the Format it is read under. Parse refuses
// what such files must not hold (further documents, anchors, aliases, merge
// keys, files and flow nesting past the Format's limits, bytes that are not
// UTF-8 text), each at its line and column, including the YAML parser's own
// errors, which name a line at most; the field helpers
// (Fields, Pairs, Seq, Text, Bool, Number, Int, OneOf) read one node each and
// report a wrong kind or value instead of guessing. Errors go to a Reporter
// that the caller supplies, so each caller keeps its own error types. ExprPos
// maps an offset within a scalar's value (a CEL error's, say) back to the
// file, through quotes, escapes and folded lines. Positions count lines at
// LF and columns in bytes. Excerpt shows the source line of an error safely:
// cut short around the column when it is long, with what does not print
// escaped.
//
// It is not a general YAML library: it reads the plain, hand-written subset
// that these files use.
package yamlfile

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits shared by the kinds of file that people write by hand: rule and
// area files, and policy test files.
const (
	// DefaultMaxDepth is the deepest nesting of flow collections ([...],
	// {...}) allowed.
	DefaultMaxDepth = 32
	// DefaultMaxText is the most bytes one text value (a message, an
	// expression) may hold.
	DefaultMaxText = 20000
)

// A Format describes one kind of file: how messages name it, the limits it
// is read under, and the wording of the messages that differ between kinds.
// Every field but the limits must be set. A Format is read, never changed,
// by the Files that use it.
type Format struct {
	// Name names the file in messages: "rule file" gives "empty rule file",
	// "a rule file holds one YAML document" and "not allowed in rule files".
	Name string
	// MaxSize bounds the file, in bytes; 0 means no limit.
	MaxSize int
	// MaxDepth bounds the nesting of flow collections ([...], {...}),
	// checked before parsing; 0 means no limit.
	MaxDepth int
	// MaxText bounds the bytes of one value read by Text; 0 means no limit.
	MaxText int
	// TopLevel returns the message for a file whose top level is not a
	// mapping; top is the node found there (the document itself when it
	// holds no single node).
	TopLevel func(top *yaml.Node) string
	// SyntaxError starts the message for a YAML syntax error at a line:
	// "invalid YAML" or "invalid YAML at or just after this line".
	SyntaxError string
	// DuplicateKey is what Pairs calls a repeated key: "key" or "field".
	// (Fields always says "field".)
	DuplicateKey string
	// OnFields, when set, is called by Fields with each mapping it reads
	// (its line and column as the parser gives them) and the keys it
	// accepts there: for tests that hold a format's JSON Schema to the
	// fields its reader accepts.
	OnFields func(file string, line, col int, keys []string)
}

// A Reporter receives the problems found reading a file: msg at line and col
// of file (counting from 1; columns count bytes), with lineText the whole
// source line ("" when line is 0, for a problem with the file as a whole),
// and code the family of the problem ("yaml.syntax", "field.unknown"; the
// caller's own for errors it reports with ErrorCode, "" with Errorf).
// lineText is the file's own text, which may be long or hold bytes that do
// not print; show it through Excerpt.
type Reporter interface {
	Report(file string, line, col int, lineText, code, msg string)
}

// A File is one file's bytes, kept so that errors can quote the offending
// line and offsets can be mapped back to line and column. Create it with
// New; it is not changed after, and is safe for concurrent use as long as
// its Reporters are.
type File struct {
	name       string
	src        []byte
	text       string // src as a string, so that every line reported shares it
	lineStarts []int  // byte offset of the start of each line
	// nodeStarts is the byte offset of the start of each line as the YAML
	// parser counts lines, which also breaks them at a lone CR, NEL (U+0085),
	// LS (U+2028) and PS (U+2029); nil when that is lineStarts.
	nodeStarts []int
	format     *Format
}

// New returns the file called name (as errors show it) holding src, read
// under format.
func New(name string, src []byte, format *Format) *File {
	f := &File{name: name, src: src, text: string(src), lineStarts: []int{0}, format: format}
	for i, b := range src {
		if b == '\n' {
			f.lineStarts = append(f.lineStarts, i+1)
		}
	}
	if bytes.IndexByte(src, '\r') >= 0 || bytes.Contains(src, []byte("\u0085")) ||
		bytes.Contains(src, []byte("\u2028")) || bytes.Contains(src, []byte("\u2029")) {
		f.nodeStarts = yamlLineStarts(src)
	}
	return f
}

// yamlLineStarts returns the byte offset of the start of each line of src
// as the YAML parser counts lines: CRLF, LF, CR, NEL, LS and PS each end one.
func yamlLineStarts(src []byte) []int {
	starts := []int{0}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == '\r' && i+1 < len(src) && src[i+1] == '\n':
			size = 2
			fallthrough
		case r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			starts = append(starts, i+size)
		}
		i += size
	}
	return starts
}

// nodeOffset returns the byte offset of node n in the file, or -1 when n has
// no place in it.
func (f *File) nodeOffset(n *yaml.Node) int { return f.parserOffset(n.Line, n.Column) }

// parserOffset returns the byte offset of a line and column as the parser
// gives them, or -1 for no place (line 0); a line past the last is the end
// of the file. The parser counts columns
// in characters, and may break lines where the file's readers do not;
// positions reported count lines at LF and columns in bytes, as go/token
// does, so that a caret lands under the right character.
func (f *File) parserOffset(line, col int) int {
	starts := f.nodeStarts
	if starts == nil {
		starts = f.lineStarts
	}
	switch {
	case line < 1 || col < 1:
		return -1
	case line > len(starts): // an empty value where the file ends ("---")
		return len(f.src)
	}
	off := starts[line-1]
	for c := 1; c < col && off < len(f.src); c++ {
		_, size := utf8.DecodeRune(f.src[off:])
		off += size
	}
	return off
}

// Pos converts a line and column as the YAML parser gives them (a node's
// Line and Column) to the line and column errors give: lines end at LF and
// columns count bytes, from 1. It returns 0, 0 for a place not in the file.
func (f *File) Pos(line, col int) (int, int) {
	off := f.parserOffset(line, col)
	if off < 0 {
		return 0, 0
	}
	return f.offsetPos(off)
}

// Name returns the file's name as errors show it.
func (f *File) Name() string { return f.name }

// Bytes returns the file's contents; the caller must not change them.
func (f *File) Bytes() []byte { return f.src }

// Line returns source line n (from 1) without its line break, or "" when
// there is no line n.
func (f *File) Line(n int) string {
	if n < 1 || n > len(f.lineStarts) {
		return ""
	}
	start := f.lineStarts[n-1]
	end := len(f.text)
	if n < len(f.lineStarts) {
		end = f.lineStarts[n] - 1
	}
	return strings.TrimSuffix(f.text[start:end], "\r")
}

// offsetPos converts a byte offset to a line and column (columns count
// bytes). An offset on a line's carriage return, or past the end of the
// file, is the column just after the line's last character.
func (f *File) offsetPos(off int) (line, col int) {
	i := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off }) - 1
	return i + 1, min(off-f.lineStarts[i]+1, len(f.Line(i+1))+1)
}

// Errorf reports a problem at node n, with its source line, or at the file
// as a whole when n is nil, with no code.
func (f *File) Errorf(r Reporter, n *yaml.Node, format string, args ...any) {
	f.ErrorCode(r, "", n, format, args...)
}

// ErrorCode reports a problem of family code at node n, as Errorf does.
func (f *File) ErrorCode(r Reporter, code string, n *yaml.Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if n == nil {
		r.Report(f.name, 0, 0, "", code, msg)
		return
	}
	line, col := f.Pos(n.Line, n.Column)
	f.report(r, line, col, code, msg)
}

// report reports msg at line and col, with the source line.
func (f *File) report(r Reporter, line, col int, code, msg string) {
	r.Report(f.name, line, col, f.Line(line), code, msg)
}

// errorAt reports a problem of family code at byte offset off.
func (f *File) errorAt(r Reporter, code string, off int, format string, args ...any) {
	line, col := f.offsetPos(off)
	f.report(r, line, col, code, fmt.Sprintf(format, args...))
}

// ReadLimited reads r to its end, or, when limit is more than 0, only its
// first limit+1 bytes: enough for Parse to report where a file passes its
// Format's MaxSize, without holding more of a file that never ends
// (/dev/zero) or is far too large.
func ReadLimited(r io.Reader, limit int) ([]byte, error) {
	if limit > 0 {
		r = io.LimitReader(r, int64(limit)+1)
	}
	return io.ReadAll(r)
}
