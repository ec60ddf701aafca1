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
	for i, s := range battery {
		a.scales[i] = newScale(s)
		a.index[s.ID] = i
	}
	return a, nil
}

// Assess works out the change on every scale of the battery for case c,
// from c.Assessment, and checks the assessments' timing against the session
// dates in c.Attendance. Missing scores, dates and sessions are not errors:
// they give the categories incomplete or norms_missing and findings. A score
// for a scale that is not in the battery, or a score that is not a finite
// number, is an *isotp.InputError naming its JSON path, such as
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
		if r.RCI != nil && (math.IsInf(*r.RCI, 0) || math.IsNaN(*r.RCI)) {
			return nil, fmt.Errorf("%w: scale %s: the reliable change index is too large to represent; check the scale's sd", rules.ErrEvaluation, s.id)
		}
		res.Scales[i] = r
	}
	return res, nil
}

// checkScores reports the score, of those for a scale not in the battery or
// not finite, whose scale id sorts first, so that the error is the same on
// every run.
func (a *Assessor) checkScores(s *isotp.Scores, path string) error {
	if s == nil {
		return nil
	}
	bad, msg := "", ""
	for id, v := range s.Scores {
		m := ""
		switch _, known := a.index[id]; {
		case !known:
			m = fmt.Sprintf("unknown scale %q (not in the policy's battery)", id)
		case math.IsInf(v, 0) || math.IsNaN(v):
			m = "want a finite number"
		}
		if m != "" && (msg == "" || id < bad) {
			bad, msg = id, m
		}
	}
	if msg != "" {
		return &isotp.InputError{Path: path + "." + bad, Msg: msg}
	}
	return nil
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
