package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing/fstest"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/rules"
)

// examplePolicy is a small policy of its own, with invented figures, to
// keep the examples' output short: a programme of four sessions, one
// completion rule and two scales.
var examplePolicy = fstest.MapFS{
	"policy/policy.yaml": {Data: []byte(`name: i-SOTP
version: "example"
parameters:
  sessions: {type: int, default: 4, fixed: true, description: Sessions in the programme.}
  session_hours: {type: int, default: 2, fixed: true, description: Hours a session lasts.}
  max_catch_ups: {type: int, default: 1, fixed: true, description: Sessions that may be caught up.}
  warning_window_months: {type: int, default: 12, fixed: true, description: Months a warning stays in force.}
  breach_within_working_days: {type: int, default: 10, fixed: true, description: Working days to start breach action.}
  rci_threshold: {type: double, default: 1.96, fixed: true, description: Jacobson and Truax (1991).}
completion:
  rules:
    - id: all_sessions
      description: He must complete every session.
      expression: summary.sessions_completed >= params.sessions
      effect: required
      message: He has not completed every session.
assessment:
  scales:
    - {id: cognitive_distortions, title: Cognitive distortions, higher_is_better: false,
       sd: 10, reliability: 0.8, functional: {mean: 20, sd: 5}, dysfunctional: {mean: 35, sd: 10}}
    - {id: self_esteem, title: Self-esteem, higher_is_better: true, sd: 4, reliability: 0.9, cutoff: 30}
`)},
}

// exampleCase completed the four sessions, one of them by catch-up.
var exampleCase = &isotp.Case{
	AsOf:     isotp.NewDate(2026, 2, 20),
	Offender: &isotp.Offender{ID: "EX-1"},
	Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{
		{Session: 1, Date: isotp.NewDate(2026, 1, 5), Outcome: "attended"},
		{Session: 2, Date: isotp.NewDate(2026, 1, 12), Outcome: "acceptable_absence"},
		{Session: 2, Date: isotp.NewDate(2026, 1, 14), Outcome: "catch_up"},
		{Session: 3, Date: isotp.NewDate(2026, 1, 19), Outcome: "attended"},
		{Session: 4, Date: isotp.NewDate(2026, 1, 26), Outcome: "attended"},
	}, Warnings: []isotp.Date{}},
	Assessment: &isotp.Assessment{
		Pre: &isotp.Scores{Date: isotp.NewDate(2025, 12, 15),
			Scores: map[string]float64{"cognitive_distortions": 38, "self_esteem": 24}},
		Post: &isotp.Scores{Date: isotp.NewDate(2026, 2, 2),
			Scores: map[string]float64{"cognitive_distortions": 24, "self_esteem": 31}},
	},
}

func exampleReport() (*report.Report, error) {
	pol, err := rules.Load(rules.Dir(examplePolicy, "policy"))
	if err != nil {
		return nil, err
	}
	r, err := report.New(pol) // compile once, report on many cases
	if err != nil {
		return nil, err
	}
	return r.Report(context.Background(), exampleCase)
}

func ExampleNew() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.New(pol)
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := r.Report(context.Background(), &isotp.Case{
		AsOf:       isotp.NewDate(2026, 1, 2),
		Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.AsOf, rep.Attendance.Status, len(rep.Assessment.Scales), "scales", rep.Policy.Area)
	// Output:
	// 2026-01-02 not_started 14 scales national
}

func ExampleReporter_Report() {
	rep, err := exampleReport()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("status:", rep.Attendance.Status, "completed:", rep.Attendance.Completion.Met)
	for _, s := range rep.Assessment.Scales {
		fmt.Printf("%s: %v -> %v, %s\n", s.ID, *s.Pre, *s.Post, s.Category)
	}
	// Output:
	// status: completed completed: true
	// cognitive_distortions: 38 -> 24, recovered
	// self_esteem: 24 -> 31, recovered
}

// The participant's part of the text report comes first, in plain English.
func ExampleReport_WriteText() {
	rep, err := exampleReport()
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		fmt.Println(err)
		return
	}
	forYou, _, _ := strings.Cut(b.String(), "FOR THE OFFENDER MANAGER")
	fmt.Print(forYou)
	// Output:
	// i-SOTP Post-Programme Report
	// EX-1, 20 February 2026
	//
	// This report is about your time on the i-SOTP programme up to 20 February 2026.
	// The first part is for you. The second part is for your Offender Manager: it
	// gives the figures behind the first.
	//
	// FOR YOU
	// =======
	//
	// Your attendance
	//   You have completed the programme.
	//
	//   You completed all 4 sessions: 3 sessions of group work (6 hours) and 1
	//   individual catch-up session (2 hours).
	//
	//   You made up session 2 in an individual catch-up session. No more than 1
	//   session can be made up this way.
	//
	//   There were no absences without an acceptable reason, and no sessions where
	//   you did not keep to the rules.
	//
	// Your questionnaires
	//   You answered the questionnaires before the programme on 15 December 2025 and
	//   after it on 2 February 2026.
	//
	//   A questionnaire score goes up and down a little from one time to the next,
	//   even when nothing has really changed. A change only counts when it is bigger
	//   than that.
	//
	//   Cognitive distortions (a lower score is better)
	//     38 before, 24 after. Your score changed for the better by more than the
	//     usual ups and downs of this questionnaire, and it has moved into the range
	//     usual for people who do not have difficulties in this area.
	//
	//   Self-esteem (a higher score is better)
	//     24 before, 31 after. Your score changed for the better by more than the
	//     usual ups and downs of this questionnaire, and it has moved into the range
	//     usual for people who do not have difficulties in this area.
	//
	//   Both scales recovered (a reliable improvement past the cut-off).
}

func ExampleReport_WriteMarkdown() {
	rep, err := exampleReport()
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	if err := rep.WriteMarkdown(&b); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "#") {
			fmt.Println(line)
		}
	}
	// Output:
	// # i-SOTP Post-Programme Report
	// ## For you
	// ### Your attendance
	// ### Your questionnaires
	// ## For the Offender Manager
	// ### Attendance and completion
	// #### Enforcement
	// #### Completion: Met
	// ### Psychometric change
	// #### Findings
	// #### Method (Jacobson and Truax 1991)
	// ### Policy
}

// The HTML report is one self-contained page with a chart per scale; write
// it to a file and open it in a browser.
func ExampleReport_WriteHTML() {
	rep, err := exampleReport()
	if err != nil {
		fmt.Println(err)
		return
	}
	var page bytes.Buffer
	if err := rep.WriteHTML(&page, report.HTMLOptions{LargePrint: true}); err != nil {
		fmt.Println(err)
		return
	}
	html := page.String()
	fmt.Println(strings.Count(html, `<svg xmlns="http://www.w3.org/2000/svg" role="img"`), "charts")
	fmt.Println(strings.Contains(html, `<body class="large-print">`))
	fmt.Println(strings.Contains(html, "<script"), strings.Contains(html, "http://"+"www.w3.org/2000/svg"))
	// Output:
	// 2 charts
	// true
	// false true
}
