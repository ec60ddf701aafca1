package attendance

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

// TestFindingMessages holds the wording of each finding that reading the
// record and walking the sessions give.
func TestFindingMessages(t *testing.T) {
	s := national(t)
	tests := []struct {
		name string
		asOf string
		a    *isotp.Attendance
		want []Finding
	}{
		{
			name: "a catch-up before the miss",
			a:    &isotp.Attendance{Sessions: events(t, "1 2026-01-03 catch_up", "1 2026-01-05 acceptable_absence")},
			want: []Finding{{Code: CatchUpNotMissed, Session: 1, Date: date(t, "2026-01-03"),
				Message: "A catch-up for session 1 on 3 January 2026, though that session had not been missed by then; it is not counted."}},
		},
		{
			name: "a catch-up for a session attended",
			a:    &isotp.Attendance{Sessions: events(t, "1 2026-01-05 attended", "1 2026-01-06 catch_up")},
			want: []Finding{{Code: CatchUpNotMissed, Session: 1, Date: date(t, "2026-01-06"),
				Message: "A catch-up for session 1 on 6 January 2026, though he attended that session on 5 January 2026; it is not counted."}},
		},
		{
			name: "a second catch-up",
			a:    &isotp.Attendance{Sessions: events(t, "1 2026-01-05 AAME", "1 2026-01-06 catch_up", "1 2026-01-07 catch_up")},
			want: []Finding{{Code: CatchUpRepeated, Session: 1, Date: date(t, "2026-01-07"),
				Message: "A catch-up for session 1 on 7 January 2026, though it was already caught up on 6 January 2026; it is not counted."}},
		},
		{
			name: "a session recorded again",
			a:    &isotp.Attendance{Sessions: events(t, "1 2026-01-05 attended", "1 2026-01-12 UAAB"), Warnings: []isotp.Date{}},
			want: []Finding{{Code: SessionRecordedTwice, Session: 1, Date: date(t, "2026-01-12"),
				Message: "Session 1 is recorded again on 12 January 2026 (unacceptable absence) after it was completed on 5 January 2026; the later record does not change the session."}},
		},
		{
			name: "group sessions before catch-ups",
			a: &isotp.Attendance{Sessions: events(t, "1 2026-01-05 AAME", "2 2026-01-12 AAME", "3 2026-01-19 attended",
				"4 2026-01-26 RSSR", "5 2026-02-02 ATTC")},
			want: []Finding{
				{Code: ContinuedBeforeCatchUp, Session: 3, Date: date(t, "2026-01-19"),
					Message: "He attended group session 3 on 19 January 2026 before catching up session 1 (missed 5 January 2026) and session 2 (missed 12 January 2026)."},
				{Code: ContinuedBeforeCatchUp, Session: 5, Date: date(t, "2026-02-02"),
					Message: "He attended group session 5 on 2 February 2026 before catching up session 1 (missed 5 January 2026), session 2 (missed 12 January 2026) and session 4 (missed 26 January 2026)."},
			},
		},
		{
			name: "a gap and a repeat",
			a:    &isotp.Attendance{Sessions: events(t, "1 2026-01-05 attended", "1 2026-01-05 ATTC", "3 2026-01-19 attended")},
			want: []Finding{
				{Code: GapInRecord, Session: 2, Message: "Session 2 has no group session record, though later sessions do."},
				{Code: DuplicateEvent, Session: 1, Date: date(t, "2026-01-05"), Message: "Session 1 on 5 January 2026 (attended) is recorded more than once; it is counted once."},
			},
		},
		{
			name: "after the as-of date",
			asOf: "2026-01-10",
			a: &isotp.Attendance{Sessions: events(t, "1 2026-01-05 AAME", "1 2026-01-12 catch_up", "2 2026-01-12 attended"),
				Warnings: dates(t, "2026-01-11"), OffenderManagerContacts: dates(t, "2026-01-05", "2026-01-13")},
			want: []Finding{
				{Code: AfterAsOf, Date: date(t, "2026-01-11"), Message: "A warning on 11 January 2026 is dated after the as-of date, 10 January 2026, and is not counted."},
				{Code: AfterAsOf, Session: 1, Date: date(t, "2026-01-12"), Message: "The catch-up for session 1 on 12 January 2026 (catch-up) is dated after the as-of date, 10 January 2026, and is not counted."},
				{Code: AfterAsOf, Session: 2, Date: date(t, "2026-01-12"), Message: "The group session for session 2 on 12 January 2026 (attended) is dated after the as-of date, 10 January 2026, and is not counted."},
				{Code: AfterAsOf, Date: date(t, "2026-01-13"), Message: "A meeting with his Offender Manager on 13 January 2026 is dated after the as-of date, 10 January 2026, and is not counted."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(t, s, tt.asOf, tt.a).Findings
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
