package whatif_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
	"github.com/isotp-dev/isotp/whatif"
)

// TestReach: a difference reaches the decisions whose Spec, rules or tables
// read it, and only those are made.
func TestReach(t *testing.T) {
	tests := []struct {
		name, area string
		want       []string
		reason     string
	}{
		{"no difference", "area: x\npolicy: i-SOTP\n", nil, ""},
		{"a parameter attendance's Go code reads", "area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n",
			[]string{"attendance"}, "the Spec of attendance declares it; the completion rules read it too"},
		{"a parameter only the enforcement reads", "area: x\npolicy: i-SOTP\nparams:\n  breach_within_working_days: 5\n",
			[]string{"attendance"}, "no rule reads it: only attendance's Spec says so"},
		{"a parameter eligibility's rules read", "area: x\npolicy: i-SOTP\nparams:\n  min_supervision_months: 30\n",
			[]string{"eligibility"}, "a rule and the proposal texts read it"},
		{"an outcome code", "area: x\npolicy: i-SOTP\noutcome_codes:\n  ATTX: attended\n",
			[]string{"attendance"}, "attendance reads the outcome codes table"},
		{"a scale's norms", "area: x\npolicy: i-SOTP\nassessment:\n  scales:\n    - id: fantasy\n      sd: 5\n      reliability: 0.7\n",
			[]string{"assessment"}, "assessment reads the battery"},
		{"a completion rule", "area: x\npolicy: i-SOTP\ncompletion:\n  rules:\n    - id: r\n      description: d\n      expression: \"true\"\n      effect: advisory\n",
			[]string{"attendance"}, "a rule of the completion section"},
	}
	national, err := rules.Load(rules.National)
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			area, err := rules.Load(rules.National, rules.AreaBytes("x.yaml", []byte(tt.area)))
			require.NoError(t, err)
			d, err := whatif.New(national, area)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, whatif.Reach(d)); diff != "" {
				t.Errorf("%s: mismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestNil: no policy, no case or no caseload is an error, never a panic;
// no case is an input error.
func TestNil(t *testing.T) {
	_, err := whatif.New(nil, nil)
	require.Error(t, err)
	national, err := rules.Load(rules.National)
	require.NoError(t, err)
	d, err := whatif.New(national, national)
	require.NoError(t, err)
	_, err = d.Compare(context.Background(), nil)
	var ie *isotp.InputError
	require.ErrorAs(t, err, &ie)
	require.ErrorIs(t, err, isotp.ErrInvalidInput)
	_, err = d.Run(context.Background(), nil, whatif.Options{}, nil)
	require.Error(t, err)
}
