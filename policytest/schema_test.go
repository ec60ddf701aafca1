package policytest

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// TestSchemaAgrees checks that the JSON Schema for editors offers the values
// the loader accepts.
func TestSchemaAgrees(t *testing.T) {
	data, err := os.ReadFile("../schema/test-file.schema.json")
	require.NoError(t, err)
	var schema struct {
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	enum := func(def string, path ...string) []string {
		var node any
		if err := json.Unmarshal(schema.Defs[def], &node); err != nil {
			t.Fatal(err)
		}
		for _, p := range path {
			m, _ := node.(map[string]any)
			node = m[p]
		}
		var out []string
		for _, v := range node.([]any) {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
		slices.Sort(out)
		return out
	}
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"outcome", enum("eligibility", "properties", "outcome", "enum"), outcomeChoices},
		{"regime", enum("eligibility", "properties", "regime", "enum"), regimeChoices},
		{"age_band", enum("eligibility", "properties", "age_band", "enum"), ageBandChoices},
		{"status", enum("attendance", "properties", "status", "enum"), statusChoices},
		{"findings", enum("attendance", "properties", "findings", "items", "enum"), findingChoices},
		{"categories", enum("assessment", "properties", "scales", "additionalProperties", "enum"), categoryChoices},
		{"verdicts", enum("verdict", "enum"), verdictNames},
		{"possible", enum("possible", "enum"), possibleNames},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(sorted(tt.want), tt.got); diff != "" {
			t.Errorf("%s: schema mismatch (-loader +schema):\n%s", tt.name, diff)
		}
	}
}
