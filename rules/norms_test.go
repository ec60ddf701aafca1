package rules_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/rules"
)

// TestNorms loads area files that state their norms' status and source, for
// the whole file and for one scale, and checks what each scale in force
// carries.
func TestNorms(t *testing.T) {
	tests := []struct {
		name   string
		area   string
		want   map[string]*rules.Norms // by scale id; a scale not listed has no Norms
		reason string
	}{
		{
			name: "the file's statement",
			area: `assessment:
  norms: {status: illustrative, source: Invented.}
  scales:
    - {id: fantasy, sd: 5, reliability: 0.7}
    - {id: self_esteem, sd: 4, reliability: 0.9, cutoff: 30}
`,
			want: map[string]*rules.Norms{
				"fantasy":     {Status: rules.NormsIllustrative, Source: "Invented."},
				"self_esteem": {Status: rules.NormsIllustrative, Source: "Invented."},
			},
		},
		{
			name: "a scale's own statement wins",
			area: `assessment:
  scales:
    - {id: fantasy, sd: 5, reliability: 0.7, norms: {status: published, source: "Davis (1980)"}}
    - {id: self_esteem, sd: 4, reliability: 0.9}
  norms: {status: illustrative}
`,
			want: map[string]*rules.Norms{
				"fantasy":     {Status: rules.NormsPublished, Source: "Davis (1980)"},
				"self_esteem": {Status: rules.NormsIllustrative},
			},
			reason: "the file's statement covers the scales without one, wherever it is written in the section",
		},
		{
			name: "not stated",
			area: `assessment:
  scales:
    - {id: fantasy, sd: 5, reliability: 0.7}
`,
			want:   map[string]*rules.Norms{},
			reason: "a file that does not say gives no status: not known, never assumed published",
		},
		{
			name: "a new scale of the area",
			area: `assessment:
  norms: {status: published, source: Local data}
  scales:
    - {id: relapse_prevention, title: Relapse prevention, higher_is_better: true, sd: 3, reliability: 0.75}
    - {id: fantasy, title: Fantasy}
`,
			want:   map[string]*rules.Norms{"relapse_prevention": {Status: rules.NormsPublished, Source: "Local data"}},
			reason: "fantasy is restated without figures, so there is nothing for the statement to describe",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte("area: testarea\npolicy: i-SOTP\n"+tt.area)))
			require.NoError(t, err)
			got := map[string]*rules.Norms{}
			for _, s := range pol.Battery() {
				if s.Norms != nil {
					got[s.ID] = s.Norms
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestNormsErrors(t *testing.T) {
	tests := []struct {
		name string
		area string
		want []string // error positions
	}{
		{"unknown status", "  norms: {status: invented}\n  scales: [{id: fantasy, sd: 5, reliability: 0.7}]\n", []string{"area.yaml:4:19"}},
		{"no status", "  norms: {source: Somewhere}\n  scales: [{id: fantasy, sd: 5, reliability: 0.7}]\n", []string{"area.yaml:4:10"}},
		{"published without a source", "  norms: {status: published}\n  scales: [{id: fantasy, sd: 5, reliability: 0.7}]\n", []string{"area.yaml:4:19"}},
		{"an unknown field", "  norms: {status: illustrative, by: me}\n  scales: [{id: fantasy, sd: 5, reliability: 0.7}]\n", []string{"area.yaml:4:33"}},
		{"a status that is not text", "  norms: {status: [illustrative]}\n  scales: [{id: fantasy, sd: 5, reliability: 0.7}]\n", []string{"area.yaml:4:19"}},
		{"a scale's statement without figures", "  scales:\n    - id: fantasy\n      norms: {status: illustrative}\n", []string{"area.yaml:6:14"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte("area: testarea\npolicy: i-SOTP\nassessment:\n"+tt.area)))
			require.ErrorIs(t, err, rules.ErrInvalidPolicy)
			var list rules.ErrorList
			require.True(t, errors.As(err, &list), "want an ErrorList, got %v", err)
			var got []string
			for _, e := range list {
				got = append(got, e.Pos.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error positions mismatch (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func TestNormsStatusText(t *testing.T) {
	for _, s := range []rules.NormsStatus{rules.NormsPublished, rules.NormsIllustrative} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back rules.NormsStatus
		require.NoError(t, back.UnmarshalText(b))
		if back != s {
			t.Errorf("%s round trip: got %s", s, back)
		}
	}
	var zero rules.NormsStatus
	_, err := zero.MarshalText()
	require.Error(t, err, "the zero NormsStatus must not marshal")
}
