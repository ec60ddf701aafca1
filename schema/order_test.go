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
			[]string{"id", "description", "applies_when", "unknown_when", "expression", "effect", "overridable", "finding", "not_applicable", "message", "message_expression"}},
		{"rule-file.schema.json", []string{"eligibility", "variables", "[]"}, []string{"name", "description", "unknown_when", "expression"}},
		{"area-file.schema.json", []string{"completion", "rules", "[]"},
			[]string{"id", "description", "applies_when", "unknown_when", "expression", "effect", "finding", "not_applicable", "message", "message_expression"}},
		{"area-file.schema.json", []string{"params"}, []string{"min_age", "min_supervision_months", "max_catch_ups",
			"breach_within_working_days", "om_contact_max_gap_days", "max_group_size", "min_group_size", "young_fallback"}},
		{"rule-file.schema.json", []string{"parameters"}, nil},
		{"rule-file.schema.json", []string{"parameters", "min_age"}, []string{"type", "default", "bounds", "fixed", "description"}},
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
