package yamlfmt

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// sameValues returns an error unless a and b hold the same YAML values:
// the same kinds, tags and texts, lists in the same order and mappings with
// the same keys, in any order.
func sameValues(a, b []byte) error {
	var na, nb yaml.Node
	if err := yaml.Unmarshal(a, &na); err != nil {
		return fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	if err := yaml.Unmarshal(b, &nb); err != nil {
		return fmt.Errorf("yamlfmt: the layout does not parse (%v); the file is left as it is", err)
	}
	if where := differ(&na, &nb); where != "" {
		return fmt.Errorf("yamlfmt: the layout would change the value %s; the file is left as it is", where)
	}
	return nil
}

// differ returns where a and b differ, or "" when they do not.
func differ(a, b *yaml.Node) string {
	if a.Kind != b.Kind || a.Tag != b.Tag || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("at line %d", a.Line)
	}
	switch a.Kind {
	case yaml.ScalarNode:
		if a.Value != b.Value {
			return fmt.Sprintf("at line %d", a.Line)
		}
	case yaml.MappingNode:
		values := map[string]*yaml.Node{}
		for i := 0; i+1 < len(b.Content); i += 2 {
			values[b.Content[i].Value] = b.Content[i+1]
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			k := a.Content[i]
			v, ok := values[k.Value]
			if !ok {
				return fmt.Sprintf("of key %q at line %d", k.Value, k.Line)
			}
			if where := differ(a.Content[i+1], v); where != "" {
				return where
			}
		}
	default:
		for i := range a.Content {
			if where := differ(a.Content[i], b.Content[i]); where != "" {
				return where
			}
		}
	}
	return ""
}
