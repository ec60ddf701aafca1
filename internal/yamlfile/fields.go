package yamlfile

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Each helper reads node n, described in errors as what ("parameter
// min_age: default"), reports a node of the wrong kind or value, and returns
// ok false after reporting.

// Fields walks mapping n, calling the handler registered for each key with
// the key and its value, in the file's order. Unknown keys, duplicate keys
// and non-scalar keys are reported and skipped; so is a missing key listed in
// required.
func (f *File) Fields(r Reporter, n *yaml.Node, what string, handlers map[string]func(k, v *yaml.Node), required ...string) {
	if f.format.OnFields != nil && n.Kind == yaml.MappingNode {
		keys := make([]string, 0, len(handlers))
		for k := range handlers {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		f.format.OnFields(f.name, n.Line, n.Column, keys)
	}
	seen := map[string]bool{}
	ok := f.eachPair(r, n, what, "field", func(k, v *yaml.Node) {
		seen[k.Value] = true
		h, ok := handlers[k.Value]
		if !ok {
			f.ErrorCode(r, "field.unknown", k, "%s: unknown field %s (want one of %s)", what, quote(k.Value), keyList(handlers))
			return
		}
		h(k, v)
	})
	if !ok {
		return
	}
	for _, name := range required {
		if !seen[name] {
			f.ErrorCode(r, "field.missing", n, "%s: missing required field %q", what, name)
		}
	}
}

// Pairs returns the key/value pairs of mapping n in order, reporting
// duplicate and non-scalar keys and leaving them out. The Format's
// DuplicateKey names a repeated key.
func (f *File) Pairs(r Reporter, n *yaml.Node, what string) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	f.eachPair(r, n, what, f.format.DuplicateKey, func(k, v *yaml.Node) {
		out = append(out, [2]*yaml.Node{k, v})
	})
	return out
}

// eachPair calls do for each key/value pair of mapping n whose key is a
// scalar not seen before; it reports the others, calling a repeated key a
// dup. It returns false when n is not a mapping.
func (f *File) eachPair(r Reporter, n *yaml.Node, what, dup string, do func(k, v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		f.ErrorCode(r, "field.type", n, "%s: want a mapping, got %s", what, KindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			f.ErrorCode(r, "field.type", k, "%s: keys must be plain names", what)
		case seen[k.Value]:
			f.ErrorCode(r, "field.duplicate", k, "%s: duplicate %s %s", what, dup, quote(k.Value))
		default:
			seen[k.Value] = true
			do(k, v)
		}
	}
	return true
}

func keyList(m map[string]func(k, v *yaml.Node)) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// Seq returns the items of sequence n.
func (f *File) Seq(r Reporter, n *yaml.Node, what string) ([]*yaml.Node, bool) {
	if n.Kind != yaml.SequenceNode {
		f.ErrorCode(r, "field.type", n, "%s: want a list, got %s", what, KindName(n))
		return nil, false
	}
	return n.Content, true
}

// Text returns a scalar's text for a string field. Numbers and dates are
// taken as written (version: 2026.1); null, booleans, binary, collections,
// blank text and text past the Format's MaxText are errors.
func (f *File) Text(r Reporter, n *yaml.Node, what string) (string, bool) {
	switch {
	case n.Kind != yaml.ScalarNode || n.Tag == "!!null":
		f.ErrorCode(r, "field.type", n, "%s: want text, got %s", what, KindName(n))
	case n.Tag == "!!bool" || n.Tag == "!!binary":
		f.ErrorCode(r, "field.type", n, "%s: want text, got %s (quote it)", what, KindName(n))
	case strings.TrimSpace(n.Value) == "":
		f.ErrorCode(r, "field.value", n, "%s: must not be empty", what)
	case f.format.MaxText > 0 && len(n.Value) > f.format.MaxText:
		f.ErrorCode(r, "yaml.limit", n, "%s: text of %d bytes is over the limit of %d", what, len(n.Value), f.format.MaxText)
	default:
		return n.Value, true
	}
	return "", false
}

// OneOf returns a scalar's text if it is one of choices.
func (f *File) OneOf(r Reporter, n *yaml.Node, what string, choices []string) (string, bool) {
	s, ok := f.Text(r, n, what)
	if !ok {
		return "", false
	}
	if !slices.Contains(choices, s) {
		f.ErrorCode(r, "field.value", n, "%s: unknown value %s (want %s)", what, quote(s), orList(choices))
		return "", false
	}
	return s, true
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

// Bool returns a YAML boolean: true, True, TRUE, false, False or FALSE.
func (f *File) Bool(r Reporter, n *yaml.Node, what string) (bool, bool) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		f.ErrorCode(r, "field.type", n, "%s: want true or false, got %s", what, KindName(n))
		return false, false
	}
	return b, true
}

// Number returns a whole or decimal number (1, 1.96, 1_000).
func (f *File) Number(r Reporter, n *yaml.Node, what string) (float64, bool) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return v, true
		}
	}
	f.ErrorCode(r, "field.type", n, "%s: want a number, got %s", what, KindName(n))
	return 0, false
}

// Int returns a whole number of at least min.
func (f *File) Int(r Reporter, n *yaml.Node, what string, min int) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		var v int
		if err := n.Decode(&v); err == nil {
			if v < min {
				f.ErrorCode(r, "field.value", n, "%s: want a whole number of at least %d, got %d", what, min, v)
				return 0, false
			}
			return v, true
		}
	}
	f.ErrorCode(r, "field.type", n, "%s: want a whole number, got %s", what, KindName(n))
	return 0, false
}

// KindName describes a node for an error message: "a mapping", "a list",
// "null", "a whole number 12", "text \"abc\"" (clipped to 40 bytes).
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		v := clip(n.Value, 40)
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean " + v
		case "!!int":
			return "a whole number " + v
		case "!!float":
			return "a number " + v
		case "!!timestamp":
			return "a date " + v
		case "!!str":
			return "text " + strconv.Quote(v)
		}
		return clip(n.Tag, 40) + " " + strconv.Quote(v)
	}
	return "a YAML node"
}

// quote quotes s for a message, clipped to 40 bytes: a key or value may be
// as long as the file.
func quote(s string) string { return strconv.Quote(clip(s, 40)) }

// clip cuts s to at most n bytes, at a character boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
