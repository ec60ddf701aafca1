// Package yamltest holds what the tests of more than one package need of
// a YAML document: the path of each of its mappings, as schema.KeyOrder
// takes it, so that a test can ask the schema what it lists there.
package yamltest

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// MappingPaths returns the path, as schema.KeyOrder takes it (the keys
// leading to it, "[]" for an item of a list), of every mapping of the YAML
// document src, by its line and column.
func MappingPaths(t testing.TB, src []byte) map[[2]int][]string {
	t.Helper()
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(src, &doc))
	out := map[[2]int][]string{}
	var walk func(n *yaml.Node, path []string)
	walk = func(n *yaml.Node, path []string) {
		switch n.Kind {
		case yaml.MappingNode:
			out[[2]int{n.Line, n.Column}] = path
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], append(slices.Clip(path), n.Content[i].Value))
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, append(slices.Clip(path), "[]"))
			}
		}
	}
	walk(doc.Content[0], nil)
	return out
}
