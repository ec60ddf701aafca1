package policytest

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp/rules"
	"go.yaml.in/yaml/v3"
)

// This file is a compact reader of YAML nodes with positioned errors, in the
// manner of the rule-file reader in package rules (whose helpers are its
// own): unknown and duplicate fields, wrong kinds and bad values are each an
// error at file:line:col with the source line.

// maxFileSize bounds a test file. Test files hold cases inline, so the limit
// is higher than a rule file's.
const maxFileSize = 8 << 20

// A srcFile is one test file's bytes, kept to quote the offending line.
type srcFile struct {
	name  string // as the author gave it, for errors
	dir   string // directory that relative paths in the file start from
	lines []string
}

func newSrcFile(name, dir string, src []byte) *srcFile {
	return &srcFile{name: name, dir: dir, lines: strings.Split(string(src), "\n")}
}

func (f *srcFile) pos(n *yaml.Node) rules.Position {
	return rules.Position{File: f.name, Line: n.Line, Column: n.Column}
}

// line returns source line n (from 1), for display.
func (f *srcFile) line(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	return strings.TrimRight(f.lines[n-1], "\r")
}

// A reader reads one file's nodes, collecting errors.
type reader struct {
	f    *srcFile
	errs *ErrorList
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs.errorf(r.f, n, format, args...)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse reads src as one YAML document whose top level is a mapping.
// Anchors, aliases and merge keys are refused: a test file is read by
// people, and every case in it should be written out where it is used.
func (r *reader) parse(src []byte) *yaml.Node {
	if len(src) > maxFileSize {
		r.errorf(nil, "test file of %d bytes is over the limit of %d", len(src), maxFileSize)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.errorf(nil, "empty test file")
			return nil
		}
		r.yamlError(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		r.errorf(&extra, "a test file holds one YAML document; found another")
		return nil
	} else if !errors.Is(err, io.EOF) {
		r.yamlError(err)
		return nil
	}
	top := &doc
	if len(doc.Content) == 1 {
		top = doc.Content[0]
	}
	if top.Kind != yaml.MappingNode {
		r.errorf(top, "want a mapping of test-file fields (description, area, tests) at the top level, got %s", kindName(top))
		return nil
	}
	ok := true
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind == yaml.AliasNode || n.Anchor != "":
			r.errorf(n, "anchors and aliases are not allowed in test files; write the value out")
			ok = false
		case n.Kind == yaml.ScalarNode && n.Tag == "!!merge":
			r.errorf(n, "merge keys (<<) are not allowed in test files")
			ok = false
		default:
			for _, c := range n.Content {
				walk(c)
			}
		}
	}
	walk(top)
	if !ok {
		return nil
	}
	return top
}

func (r *reader) yamlError(err error) {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, s := range msgs {
		if m := yamlLine.FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			r.errs.add(rules.Position{File: r.f.name, Line: n}, r.f.line(n), "invalid YAML: %s", m[2])
			continue
		}
		r.errorf(nil, "invalid YAML: %s", strings.TrimPrefix(s, "yaml: "))
	}
}

// fields walks mapping n (described as what), calling the handler for each
// key. Unknown, duplicate and non-scalar keys are errors, as is a missing
// key listed in required.
func (r *reader) fields(n *yaml.Node, what string, handlers map[string]func(k, v *yaml.Node), required ...string) {
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s: want a mapping, got %s", what, kindName(n))
		return
	}
	seen := map[string]bool{}
	for _, kv := range r.pairs(n, what) {
		k, v := kv[0], kv[1]
		seen[k.Value] = true
		h, ok := handlers[k.Value]
		if !ok {
			r.errorf(k, "%s: unknown field %q (want one of %s)", what, k.Value, keyList(handlers))
			continue
		}
		h(k, v)
	}
	for _, name := range required {
		if !seen[name] {
			r.errorf(n, "%s: missing required field %q", what, name)
		}
	}
}

// pairs returns mapping n's key/value pairs in order, reporting duplicate
// and non-scalar keys (and leaving them out).
func (r *reader) pairs(n *yaml.Node, what string) [][2]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s: want a mapping, got %s", what, kindName(n))
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			r.errorf(k, "%s: keys must be plain names", what)
		case seen[k.Value]:
			r.errorf(k, "%s: duplicate field %q", what, k.Value)
		default:
			seen[k.Value] = true
			out = append(out, [2]*yaml.Node{k, v})
		}
	}
	return out
}

func keyList(m map[string]func(k, v *yaml.Node)) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// seq returns the items of sequence n.
func (r *reader) seq(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "%s: want a list, got %s", what, kindName(n))
		return nil, false
	}
	return n.Content, true
}

// text returns a non-empty scalar's text. Numbers and dates are taken as
// written; null, booleans and collections are errors.
func (r *reader) text(n *yaml.Node, what string) (string, bool) {
	switch {
	case n.Kind != yaml.ScalarNode || n.Tag == "!!null":
		r.errorf(n, "%s: want text, got %s", what, kindName(n))
		return "", false
	case n.Tag == "!!bool" || n.Tag == "!!binary":
		r.errorf(n, "%s: want text, got %s (quote it)", what, kindName(n))
		return "", false
	case strings.TrimSpace(n.Value) == "":
		r.errorf(n, "%s: must not be empty", what)
		return "", false
	}
	return n.Value, true
}

// oneOf returns a scalar's text if it is one of choices.
func (r *reader) oneOf(n *yaml.Node, what string, choices []string) (string, bool) {
	s, ok := r.text(n, what)
	if !ok {
		return "", false
	}
	if !slices.Contains(choices, s) {
		r.errorf(n, "%s: unknown value %q (want %s)", what, s, orList(choices))
		return "", false
	}
	return s, true
}

// integer returns a whole number of at least min.
func (r *reader) integer(n *yaml.Node, what string, min int) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		var v int
		if err := n.Decode(&v); err == nil {
			if v < min {
				r.errorf(n, "%s: want a whole number of at least %d, got %d", what, min, v)
				return 0, false
			}
			return v, true
		}
	}
	r.errorf(n, "%s: want a whole number, got %s", what, kindName(n))
	return 0, false
}

// boolean returns a YAML boolean: true, True, TRUE, false, False or FALSE.
func (r *reader) boolean(n *yaml.Node, what string) (bool, bool) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		r.errorf(n, "%s: want true or false, got %s", what, kindName(n))
		return false, false
	}
	return b, true
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// kindName describes a node for an error message.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean " + n.Value
		case "!!int":
			return "a whole number " + n.Value
		case "!!float":
			return "a number " + n.Value
		case "!!timestamp":
			return "a date " + n.Value
		case "!!str":
			return "text " + strconv.Quote(clip(n.Value, 40))
		}
		return n.Tag + " " + clip(n.Value, 40)
	}
	return "a YAML node"
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// orList writes choices as "a, b or c".
func orList(choices []string) string {
	switch len(choices) {
	case 0:
		return ""
	case 1:
		return choices[0]
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}
