package yamlfile

import "go.yaml.in/yaml/v3"

// ExprPos maps byte offset off within scalar n's value back to a line and
// column of the file (columns count bytes), or 0, 0 when n has no place in
// it. It walks the value and the source together: characters that appear in
// both advance both; anything the YAML scalar syntax added (quotes, escapes,
// line breaks and indentation of folded or multi-line text) is skipped. An
// offset past the value maps to its end.
func (f *File) ExprPos(n *yaml.Node, off int) (line, col int) {
	p := f.nodeOffset(n)
	if p < 0 {
		return 0, 0
	}
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
