package attendance_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/rules"
)

// TestBriefIsSummarize checks that Brief decides every history as
// Summarize does, leaving out only the findings, the grid, the failures and
// the warnings: random histories, failure histories with and without their
// warnings, histories with events after the as-of date, with and without
// messages.
func TestBriefIsSummarize(t *testing.T) {
	s := nationalSummarizer(t)
	n := 2000
	if testing.Short() {
		n = 300
	}
	histories := []struct {
		name string
		make func(r *rand.Rand) *isotp.Case
	}{
		{"history", randomHistory},
		{"failures", randomFailures},
		{"cut at as_of", func(r *rand.Rand) *isotp.Case {
			c := randomHistory(r)
			c.AsOf = c.AsOf.AddDays(-r.IntN(120))
			return c
		}},
	}
	for _, h := range histories {
		t.Run(h.name, func(t *testing.T) {
			for i := range n {
				c := h.make(rand.New(rand.NewPCG(17, uint64(i))))
				for _, opts := range [][]rules.EvalOption{nil, {rules.WithoutMessages()}} {
					want, err := s.Summarize(context.Background(), c, opts...)
					require.NoError(t, err)
					want.Findings, want.Grid, want.Enforcement.Failures, want.Enforcement.Warnings = nil, nil, nil, nil
					got, err := s.Brief(context.Background(), c, opts...)
					require.NoError(t, err)
					if diff := cmp.Diff(want, got); diff != "" {
						js, _ := json.Marshal(c)
						t.Fatalf("history %d: mismatch (-Summarize +Brief):\n%s\n%s", i, diff, js)
					}
				}
			}
		})
	}
}

// TestBriefErrors checks that Brief refuses what Summarize refuses, with
// the same error.
func TestBriefErrors(t *testing.T) {
	s := nationalSummarizer(t)
	for _, c := range []*isotp.Case{
		nil,
		{},
		{Attendance: &isotp.Attendance{}},
		{Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{{Session: 99, Date: isotp.NewDate(2026, 1, 5), Outcome: "attended"}}}},
		{Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{{Session: 1, Date: isotp.NewDate(2026, 1, 5), Outcome: "XXXX"}}}},
	} {
		_, want := s.Summarize(context.Background(), c)
		require.Error(t, want)
		_, got := s.Brief(context.Background(), c)
		require.ErrorIs(t, got, isotp.ErrInvalidInput)
		if got.Error() != want.Error() {
			t.Errorf("Brief: %v; Summarize: %v", got, want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Brief(ctx, &isotp.Case{Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{}}})
	require.ErrorIs(t, err, context.Canceled)
}

// TestBriefBoth checks that BriefBoth gives what Brief gives under each
// policy alone: for areas that read a record as the national policy does
// (changing a parameter, the calendar, a completion rule) and one that
// does not (an outcome code of its own), on random histories, some of them
// spelled in the area's code.
func TestBriefBoth(t *testing.T) {
	national := nationalSummarizer(t)
	areas := map[string]string{
		"max_catch_ups":   "area: a\npolicy: i-SOTP\nparams:\n  max_catch_ups: 2\n",
		"breach_days":     "area: a\npolicy: i-SOTP\nparams:\n  breach_within_working_days: 5\n",
		"closures":        "area: a\npolicy: i-SOTP\ncalendar:\n  closures:\n    - {date: 2025-06-02, reason: Closed.}\n    - {date: 2025-12-29, reason: Closed.}\n    - {date: 2026-03-02, reason: Closed.}\n",
		"completion":      "area: a\npolicy: i-SOTP\ncompletion:\n  rules:\n    - id: few_failures\n      description: d\n      expression: summary.failures < 2\n      effect: required\n",
		"an outcome code": "area: a\npolicy: i-SOTP\noutcome_codes:\n  ATTX: attended\n",
	}
	n := 600
	if testing.Short() {
		n = 150
	}
	for name, area := range areas {
		t.Run(name, func(t *testing.T) {
			pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(area)))
			require.NoError(t, err)
			other, err := attendance.New(pol)
			require.NoError(t, err)
			for i := range n {
				r := rand.New(rand.NewPCG(19, uint64(i)))
				c := randomHistory(r)
				if r.IntN(4) == 0 && len(c.Attendance.Sessions) > 0 {
					c.Attendance.Sessions[r.IntN(len(c.Attendance.Sessions))].Outcome = "ATTX"
				}
				for _, pair := range [][2]*attendance.Summarizer{{national, other}, {other, national}} {
					quiet := []rules.EvalOption{rules.WithoutMessages()}
					wantA, wantErrA := pair[0].Brief(context.Background(), c, quiet...)
					wantB, wantErrB := pair[1].Brief(context.Background(), c)
					a, b, errA, errB := attendance.BriefBoth(context.Background(), pair[0], pair[1], c, quiet, nil)
					for _, x := range []struct {
						want, got       *attendance.Summary
						wantErr, gotErr error
					}{{wantA, a, wantErrA, errA}, {wantB, b, wantErrB, errB}} {
						if (x.wantErr == nil) != (x.gotErr == nil) || x.wantErr != nil && x.wantErr.Error() != x.gotErr.Error() {
							t.Fatalf("history %d: error %v, want %v", i, x.gotErr, x.wantErr)
						}
						if diff := cmp.Diff(x.want, x.got); diff != "" {
							js, _ := json.Marshal(c)
							t.Fatalf("history %d: mismatch (-Brief +BriefBoth):\n%s\n%s", i, diff, js)
						}
					}
				}
			}
		})
	}
}
