// Package assessment works out what a man's psychometric assessments, taken
// before the programme starts and again after it ends, show: for each scale
// of the battery in the policy, the change, whether it is reliable and what
// it amounts to.
//
// The method is Jacobson and Truax's (1991), with the figures an area's
// policy gives for each scale (rules.Scale):
//
//   - SE = sd·√(1−r) and S_diff = √2·SE, from the scale's standard
//     deviation sd and reliability r;
//   - RCI = (post − pre)/S_diff, reliable when |RCI| > params.rci_threshold
//     (1.96, fixed nationally);
//   - the cut-off c = (sd_f·mean_d + sd_d·mean_f)/(sd_f + sd_d) from the
//     functional and dysfunctional norms, or the scale's explicit cutoff;
//     the functional side is above c where higher is better and below it
//     otherwise, and a score equal to c is not on the functional side.
//
// Each scale falls in one category, decided in this order: incomplete (the
// pre or post score is missing); norms_missing (the policy gives no sd and
// reliability: the raw change is reported, the RCI is null); unchanged (the
// change is not reliable); deteriorated (a reliable change for the worse);
// improved, when the scale has no cut-off (recovery cannot be judged, and
// the result's note says so); recovered (the pre score is not on the
// functional side of c and the post score is); otherwise improved.
//
// Alongside, findings report assessments that are missing, undated, done at
// the wrong time (the pre-programme assessment after the first session, the
// post-programme one before the last; session dates are those of every
// event in the attendance record, catch-ups included) or missing a scale's
// score.
//
// It is not a clinical judgement: it says whether a change on a
// questionnaire is larger than the questionnaire's own error, by the norms
// an area has configured.
//
// The Post-Programme Report, which joins this result with the attendance
// summary, is package report; a Result's Wording is what it quotes.
package assessment

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// spec declares what an assessment reads of a policy.
var spec = rules.Spec{
	Name:   "assessment",
	Params: []rules.ParamUse{{Name: "rci_threshold", For: []string{"rci_threshold", "scales"}}},
	Tables: []rules.Table{rules.Battery},
}

// Spec returns what an assessment reads of a policy: the threshold of
// reliable change and the psychometric battery. It has no rule section.
func Spec() rules.Spec { return spec }

// An Assessor assesses cases against one policy's battery. It is immutable
// and safe for concurrent use; make one per policy with New and keep it.
type Assessor struct {
	scales    []scale
	index     map[string]int
	threshold float64
	info      rules.Info
	caution   string
}

// New prepares the policy's battery. It fails only if the policy lacks the
// rci_threshold parameter.
func New(pol *rules.Policy) (*Assessor, error) {
	if pol == nil {
		return nil, errors.New("assessment: no policy given")
	}
	threshold, err := rules.ParamValue[float64](pol, &spec, "rci_threshold")
	if err != nil {
		return nil, fmt.Errorf("assessment: %w", err)
	}
	battery := pol.Battery()
	a := &Assessor{scales: make([]scale, len(battery)), index: make(map[string]int, len(battery)),
		threshold: threshold, info: pol.Info()}
	illustrative := 0
	for i, s := range battery {
		a.scales[i] = newScale(s)
		a.index[s.ID] = i
		if s.Norms != nil && s.Norms.Status == rules.NormsIllustrative {
			illustrative++
		}
	}
	if illustrative > 0 {
		a.caution = caution(illustrative, len(battery))
	}
	return a, nil
}

// caution says that n of the battery's scales are judged by illustrative
// figures.
func caution(n, of int) string {
	which := fmt.Sprintf("%d of the %d scales", n, of)
	switch {
	case n == of && n == 1:
		which = "the one scale"
	case n == of && n == 2:
		which = "both scales"
	case n == of:
		which = fmt.Sprintf("all %d scales", of)
	}
	return "ILLUSTRATIVE NORMS: the figures behind " + which + " are marked in the policy as illustrative, " +
		"made up to show how the assessment works. Do not use these results for any decision."
}

// Assess works out the change on every scale of the battery for case c,
// from c.Assessment, and checks the assessments' timing against the session
// dates in c.Attendance. Missing scores, dates and sessions are not errors:
// they give the categories incomplete or norms_missing and findings. A score
// for a scale that is not in the battery, a score that is not a finite
// number, or a pair of scores whose change is too large to represent, is an
// *isotp.InputError naming its JSON path, such as
// assessment.pre.scores.fantasy_x.
func (a *Assessor) Assess(ctx context.Context, c *isotp.Case) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c == nil {
		return nil, &isotp.InputError{Msg: "no case given"}
	}
	var pre, post *isotp.Scores
	if c.Assessment != nil {
		pre, post = c.Assessment.Pre, c.Assessment.Post
	}
	if err := a.checkScores(pre, "assessment.pre.scores"); err != nil {
		return nil, err
	}
	if err := a.checkScores(post, "assessment.post.scores"); err != nil {
		return nil, err
	}
	first, last := sessionSpan(c.Attendance)
	res := &Result{
		Caution:      a.caution,
		PreDate:      datePtr(pre),
		PostDate:     datePtr(post),
		FirstSession: optDate(first),
		LastSession:  optDate(last),
		RCIThreshold: a.threshold,
		Scales:       make([]ScaleResult, len(a.scales)),
		Findings:     a.findings(pre, post, first, last),
		Policy:       a.info,
	}
	for i := range a.scales {
		s := &a.scales[i]
		r := s.assess(score(pre, s.id), score(post, s.id), a.threshold)
		if r.Change != nil && (math.IsInf(*r.Change, 0) || math.IsNaN(*r.Change)) {
			return nil, &isotp.InputError{Path: "assessment.post.scores." + s.id,
				Msg: "the change from the pre-programme score is too large to represent: want scores of a real scale"}
		}
		if r.RCI != nil && (math.IsInf(*r.RCI, 0) || math.IsNaN(*r.RCI)) {
			return nil, fmt.Errorf("%w: scale %s: the reliable change index is too large to represent; check the scale's sd", rules.ErrEvaluation, s.id)
		}
		res.Scales[i] = r
	}
	return res, nil
}

// checkScores reports the score, of those for a scale not in the battery or
// not finite, whose scale id sorts first, so that the error is the same on
// every run. An unknown scale id comes from the case, so the error words it
// as the decoder words a key (isotp.UnknownKeyError); a known one is the
// policy's own snake_case id.
func (a *Assessor) checkScores(s *isotp.Scores, path string) error {
	if s == nil {
		return nil
	}
	found, bad, unknown := false, "", false
	for id, v := range s.Scores {
		_, known := a.index[id]
		if (!known || math.IsInf(v, 0) || math.IsNaN(v)) && (!found || id < bad) {
			found, bad, unknown = true, id, !known
		}
	}
	switch {
	case !found:
		return nil
	case unknown:
		return isotp.UnknownKeyError(path, "scale", bad, " (not in the policy's battery)")
	}
	return &isotp.InputError{Path: path + "." + bad, Msg: "want a finite number"}
}

func score(s *isotp.Scores, id string) *float64 {
	if s == nil {
		return nil
	}
	v, ok := s.Scores[id]
	if !ok {
		return nil
	}
	return &v
}

func datePtr(s *isotp.Scores) *isotp.Date {
	if s == nil {
		return nil
	}
	return optDate(s.Date)
}

func optDate(d isotp.Date) *isotp.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}
