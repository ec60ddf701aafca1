package assessment_test

import (
	"context"
	"fmt"
	"os"
	"testing/fstest"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/rules"
)

// Under the national policy alone no scale has norms, so every change is
// reported raw, as norms_missing, with a null RCI.
func ExampleNew() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := assessment.New(pol)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := a.Assess(context.Background(), &isotp.Case{Assessment: &isotp.Assessment{
		Pre:  &isotp.Scores{Date: isotp.NewDate(2025, 12, 15), Scores: map[string]float64{"cognitive_distortions": 38}},
		Post: &isotp.Scores{Date: isotp.NewDate(2026, 9, 20), Scores: map[string]float64{"cognitive_distortions": 24}},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := res.Scales[0]
	fmt.Printf("%s: change %v, rci %v, %s\n", s.ID, *s.Change, s.RCI, s.Category)
	// Output:
	// cognitive_distortions: change -14, rci <nil>, norms_missing
}

func ExampleAssessor_Assess() {
	// An area file supplies the norms. These figures are invented, for
	// illustration only.
	area := []byte(`area: example
policy: i-SOTP
assessment:
  scales:
    - id: cognitive_distortions
      sd: 10
      reliability: 0.8
      functional: {mean: 20, sd: 5}
      dysfunctional: {mean: 35, sd: 10}
    - id: self_esteem
      sd: 4
      reliability: 0.9
      cutoff: 30
`)
	pol, err := rules.Load(rules.National, rules.AreaBytes("example.yaml", area))
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := assessment.New(pol)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := &isotp.Case{
		Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{
			{Session: 1, Date: isotp.NewDate(2026, 1, 5), Outcome: "attended"},
			{Session: 35, Date: isotp.NewDate(2026, 9, 14), Outcome: "attended"},
		}},
		Assessment: &isotp.Assessment{
			Pre: &isotp.Scores{Date: isotp.NewDate(2026, 1, 7),
				Scores: map[string]float64{"cognitive_distortions": 38, "self_esteem": 26}},
			Post: &isotp.Scores{Date: isotp.NewDate(2026, 9, 20),
				Scores: map[string]float64{"cognitive_distortions": 24, "self_esteem": 29}},
		},
	}
	res, err := a.Assess(context.Background(), c)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range res.Scales {
		if s.RCI != nil {
			fmt.Printf("%s: %v -> %v, RCI %.2f, cut-off %v: %s\n", s.ID, *s.Pre, *s.Post, *s.RCI, *s.Cutoff, s.Category)
		}
	}
	for _, f := range res.Findings {
		if f.Scale == "" {
			fmt.Printf("%s: %s\n", f.Code, f.Message)
		}
	}
	// A score for a scale the battery does not have is an input error.
	c.Assessment.Post.Scores["fantasy_x"] = 3
	_, err = a.Assess(context.Background(), c)
	fmt.Println(err)
	// Output:
	// cognitive_distortions: 38 -> 24, RCI -2.21, cut-off 25: recovered
	// self_esteem: 26 -> 29, RCI 1.68, cut-off 30: unchanged
	// pre_after_first_session: The pre-programme assessment was completed on 7 January 2026, after the first session on 5 January 2026; it should be completed before the group starts.
	// assessment.post.scores.fantasy_x: unknown scale "fantasy_x" (not in the policy's battery)
}

// The text is in two parts: plain English for the man, then the figures for
// his Offender Manager. This example uses a two-scale policy of its own, with
// invented figures, to keep the output short.
func ExampleResult_WriteText() {
	fsys := fstest.MapFS{
		"policy/policy.yaml": {Data: []byte(`name: i-SOTP
version: "example"
parameters:
  rci_threshold: {type: double, default: 1.96, fixed: true, description: Jacobson and Truax (1991).}
assessment:
  norms: {status: illustrative, source: Invented for this example.}
  scales:
    - {id: cognitive_distortions, title: Cognitive distortions, higher_is_better: false,
       sd: 10, reliability: 0.8, functional: {mean: 20, sd: 5}, dysfunctional: {mean: 35, sd: 10}}
    - {id: self_esteem, title: Self-esteem, higher_is_better: true, sd: 4, reliability: 0.9, cutoff: 30}
`)},
	}
	pol, err := rules.Load(rules.Dir(fsys, "policy"))
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := assessment.New(pol)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := a.Assess(context.Background(), &isotp.Case{
		Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{
			{Session: 1, Date: isotp.NewDate(2026, 1, 5), Outcome: "attended"},
			{Session: 35, Date: isotp.NewDate(2026, 9, 14), Outcome: "attended"},
		}},
		Assessment: &isotp.Assessment{
			Pre: &isotp.Scores{Date: isotp.NewDate(2025, 12, 15),
				Scores: map[string]float64{"cognitive_distortions": 38, "self_esteem": 31}},
			Post: &isotp.Scores{Date: isotp.NewDate(2026, 9, 20),
				Scores: map[string]float64{"cognitive_distortions": 24}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := res.WriteText(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// i-SOTP psychometric assessment: before and after the programme
	//
	// ILLUSTRATIVE NORMS: the figures behind both scales are marked in the policy as
	// illustrative, made up to show how the assessment works. Do not use these
	// results for any decision.
	//
	// What your results show
	//   You answered the questionnaires before the programme on 15 December 2025 and
	//   after it on 20 September 2026.
	//   A questionnaire score goes up and down a little from one time to the next,
	//   even when nothing has really changed. A change only counts when it is bigger
	//   than that.
	//
	//   Cognitive distortions (a lower score is better): 38 before, 24 after
	//     Your score changed for the better by more than the usual ups and downs of
	//     this questionnaire, and it has moved into the range usual for people who
	//     do not have difficulties in this area.
	//
	//   Self-esteem (a higher score is better): 31 before, no score after
	//     There is no score from after the programme, so no change can be worked
	//     out.
	//
	//   Of the 2 scales, 1 recovered (a reliable improvement past the cut-off) and 1
	//   lacks a score from before or after the programme.
	//
	// For the Offender Manager
	//   SCALE                  BETTER  PRE  POST  CHANGE  CATEGORY
	//   Cognitive distortions  lower   38   24    -14     recovered
	//   Self-esteem            higher  31   -     -       incomplete
	//
	//   SCALE                  S_DIFF  RCI    RELIABLE  CUT-OFF
	//   Cognitive distortions  6.32    -2.21  yes       25
	//   Self-esteem            1.79    -      -         30
	//
	// Findings
	//   No post-programme score is recorded for Self-esteem.
	//
	// Method (Jacobson and Truax 1991)
	//   S_diff = sd x sqrt(2 x (1 - r)), from the scale's sd and reliability r; RCI
	//   = (post - pre) / S_diff; a change is reliable when |RCI| > 1.96. Cut-off =
	//   (SDf x Md + SDd x Mf) / (SDf + SDd), from the means M and standard
	//   deviations SD of the functional (f) and dysfunctional (d) norms, or the
	//   cut-off the policy gives. Recovered: a reliable improvement from the
	//   dysfunctional side of the cut-off (or on it) to the functional side. Figures
	//   are the area's policy; a scale without them reports the raw change.
	//   Cognitive distortions; Self-esteem: the norms are ILLUSTRATIVE, made up to
	//   show how the assessment works, not for any decision. Source: Invented for
	//   this example.
	//
	// Policy:  i-SOTP example, national
	//   sha256:3527059fb6764f747c912674e195632218874152bde7adc580298114751a5644
}

func ExampleScaleResult_Explain() {
	s := assessment.ScaleResult{ID: "self_esteem", Category: assessment.Deteriorated}
	fmt.Println(s.Explain())
	// Output:
	// Your score changed for the worse by more than the usual ups and downs of this questionnaire.
}

// A document that quotes an assessment, such as the Post-Programme Report,
// takes its wording from the result, so that it says what WriteText says.
func ExampleResult_Wording() {
	s := assessment.ScaleResult{ID: "cognitive_distortions", Title: "Cognitive distortions",
		Pre: ptr(38.0), Post: ptr(24.0), Change: ptr(-14.0), RCI: ptr(-2.2136), Reliable: ptr(true), Cutoff: ptr(25.0),
		Category: assessment.Recovered}
	unscored := assessment.ScaleResult{ID: "self_esteem", Title: "Self-esteem", HigherIsBetter: true, Category: assessment.Incomplete}
	pre, post := isotp.NewDate(2025, 12, 15), isotp.NewDate(2026, 9, 20)
	res := &assessment.Result{PreDate: &pre, PostDate: &post, RCIThreshold: 1.96,
		Scales: []assessment.ScaleResult{s, unscored}, Findings: []assessment.Finding{}}
	w := res.Wording()
	fmt.Println(w.When)
	fmt.Println(w.Tally)
	sw := w.Scales[0]
	fmt.Printf("%s; %s; change %s, RCI %s, reliable %s, cut-off %s, S_diff %s\n", sw.Better, sw.Scores, sw.Change, sw.RCI, sw.Reliable, sw.Cutoff, sw.SDiff)
	// Output:
	// You answered the questionnaires before the programme on 15 December 2025 and after it on 20 September 2026.
	// Of the 2 scales, 1 recovered (a reliable improvement past the cut-off) and 1 lacks a score from before or after the programme.
	// a lower score is better; 38 before, 24 after; change -14, RCI -2.21, reliable yes, cut-off 25, S_diff -
}

func ptr[T any](v T) *T { return &v }

// What an assessment reads of a policy: no rules, one parameter and the
// battery.
func ExampleSpec() {
	spec := assessment.Spec()
	fmt.Println(spec.Section == nil, spec.Params[0].Name, spec.Tables)
	// Output:
	// true rci_threshold [battery]
}
