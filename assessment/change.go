package assessment

import (
	"math"
	"strconv"

	"github.com/isotp-dev/isotp/rules"
)

// scale is a battery scale with the figures reliable change needs worked out
// once, in New.
type scale struct {
	id, title      string
	higherIsBetter bool
	norms          *rules.Norms
	sdiff          float64 // standard error of the difference; 0: sd and reliability not given
	cutoff         float64
	hasCutoff      bool
}

func newScale(s rules.Scale) scale {
	sc := scale{id: s.ID, title: s.Title, higherIsBetter: s.HigherIsBetter, norms: s.Norms}
	if s.SD != nil && s.Reliability != nil {
		sc.sdiff = sDiff(*s.SD, *s.Reliability)
	}
	switch {
	case s.Cutoff != nil:
		sc.cutoff, sc.hasCutoff = *s.Cutoff, true
	case s.Functional != nil && s.Dysfunctional != nil:
		sc.cutoff, sc.hasCutoff = cutoff(*s.Functional, *s.Dysfunctional), true
	}
	return sc
}

// sDiff is the standard error of the difference between two scores on a
// scale with standard deviation sd and reliability r (Jacobson and Truax
// 1991): SE = sd·√(1−r) and S_diff = √(2·SE²) = √2·SE, computed as
// sd·√(2·(1−r)), which is the same number with one rounding fewer.
func sDiff(sd, r float64) float64 { return sd * math.Sqrt(2*(1-r)) }

// cutoff is the point between the functional and dysfunctional populations,
// weighted by their spreads: c = (sd_f·mean_d + sd_d·mean_f)/(sd_f + sd_d).
func cutoff(f, d rules.Norm) float64 {
	return (f.SD*d.Mean + d.SD*f.Mean) / (f.SD + d.SD)
}

// functional reports whether score x is on the functional side of the
// cut-off: above it where higher is better, below it otherwise. A score equal
// to the cut-off has not crossed into the functional range.
func (s *scale) functional(x float64) bool {
	if s.higherIsBetter {
		return x > s.cutoff
	}
	return x < s.cutoff
}

// assess works out the change from pre to post; nil means the score is
// missing.
func (s *scale) assess(pre, post *float64, threshold float64) ScaleResult {
	r := ScaleResult{ID: s.id, Title: s.title, HigherIsBetter: s.higherIsBetter, Pre: pre, Post: post, Norms: s.norms}
	if s.sdiff > 0 {
		r.SDiff = ptr(s.sdiff)
	}
	if s.hasCutoff {
		r.Cutoff = ptr(s.cutoff)
	}
	switch {
	case pre == nil && post == nil:
		r.Category, r.Note = Incomplete, "no pre- or post-programme score"
		return r
	case pre == nil:
		r.Category, r.Note = Incomplete, "no pre-programme score"
		return r
	case post == nil:
		r.Category, r.Note = Incomplete, "no post-programme score"
		return r
	}
	change := denoise(*post-*pre, math.Max(math.Abs(*pre), math.Abs(*post)))
	r.Change = &change
	if s.sdiff == 0 {
		r.Category, r.Note = NormsMissing, "no sd and reliability in the policy: raw change only"
		return r
	}
	rci := change / s.sdiff
	reliable := math.Abs(rci) > threshold
	r.RCI, r.Reliable = &rci, &reliable
	better := change < 0
	if s.higherIsBetter {
		better = change > 0
	}
	switch {
	case !reliable:
		r.Category = Unchanged
	case !better:
		r.Category = Deteriorated
	case !s.hasCutoff:
		r.Category, r.Note = Improved, "no cut-off or norms in the policy: recovery cannot be judged"
	case !s.functional(*pre) && s.functional(*post):
		r.Category = Recovered
	default:
		r.Category = Improved
	}
	return r
}

// denoise rounds the difference x of two scores to 12 significant digits of
// the larger score's magnitude m, so that a change such as 24.3 - 38.1 reads
// -13.8 and not -13.799999999999997. Scores carry far fewer digits, so no
// decision moves.
func denoise(x, m float64) float64 {
	if x == 0 || m == 0 {
		return x
	}
	decimals := 11 - int(math.Floor(math.Log10(m)))
	if decimals < 0 || decimals > 300 {
		return x
	}
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', decimals, 64), 64)
	if err != nil {
		return x
	}
	return v
}

func ptr[T any](v T) *T { return &v }
