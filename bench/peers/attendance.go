package peers

import (
	"context"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/internal/reference"
	"github.com/isotp-dev/isotp/rules"
)

// AttendanceCases returns those of cases that have an attendance record
// the reference can summarise.
func AttendanceCases(cases []*isotp.Case) []*isotp.Case {
	var out []*isotp.Case
	for _, c := range cases {
		if _, ok := reference.Summarize(c); ok {
			out = append(out, c)
		}
	}
	return out
}

// AttendanceEngines returns the reference's attendance summary and the
// attendance package's (with its completion rules in CEL), for comparing
// with each other only: the peers write no attendance rules.
func AttendanceEngines(pol *rules.Policy) ([]Engine, error) {
	s, err := attendance.New(pol)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	typed := func(c *isotp.Case) any { return c }
	return []Engine{
		{
			Name: "hand-written reference", Short: "reference", Input: typed,
			Run: func(in any) error {
				reference.Summarize(in.(*isotp.Case))
				return nil
			},
			Diff: func(c *isotp.Case, in any) (string, error) {
				want, _ := reference.Summarize(c)
				got, _ := reference.Summarize(in.(*isotp.Case))
				return cmp.Diff(want, got), nil
			},
		},
		{
			Name: "isotp engine `Summarize`", Short: "engine", Input: typed,
			Run: func(in any) error {
				_, err := s.Summarize(ctx, in.(*isotp.Case))
				return err
			},
			Diff: func(c *isotp.Case, in any) (string, error) {
				got, err := s.Summarize(ctx, in.(*isotp.Case))
				if err != nil {
					return "", err
				}
				want, _ := reference.Summarize(c)
				return cmp.Diff(want, summaryOf(got)), nil
			},
		},
	}, nil
}

// summaryOf puts the engine's summary in the reference's terms.
func summaryOf(s *attendance.Summary) reference.Summary {
	out := reference.Summary{
		Status: s.Status.String(), SessionsCompleted: s.SessionsCompleted, CatchUps: s.CatchUps,
		CatchUpsRemaining: s.CatchUpsRemaining, Outstanding: s.Outstanding, HoursCompleted: s.HoursCompleted,
		SessionsAttended: s.SessionsAttended, SessionsCaughtUp: s.SessionsCaughtUp, GroupHours: s.GroupHours, CatchUpHours: s.CatchUpHours,
		Action: s.Enforcement.Action.String(), Warnings: s.Enforcement.Warnings, Completion: map[string]string{}, Met: s.Completion.Met,
	}
	if s.Next != nil {
		out.NextKind, out.NextSession = s.Next.Kind.String(), s.Next.Session
	}
	for _, f := range s.Enforcement.Failures {
		rf := reference.Failure{Date: f.Date, Session: f.Session, Action: f.Action.String()}
		if f.BreachBy != nil {
			rf.BreachBy = *f.BreachBy
		}
		out.Failures = append(out.Failures, rf)
	}
	for _, r := range s.Completion.Rules {
		out.Completion[r.ID] = r.Verdict.String()
	}
	return out
}
