package assessment

import "testing"

// TestTally: the scales' sum-up is a sentence, whatever the mix.
func TestTally(t *testing.T) {
	of := func(cs ...Category) *Result {
		r := &Result{}
		for _, c := range cs {
			r.Scales = append(r.Scales, ScaleResult{Category: c})
		}
		return r
	}
	tests := []struct {
		name string
		r    *Result
		want string
	}{
		{"none", of(), "The policy's battery has no scales."},
		{"one", of(Improved), "The one scale improved reliably."},
		{"all unchanged", of(Unchanged, Unchanged), "None of the 2 scales changed by more than the usual ups and downs."},
		{"all without norms", of(NormsMissing, NormsMissing, NormsMissing), "None of the 3 scales can be judged, because the figures needed have not been set."},
		{"both incomplete", of(Incomplete, Incomplete),
			"Both scales lack a score from before or after the programme."},
		{"two kinds", of(Recovered, Incomplete), "Of the 2 scales, 1 recovered (a reliable improvement past the cut-off) and 1 lacks a score from before or after the programme."},
		{"all improved", of(Improved, Improved, Improved), "All 3 scales improved reliably."},
		{"three kinds", of(Deteriorated, Unchanged, Unchanged, Improved),
			"Of the 4 scales, 1 improved reliably, 2 did not change by more than the usual ups and downs and 1 got reliably worse."},
	}
	for _, tt := range tests {
		if got := tt.r.tally(); got != tt.want {
			t.Errorf("%s: tally() = %q, want %q", tt.name, got, tt.want)
		}
	}
}
