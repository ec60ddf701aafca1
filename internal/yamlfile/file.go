// Package yamlfile reads YAML files written by people — rule files, area
// files, policy test files — into yaml.Node trees, and reports every problem
// at file:line:col with the offending source line.
//
// A File is one file's bytes and the Format it is read under. Parse refuses
// what such files must not hold (further documents, anchors, aliases, merge
// keys, files and flow nesting past the Format's limits); the field helpers
// (Fields, Pairs, Seq, Text, Bool, Number, Int, OneOf) read one node each and
// report a wrong kind or value instead of guessing. Errors go to a Reporter
// that the caller supplies, so each caller keeps its own error types. ExprPos
// maps an offset within a scalar's value (a CEL error's, say) back to the
// file, through quotes, escapes and folded lines.
//
// It is not a general YAML library: it reads the plain, hand-written subset
// that these files use.
package yamlfile

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
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
}

// A Reporter receives the problems found reading a file: msg at line and col
// of file (counting from 1; 0 when not known), with lineText the source line
// for display ("" when line is 0).
type Reporter interface {
	Report(file string, line, col int, lineText, msg string)
}

// A File is one file's bytes, kept so that errors can quote the offending
// line and offsets can be mapped back to line and column. Create it with
// New; it is not changed after, and is safe for concurrent use as long as
// its Reporters are.
type File struct {
	name       string
	src        []byte
	lineStarts []int // byte offset of the start of each line
	format     *Format
}

// New returns the file called name (as errors show it) holding src, read
// under format.
func New(name string, src []byte, format *Format) *File {
	f := &File{name: name, src: src, lineStarts: []int{0}, format: format}
	for i, b := range src {
		if b == '\n' {
			f.lineStarts = append(f.lineStarts, i+1)
		}
	}
	return f
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
	end := len(f.src)
	if n < len(f.lineStarts) {
		end = f.lineStarts[n] - 1
	}
	return strings.TrimRight(string(f.src[start:end]), "\r")
}

// offsetPos converts a byte offset to a line and column (columns count
// bytes).
func (f *File) offsetPos(off int) (line, col int) {
	i := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off }) - 1
	return i + 1, off - f.lineStarts[i] + 1
}

// Errorf reports a problem at node n, with its source line, or at the file
// as a whole when n is nil.
func (f *File) Errorf(r Reporter, n *yaml.Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if n == nil {
		r.Report(f.name, 0, 0, "", msg)
		return
	}
	r.Report(f.name, n.Line, n.Column, f.Line(n.Line), msg)
}
