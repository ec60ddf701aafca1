package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp/assessment"
)

// A chart is one scale's pre/post chart, laid out for the HTML report's SVG
// template: two labelled rows, Before (a hollow circle) and After (a filled
// square), on the scale's axis, with the cut-off as a dashed line when the
// policy gives one and the better direction written under the axis. Shapes
// and labels, not colour, tell the markers apart. Every coordinate is
// rounded to a tenth and written by strconv, so the same report always gives
// the same bytes.
type chart struct {
	ID            string // unique in the page, for aria-labelledby
	Title, Desc   string
	Width, Height string
	FontSize      string
	Rows          []chartRow
	GridLines     []chartTick
	Ticks         []chartTick
	Cutoff        *chartLabel // the cut-off's label; its line is Line
	Line          chartLine
	Axis          chartLine
	Direction     chartLabel
}

type chartRow struct {
	Label   chartLabel // "Before" or "After"
	Track   chartLine
	Circle  bool // the Before marker; else the After square
	X, Y    string
	R       string // circle radius
	SquareX string // square's top-left corner and side
	SquareY string
	Side    string
	Stroke  string // marker outline width
	Value   chartLabel
	Missing bool
	NoScore chartLabel
}

type chartLine struct{ X1, Y1, X2, Y2 string }

type chartTick struct {
	Line  chartLine
	Label chartLabel
}

type chartLabel struct {
	X, Y, Anchor, Text string
}

// Chart sizes, in SVG user units (CSS pixels at full size). The width suits
// a printed A4 page; large print keeps it and raises the text to 24px
// (18pt), the report's large-print text size.
const (
	chartWidth     = 640
	chartFontSize  = 16
	chartLargeFont = 24
)

// newChart lays out the chart for scale s, or returns nil when s has no
// score to show.
func newChart(s assessment.ScaleResult, large bool) *chart {
	if s.Pre == nil && s.Post == nil {
		return nil
	}
	f := float64(chartFontSize)
	if large {
		f = chartLargeFont
	}
	var values []float64
	for _, p := range []*float64{s.Pre, s.Post, s.Cutoff} {
		if p != nil {
			values = append(values, *p)
		}
	}
	lo, hi, step := axisRange(values)
	w := s.Wording()

	x0, x1 := 5*f, chartWidth-1.5*f
	top := 0.8 * f
	if s.Cutoff != nil {
		top = 2 * f
	}
	rowH := 2.4 * f
	axisY := top + 2*rowH
	tickLabelY := axisY + 0.4*f + 1.1*f
	dirY := tickLabelY + 1.6*f
	height := dirY + 0.7*f
	x := func(v float64) float64 { return x0 + (v-lo)/(hi-lo)*(x1-x0) }

	c := &chart{
		ID:       "chart-" + s.ID,
		Title:    s.Title + ": your scores before and after the programme",
		Desc:     chartDesc(s, w),
		Width:    coord(chartWidth),
		Height:   coord(height),
		FontSize: coord(f),
		Axis:     chartLine{coord(x0), coord(axisY), coord(x1), coord(axisY)},
	}
	for i, n := 0, int(math.Round((hi-lo)/step)); i <= n; i++ {
		v := lo + float64(i)*step
		tx := coord(x(v))
		c.GridLines = append(c.GridLines, chartTick{Line: chartLine{tx, coord(top), tx, coord(axisY)}})
		c.Ticks = append(c.Ticks, chartTick{
			Line:  chartLine{tx, coord(axisY), tx, coord(axisY + 0.4*f)},
			Label: chartLabel{X: tx, Y: coord(tickLabelY), Anchor: "middle", Text: tickText(v, step)},
		})
	}
	for i, p := range []*float64{s.Pre, s.Post} {
		y := top + rowH*(float64(i)+0.5)
		row := chartRow{
			Label:  chartLabel{X: coord(0.2 * f), Y: coord(y + 0.35*f), Anchor: "start", Text: "Before"},
			Track:  chartLine{coord(x0), coord(y), coord(x1), coord(y)},
			Circle: i == 0,
			Y:      coord(y),
			Stroke: coord(0.15 * f),
		}
		if i == 1 {
			row.Label.Text = "After"
		}
		if p == nil {
			row.Missing = true
			row.NoScore = chartLabel{X: coord(x0 + 0.3*f), Y: coord(y + 0.35*f), Anchor: "start", Text: "no score"}
			c.Rows = append(c.Rows, row)
			continue
		}
		mx := x(*p)
		row.X, row.R = coord(mx), coord(0.45*f)
		row.SquareX, row.SquareY, row.Side = coord(mx-0.45*f), coord(y-0.45*f), coord(0.9*f)
		row.Value = chartLabel{X: coord(mx + 0.9*f), Y: coord(y + 0.35*f), Anchor: "start", Text: w.Pre}
		if i == 1 {
			row.Value.Text = w.Post
		}
		if valueLeft(mx, x0, x1, f, len(row.Value.Text), s.Cutoff, x) {
			row.Value.X, row.Value.Anchor = coord(mx-0.9*f), "end"
		}
		c.Rows = append(c.Rows, row)
	}
	if s.Cutoff != nil {
		cx := x(*s.Cutoff)
		c.Line = chartLine{coord(cx), coord(top - 0.3*f), coord(cx), coord(axisY)}
		label := chartLabel{X: coord(cx), Y: coord(top - 0.6*f), Anchor: "middle", Text: "cut-off " + w.Cutoff}
		switch {
		case cx < x0+3*f:
			label.Anchor = "start"
		case cx > x1-3*f:
			label.Anchor = "end"
		}
		c.Cutoff = &label
	}
	c.Direction = chartLabel{X: coord(x0), Y: coord(dirY), Anchor: "start", Text: "← lower is better"}
	if s.HigherIsBetter {
		c.Direction = chartLabel{X: coord(x1), Y: coord(dirY), Anchor: "end", Text: "higher is better →"}
	}
	return c
}

// valueLeft reports whether a marker's value label, n characters long,
// goes to the left of the marker at mx: when it would run off the right end,
// or into the cut-off line, and there is room on the left.
func valueLeft(mx, x0, x1, f float64, n int, cutoff *float64, x func(float64) float64) bool {
	width := 0.9*f + 0.6*f*float64(n)
	fitsLeft := mx-width >= x0-0.5*f
	if mx+width > x1+1.5*f {
		return fitsLeft
	}
	if cutoff != nil {
		cx := x(*cutoff)
		if cx > mx && cx < mx+width+0.3*f {
			return fitsLeft
		}
	}
	return false
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

// coord writes an SVG coordinate, rounded to a tenth.
func coord(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}
