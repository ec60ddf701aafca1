package isotp_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/schema"
)

// TestGuideFieldOrder: the guide's tables of a rule's and an area file's
// fields list them in the order of the schemas, which isotp fmt writes.
func TestGuideFieldOrder(t *testing.T) {
	data, err := os.ReadFile("docs/policy-authoring.md")
	require.NoError(t, err)
	var tables [][]string // each table's fields, in the order of the file
	var header string
	cell := regexp.MustCompile("`([a-z_.]+)`")
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "| field | meaning |"), strings.HasPrefix(line, "| field | required |"):
			header = line
			tables = append(tables, nil)
		case header != "" && strings.HasPrefix(line, "| `"):
			first := strings.Split(line, "|")[1]
			table := &tables[len(tables)-1]
			for _, m := range cell.FindAllStringSubmatch(first, -1) {
				name, _, _ := strings.Cut(m[1], ".") // assessment.scales: the field assessment
				if !slices.Contains(*table, name) {
					*table = append(*table, name)
				}
			}
		case !strings.HasPrefix(line, "|"):
			header = ""
		}
	}
	tests := []struct {
		what, schema string
		path         []string
	}{ // the guide's tables, in its order
		{"an area file's fields", "area-file.schema.json", nil},
		{"a rule's fields", "rule-file.schema.json", []string{"eligibility", "rules", "[]"}},
		{"a national rule file's fields", "rule-file.schema.json", nil},
	}
	require.Len(t, tables, len(tests))
	for i, tt := range tests {
		order, err := schema.KeyOrder(tt.schema)
		require.NoError(t, err)
		if diff := cmp.Diff(order(tt.path), tables[i]); diff != "" {
			t.Errorf("docs/policy-authoring.md: the table of %s mismatch (-schema +guide):\n%s", tt.what, diff)
		}
	}
}
