package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp/assessment"
)

// A chart is one scale's pre/post chart, laid out for the HTML report: two
// rows, Before (a hollow circle) and After (a filled square), on the scale's
// axis, with the cut-off as a dashed line when the policy gives one. The
// rows' labels and scores are HTML beside the plot; the plot is an inline
// SVG without a viewBox, whose horizontal positions are percentages of its
// width and whose vertical positions and text are in em, so that every
// label is at the page's text size however wide the window or page is: a
// narrow window narrows the plot, never the text. Shapes and labels, not
// colour, tell the markers apart. Every number is rounded and written by
// strconv, so the same report always gives the same bytes.
type chart struct {
	ID          string // unique in the page, for aria-labelledby
	Title, Desc string
	Height      string // the plot's height, in em
	Top         bool   // a cut-off label takes a line above the rows
	Rows        []chartRow
	GridLines   []chartLine
	Ticks       []chartTick
	Cutoff      *chartLabel // the cut-off's label; its line is Line
	Line        chartLine
	Axis        chartLine
}

type chartRow struct {
	Label   string // "Before" or "After"
	Score   string // "38", or "no score"
	Track   chartLine
	Circle  bool   // the Before marker; else the After square
	X, Y    string // the marker's centre
	Missing bool
}

// chartLine is a line from (X1, Y1) to (X2, Y2): x in percent of the plot's
// width, y in em, both with their units.
type chartLine struct{ X1, Y1, X2, Y2 string }

type chartTick struct {
	Line  chartLine
	Label chartLabel
}

type chartLabel struct {
	X, Y, Anchor, Text string
}

// The chart's vertical layout, in em of the page's text.
const (
	chartTopCutoff = 1.4  // room for the cut-off label above the rows
	chartTopPlain  = 0.4  // without one
	chartRowHeight = 1.3  // each of Before and After
	chartTickLen   = 0.3  // tick marks below the axis
	chartTickText  = 1.25 // tick labels' baseline below the axis
	chartBottom    = 0.35 // below the tick labels' baseline
)

// newChart lays out the chart for scale s, or returns nil when s has no
// score to show.
func newChart(s assessment.ScaleResult) *chart {
	if s.Pre == nil && s.Post == nil {
		return nil
	}
	var values []float64
	for _, p := range []*float64{s.Pre, s.Post, s.Cutoff} {
		if p != nil {
			values = append(values, *p)
		}
	}
	lo, hi, step := axisRange(values)
	w := s.Wording()

	top := chartTopPlain
	if s.Cutoff != nil {
		top = chartTopCutoff
	}
	axisY := top + 2*chartRowHeight
	x := func(v float64) float64 { return (v - lo) / (hi - lo) * 100 }

	c := &chart{
		ID:     "chart-" + s.ID,
		Title:  s.Title + ": your scores before and after the programme",
		Desc:   chartDesc(s, w),
		Height: em(axisY + chartTickText + chartBottom),
		Top:    s.Cutoff != nil,
		Axis:   chartLine{pct(0), em(axisY), pct(100), em(axisY)},
	}
	for i, n := 0, int(math.Round((hi-lo)/step)); i <= n; i++ {
		v := lo + float64(i)*step
		tx := pct(x(v))
		c.GridLines = append(c.GridLines, chartLine{tx, em(top), tx, em(axisY)})
		c.Ticks = append(c.Ticks, chartTick{
			Line:  chartLine{tx, em(axisY), tx, em(axisY + chartTickLen)},
			Label: chartLabel{X: tx, Y: em(axisY + chartTickText), Anchor: "middle", Text: tickText(v, step)},
		})
	}
	for i, p := range []*float64{s.Pre, s.Post} {
		y := top + chartRowHeight*(float64(i)+0.5)
		row := chartRow{Label: "Before", Score: w.Pre, Track: chartLine{pct(0), em(y), pct(100), em(y)}, Circle: i == 0, Y: em(y)}
		if i == 1 {
			row.Label, row.Score = "After", w.Post
		}
		if p == nil {
			row.Missing, row.Score = true, "no score"
		} else {
			row.X = pct(x(*p))
		}
		c.Rows = append(c.Rows, row)
	}
	if s.Cutoff != nil {
		cx := x(*s.Cutoff)
		c.Line = chartLine{pct(cx), em(top - 0.25), pct(cx), em(axisY)}
		label := chartLabel{X: pct(cx), Y: em(top - 0.45), Anchor: "middle", Text: "cut-off " + w.Cutoff}
		switch {
		case cx < 20:
			label.Anchor = "start"
		case cx > 80:
			label.Anchor = "end"
		}
		c.Cutoff = &label
	}
	return c
}

// chartDesc says in words what the chart shows, for screen readers.
func chartDesc(s assessment.ScaleResult, w assessment.ScaleWording) string {
	score := func(p *float64, text string) string {
		if p == nil {
			return "no score"
		}
		return text
	}
	d := "Before the programme: " + score(s.Pre, w.Pre) + ". After it: " + score(s.Post, w.Post) + "."
	if s.Cutoff != nil {
		d += " Cut-off: " + w.Cutoff + "."
	}
	return d + " " + capital(w.Better) + "."
}

// axisRange returns an axis from lo to hi, both multiples of step, that
// covers values, starting at 0 when no value is negative (so that a small
// change does not look large), with about five steps of 1, 2 or 5 times a
// power of ten.
func axisRange(values []float64) (lo, hi, step float64) {
	lo, hi = values[0], values[0]
	for _, v := range values[1:] {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo >= 0 {
		lo = 0
	}
	if hi-lo < 1e-9 {
		hi = lo + 1
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch n := raw / mag; {
	case n <= 1:
		step = mag
	case n <= 2:
		step = 2 * mag
	case n <= 5:
		step = 5 * mag
	default:
		step = 10 * mag
	}
	lo = math.Floor(lo/step+1e-9) * step
	hi = math.Ceil(hi/step-1e-9) * step
	return lo, hi, step
}

// tickText writes an axis value with as many decimals as the step needs.
func tickText(v, step float64) string {
	decimals := 0
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.TrimLeft(s, "-0.") == "" {
		return "0"
	}
	return s
}

// pct writes a horizontal position, rounded to a hundredth of a percent.
func pct(v float64) string { return round(v, 100) + "%" }

// em writes a vertical position or length, rounded to a hundredth of an em.
func em(v float64) string { return round(v, 100) + "em" }

func round(v, scale float64) string {
	s := strconv.FormatFloat(math.Round(v*scale)/scale, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}
