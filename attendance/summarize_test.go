package attendance

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/golden"
)

// progress is the part of a Summary the session walk decides.
type progress struct {
	Status      Status
	Completed   int
	Hours       int
	CatchUps    int
	Remaining   int
	Outstanding []int
	Next        *Next
	Findings    []FindingCode
}

func progressOf(s *Summary) progress {
	return progress{Status: s.Status, Completed: s.SessionsCompleted, Hours: s.HoursCompleted, CatchUps: s.CatchUps,
		Remaining: s.CatchUpsRemaining, Outstanding: s.Outstanding, Next: s.Next, Findings: codes(s.Findings)}
}

func TestSummarizeProgress(t *testing.T) {
	var (
		group   = func(n int) *Next { return &Next{Kind: NextGroup, Session: n} }
		catchUp = func(n int) *Next { return &Next{Kind: NextCatchUp, Session: n} }
		none    = []FindingCode{}
	)
	tests := []struct {
		name     string
		asOf     string
		sessions []isotp.SessionEvent
		want     progress
		reason   string
	}{
		{
			name: "no events",
			want: progress{Status: NotStarted, Remaining: 4, Outstanding: []int{}, Next: group(1), Findings: none},
		},
		{
			name:     "on track",
			sessions: weekly(t, 1, 3, "attended"),
			want:     progress{Status: InProgress, Completed: 3, Hours: 6, Remaining: 4, Outstanding: []int{}, Next: group(4), Findings: none},
		},
		{
			name:     "nDelius codes",
			sessions: events(t, "1 2026-01-05 ATTC", "2 2026-01-12 ATSS", "3 2026-01-19 AAME"),
			want: progress{Status: CatchUpRequired, Completed: 2, Hours: 4, CatchUps: 1, Remaining: 3,
				Outstanding: []int{3}, Next: catchUp(3), Findings: none},
			reason: "ATTC and ATSS are attended and complied; AAME is an acceptable absence",
		},
		{
			name:     "catch-up due",
			sessions: events(t, "1 2026-01-05 attended", "2 2026-01-12 acceptable_absence"),
			want: progress{Status: CatchUpRequired, Completed: 1, Hours: 2, CatchUps: 1, Remaining: 3,
				Outstanding: []int{2}, Next: catchUp(2), Findings: none},
		},
		{
			name: "caught up",
			sessions: events(t, "1 2026-01-05 attended", "2 2026-01-12 unacceptable_absence", "2 2026-01-14 catch_up",
				"3 2026-01-19 attended"),
			want: progress{Status: InProgress, Completed: 3, Hours: 6, CatchUps: 1, Remaining: 3, Outstanding: []int{}, Next: group(4), Findings: none},
		},
		{
			name:     "failure to comply is a miss",
			sessions: events(t, "1 2026-01-05 failed_to_comply"),
			want: progress{Status: CatchUpRequired, CatchUps: 1, Remaining: 3, Outstanding: []int{1}, Next: catchUp(1),
				Findings: none},
		},
		{
			name:     "next catch-up is the lowest outstanding",
			sessions: events(t, "5 2026-02-02 acceptable_absence", "2 2026-01-12 acceptable_absence", "1 2026-01-05 attended", "3 2026-01-19 attended", "4 2026-01-26 attended"),
			want: progress{Status: CatchUpRequired, Completed: 3, Hours: 6, CatchUps: 2, Remaining: 2, Outstanding: []int{2, 5},
				Next: catchUp(2), Findings: []FindingCode{ContinuedBeforeCatchUp, ContinuedBeforeCatchUp}},
		},
		{
			name:     "four catch-ups is the limit, not a restart",
			sessions: missAndCatchUp(t, 2, 4, 6, 8),
			want: progress{Status: InProgress, Completed: 10, Hours: 20, CatchUps: 4, Remaining: 0, Outstanding: []int{}, Next: group(11),
				Findings: none},
		},
		{
			name:     "a fifth missed session means a restart",
			sessions: concat(missAndCatchUp(t, 2, 4, 6, 8), events(t, "11 2026-03-16 acceptable_absence")),
			want:     progress{Status: RestartRequired, Completed: 10, Hours: 20, CatchUps: 5, Remaining: 0, Outstanding: []int{11}, Findings: none},
			reason:   "catch-ups needed count the outstanding miss: the fifth would exceed max_catch_ups",
		},
		{
			name:     "a fifth catch-up done is still a restart",
			sessions: concat(missAndCatchUp(t, 2, 4, 6, 8), events(t, "11 2026-03-16 acceptable_absence", "11 2026-03-18 catch_up")),
			want:     progress{Status: RestartRequired, Completed: 11, Hours: 22, CatchUps: 5, Remaining: 0, Outstanding: []int{}, Findings: none},
		},
		{
			name: "a session missed twice needs one catch-up",
			sessions: events(t, "1 2026-01-05 acceptable_absence", "1 2026-01-07 unacceptable_absence", "1 2026-01-09 catch_up",
				"2 2026-01-12 attended"),
			want: progress{Status: InProgress, Completed: 2, Hours: 4, CatchUps: 1, Remaining: 3, Outstanding: []int{}, Next: group(3), Findings: none},
		},
		{
			name:     "a missed session attended later in the group needs no catch-up",
			sessions: events(t, "1 2026-01-05 RSOF", "1 2026-01-08 attended"),
			want:     progress{Status: InProgress, Completed: 1, Hours: 2, Remaining: 4, Outstanding: []int{}, Next: group(2), Findings: none},
			reason:   "rescheduled and then attended: the session is completed in the group",
		},
		{
			name:     "completed",
			sessions: concat(weekly(t, 1, 34, "ATTC"), events(t, "35 2026-08-31 AACL", "35 2026-09-02 catch_up")),
			want:     progress{Status: Completed, Completed: 35, Hours: 70, CatchUps: 1, Remaining: 3, Outstanding: []int{}, Findings: none},
		},
		{
			name:     "continued before catching up",
			sessions: events(t, "1 2026-01-05 acceptable_absence", "2 2026-01-12 attended", "1 2026-01-14 catch_up"),
			want: progress{Status: InProgress, Completed: 2, Hours: 4, CatchUps: 1, Remaining: 3, Outstanding: []int{}, Next: group(3),
				Findings: []FindingCode{ContinuedBeforeCatchUp}},
		},
		{
			name:     "sent home at the next session while a miss is outstanding",
			sessions: events(t, "1 2026-01-05 acceptable_absence", "2 2026-01-12 ATSH"),
			want: progress{Status: CatchUpRequired, CatchUps: 2, Remaining: 2, Outstanding: []int{1, 2}, Next: catchUp(1),
				Findings: []FindingCode{ContinuedBeforeCatchUp}},
			reason: "failed_to_comply means he was at the group session",
		},
		{
			name:     "absent again while a miss is outstanding is no finding",
			sessions: events(t, "1 2026-01-05 acceptable_absence", "2 2026-01-12 UAAB"),
			want: progress{Status: CatchUpRequired, CatchUps: 2, Remaining: 2, Outstanding: []int{1, 2}, Next: catchUp(1),
				Findings: none},
		},
		{
			name:     "catch-up on the day of the next group session comes first",
			sessions: events(t, "2 2026-01-12 attended", "1 2026-01-05 AAME", "1 2026-01-12 catch_up"),
			want:     progress{Status: InProgress, Completed: 2, Hours: 4, CatchUps: 1, Remaining: 3, Outstanding: []int{}, Next: group(3), Findings: none},
			reason:   "on one day lower sessions come first",
		},
		{
			name:     "catch-up on the day of the miss comes after it",
			sessions: events(t, "1 2026-01-05 catch_up", "1 2026-01-05 AAME"),
			want:     progress{Status: InProgress, Completed: 1, Hours: 2, CatchUps: 1, Remaining: 3, Outstanding: []int{}, Next: group(2), Findings: none},
		},
		{
			name:     "the same event twice counts once",
			sessions: events(t, "1 2026-01-05 attended", "2 2026-01-12 AAME", "2 2026-01-12 AAHO"),
			want: progress{Status: CatchUpRequired, Completed: 1, Hours: 2, CatchUps: 1, Remaining: 3, Outstanding: []int{2}, Next: catchUp(2),
				Findings: []FindingCode{DuplicateEvent}},
			reason: "AAME and AAHO both map to acceptable_absence",
		},
		{
			name:     "a session recorded again after it was completed",
			sessions: events(t, "1 2026-01-05 attended", "1 2026-01-12 acceptable_absence"),
			want: progress{Status: InProgress, Completed: 1, Hours: 2, Remaining: 4, Outstanding: []int{}, Next: group(2),
				Findings: []FindingCode{SessionRecordedTwice}},
		},
		{
			name:     "a catch-up for a session never missed",
			sessions: events(t, "1 2026-01-05 attended", "2 2026-01-13 catch_up"),
			want: progress{Status: InProgress, Completed: 1, Hours: 2, Remaining: 4, Outstanding: []int{}, Next: group(2),
				Findings: []FindingCode{CatchUpNotMissed}},
		},
		{
			name:     "a catch-up for a session attended",
			sessions: events(t, "1 2026-01-05 attended", "1 2026-01-06 catch_up"),
			want: progress{Status: InProgress, Completed: 1, Hours: 2, Remaining: 4, Outstanding: []int{}, Next: group(2),
				Findings: []FindingCode{CatchUpNotMissed}},
		},
		{
			name:     "a catch-up before the miss",
			sessions: events(t, "1 2026-01-03 catch_up", "1 2026-01-05 acceptable_absence"),
			want: progress{Status: CatchUpRequired, CatchUps: 1, Remaining: 3, Outstanding: []int{1}, Next: catchUp(1),
				Findings: []FindingCode{CatchUpNotMissed}},
		},
		{
			name:     "a second catch-up",
			sessions: events(t, "1 2026-01-05 acceptable_absence", "1 2026-01-06 catch_up", "1 2026-01-07 catch_up"),
			want: progress{Status: InProgress, Completed: 1, Hours: 2, CatchUps: 1, Remaining: 3, Outstanding: []int{}, Next: group(2),
				Findings: []FindingCode{CatchUpRepeated}},
		},
		{
			name:     "a gap in the record",
			sessions: events(t, "1 2026-01-05 attended", "3 2026-01-19 attended"),
			want: progress{Status: InProgress, Completed: 2, Hours: 4, Remaining: 4, Outstanding: []int{}, Next: group(2),
				Findings: []FindingCode{GapInRecord}},
			reason: "next is the lowest session not completed, even when it is a gap",
		},
		{
			name:     "events after the as-of date are left out",
			asOf:     "2026-01-10",
			sessions: events(t, "1 2026-01-05 attended", "2 2026-01-12 attended"),
			want: progress{Status: InProgress, Completed: 1, Hours: 2, Remaining: 4, Outstanding: []int{}, Next: group(2),
				Findings: []FindingCode{AfterAsOf}},
		},
		{
			name:     "an event on the as-of date counts",
			asOf:     "2026-01-12",
			sessions: events(t, "1 2026-01-05 attended", "2 2026-01-12 attended"),
			want:     progress{Status: InProgress, Completed: 2, Hours: 4, Remaining: 4, Outstanding: []int{}, Next: group(3), Findings: none},
		},
		{
			name:     "every event after the as-of date",
			asOf:     "2026-01-01",
			sessions: events(t, "1 2026-01-05 attended"),
			want: progress{Status: NotStarted, Remaining: 4, Outstanding: []int{}, Next: group(1),
				Findings: []FindingCode{AfterAsOf}},
		},
	}
	s := national(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &isotp.Attendance{Sessions: tt.sessions, Warnings: []isotp.Date{}}
			if a.Sessions == nil {
				a.Sessions = []isotp.SessionEvent{}
			}
			got := progressOf(summarize(t, s, tt.asOf, a))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

// missAndCatchUp gives weekly sessions 1 to 10, attended except the missed
// ones, each caught up two days after it was missed.
func missAndCatchUp(t testing.TB, missed ...int) []isotp.SessionEvent {
	var out []isotp.SessionEvent
	for n := 1; n <= 10; n++ {
		day := monday(t, n)
		out = append(out, isotp.SessionEvent{Session: n, Date: day, Outcome: "attended"})
		for _, m := range missed {
			if m == n {
				out[len(out)-1].Outcome = "acceptable_absence"
				out = append(out, isotp.SessionEvent{Session: n, Date: day.AddDays(2), Outcome: "catch_up"})
			}
		}
	}
	return out
}

func TestSummarizeGrid(t *testing.T) {
	s := national(t)
	sum := summarize(t, s, "", &isotp.Attendance{Sessions: events(t,
		"1 2026-01-05 attended", "2 2026-01-12 AAME", "2 2026-01-15 catch_up", "3 2026-01-19 UAAB", "5 2026-02-02 attended")})
	want := []SessionState{
		{Session: 1, State: StateAttended, Date: date(t, "2026-01-05")},
		{Session: 2, State: StateCaughtUp, Date: date(t, "2026-01-15"), Missed: date(t, "2026-01-12")},
		{Session: 3, State: StateMissed, Date: date(t, "2026-01-19")},
		{Session: 4, State: StateNotRecorded},
		{Session: 5, State: StateAttended, Date: date(t, "2026-02-02")},
		{Session: 6, State: StateToCome},
	}
	if len(sum.Grid) != 35 {
		t.Fatalf("grid has %d sessions, want 35", len(sum.Grid))
	}
	if diff := cmp.Diff(want, sum.Grid[:6]); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestSummarizeAreaCatchUpLimit(t *testing.T) {
	s := withArea(t, "area: testshire\npolicy: i-SOTP\nparams:\n  max_catch_ups: 2\n")
	tests := []struct {
		name   string
		missed []int
		want   Status
	}{
		{"two catch-ups", []int{2, 4}, InProgress},
		{"three catch-ups", []int{2, 4, 6}, RestartRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := summarize(t, s, "", &isotp.Attendance{Sessions: missAndCatchUp(t, tt.missed...)})
			if sum.Status != tt.want || sum.CatchUpsAllowed != 2 {
				t.Errorf("status %s with %d catch-ups allowed, want %s with 2", sum.Status, sum.CatchUpsAllowed, tt.want)
			}
		})
	}
}

// TestSummarizeOrderIndependent checks that the order events, warnings and
// contacts arrive in never changes the summary.
func TestSummarizeOrderIndependent(t *testing.T) {
	s := national(t)
	base := &isotp.Attendance{
		Sessions: concat(missAndCatchUp(t, 3, 7), events(t,
			"11 2026-03-16 UAAB", "12 2026-03-23 attended", "11 2026-03-25 catch_up", "12 2026-03-23 ATTC",
			"13 2026-03-30 AFTC", "13 2026-04-01 catch_up", "14 2026-04-06 attended", "14 2026-04-07 catch_up",
			"16 2026-04-20 attended", "15 2026-04-30 attended")),
		Warnings:                dates(t, "2025-06-01", "2026-03-16"),
		OffenderManagerContacts: dates(t, "2026-01-05", "2026-02-01", "2026-03-01", "2026-03-28", "2026-04-20"),
		BetweenSessionWork:      []isotp.Work{{Session: 1, Completed: new(true)}, {Session: 2, Completed: new(false)}},
	}
	want := summarize(t, s, "2026-04-25", base)
	if len(want.Findings) < 4 {
		t.Fatalf("the history should give several findings, got %v", codes(want.Findings))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		a := &isotp.Attendance{
			Sessions:                shuffled(rng, base.Sessions),
			Warnings:                shuffled(rng, base.Warnings),
			OffenderManagerContacts: shuffled(rng, base.OffenderManagerContacts),
			BetweenSessionWork:      shuffled(rng, base.BetweenSessionWork),
		}
		got := summarize(t, s, "2026-04-25", a)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("shuffle %d: mismatch (-want +got):\n%s", i, diff)
		}
	}
}

func shuffled[T any](rng *rand.Rand, s []T) []T {
	out := append([]T(nil), s...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// TestSummarizeInputErrors: input the summary cannot read is an
// *isotp.InputError at its JSON path; the messages are in
// testdata/golden/input_errors.txt.
func TestSummarizeInputErrors(t *testing.T) {
	tests := []struct {
		name string
		a    *isotp.Attendance
		path string
	}{
		{"no attendance", nil, "attendance"},
		{"no sessions", &isotp.Attendance{}, "attendance.sessions"},
		{"unknown outcome", &isotp.Attendance{Sessions: events(t, "1 2026-01-05 attended", "2 2026-01-12 attended", "3 2026-01-19 attended", "4 2026-01-26 attnded")},
			"attendance.sessions[3].outcome"},
		{"a code in the wrong case", &isotp.Attendance{Sessions: events(t, "1 2026-01-05 attc")}, "attendance.sessions[0].outcome"},
		{"a date in the outcome", &isotp.Attendance{Sessions: []isotp.SessionEvent{{Session: 1, Date: isotp.NewDate(2026, 1, 5), Outcome: "1980-02-03"}}},
			"attendance.sessions[0].outcome"},
		{"a long outcome", &isotp.Attendance{Sessions: []isotp.SessionEvent{{Session: 1, Date: isotp.NewDate(2026, 1, 5), Outcome: strings.Repeat("x", 200)}}},
			"attendance.sessions[0].outcome"},
		{"session beyond the programme", &isotp.Attendance{Sessions: events(t, "36 2026-01-05 attended")}, "attendance.sessions[0].session"},
		{"session zero", &isotp.Attendance{Sessions: []isotp.SessionEvent{{Date: isotp.NewDate(2026, 1, 5), Outcome: "attended"}}}, "attendance.sessions[0].session"},
		{"no date", &isotp.Attendance{Sessions: []isotp.SessionEvent{{Session: 1, Outcome: "attended"}}}, "attendance.sessions[0].date"},
		{"work for a session beyond the programme", &isotp.Attendance{Sessions: []isotp.SessionEvent{}, BetweenSessionWork: []isotp.Work{{Session: 40}}},
			"attendance.between_session_work[0].session"},
	}
	s := national(t)
	var messages strings.Builder
	for _, tt := range tests {
		_, err := s.Summarize(context.Background(), &isotp.Case{Attendance: tt.a})
		var ie *isotp.InputError
		require.ErrorAs(t, err, &ie, tt.name)
		require.ErrorIs(t, err, isotp.ErrInvalidInput, tt.name)
		require.Equal(t, tt.path, ie.Path, tt.name)
		fmt.Fprintf(&messages, "%s:\n\t%v\n", tt.name, err)
	}
	golden.CheckString(t, "testdata/golden/input_errors.txt", messages.String())
}

func TestSummarizeAreaOutcomeCode(t *testing.T) {
	s := withArea(t, "area: testshire\npolicy: i-SOTP\noutcome_codes:\n  LOCAL_SICK: acceptable_absence\n")
	sum := summarize(t, s, "", &isotp.Attendance{Sessions: events(t, "1 2026-01-05 LOCAL_SICK")})
	if diff := cmp.Diff([]int{1}, sum.Outstanding); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestSummarizeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := national(t).Summarize(ctx, &isotp.Case{Attendance: &isotp.Attendance{Sessions: weekly(t, 1, 3, "attended")}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
