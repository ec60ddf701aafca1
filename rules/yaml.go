package rules

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A srcFile is one rule file's bytes, kept so that errors can quote the
// offending line and CEL error offsets can be mapped back to the file.
type srcFile struct {
	name       string
	src        []byte
	lineStarts []int // byte offset of the start of each line
}

func newSrcFile(name string, src []byte) *srcFile {
	f := &srcFile{name: name, src: src, lineStarts: []int{0}}
	for i, b := range src {
		if b == '\n' {
			f.lineStarts = append(f.lineStarts, i+1)
		}
	}
	return f
}

// line returns source line n (from 1) without its newline.
func (f *srcFile) line(n int) string {
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

func (f *srcFile) pos(line, col int) Position { return Position{File: f.name, Line: line, Column: col} }

// offsetPos converts a byte offset to a position (columns count bytes).
func (f *srcFile) offsetPos(off int) Position {
	i := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off }) - 1
	return f.pos(i+1, off-f.lineStarts[i]+1)
}

func (f *srcFile) errorf(errs *ErrorList, n *yaml.Node, format string, args ...any) {
	if n == nil {
		errs.add(f.pos(0, 0), "", format, args...)
		return
	}
	errs.add(f.pos(n.Line, n.Column), f.line(n.Line), format, args...)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Limits on rule files: they are written by people, and a file past these is
// a mistake or an attack.
const (
	maxFileSize = 1 << 20 // bytes
	maxTextSize = 20000   // bytes in any one text field or expression
	maxDepth    = 32      // nesting of YAML flow collections ([...], {...})
)

// parse reads the file as one YAML document whose top level is a mapping.
// Anchors, aliases, merge keys and further documents are refused: rule files
// are read by people, and an alias bomb must not reach the loader.
func (f *srcFile) parse(errs *ErrorList) *yaml.Node {
	if len(f.src) > maxFileSize {
		errs.add(f.pos(0, 0), "", "rule file of %d bytes is over the limit of %d", len(f.src), maxFileSize)
		return nil
	}
	if depth := nestingDepth(f.src); depth > maxDepth {
		errs.add(f.pos(0, 0), "", "YAML lists and mappings nested %d deep are over the limit of %d", depth, maxDepth)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(f.src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			errs.add(f.pos(0, 0), "", "empty rule file")
			return nil
		}
		f.yamlError(errs, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		f.errorf(errs, &extra, "a rule file holds one YAML document; found another")
		return nil
	} else if !errors.Is(err, io.EOF) {
		f.yamlError(errs, err)
		return nil
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		n := &doc
		if len(doc.Content) == 1 {
			n = doc.Content[0]
		}
		f.errorf(errs, n, "want a mapping of rule-file fields at the top level")
		return nil
	}
	ok := true
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			f.errorf(errs, n, "anchors and aliases are not allowed in rule files; write the value out")
			ok = false
			return
		}
		if n.Kind == yaml.ScalarNode && n.Tag == "!!merge" {
			f.errorf(errs, n, "merge keys (<<) are not allowed in rule files")
			ok = false
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc.Content[0])
	if !ok {
		return nil
	}
	return doc.Content[0]
}

// nestingDepth returns the deepest nesting of flow collections ([ and {)
// in src, outside quotes and comments, without parsing it: a hostile file
// must not make the parser recurse ten thousand levels deep. Block nesting
// needs indentation, so the file-size limit bounds it.
func nestingDepth(src []byte) int {
	depth, worst := 0, 0
	for i := 0; i < len(src); i++ {
		switch b := src[i]; b {
		case '"', '\'':
			if i > 0 && !bytes.ContainsAny(src[i-1:i], " \t\n[{,:") {
				continue // an apostrophe inside a word
			}
			for i++; i < len(src) && src[i] != b && src[i] != '\n'; i++ {
				if b == '"' && src[i] == '\\' {
					i++
				}
			}
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '[', '{':
			depth++
			worst = max(worst, depth)
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return worst
}

func (f *srcFile) yamlError(errs *ErrorList, err error) {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, e := range te.Errors {
			f.yamlErrorString(errs, e)
		}
		return
	}
	f.yamlErrorString(errs, err.Error())
}

func (f *srcFile) yamlErrorString(errs *ErrorList, s string) {
	if m := yamlLine.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		errs.add(f.pos(n, 0), f.line(n), "invalid YAML at or just after this line: %s", m[2])
		return
	}
	errs.add(f.pos(0, 0), "", "invalid YAML: %s", strings.TrimPrefix(s, "yaml: "))
}

// fields walks mapping n (described as what in errors), calling the handler
// registered for each key. Unknown keys, duplicate keys and non-scalar keys
// are errors; so is a missing key listed in required.
func (f *srcFile) fields(errs *ErrorList, n *yaml.Node, what string, handlers map[string]func(k, v *yaml.Node), required ...string) {
	if n.Kind != yaml.MappingNode {
		f.errorf(errs, n, "%s: want a mapping, got %s", what, kindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			f.errorf(errs, k, "%s: keys must be plain names", what)
			continue
		}
		if seen[k.Value] {
			f.errorf(errs, k, "%s: duplicate field %q", what, k.Value)
			continue
		}
		seen[k.Value] = true
		h, ok := handlers[k.Value]
		if !ok {
			f.errorf(errs, k, "%s: unknown field %q (want one of %s)", what, k.Value, keyList(handlers))
			continue
		}
		h(k, v)
	}
	for _, r := range required {
		if !seen[r] {
			f.errorf(errs, n, "%s: missing required field %q", what, r)
		}
	}
}

func keyList(m map[string]func(k, v *yaml.Node)) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// pairs returns the key/value pairs of mapping n in order, reporting
// duplicate and non-scalar keys.
func (f *srcFile) pairs(errs *ErrorList, n *yaml.Node, what string) [][2]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		f.errorf(errs, n, "%s: want a mapping, got %s", what, kindName(n))
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			f.errorf(errs, k, "%s: keys must be plain names", what)
			continue
		}
		if seen[k.Value] {
			f.errorf(errs, k, "%s: duplicate key %q", what, k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

// seq returns the items of sequence n.
func (f *srcFile) seq(errs *ErrorList, n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		f.errorf(errs, n, "%s: want a list, got %s", what, kindName(n))
		return nil
	}
	return n.Content
}

// text returns a scalar's text for a string field. Numbers are taken as
// written (version: 2026.1); null and non-scalars are errors.
func (f *srcFile) text(errs *ErrorList, n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		f.errorf(errs, n, "%s: want text, got %s", what, kindName(n))
		return "", false
	}
	if n.Tag == "!!bool" || n.Tag == "!!binary" {
		f.errorf(errs, n, "%s: want text, got %s (quote it)", what, kindName(n))
		return "", false
	}
	if strings.TrimSpace(n.Value) == "" {
		f.errorf(errs, n, "%s: must not be empty", what)
		return "", false
	}
	if len(n.Value) > maxTextSize {
		f.errorf(errs, n, "%s: text of %d bytes is over the limit of %d", what, len(n.Value), maxTextSize)
		return "", false
	}
	return n.Value, true
}

// boolean returns a YAML boolean: true, True, TRUE, false, False or FALSE.
func (f *srcFile) boolean(errs *ErrorList, n *yaml.Node, what string) (bool, bool) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		f.errorf(errs, n, "%s: want true or false, got %s", what, kindName(n))
		return false, false
	}
	return b, true
}

func (f *srcFile) number(errs *ErrorList, n *yaml.Node, what string) (float64, bool) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return v, true
		}
	}
	f.errorf(errs, n, "%s: want a number, got %s", what, kindName(n))
	return 0, false
}

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

// exprPos maps a byte offset within scalar n's value back to the rule file.
// It walks the value and the source together: characters that appear in both
// advance both; anything the YAML scalar syntax added (quotes, escapes,
// line breaks and indentation of folded or multi-line text) is skipped.
func (f *srcFile) exprPos(n *yaml.Node, off int) Position {
	if n.Line < 1 || n.Line > len(f.lineStarts) {
		return f.pos(0, 0)
	}
	p := f.lineStarts[n.Line-1] + n.Column - 1
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		for p < len(f.src) && f.src[p] != '\n' {
			p++
		}
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		p++
	}
	v := n.Value
	if off > len(v) {
		off = len(v)
	}
	for i := 0; i <= off && p < len(f.src); i++ {
		if i == len(v) {
			break
		}
		b := v[i]
		q := p
		for q < len(f.src) && f.src[q] != b && !(isSpace(b) && isSpace(f.src[q])) {
			q++
		}
		if q == len(f.src) {
			break
		}
		if i == off {
			p = q
			break
		}
		p = q + 1
	}
	if p > len(f.src) {
		p = len(f.src)
	}
	return f.offsetPos(p)
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }
