package attendance_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
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
