package attendance_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/rules"
)

// history is a case exported from case management: nDelius outcome codes,
// one missed session not yet caught up, and an unacceptable absence after a
// warning.
const history = `{
  "as_of": "2026-02-04",
  "attendance": {
    "sessions": [
      {"session": 1, "date": "2026-01-05", "outcome": "ATTC"},
      {"session": 2, "date": "2026-01-12", "outcome": "AAME", "reason": "medical"},
      {"session": 2, "date": "2026-01-14", "outcome": "catch_up"},
      {"session": 3, "date": "2026-01-19", "outcome": "ATTC"},
      {"session": 4, "date": "2026-01-26", "outcome": "ATTC"},
      {"session": 5, "date": "2026-02-02", "outcome": "UAAB"}
    ],
    "warnings": ["2025-11-10"],
    "offender_manager_contacts": ["2026-01-05", "2026-01-26"],
    "between_session_work": [{"session": 1, "completed": true}]
  }
}`

func Example() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	att, err := attendance.New(pol) // compile once, summarise many
	if err != nil {
		log.Fatal(err)
	}
	c, err := isotp.DecodeCase(strings.NewReader(history))
	if err != nil {
		log.Fatal(err)
	}
	sum, err := att.Summarize(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", sum.Status)
	fmt.Println("next:", sum.Next.Kind, sum.Next.Session)
	fmt.Println("completed:", sum.SessionsCompleted, "of", sum.SessionsTotal)
	fmt.Println("catch-ups remaining:", sum.CatchUpsRemaining)
	fmt.Println("enforcement:", sum.Enforcement.Action, "by", sum.Enforcement.BreachBy)
	fmt.Println("completed under the policy:", sum.Completion.Met)
	// Output:
	// status: catch_up_required
	// next: catch_up 5
	// completed: 4 of 35
	// catch-ups remaining: 2
	// enforcement: breach by 2026-02-16
	// completed under the policy: false
}

func ExampleSummarizer_Summarize() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	att, err := attendance.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	c := &isotp.Case{
		AsOf: isotp.NewDate(2026, 1, 20),
		Attendance: &isotp.Attendance{
			Sessions: []isotp.SessionEvent{
				{Session: 1, Date: isotp.NewDate(2026, 1, 5), Outcome: "attended"},
				{Session: 2, Date: isotp.NewDate(2026, 1, 12), Outcome: "attnded"},
			},
		},
	}
	_, err = att.Summarize(context.Background(), c)
	fmt.Println(err)
	// Output:
	// attendance.sessions[1].outcome: unknown outcome "attnded"
}

func ExampleSummary_WriteText() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	att, err := attendance.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	c, err := isotp.DecodeCase(strings.NewReader(history))
	if err != nil {
		log.Fatal(err)
	}
	sum, err := att.Summarize(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	var b strings.Builder
	if err := sum.WriteText(&b); err != nil {
		log.Fatal(err)
	}
	text, _, _ := strings.Cut(b.String(), "\nCompletion:") // the rest is the rules and the policy
	fmt.Print(text)
	// Output:
	// i-SOTP attendance: CATCH-UP REQUIRED
	//   He missed session 5 and must do an individual catch-up for it before his
	//   next group session.
	//
	// As of:      4 February 2026
	// Completed:  4 of 35 sessions: 3 in the group (6 hours) and 1 by individual
	//             catch-up (2 hours)
	// Catch-ups:  2 used or due of 4 allowed (2 remaining)
	// Next:       individual catch-up for session 5, before the next group session
	//
	// Sessions
	//     1-10   A C A A M . . . . .
	//    11-20   . . . . . . . . . .
	//    21-30   . . . . . . . . . .
	//    31-35   . . . . .
	//   A attended  C caught up  M missed, catch-up due  . to come  ? not recorded
	//
	// Enforcement: BREACH - lay an information or refer for breach
	//   Due by 16 February 2026: 10 working days after the failure on 2 February
	//   2026 (Monday to Friday, excluding bank holidays in England and Wales). He
	//   was already under a warning when he failed again.
	//   2 February 2026  session 5  unacceptable absence  breach action by 16
	//                                                     February 2026
	//   Warnings counted (from the case, or given for a failure above): 10 November
	//   2025
}

// Headline and NextStep are the summary's first lines in words, for a
// report to quote.
func ExampleSummary_Headline() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	att, err := attendance.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	c, err := isotp.DecodeCase(strings.NewReader(history))
	if err != nil {
		log.Fatal(err)
	}
	sum, err := att.Summarize(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sum.Headline())
	fmt.Println("Next:", sum.NextStep())
	// Output:
	// He missed session 5 and must do an individual catch-up for it before his next group session.
	// Next: individual catch-up for session 5, before the next group session
}

// What an attendance summary reads of a policy: the completion rules, the
// parameters its Go code reads, and the outcome codes.
func ExampleSpec() {
	spec := attendance.Spec()
	fmt.Println("rules:", spec.Section.Name, "tables:", spec.Tables)
	for _, u := range spec.Params {
		fmt.Printf("params.%s decides %s\n", u.Name, strings.Join(u.For, ", "))
	}
	// Output:
	// rules: completion tables: [outcome_codes calendar]
	// params.sessions decides sessions_total, status, next, grid, completion.rules
	// params.session_hours decides hours_completed, group_hours, catch_up_hours, completion.rules
	// params.max_catch_ups decides catch_ups_allowed, catch_ups_remaining, status, next, completion.rules
	// params.warning_window_months decides enforcement.action, enforcement.failures, completion.rules
	// params.breach_within_working_days decides enforcement.breach_by, enforcement.failures
}

// BriefBoth compares what a case's history means under national policy
// and under an area that allows fewer catch-ups, reading the record once.
func ExampleBriefBoth() {
	national, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	area, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte("area: testshire\npolicy: i-SOTP\nparams:\n  max_catch_ups: 1\n")))
	if err != nil {
		log.Fatal(err)
	}
	a, err := attendance.New(national)
	if err != nil {
		log.Fatal(err)
	}
	b, err := attendance.New(area)
	if err != nil {
		log.Fatal(err)
	}
	c, err := isotp.DecodeCase(strings.NewReader(history))
	if err != nil {
		log.Fatal(err)
	}
	sa, sb, errA, errB := attendance.BriefBoth(context.Background(), a, b, c, nil, nil)
	if errA != nil || errB != nil {
		log.Fatal(errA, errB)
	}
	fmt.Println("status:", sa.Status, "->", sb.Status)
	fmt.Println("catch-ups remaining:", sa.CatchUpsRemaining, "->", sb.CatchUpsRemaining)
	fmt.Println("findings left out:", sa.Findings == nil && sb.Findings == nil)
	// Output:
	// status: catch_up_required -> restart_required
	// catch-ups remaining: 2 -> 0
	// findings left out: true
}

// Brief makes every decision Summarize makes, without the text: for a
// caller that compares decisions over many cases.
func ExampleSummarizer_Brief() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	att, err := attendance.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	c, err := isotp.DecodeCase(strings.NewReader(history))
	if err != nil {
		log.Fatal(err)
	}
	s, err := att.Brief(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", s.Status)
	fmt.Println("catch-ups remaining:", s.CatchUpsRemaining)
	fmt.Println("enforcement:", s.Enforcement.Action)
	fmt.Println("no findings or grid:", s.Findings == nil && s.Grid == nil)
	// Output:
	// status: catch_up_required
	// catch-ups remaining: 2
	// enforcement: breach
	// no findings or grid: true
}
