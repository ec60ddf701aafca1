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
	"github.com/isotp-dev/isotp/internal/reference"
	"github.com/isotp-dev/isotp/rules"
)

func nationalSummarizer(t testing.TB) *attendance.Summarizer {
	t.Helper()
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	s, err := attendance.New(pol)
	require.NoError(t, err)
	return s
}

// randomHistory makes a session history: a run through the programme with
// misses, catch-ups (some late, some never), failures, repeated records,
// codes and pinned spellings, shuffled.
func randomHistory(r *rand.Rand) *isotp.Case {
	start := isotp.NewDate(2025, 1, 6).AddDays(r.IntN(400))
	c := &isotp.Case{Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{}}}
	day := start
	reached := r.IntN(36)
	missRate := []int{0, 5, 10, 25}[r.IntN(4)]
	for n := 1; n <= reached; n++ {
		outcome := "attended"
		if r.IntN(100) < missRate {
			outcome = []string{"acceptable_absence", "unacceptable_absence", "failed_to_comply", "UAAB", "AAME", "AFTC", "ATSH", "RSSR"}[r.IntN(8)]
		} else if r.IntN(3) == 0 {
			outcome = []string{"ATTC", "ATSS"}[r.IntN(2)]
		}
		c.Attendance.Sessions = append(c.Attendance.Sessions, isotp.SessionEvent{Session: n, Date: day, Outcome: outcome})
		if outcome != "attended" && outcome != "ATTC" && outcome != "ATSS" && r.IntN(4) != 0 {
			catchUp := day.AddDays(1 + r.IntN(9))
			c.Attendance.Sessions = append(c.Attendance.Sessions, isotp.SessionEvent{Session: n, Date: catchUp, Outcome: "catch_up"})
		}
		if r.IntN(40) == 0 { // recorded twice, or a stray catch-up
			c.Attendance.Sessions = append(c.Attendance.Sessions, isotp.SessionEvent{Session: 1 + r.IntN(n), Date: day.AddDays(r.IntN(3)),
				Outcome: []string{"attended", "catch_up", "unacceptable_absence"}[r.IntN(3)]})
		}
		day = day.AddDays(7)
	}
	c.AsOf = day.AddDays(r.IntN(20) - 10)
	if r.IntN(10) != 0 {
		c.Attendance.Warnings = []isotp.Date{}
		if r.IntN(3) == 0 {
			c.Attendance.Warnings = append(c.Attendance.Warnings, start.AddDays(-r.IntN(500)))
		}
	}
	if r.IntN(10) != 0 {
		c.Attendance.OffenderManagerContacts = []isotp.Date{}
		gap := []int{14, 21, 28, 29, 35}[r.IntN(5)]
		for d := start.AddDays(-r.IntN(10)); !d.After(day); d = d.AddDays(gap - r.IntN(3)) {
			c.Attendance.OffenderManagerContacts = append(c.Attendance.OffenderManagerContacts, d)
		}
	}
	if r.IntN(3) != 0 {
		c.Attendance.BetweenSessionWork = []isotp.Work{}
		for n := 1; n <= reached; n += 1 + r.IntN(3) {
			w := isotp.Work{Session: n}
			if r.IntN(20) != 0 {
				done := r.IntN(15) != 0
				w.Completed = &done
			}
			c.Attendance.BetweenSessionWork = append(c.Attendance.BetweenSessionWork, w)
		}
	}
	r.Shuffle(len(c.Attendance.Sessions), func(i, j int) {
		c.Attendance.Sessions[i], c.Attendance.Sessions[j] = c.Attendance.Sessions[j], c.Attendance.Sessions[i]
	})
	return c
}

// asReference puts the engine's summary in the reference's terms.
func asReference(s *attendance.Summary) reference.Summary {
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

// TestAgreesWithReference summarises random histories with the attendance
// package and with the hand-written reference of the pinned semantics.
func TestAgreesWithReference(t *testing.T) {
	s := nationalSummarizer(t)
	n := 5000
	if testing.Short() {
		n = 500
	}
	for i := range n {
		c := randomHistory(rand.New(rand.NewPCG(11, uint64(i))))
		want, ok := reference.Summarize(c)
		if !ok {
			t.Fatalf("history %d is not readable by the reference", i)
		}
		sum, err := s.Summarize(context.Background(), c)
		require.NoError(t, err)
		if diff := cmp.Diff(want, asReference(sum)); diff != "" {
			js, _ := json.Marshal(c)
			t.Fatalf("history %d: engine and reference disagree (-reference +engine):\n%s\n%s", i, diff, js)
		}
	}
}

// randomFailures makes a history of unacceptable failures, several on some
// days, many near a twelve-month boundary or 29 February, with the warnings
// recorded or not.
func randomFailures(r *rand.Rand) *isotp.Case {
	pool := []isotp.Date{}
	for _, s := range []string{"2023-02-27", "2024-02-26", "2023-06-12", "2024-06-10", "2025-01-06"} {
		d, _ := isotp.ParseDate(s)
		for i := range 6 {
			pool = append(pool, d.AddDays(i))
		}
	}
	c := &isotp.Case{Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{}}}
	last := isotp.Date{}
	for range 1 + r.IntN(7) {
		var d isotp.Date
		if r.IntN(3) == 0 {
			d = isotp.NewDate(2023, 1, 2).AddDays(r.IntN(900))
		} else {
			d = pool[r.IntN(len(pool))]
		}
		outcome := []string{"unacceptable_absence", "failed_to_comply", "UAAB", "AFTC"}[r.IntN(4)]
		c.Attendance.Sessions = append(c.Attendance.Sessions, isotp.SessionEvent{Session: 1 + r.IntN(35), Date: d, Outcome: outcome})
		if d.After(last) {
			last = d
		}
	}
	c.AsOf = last.AddDays(r.IntN(30))
	if r.IntN(2) == 0 {
		c.Attendance.Warnings = []isotp.Date{}
		for range r.IntN(3) {
			c.Attendance.Warnings = append(c.Attendance.Warnings, pool[r.IntN(len(pool))].AddMonths(-r.IntN(13)))
		}
	}
	return c
}

// TestEnforcementAgreesWithReference compares the enforcement of failure
// histories dense in the cases that are hard to get right, warnings recorded
// or not, with the reference, which follows every possible history of
// earlier warnings one candidate day at a time.
func TestEnforcementAgreesWithReference(t *testing.T) {
	s := nationalSummarizer(t)
	n := 5000
	if testing.Short() {
		n = 500
	}
	decided := 0
	for i := range n {
		c := randomFailures(rand.New(rand.NewPCG(13, uint64(i))))
		want, ok := reference.Summarize(c)
		if !ok {
			t.Fatalf("history %d is not readable by the reference", i)
		}
		sum, err := s.Summarize(context.Background(), c)
		require.NoError(t, err)
		got := asReference(sum)
		if diff := cmp.Diff(want.Failures, got.Failures); diff != "" {
			js, _ := json.Marshal(c)
			t.Fatalf("history %d: engine and reference disagree (-reference +engine):\n%s\n%s", i, diff, js)
		}
		if diff := cmp.Diff(want.Warnings, got.Warnings); diff != "" {
			t.Fatalf("history %d: warnings mismatch (-reference +engine):\n%s", i, diff)
		}
		if c.Attendance.Warnings == nil {
			for _, f := range got.Failures {
				if f.Action != "unknown" {
					decided++
				}
			}
		}
	}
	if decided == 0 {
		t.Error("no failure was decided without its warnings: the histories do not reach the case")
	}
}

func BenchmarkSummarizeVsReference(b *testing.B) {
	s := nationalSummarizer(b)
	var c *isotp.Case
	for i := 0; ; i++ { // a full 35-session history
		c = randomHistory(rand.New(rand.NewPCG(5, uint64(i))))
		if sum, _ := reference.Summarize(c); sum.SessionsCompleted == 35 {
			break
		}
	}
	b.Run("engine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Summarize(context.Background(), c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			reference.Summarize(c)
		}
	})
}
