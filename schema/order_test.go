package schema_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/schema"
)

func TestKeyOrder(t *testing.T) {
	tests := []struct {
		schema string
		path   []string
		want   []string
	}{
		{"rule-file.schema.json", []string{"eligibility", "rules", "[]"},
			[]string{"id", "description", "expression", "unknown_when", "applies_when", "effect", "message", "message_expression", "overridable"}},
		{"rule-file.schema.json", []string{"eligibility", "variables", "[]"}, []string{"name", "description", "expression", "unknown_when"}},
		{"area-file.schema.json", []string{"eligibility", "rules", "[]"},
			[]string{"id", "description", "expression", "unknown_when", "applies_when", "effect", "message", "message_expression", "overridable"}},
		{"area-file.schema.json", []string{"params"}, nil},
		{"rule-file.schema.json", []string{"parameters", "min_age"}, []string{"type", "default", "description", "bounds", "fixed"}},
		{"test-file.schema.json", []string{"tests", "[]", "case", "offender"}, []string{"id", "sex", "date_of_birth", "risk_of_harm", "deviance"}},
		{"test-file.schema.json", []string{"nowhere"}, nil},
	}
	for _, tt := range tests {
		order, err := schema.KeyOrder(tt.schema)
		require.NoError(t, err)
		if diff := cmp.Diff(tt.want, order(tt.path)); diff != "" {
			t.Errorf("%s %q mismatch (-want +got):\n%s", tt.schema, tt.path, diff)
		}
	}
	_, err := schema.KeyOrder("nothing.schema.json")
	require.Error(t, err)
}
