package report

import (
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
		{"pct rounds to a hundredth", pct(123.456), "123.46%"},
		{"pct drops zero decimals", pct(80.0), "80%"},
		{"pct never writes -0", pct(-0.001), "0%"},
		{"em rounds to a hundredth", em(5.6000000001), "5.6em"},
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
	if c := newChart(assessment.ScaleResult{ID: "x", Title: "X"}); c != nil {
		t.Errorf("a scale with no scores should have no chart, got %+v", c)
	}
	tests := []struct {
		name   string
		s      assessment.ScaleResult
		want   []string // the description, the cut-off's label, each row's label and score
		reason string
	}{
		{
			name: "lower is better with a cut-off",
			s:    assessment.ScaleResult{ID: "cd", Title: "Cognitive distortions", Pre: f(38), Post: f(24), Cutoff: f(25)},
			want: []string{"Before the programme: 38. After it: 24. Cut-off: 25. A lower score is better.",
				"cut-off 25", "Before 38", "After 24"},
		},
		{
			name:   "higher is better, no post score",
			s:      assessment.ScaleResult{ID: "se", Title: "Self-esteem", HigherIsBetter: true, Pre: f(24.25)},
			want:   []string{"Before the programme: 24.25. After it: no score. A higher score is better.", "Before 24.25", "After no score"},
			reason: "a missing score is said in its row's label, and the row has no marker",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart(tt.s)
			got := []string{c.Desc}
			if c.Cutoff != nil {
				got = append(got, c.Cutoff.Text)
			}
			for _, r := range c.Rows {
				got = append(got, r.Label+" "+r.Score)
				if r.Missing != (r.X == "") {
					t.Errorf("row %s: missing %v but marker at %q", r.Label, r.Missing, r.X)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestChartGeometry checks where the markers, the cut-off and the ticks
// land: horizontally in percent of the plot, so that the plot stretches
// with the page, and vertically in em, so that it grows with the text.
func TestChartGeometry(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	type got struct {
		Height, BeforeX, AfterX, BeforeY, AfterY, CutoffX, CutoffAnchor string
		FirstTick, LastTick, AxisY                                      string
	}
	tests := []struct {
		name string
		s    assessment.ScaleResult
		want got
	}{
		{
			name: "a cut-off takes a line above the rows",
			s:    assessment.ScaleResult{ID: "cd", Pre: f(38), Post: f(24), Cutoff: f(25)},
			// The axis runs 0 to 40: a score v lands at v/40 of the width.
			want: got{Height: "5.6em", BeforeX: "95%", AfterX: "60%", BeforeY: "2.05em", AfterY: "3.35em",
				CutoffX: "62.5%", CutoffAnchor: "middle", FirstTick: "0", LastTick: "40", AxisY: "4em"},
		},
		{
			name: "without a cut-off",
			s:    assessment.ScaleResult{ID: "f", Pre: f(16), Post: f(15)},
			want: got{Height: "4.6em", BeforeX: "80%", AfterX: "75%", BeforeY: "1.05em", AfterY: "2.35em",
				FirstTick: "0", LastTick: "20", AxisY: "3em"},
		},
		{
			name: "a cut-off at the end of the axis is labelled inwards",
			s:    assessment.ScaleResult{ID: "se", HigherIsBetter: true, Pre: f(24), Post: f(19), Cutoff: f(30)},
			want: got{Height: "5.6em", BeforeX: "80%", AfterX: "63.33%", BeforeY: "2.05em", AfterY: "3.35em",
				CutoffX: "100%", CutoffAnchor: "end", FirstTick: "0", LastTick: "30", AxisY: "4em"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart(tt.s)
			g := got{Height: c.Height, BeforeX: c.Rows[0].X, AfterX: c.Rows[1].X, BeforeY: c.Rows[0].Y, AfterY: c.Rows[1].Y,
				FirstTick: c.Ticks[0].Label.Text, LastTick: c.Ticks[len(c.Ticks)-1].Label.Text, AxisY: c.Axis.Y1}
			if c.Cutoff != nil {
				g.CutoffX, g.CutoffAnchor = c.Line.X1, c.Cutoff.Anchor
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
