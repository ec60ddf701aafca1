package assessment_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/rules"
)

// newTestAssessor loads the national policy with testdata/area.yaml, whose
// figures the worked examples use.
func newTestAssessor(t testing.TB) *assessment.Assessor {
	t.Helper()
	pol, err := rules.Load(rules.National, rules.AreaPath(filepath.Join("testdata", "area.yaml")))
	require.NoError(t, err)
	a, err := assessment.New(pol)
	require.NoError(t, err)
	return a
}

func num(f float64) *float64 { return &f }
func yes() *bool             { b := true; return &b }
func no() *bool              { b := false; return &b }

// change is what the worked examples compare of a scale's result.
type change struct {
	Change, SDiff, RCI, Cutoff *float64
	Reliable                   *bool
	Category                   assessment.Category
}

// TestWorkedExamples checks the arithmetic against examples worked by hand
// from the figures in testdata/area.yaml:
//
//	S_diff = sd·√(2·(1−r)) (= √2·SE, SE = sd·√(1−r)); RCI = (post − pre)/S_diff;
//	reliable when |RCI| > 1.96; c = (sd_f·mean_d + sd_d·mean_f)/(sd_f + sd_d).
func TestWorkedExamples(t *testing.T) {
	a := newTestAssessor(t)
	const (
		cdSDiff  = 6.32456 // cognitive_distortions: 10·√(2·0.2) = 10·√0.4
		seSDiff  = 1.78885 // self_esteem: 4·√(2·0.1) = 4·√0.2
		ecSDiff  = 3.83406 // empathic_concern: 7·√(2·0.15) = 7·√0.3
		fanSDiff = 3.87298 // fantasy: 5·√(2·0.3) = 5·√0.6
		ecCutoff = 34.85714
	)
	tests := []struct {
		name      string
		scale     string
		pre, post *float64
		want      change
		reason    string
	}{
		{
			name: "recovered, lower is better", scale: "cognitive_distortions", pre: num(38), post: num(24),
			want:   change{Change: num(-14), SDiff: num(cdSDiff), RCI: num(-2.21359), Reliable: yes(), Cutoff: num(25), Category: assessment.Recovered},
			reason: "RCI = -14/6.32456 = -2.21359, reliable and lower; c = (5·35 + 10·20)/15 = 25; 38 >= 25, 24 < 25",
		},
		{
			name: "unchanged: not reliable", scale: "cognitive_distortions", pre: num(38), post: num(27),
			want:   change{Change: num(-11), SDiff: num(cdSDiff), RCI: num(-1.73925), Reliable: no(), Cutoff: num(25), Category: assessment.Unchanged},
			reason: "RCI = -11/6.32456 = -1.73925; |RCI| <= 1.96 although the score crossed the cut-off",
		},
		{
			name: "improved: reliable but stays above the cut-off", scale: "cognitive_distortions", pre: num(45), post: num(30),
			want:   change{Change: num(-15), SDiff: num(cdSDiff), RCI: num(-2.37171), Reliable: yes(), Cutoff: num(25), Category: assessment.Improved},
			reason: "RCI = -15/6.32456 = -2.37171; 30 is still on the dysfunctional side of 25",
		},
		{
			name: "improved: already functional before", scale: "cognitive_distortions", pre: num(24), post: num(10),
			want:   change{Change: num(-14), SDiff: num(cdSDiff), RCI: num(-2.21359), Reliable: yes(), Cutoff: num(25), Category: assessment.Improved},
			reason: "a reliable improvement that starts on the functional side (24 < 25) is not a recovery",
		},
		{
			name: "recovered from exactly the cut-off", scale: "cognitive_distortions", pre: num(25), post: num(11),
			want:   change{Change: num(-14), SDiff: num(cdSDiff), RCI: num(-2.21359), Reliable: yes(), Cutoff: num(25), Category: assessment.Recovered},
			reason: "a score equal to c is not on the functional side, so 25 -> 11 crosses it",
		},
		{
			name: "improved: to exactly the cut-off", scale: "cognitive_distortions", pre: num(38), post: num(25),
			want:   change{Change: num(-13), SDiff: num(cdSDiff), RCI: num(-2.05548), Reliable: yes(), Cutoff: num(25), Category: assessment.Improved},
			reason: "RCI = -13/6.32456 = -2.05548; ending on c is not crossing it",
		},
		{
			name: "deteriorated, lower is better", scale: "cognitive_distortions", pre: num(20), post: num(34),
			want:   change{Change: num(14), SDiff: num(cdSDiff), RCI: num(2.21359), Reliable: yes(), Cutoff: num(25), Category: assessment.Deteriorated},
			reason: "RCI = +14/6.32456 = 2.21359: a reliable rise on a scale where lower is better",
		},
		{
			name: "recovered, higher is better, explicit cutoff", scale: "self_esteem", pre: num(26), post: num(31),
			want:   change{Change: num(5), SDiff: num(seSDiff), RCI: num(2.79508), Reliable: yes(), Cutoff: num(30), Category: assessment.Recovered},
			reason: "RCI = 5/1.78885 = 2.79508; the functional side is above c = 30",
		},
		{
			name: "deteriorated, higher is better", scale: "self_esteem", pre: num(31), post: num(26),
			want:   change{Change: num(-5), SDiff: num(seSDiff), RCI: num(-2.79508), Reliable: yes(), Cutoff: num(30), Category: assessment.Deteriorated},
			reason: "the same scores reversed: a reliable fall where higher is better",
		},
		{
			name: "improved, higher is better", scale: "self_esteem", pre: num(20), post: num(25),
			want:   change{Change: num(5), SDiff: num(seSDiff), RCI: num(2.79508), Reliable: yes(), Cutoff: num(30), Category: assessment.Improved},
			reason: "RCI = 2.79508 but 25 is not above 30",
		},
		{
			name: "unchanged, higher is better", scale: "self_esteem", pre: num(26), post: num(29),
			want:   change{Change: num(3), SDiff: num(seSDiff), RCI: num(1.67705), Reliable: no(), Cutoff: num(30), Category: assessment.Unchanged},
			reason: "RCI = 3/1.78885 = 1.67705",
		},
		{
			name: "recovered, higher is better, cut-off from norms", scale: "empathic_concern", pre: num(30), post: num(38),
			want:   change{Change: num(8), SDiff: num(ecSDiff), RCI: num(2.08656), Reliable: yes(), Cutoff: num(ecCutoff), Category: assessment.Recovered},
			reason: "RCI = 8/3.83406 = 2.08656; c = (6·28 + 8·40)/14 = 488/14 = 34.85714; 30 < c < 38",
		},
		{
			name: "improved without a cut-off", scale: "fantasy", pre: num(20), post: num(10),
			want:   change{Change: num(-10), SDiff: num(fanSDiff), RCI: num(-2.58199), Reliable: yes(), Category: assessment.Improved},
			reason: "RCI = -10/3.87298 = -2.58199; no norms or cutoff, so recovery cannot be judged and it is improved",
		},
		{
			name: "deteriorated without a cut-off", scale: "fantasy", pre: num(10), post: num(20),
			want:   change{Change: num(10), SDiff: num(fanSDiff), RCI: num(2.58199), Reliable: yes(), Category: assessment.Deteriorated},
			reason: "deterioration needs no cut-off",
		},
		{
			name: "norms missing", scale: "locus_of_control", pre: num(20), post: num(10),
			want:   change{Change: num(-10), Category: assessment.NormsMissing},
			reason: "no sd or reliability: the raw change, and null RCI, S_diff and reliable",
		},
		{
			name: "incomplete: no post score", scale: "cognitive_distortions", pre: num(38),
			want:   change{SDiff: num(cdSDiff), Cutoff: num(25), Category: assessment.Incomplete},
			reason: "the figures are known but there is nothing to compare",
		},
		{
			name: "incomplete: no pre score, norms missing too", scale: "locus_of_control", post: num(12),
			want:   change{Category: assessment.Incomplete},
			reason: "incomplete comes before norms_missing",
		},
		{
			name: "decimal scores", scale: "cognitive_distortions", pre: num(38.1), post: num(24.3),
			want:   change{Change: num(-13.8), SDiff: num(cdSDiff), RCI: num(-2.18197), Reliable: yes(), Cutoff: num(25), Category: assessment.Recovered},
			reason: "RCI = -13.8/6.32456 = -2.18197; the change is -13.8 exactly, not -13.799999999999997",
		},
		{
			name: "exactly at the threshold is not reliable", scale: "boundary_check", pre: num(0), post: num(1.96),
			want:   change{Change: num(1.96), SDiff: num(1), RCI: num(1.96), Reliable: no(), Category: assessment.Unchanged},
			reason: "S_diff = 1·√(2·0.5) = 1, RCI = 1.96: reliable needs |RCI| > 1.96",
		},
		{
			name: "just past the threshold is reliable", scale: "boundary_check", pre: num(0), post: num(1.97),
			want:   change{Change: num(1.97), SDiff: num(1), RCI: num(1.97), Reliable: yes(), Category: assessment.Improved},
			reason: "RCI = 1.97 > 1.96; an area scale with no cut-off",
		},
		{
			name: "exactly at the threshold the other way", scale: "boundary_check", pre: num(1.96), post: num(0),
			want:   change{Change: num(-1.96), SDiff: num(1), RCI: num(-1.96), Reliable: no(), Category: assessment.Unchanged},
			reason: "|-1.96| is not above 1.96",
		},
		{
			name: "no change", scale: "self_esteem", pre: num(26), post: num(26),
			want:   change{Change: num(0), SDiff: num(seSDiff), RCI: num(0), Reliable: no(), Cutoff: num(30), Category: assessment.Unchanged},
			reason: "RCI 0, never null or missing",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &isotp.Case{Assessment: &isotp.Assessment{Pre: scores(tt.scale, tt.pre), Post: scores(tt.scale, tt.post)}}
			res, err := a.Assess(context.Background(), c)
			require.NoError(t, err)
			got := find(t, res, tt.scale)
			if diff := cmp.Diff(tt.want, change{Change: got.Change, SDiff: got.SDiff, RCI: got.RCI, Cutoff: got.Cutoff,
				Reliable: got.Reliable, Category: got.Category}, cmpopts.EquateApprox(0, 5e-6)); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// scores is an administration with one score, or with none when v is nil.
func scores(scale string, v *float64) *isotp.Scores {
	s := &isotp.Scores{Date: isotp.NewDate(2026, 1, 1), Scores: map[string]float64{}}
	if v != nil {
		s.Scores[scale] = *v
	}
	return s
}

func find(t *testing.T, res *assessment.Result, id string) assessment.ScaleResult {
	t.Helper()
	for _, s := range res.Scales {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("scale %s not in the result", id)
	return assessment.ScaleResult{}
}

// TestDirection checks the same scores give opposite verdicts on scales of
// opposite direction with the same figures.
func TestDirection(t *testing.T) {
	area := func(higher bool) []byte {
		dir := "false"
		if higher {
			dir = "true"
		}
		return []byte("area: t\npolicy: i-SOTP\nassessment:\n  scales:\n    - id: mood\n      title: Mood\n      higher_is_better: " + dir +
			"\n      sd: 10\n      reliability: 0.8\n      cutoff: 25\n")
	}
	tests := []struct {
		name      string
		higher    bool
		pre, post float64
		want      assessment.Category
		reason    string
	}{
		{"falling, lower is better", false, 38, 24, assessment.Recovered, "38 -> 24 crosses 25 downwards"},
		{"falling, higher is better", true, 38, 24, assessment.Deteriorated, "RCI -2.21359 is a reliable fall"},
		{"rising, higher is better", true, 20, 34, assessment.Recovered, "20 <= 25 < 34, RCI 2.21359"},
		{"rising, lower is better", false, 20, 34, assessment.Deteriorated, "RCI 2.21359 is a reliable rise"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol, err := rules.Load(rules.National, rules.AreaBytes("t.yaml", area(tt.higher)))
			require.NoError(t, err)
			a, err := assessment.New(pol)
			require.NoError(t, err)
			res, err := a.Assess(context.Background(), &isotp.Case{Assessment: &isotp.Assessment{
				Pre: scores("mood", &tt.pre), Post: scores("mood", &tt.post)}})
			require.NoError(t, err)
			if got := find(t, res, "mood").Category; got != tt.want {
				t.Errorf("category = %s, want %s: %s", got, tt.want, tt.reason)
			}
		})
	}
}

// TestNationalOnly checks that without an area file every scale reports
// the raw change as norms_missing.
func TestNationalOnly(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	a, err := assessment.New(pol)
	require.NoError(t, err)
	pre, post := &isotp.Scores{Scores: map[string]float64{}}, &isotp.Scores{Scores: map[string]float64{}}
	for _, s := range pol.Battery() {
		pre.Scores[s.ID], post.Scores[s.ID] = 10, 12
	}
	res, err := a.Assess(context.Background(), &isotp.Case{Assessment: &isotp.Assessment{Pre: pre, Post: post}})
	require.NoError(t, err)
	if len(res.Scales) != 14 {
		t.Fatalf("%d scales, want the 14 of the national battery", len(res.Scales))
	}
	for _, s := range res.Scales {
		want := assessment.ScaleResult{ID: s.ID, Title: s.Title, HigherIsBetter: s.HigherIsBetter, Pre: num(10), Post: num(12),
			Change: num(2), Category: assessment.NormsMissing, Note: s.Note}
		if diff := cmp.Diff(want, s); diff != "" || s.Note == "" {
			t.Errorf("scale %s mismatch (-want +got):\n%s", s.ID, diff)
		}
	}
}

// TestChangeIsExact checks that the change carries no floating-point noise:
// a report shows -13.8, not -13.799999999999997.
func TestChangeIsExact(t *testing.T) {
	a := newTestAssessor(t)
	tests := []struct {
		pre, post, want float64
	}{
		{38.1, 24.3, -13.8},
		{0.1, 0.3, 0.2},
		{22, 22.5, 0.5},
		{1e6 + 0.1, 1e6 + 0.3, 0.2},
		{0.001, 0.003, 0.002},
		{-5.1, 3.2, 8.3},
		{7, 7, 0},
	}
	for _, tt := range tests {
		res, err := a.Assess(context.Background(), &isotp.Case{Assessment: &isotp.Assessment{
			Pre: scores("fantasy", &tt.pre), Post: scores("fantasy", &tt.post)}})
		require.NoError(t, err)
		if got := find(t, res, "fantasy").Change; got == nil || *got != tt.want {
			t.Errorf("change from %v to %v = %v, want exactly %v", tt.pre, tt.post, got, tt.want)
		}
	}
}
