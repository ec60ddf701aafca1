package yamlfile

import (
	"bytes"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"
)

// Parse reads the file as one YAML document whose top level is a mapping,
// and returns that mapping. Files past the Format's limits, further
// documents, anchors, aliases and merge keys are refused: these files are
// read by people, every value should be written out where it is used, and an
// alias bomb must not reach the caller. Parse reports what it refuses and
// returns nil.
func (f *File) Parse(r Reporter) *yaml.Node {
	ft := f.format
	if ft.MaxSize > 0 && len(f.src) > ft.MaxSize {
		f.errorAt(r, "yaml.limit", ft.MaxSize, "a %s may hold at most %d bytes; this one is larger, and passes the limit here", ft.Name, ft.MaxSize)
		return nil
	}
	if off, msg, ok := checkText(f.src, ft.Name); !ok {
		f.errorAt(r, "yaml.text", off, "%s", msg)
		return nil
	}
	if depth, at := nestingDepth(f.src, ft.MaxDepth); ft.MaxDepth > 0 && depth > ft.MaxDepth {
		f.errorAt(r, "yaml.limit", at, "YAML lists and mappings nested %d deep are over the limit of %d", depth, ft.MaxDepth)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(f.src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			f.errorAt(r, "yaml.syntax", 0, "empty %s", ft.Name)
			return nil
		}
		f.yamlError(r, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		f.ErrorCode(r, "yaml.syntax", &extra, "a %s holds one YAML document; found another", ft.Name)
		return nil
	} else if !errors.Is(err, io.EOF) {
		f.yamlError(r, err)
		return nil
	}
	top := &doc
	if len(doc.Content) == 1 {
		top = doc.Content[0]
	}
	if top.Kind != yaml.MappingNode {
		f.ErrorCode(r, "yaml.syntax", top, "%s", ft.TopLevel(top))
		return nil
	}
	ok := true
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind == yaml.AliasNode || n.Anchor != "":
			f.ErrorCode(r, "yaml.alias", n, "anchors and aliases are not allowed in %ss; write the value out", ft.Name)
			ok = false
		case n.Kind == yaml.ScalarNode && n.Tag == "!!merge":
			f.ErrorCode(r, "yaml.alias", n, "merge keys (<<) are not allowed in %ss", ft.Name)
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

// nestingDepth returns the deepest nesting of flow collections ([ and {)
// in src, outside quotes and comments, without parsing it: a hostile file
// must not make the parser recurse ten thousand levels deep. at is the
// offset of the bracket that first opens a collection deeper than limit (0
// when none does). Block nesting needs indentation, so the file-size limit
// bounds it.
func nestingDepth(src []byte, limit int) (worst, at int) {
	depth := 0
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
			if i > 0 && !bytes.ContainsAny(src[i-1:i], " \t\n\r") {
				continue // part of a word: a comment follows white space
			}
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '[', '{':
			depth++
			if depth == limit+1 && worst <= limit {
				at = i
			}
			worst = max(worst, depth)
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return worst, at
}
