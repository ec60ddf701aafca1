package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp/assessment"
)

func TestAxisRange(t *testing.T) {
	tests := []struct {
		name         string
		values       []float64
		lo, hi, step float64
		reason       string
	}{
		{name: "scores from zero", values: []float64{38, 24, 25}, lo: 0, hi: 40, step: 10, reason: "an axis of non-negative scores starts at 0"},
		{name: "round top", values: []float64{20, 12}, lo: 0, hi: 20, step: 5},
		{name: "fractional cut-off", values: []float64{13, 21, 17.33}, lo: 0, hi: 25, step: 5},
		{name: "negative scores", values: []float64{-3, 4}, lo: -4, hi: 4, step: 2, reason: "with a negative score the axis covers it, not 0 alone"},
		{name: "all zero", values: []float64{0, 0}, lo: 0, hi: 1, step: 0.2, reason: "an empty span is widened to 1"},
		{name: "small scale", values: []float64{0.3, 0.45}, lo: 0, hi: 0.5, step: 0.1},
		{name: "large scale", values: []float64{310, 480}, lo: 0, hi: 500, step: 100},
		{name: "one score", values: []float64{7}, lo: 0, hi: 8, step: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi, step := axisRange(tt.values)
			if diff := cmp.Diff([]float64{tt.lo, tt.hi, tt.step}, []float64{lo, hi, step}); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestNumberFormats(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"coord rounds to a tenth", coord(123.456), "123.5"},
		{"coord drops a zero tenth", coord(80.0), "80"},
		{"coord never writes -0", coord(-0.01), "0"},
		{"tick of a whole step", tickText(10, 5), "10"},
		{"tick of a tenth step", tickText(0.30000000000000004, 0.1), "0.3"},
		{"tick of a fifth step", tickText(0.4, 0.2), "0.4"},
		{"tick zero", tickText(-0.0000001, 0.5), "0"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestNewChart(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	if c := newChart(assessment.ScaleResult{ID: "x", Title: "X"}, false); c != nil {
		t.Errorf("a scale with no scores should have no chart, got %+v", c)
	}
	tests := []struct {
		name   string
		s      assessment.ScaleResult
		large  bool
		want   []string // fragments of the laid-out chart, in order
		reason string
	}{
		{
			name: "lower is better with a cut-off",
			s:    assessment.ScaleResult{ID: "cd", Title: "Cognitive distortions", Pre: f(38), Post: f(24), Cutoff: f(25)},
			want: []string{"Before the programme: 38. After it: 24. Cut-off: 25. A lower score is better.",
				"cut-off 25", "← lower is better"},
		},
		{
			name:   "higher is better, no post score",
			s:      assessment.ScaleResult{ID: "se", Title: "Self-esteem", HigherIsBetter: true, Pre: f(24)},
			want:   []string{"Before the programme: 24. After it: no score. A higher score is better.", "no score", "higher is better →"},
			reason: "a missing score is written on its row",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart(tt.s, tt.large)
			var got strings.Builder
			got.WriteString(c.Desc + "|")
			if c.Cutoff != nil {
				got.WriteString(c.Cutoff.Text + "|")
			}
			for _, r := range c.Rows {
				if r.Missing {
					got.WriteString(r.NoScore.Text + "|")
				}
			}
			got.WriteString(c.Direction.Text)
			if diff := cmp.Diff(strings.Join(tt.want, "|"), got.String()); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestChartGeometry checks where the markers and labels land. The After
// value's label goes left of its marker, clear of the cut-off line just to
// its right.
func TestChartGeometry(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, large := range []bool{false, true} {
		c := newChart(assessment.ScaleResult{ID: "cd", Pre: f(38), Post: f(24), Cutoff: f(25)}, large)
		type got struct {
			Width, BeforeX, AfterX, CutoffX                string
			BeforeAnchor, AfterAnchor, FirstTick, LastTick string
		}
		g := got{Width: c.Width, BeforeX: c.Rows[0].X, AfterX: c.Rows[1].X, CutoffX: c.Line.X1,
			BeforeAnchor: c.Rows[0].Value.Anchor, AfterAnchor: c.Rows[1].Value.Anchor,
			FirstTick: c.Ticks[0].Label.Text, LastTick: c.Ticks[len(c.Ticks)-1].Label.Text}
		// x0 = 5f = 80, x1 = 640 - 1.5f = 616: a score v lands at 80 + v/40*536.
		want := got{Width: "640", BeforeX: "589.2", AfterX: "401.6", CutoffX: "415",
			BeforeAnchor: "start", AfterAnchor: "end", FirstTick: "0", LastTick: "40"}
		if large {
			// x0 = 120, x1 = 604: v lands at 120 + v/40*484.
			want = got{Width: "640", BeforeX: "579.8", AfterX: "410.4", CutoffX: "422.5",
				BeforeAnchor: "start", AfterAnchor: "end", FirstTick: "0", LastTick: "40"}
		}
		if diff := cmp.Diff(want, g); diff != "" {
			t.Errorf("large %v: mismatch (-want +got):\n%s", large, diff)
		}
	}
}
