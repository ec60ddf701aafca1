package assessment_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/rules"
)

// TestNorms checks what a result says of where its figures come from: each
// scale's statement, the caution when some are illustrative, and the method
// note's lines, one per statement, with the scales whose policy says nothing.
func TestNorms(t *testing.T) {
	tests := []struct {
		name        string
		area        string
		wantCaution bool
		wantNorms   []string
		reason      string
	}{
		{
			name: "mixed",
			area: `    - {id: cognitive_distortions, sd: 10, reliability: 0.8, norms: {status: published, source: "A study (2020), table 2"}}
    - {id: fantasy, sd: 5, reliability: 0.7, norms: {status: illustrative}}
    - {id: self_esteem, sd: 4, reliability: 0.9, cutoff: 30}
    - {id: empathic_concern, sd: 4, reliability: 0.9, norms: {status: published, source: "A study (2020), table 2"}}
`,
			wantCaution: true,
			wantNorms: []string{
				"Cognitive distortions; Empathic concern: the norms are published. Source: A study (2020), table 2.",
				"Fantasy: the norms are ILLUSTRATIVE, made up to show how the assessment works, not for any decision.",
				"Self-esteem: the policy does not say whether the norms are published or illustrative, nor where they come from.",
			},
			reason: "one line per statement, in battery order; a scale without figures (the rest) has no line",
		},
		{
			name:      "published only",
			area:      "    - {id: fantasy, sd: 5, reliability: 0.7, norms: {status: published, source: Davis (1980)}}\n",
			wantNorms: []string{"Fantasy: the norms are published. Source: Davis (1980)."},
			reason:    "no caution without illustrative figures",
		},
		{name: "no figures", area: "    - {id: fantasy, title: Fantasy}\n", reason: "nothing to describe, no caution"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml",
				[]byte("area: testarea\npolicy: i-SOTP\nassessment:\n  scales:\n"+tt.area)))
			require.NoError(t, err)
			a, err := assessment.New(pol)
			require.NoError(t, err)
			res, err := a.Assess(context.Background(), &isotp.Case{})
			require.NoError(t, err)
			if diff := cmp.Diff(tt.wantNorms, res.Wording().Norms, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nnorms lines mismatch (-want +got):\n%s", tt.reason, diff)
			}
			if got := res.Caution != ""; got != tt.wantCaution {
				t.Errorf("caution %q, want one: %v", res.Caution, tt.wantCaution)
			}
			for _, s := range res.Scales {
				if s.ID == "fantasy" && tt.name == "mixed" && (s.Norms == nil || s.Norms.Status != rules.NormsIllustrative) {
					t.Errorf("fantasy's norms = %+v, want illustrative", s.Norms)
				}
			}
		})
	}
}

func TestCautionCounts(t *testing.T) {
	pol, err := rules.Load(rules.National, rules.AreaPath("../examples/areas/illustrative-norms.yaml"))
	require.NoError(t, err)
	a, err := assessment.New(pol)
	require.NoError(t, err)
	res, err := a.Assess(context.Background(), &isotp.Case{})
	require.NoError(t, err)
	const want = "ILLUSTRATIVE NORMS: the figures behind 6 of the 14 scales are marked in the policy as illustrative, made up to show how the assessment works. Do not use these results for any decision."
	if diff := cmp.Diff(want, res.Caution); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
