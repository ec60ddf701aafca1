// Package yamlfmt lays out the YAML files people write for isotp — rule
// files, area files, policy test files — in one canonical way, keeping
// every comment and every value as it was:
//
//   - two spaces of indentation for each level, a list indented under its
//     key ("rules:" then "  - id: ...");
//   - the keys of each mapping in the order its Order gives (the order of
//     the file's JSON Schema, which the documentation follows), keys it does
//     not know after those it does, as written;
//   - a text that needs no quotes written plain (expression: has(offender.id)),
//     others as written; block texts (| and >) with their lines as written,
//     so that a long expression keeps the lines its author broke it into;
//     lists and mappings written in flow style ({session: 1, ...}) kept so;
//   - comments kept where they are: above the key or list item they were
//     above (which moves with it), at the end of their line, at the end of a
//     block (indented under it; after a list written at its key's column, a
//     comment at that column belongs to the key's level) or of the file;
//     blank lines kept, a run of them as one; no blank lines at the start
//     or end of the file, no trailing spaces, a line feed at the end.
//
// Format is idempotent, and checks its own work: the result must parse to
// the same YAML values, mapping keys aside, as the source, or Format
// returns an error and nothing else.
//
// It reads the subset of YAML these files use: one document of block
// mappings and lists, scalars of every style and flow collections. Anchors,
// aliases, tags, tabs used for indentation and further documents are refused
// with an error, as the files' readers refuse them.
package yamlfmt

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// An Order gives the keys of the mapping at path in their canonical order,
// or nil to keep the order they are written in. path names the mapping from
// the top: the keys leading to it, "[]" for an item of a list
// (["eligibility", "rules", "[]"] for a rule).
type Order func(path []string) []string

// ErrUnsupported is matched by the errors of files Format does not lay out:
// YAML it does not read (see the package comment) or that does not parse.
var ErrUnsupported = errors.New("the file cannot be laid out")

// Format returns src laid out canonically, with the keys of each mapping in
// the order order gives (nil: as written).
func Format(src []byte, order Order) ([]byte, error) {
	out, err := format(src, order)
	if err != nil {
		return nil, err
	}
	// The layout of a layout is itself: a file that would still change is
	// one this package does not read right, and is left alone.
	if again, err := format(out, order); err != nil || !bytes.Equal(again, out) {
		return nil, fmt.Errorf("%w: its layout is not stable (a construct this package does not read right)", ErrUnsupported)
	}
	return out, nil
}

func format(src []byte, order Order) ([]byte, error) {
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%w: it is not UTF-8 text", ErrUnsupported)
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if bytes.ContainsAny(src, "\r\u0085\u2028\u2029") {
		return nil, fmt.Errorf("%w: it breaks lines with something other than LF or CRLF", ErrUnsupported)
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if len(bytes.TrimSpace(src)) == 0 {
			return nil, fmt.Errorf("%w: the file is empty", ErrUnsupported)
		}
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("%w: the file holds more than one YAML document", ErrUnsupported)
	}
	if len(doc.Content) != 1 {
		return nil, fmt.Errorf("%w: the file holds no YAML value", ErrUnsupported)
	}
	p := &printer{lines: strings.Split(string(src), "\n"), order: order}
	if err := p.check(doc.Content[0]); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	var out []string
	switch {
	case isBlock(root):
		body, end := p.node(root, 0, nil, 0, len(p.lines)+1, -1)
		out = append(p.gap(1, root.Line, 0, true), body...)
		out = append(out, p.gap(end+1, len(p.lines)+1, 0, false)...)
	default:
		return nil, fmt.Errorf("%w: the top level is not a mapping or list written in block style", ErrUnsupported)
	}
	got := []byte(finish(out))
	if err := sameValues(src, got); err != nil {
		return nil, err
	}
	return got, nil
}

// kept stands for a blank line that is part of a text, which finish keeps
// as it is.
const kept = "\x00"

// finish joins lines, with runs of blank lines as one, none at the start or
// end, and a line feed at the end. A kept line is an empty line of a text.
func finish(lines []string) string {
	var b strings.Builder
	blank := false
	started := false
	for _, l := range lines {
		if l == "" {
			blank = started
			continue
		}
		if l == kept {
			b.WriteString("\n")
			continue
		}
		if blank {
			b.WriteString("\n")
		}
		b.WriteString(l)
		b.WriteString("\n")
		blank, started = false, true
	}
	return b.String()
}

// A printer lays out one file. lines are its lines without their line
// feeds; line numbers count from 1, as the parser's do.
type printer struct {
	lines []string
	order Order
}

// line returns line n (from 1), or "" past the end.
func (p *printer) line(n int) string {
	if n < 1 || n > len(p.lines) {
		return ""
	}
	return p.lines[n-1]
}

// check refuses what Format does not lay out.
func (p *printer) check(n *yaml.Node) error {
	switch {
	case n.Kind == yaml.AliasNode || n.Anchor != "":
		return fmt.Errorf("%w: line %d: anchors and aliases are not allowed", ErrUnsupported, n.Line)
	case n.Style&yaml.TaggedStyle != 0 || strings.HasPrefix(p.line(n.Line)[p.col(n):], "!"):
		return fmt.Errorf("%w: line %d: tags (!!str, !x) are not allowed", ErrUnsupported, n.Line)
	case n.Kind == yaml.ScalarNode && n.Tag == "!!merge":
		return fmt.Errorf("%w: line %d: merge keys (<<) are not allowed", ErrUnsupported, n.Line)
	}
	if isBlock(n) {
		seen := map[string]bool{}
		for i, c := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 0 {
				if c.Kind != yaml.ScalarNode {
					return fmt.Errorf("%w: line %d: keys must be plain names", ErrUnsupported, c.Line)
				}
				if before := strings.TrimSpace(p.line(c.Line)[:p.col(c)]); strings.HasSuffix(before, "?") {
					return fmt.Errorf("%w: line %d: explicit keys (? key) are not allowed", ErrUnsupported, c.Line)
				}
				if seen[c.Value] {
					return fmt.Errorf("%w: line %d: key %q is given twice", ErrUnsupported, c.Line, c.Value)
				}
				seen[c.Value] = true
			}
			if strings.HasPrefix(p.line(c.Line), "\t") {
				return fmt.Errorf("%w: line %d: tabs are not allowed for indentation", ErrUnsupported, c.Line)
			}
			if err := p.check(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// isBlock reports whether n is a mapping or list written in block style.
func isBlock(n *yaml.Node) bool {
	return (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0
}

// col returns the byte offset in its line of node n, whose Column the
// parser counts in characters; at most the line's length.
func (p *printer) col(n *yaml.Node) int {
	l := p.line(n.Line)
	off := 0
	for c := 1; c < n.Column && off < len(l); c++ {
		_, size := utf8.DecodeRuneInString(l[off:])
		off += size
	}
	return off
}

// dedent removes n spaces of indentation from l, or as many as it has.
func dedent(l string, n int) string { return l[min(n, indentOf(l)):] }

// indentOf returns the number of spaces line l starts with.
func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// isComment reports whether line l holds only a comment.
func isComment(l string) bool { return strings.HasPrefix(strings.TrimLeft(l, " \t"), "#") }

// isBlank reports whether line l holds only white space.
func isBlank(l string) bool { return strings.TrimSpace(l) == "" }

// gap lays out the lines from..to-1 that lie between nodes: blank lines and
// comments, each comment at indent. At the top of a file, lines the parser
// skipped that are neither (a "---" line) are kept as they are; a gap
// never holds others.
func (p *printer) gap(from, to, indent int, _ bool) []string {
	var out []string
	for n := from; n < to && n <= len(p.lines); n++ {
		l := p.line(n)
		switch {
		case isBlank(l):
			out = append(out, "")
		case isComment(l):
			out = append(out, strings.Repeat(" ", indent)+strings.TrimRight(strings.TrimLeft(l, " \t"), " \t"))
		default:
			out = append(out, strings.TrimRight(l, " \t"))
		}
	}
	return out
}

// foot returns the last line, from `from` on and before to, of the comments
// that belong at the end of a block whose items are at column col (from 0):
// those indented at least as far, and the blank lines between them; from-1
// when there are none.
func (p *printer) foot(from, to, col int) int {
	last := from - 1
	for n := from; n < to && n <= len(p.lines); n++ {
		l := p.line(n)
		switch {
		case isBlank(l):
		case isComment(l) && indentOf(l) >= col:
			last = n
		default:
			return last
		}
	}
	return last
}

// node lays out n at indent, n being the value at path, and returns its
// lines and the last source line it takes, foot comments included. from is
// the first line n's own text may take (the line after its key's, for a
// value on lines of its own); to is the first line it cannot. keyCol is the
// column of the key n is the value of, or -1.
func (p *printer) node(n *yaml.Node, indent int, path []string, from, to, keyCol int) ([]string, int) {
	switch {
	case n.Kind == yaml.MappingNode && isBlock(n):
		return p.mapping(n, indent, path, to)
	case n.Kind == yaml.SequenceNode && isBlock(n):
		return p.sequence(n, indent, path, to, keyCol)
	}
	end := p.end(n, to)
	return p.reindent(n.Line, end, p.col(n), indent, false), end
}

// mapping lays out block mapping n at indent.
func (p *printer) mapping(n *yaml.Node, indent int, path []string, to int) ([]string, int) {
	type pair struct {
		key   string
		lines []string
	}
	col := p.col(n.Content[0])
	var pairs []pair
	prevEnd := n.Content[0].Line - 1 // the gap before the first key is its parent's
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		next := to
		if i+2 < len(n.Content) {
			next = n.Content[i+2].Line
		}
		lines := p.gap(prevEnd+1, k.Line, indent, false)
		body, end := p.pair(k, v, indent, append(slices.Clip(path), k.Value), next)
		lines = append(lines, body...)
		pairs = append(pairs, pair{key: k.Value, lines: lines})
		prevEnd = end
	}
	if want := p.keyOrder(path); want != nil {
		rank := func(key string) int {
			if i := slices.Index(want, key); i >= 0 {
				return i
			}
			return len(want)
		}
		slices.SortStableFunc(pairs, func(a, b pair) int { return rank(a.key) - rank(b.key) })
	}
	var out []string
	for _, pr := range pairs {
		out = append(out, pr.lines...)
	}
	last := p.foot(prevEnd+1, to, col)
	out = append(out, p.gap(prevEnd+1, last+1, indent, false)...)
	return out, max(last, prevEnd)
}

func (p *printer) keyOrder(path []string) []string {
	if p.order == nil {
		return nil
	}
	return p.order(path)
}

// pair lays out key k and its value v, the key at indent; next is the line
// the next key is on, or the first line past the mapping.
func (p *printer) pair(k, v *yaml.Node, indent int, path []string, next int) ([]string, int) {
	keyLine := p.line(k.Line)
	keyText, rest := splitKey(keyLine[p.col(k):], k)
	head := strings.Repeat(" ", indent) + keyText + ":"
	switch {
	case isBlock(v) || v.Line > k.Line:
		// The value begins on a line of its own: the key's line keeps
		// only its comment, if any.
		if c := strings.TrimSpace(rest); c != "" {
			head += " " + c
		}
		lines := []string{head}
		gapEnd := v.Line
		if v.Kind == yaml.SequenceNode && isBlock(v) {
			gapEnd = p.dashLine(v.Content[0])
		}
		lines = append(lines, p.gap(k.Line+1, gapEnd, indent+2, false)...)
		body, end := p.node(v, indent+2, path, k.Line+1, next, p.col(k))
		return append(lines, body...), end
	case isNullEmpty(v):
		if c := strings.TrimSpace(rest); c != "" {
			head += " " + c
		}
		return []string{head}, k.Line
	case isBlockScalar(v):
		end := p.end(v, next)
		lines := []string{head + " " + strings.TrimRight(strings.TrimLeft(rest, " "), " \t")}
		return append(lines, p.blockContent(v, k.Line+1, end, indent+2)...), end
	}
	end := p.end(v, next)
	first := p.scalarText(v, strings.TrimLeft(rest, " "))
	lines := []string{head + " " + first}
	return append(lines, p.reindent(v.Line+1, end, -1, indent+2, true)...), end
}

// splitKey splits the text of a key's line, from the key on, into the key
// as written and what follows its colon.
func splitKey(s string, k *yaml.Node) (string, string) {
	n := len(k.Value)
	switch k.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		n = quotedLen(s)
	}
	if n > len(s) {
		n = len(s)
	}
	key := s[:n]
	rest := strings.TrimLeft(s[n:], " ")
	rest = strings.TrimPrefix(rest, ":")
	return key, rest
}

// quotedLen returns the length of the quoted scalar s starts with, quotes
// included, within this line.
func quotedLen(s string) int {
	if s == "" {
		return 0
	}
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i + 1
		}
	}
	return len(s)
}

func isNullEmpty(v *yaml.Node) bool {
	return v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" && v.Style == 0
}

func isBlockScalar(v *yaml.Node) bool {
	return v.Kind == yaml.ScalarNode && (v.Style == yaml.LiteralStyle || v.Style == yaml.FoldedStyle)
}

// scalarText returns the first line of scalar or flow collection v as
// laid out, from its text s on its first line (a trailing comment
// included): a quoted single-line text that needs no quotes is written
// plain.
func (p *printer) scalarText(v *yaml.Node, s string) string {
	s = strings.TrimRight(s, " \t")
	if v.Kind != yaml.ScalarNode || (v.Style != yaml.DoubleQuotedStyle && v.Style != yaml.SingleQuotedStyle) {
		return s
	}
	n := quotedLen(s)
	if n > len(s) || s[n-1] != s[0] || n < 2 {
		return s // a quoted text that goes on to the next line
	}
	if plain, ok := plainForm(v.Value); ok {
		return plain + s[n:]
	}
	return s
}

// plainForm returns value written as a plain scalar, when it can be one that
// reads back as the same text.
func plainForm(value string) (string, bool) {
	if value == "" || strings.ContainsAny(value, "\n\t") || value != strings.TrimSpace(value) {
		return "", false
	}
	out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value})
	if err != nil || string(out) != value+"\n" {
		return "", false
	}
	var back yaml.Node
	if yaml.Unmarshal(out, &back) != nil || len(back.Content) != 1 || back.Content[0].Tag != "!!str" || back.Content[0].Value != value {
		return "", false
	}
	return value, true
}

// sequence lays out block list n at indent.
func (p *printer) sequence(n *yaml.Node, indent int, path []string, to, keyCol int) ([]string, int) {
	col := -1
	var out []string
	prevEnd := p.dashLine(n.Content[0]) - 1
	for i, item := range n.Content {
		dash := p.dashLine(item)
		if col < 0 {
			col = p.dashColumn(item, dash)
		}
		next := to
		if i+1 < len(n.Content) {
			next = p.dashLine(n.Content[i+1])
		}
		out = append(out, p.gap(prevEnd+1, dash, indent, false)...)
		itemPath := append(slices.Clip(path), "[]")
		var body []string
		var end int
		switch {
		case isNullEmpty(item):
			dashText := strings.TrimRight(strings.Repeat(" ", indent)+strings.TrimLeft(p.line(dash), " "), " \t")
			body, end = []string{dashText}, dash
		case item.Line > dash:
			// "-" alone on its line (or with a comment), the item below
			// it: joined to it when nothing comes between.
			between := p.gap(dash+1, item.Line, indent+2, false)
			body, end = p.node(item, indent+2, itemPath, dash+1, next, -1)
			dl := p.line(dash)
			rest := strings.TrimSpace(dl[min(len(dl), p.dashColumn(item, dash)+1):])
			if len(between) == 0 && rest == "" {
				body[0] = strings.Repeat(" ", indent) + "- " + body[0][indent+2:]
				break
			}
			dashText := strings.Repeat(" ", indent) + "-"
			if rest != "" {
				dashText += " " + rest
			}
			body = append(append([]string{dashText}, between...), body...)
		case isBlockScalar(item):
			end = p.end(item, next)
			hdr := strings.TrimRight(p.line(item.Line)[p.col(item):], " \t")
			body = append([]string{strings.Repeat(" ", indent) + "- " + hdr}, p.blockContent(item, item.Line+1, end, indent+2)...)
		case isBlock(item):
			body, end = p.node(item, indent+2, itemPath, dash, next, -1)
			body[0] = strings.Repeat(" ", indent) + "- " + body[0][indent+2:]
		default:
			end = p.end(item, next)
			first := p.scalarText(item, p.line(item.Line)[p.col(item):])
			body = append([]string{strings.Repeat(" ", indent) + "- " + first}, p.reindent(item.Line+1, end, -1, indent+2, true)...)
		}
		out = append(out, body...)
		prevEnd = end
	}
	// A list written at its key's column ("key:" then "- x") ends before
	// a comment at that column: it is above the next key, as YAML reads it.
	last := p.foot(prevEnd+1, to, max(col, keyCol+1))
	out = append(out, p.gap(prevEnd+1, last+1, indent, false)...)
	return out, max(last, prevEnd)
}

// dashLine returns the line of the "-" that begins list item n: n's own
// line, or the nearest line above it whose text ends in a lone "-".
func (p *printer) dashLine(n *yaml.Node) int {
	for l := n.Line; l >= 1; l-- {
		s := p.line(l)
		if l == n.Line {
			s = s[:p.col(n)]
		}
		t := strings.TrimSpace(s)
		if strings.HasSuffix(t, "-") || strings.HasPrefix(t, "- ") || t == "-" {
			return l
		}
		if t != "" && !isComment(t) {
			break
		}
	}
	return n.Line
}

// dashColumn returns the column (from 0) of the dash on line dash: the
// last before the item on its own line ("- - x"), the first on a line of
// its own.
func (p *printer) dashColumn(n *yaml.Node, dash int) int {
	s := p.line(dash)
	if dash != n.Line {
		return indentOf(s)
	}
	s = s[:p.col(n)]
	if i := strings.LastIndex(s, "-"); i >= 0 {
		return i
	}
	return indentOf(s)
}

// end returns the last line scalar (or flow collection) n takes, before
// line to.
func (p *printer) end(n *yaml.Node, to int) int {
	start := n.Line
	s := p.line(start)[p.col(n):]
	switch {
	case n.Kind == yaml.ScalarNode && (n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle):
		return p.quotedEnd(start, p.col(n))
	case n.Style&yaml.FlowStyle != 0 || (n.Kind != yaml.ScalarNode && strings.HasPrefix(s, "[")) || (n.Kind != yaml.ScalarNode && strings.HasPrefix(s, "{")):
		return p.flowEnd(start, p.col(n))
	case isBlockScalar(n):
		return p.blockEnd(start, to)
	}
	// A plain scalar: its lines go on until a blank line followed by no
	// more of it, a comment, or the next node.
	last := start
	for l := start + 1; l < to && l <= len(p.lines); l++ {
		t := p.line(l)
		switch {
		case isBlank(t):
		case isComment(t):
			return last
		default:
			last = l
		}
	}
	return last
}

// quotedEnd returns the line on which the quoted scalar at line, col ends.
func (p *printer) quotedEnd(line, col int) int {
	if col >= len(p.line(line)) {
		return line
	}
	q := p.line(line)[col]
	i := col + 1
	for l := line; l <= len(p.lines); l++ {
		s := p.line(l)
		for ; i < len(s); i++ {
			switch {
			case q == '"' && s[i] == '\\':
				i++
			case q == '\'' && s[i] == '\'' && i+1 < len(s) && s[i+1] == '\'':
				i++
			case s[i] == q:
				return l
			}
		}
		i = 0
	}
	return len(p.lines)
}

// flowEnd returns the line on which the flow collection at line, col ends.
func (p *printer) flowEnd(line, col int) int {
	depth := 0
	i := col
	for l := line; l <= len(p.lines); l++ {
		s := p.line(l)
		for ; i < len(s); i++ {
			switch c := s[i]; c {
			case '[', '{':
				depth++
			case ']', '}':
				depth--
				if depth == 0 {
					return l
				}
			case '"', '\'':
				end := p.quotedEnd(l, i)
				if end != l {
					l = end
					s = p.line(l)
					i = strings.IndexByte(s, c)
					for i >= 0 && i+1 < len(s) && c == '\'' && s[i+1] == '\'' {
						j := strings.IndexByte(s[i+2:], c)
						if j < 0 {
							break
						}
						i += 2 + j
					}
					continue
				}
				i += quotedLen(s[i:]) - 1
			case '#':
				if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
					i = len(s)
				}
			}
		}
		i = 0
	}
	return len(p.lines)
}

// blockEnd returns the last line of the block scalar whose header is on
// line start: the last line, before to, of those indented past the
// header's key or dash, or blank.
func (p *printer) blockEnd(start, to int) int {
	ind := -1
	last := start
	for l := start + 1; l < to && l <= len(p.lines); l++ {
		s := p.line(l)
		if isBlank(s) {
			continue
		}
		if ind < 0 {
			ind = indentOf(s)
			if ind <= indentOf(p.line(start)) && !strings.HasPrefix(strings.TrimSpace(p.line(start)), "- ") {
				return last
			}
		}
		if indentOf(s) < ind {
			return last
		}
		last = l
	}
	return last
}

// blockContent lays out the content lines from..end of block scalar v at
// indent, keeping their indentation relative to one another and their
// spaces: they are the text.
func (p *printer) blockContent(v *yaml.Node, from, end, indent int) []string {
	base := -1
	for l := from; l <= end; l++ {
		if s := p.line(l); !isBlank(s) {
			base = indentOf(s)
			break
		}
	}
	var out []string
	for l := from; l <= end; l++ {
		s := p.line(l)
		if isBlank(s) && len(s) <= base {
			out = append(out, kept)
			continue
		}
		out = append(out, strings.Repeat(" ", indent)+dedent(s, base))
	}
	return out
}

// reindent lays out lines from..to of a scalar or flow collection at
// indent, keeping their indentation relative to the least indented of
// them. col, when not negative, is where the text begins on its first
// line (the rest of that line is kept from there).
func (p *printer) reindent(from, to, col, indent int, _ bool) []string {
	base := -1
	for l := from; l <= to; l++ {
		s := p.line(l)
		if l == from && col >= 0 {
			continue
		}
		if !isBlank(s) && (base < 0 || indentOf(s) < base) {
			base = indentOf(s)
		}
	}
	var out []string
	for l := from; l <= to; l++ {
		s := p.line(l)
		switch {
		case l == from && col >= 0:
			out = append(out, strings.Repeat(" ", indent)+strings.TrimRight(s[min(col, len(s)):], " \t"))
		case isBlank(s):
			out = append(out, kept)
		default:
			out = append(out, strings.Repeat(" ", indent)+strings.TrimRight(dedent(s, base), " \t"))
		}
	}
	return out
}
