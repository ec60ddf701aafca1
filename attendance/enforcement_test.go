package attendance

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

func TestEnforce(t *testing.T) {
	fail := func(day string, session int) event {
		return event{session: session, date: date(t, day), outcome: isotp.UnacceptableAbsence}
	}
	ftc := func(day string, session int) event {
		return event{session: session, date: date(t, day), outcome: isotp.FailedToComply}
	}
	d := func(s string) *isotp.Date { v := date(t, s); return &v }
	type want struct {
		Action   Action
		Actions  []Action
		BreachBy *isotp.Date
		Warnings []isotp.Date
		Findings []FindingCode
	}
	tests := []struct {
		name     string
		failures []event
		warnings []isotp.Date // nil: not recorded
		want     want
		reason   string
	}{
		{
			name:     "no failures",
			warnings: []isotp.Date{},
			want:     want{Action: ActionNone, Actions: []Action{}, Warnings: []isotp.Date{}, Findings: []FindingCode{}},
		},
		{
			name:   "no failures, warnings not recorded",
			want:   want{Action: ActionNone, Actions: []Action{}, Findings: []FindingCode{}},
			reason: "with no failure there is nothing to decide; the warnings stay not known (null), since an empty list would say there were none",
		},
		{
			name:     "first failure: warning",
			failures: []event{fail("2026-02-02", 5)},
			warnings: []isotp.Date{},
			want: want{Action: ActionWarning, Actions: []Action{ActionWarning}, Warnings: dates(t, "2026-02-02"),
				Findings: []FindingCode{}},
		},
		{
			name:     "second failure within 12 months: breach",
			failures: []event{fail("2026-02-02", 5), ftc("2026-03-06", 10)},
			warnings: []isotp.Date{},
			want: want{Action: ActionBreach, Actions: []Action{ActionWarning, ActionBreach}, BreachBy: d("2026-03-20"),
				Warnings: dates(t, "2026-02-02"), Findings: []FindingCode{}},
			reason: "Friday 6 March plus 10 working days is Friday 20 March",
		},
		{
			name:     "prior warning from the case",
			failures: []event{fail("2026-02-02", 5)},
			warnings: dates(t, "2025-06-01"),
			want: want{Action: ActionBreach, Actions: []Action{ActionBreach}, BreachBy: d("2026-02-16"),
				Warnings: dates(t, "2025-06-01"), Findings: []FindingCode{}},
		},
		{
			name:     "last day of the 12-month window: breach",
			failures: []event{fail("2027-03-14", 5)},
			warnings: dates(t, "2026-03-15"),
			want: want{Action: ActionBreach, Actions: []Action{ActionBreach}, BreachBy: d("2027-03-30"),
				Warnings: dates(t, "2026-03-15"), Findings: []FindingCode{}},
			reason: "the 12 months beginning with 15 March 2026 end on 14 March 2027; 14 March 2027 is a Sunday, so the 10 working days start on Monday, and skip Good Friday and Easter Monday (26 and 29 March)",
		},
		{
			name:     "first day after the 12-month window: warning",
			failures: []event{fail("2027-03-15", 5)},
			warnings: dates(t, "2026-03-15"),
			want: want{Action: ActionWarning, Actions: []Action{ActionWarning}, Warnings: dates(t, "2026-03-15", "2027-03-15"),
				Findings: []FindingCode{}},
		},
		{
			name:     "warned on 29 February: the window ends on 28 February",
			failures: []event{fail("2029-02-28", 5), fail("2029-03-01", 6)},
			warnings: dates(t, "2028-02-29"),
			want: want{Action: ActionWarning, Actions: []Action{ActionBreach, ActionWarning},
				Warnings: dates(t, "2028-02-29", "2029-03-01"), Findings: []FindingCode{CalendarNotChecked}},
			reason: "the 12 months beginning with 29 February 2028 end on 28 February 2029; the first failure was a breach, so it gave no warning of its own; " +
				"its deadline falls in 2029, a year whose one-off bank holidays the policy has not checked",
		},
		{
			name:     "a warning after the failure does not count",
			failures: []event{fail("2026-02-02", 5)},
			warnings: dates(t, "2026-02-03"),
			want: want{Action: ActionWarning, Actions: []Action{ActionWarning}, Warnings: dates(t, "2026-02-02", "2026-02-03"),
				Findings: []FindingCode{}},
		},
		{
			name:     "a warning on the day of the failure counts",
			failures: []event{fail("2026-02-02", 5)},
			warnings: dates(t, "2026-02-02"),
			want: want{Action: ActionBreach, Actions: []Action{ActionBreach}, BreachBy: d("2026-02-16"),
				Warnings: dates(t, "2026-02-02"), Findings: []FindingCode{WarningOnFailureDate}},
		},
		{
			name:     "a warning given here starts its own window",
			failures: []event{fail("2026-01-01", 1), fail("2027-01-01", 2), fail("2027-06-01", 3)},
			warnings: []isotp.Date{},
			want: want{Action: ActionBreach, Actions: []Action{ActionWarning, ActionWarning, ActionBreach}, BreachBy: d("2027-06-15"),
				Warnings: dates(t, "2026-01-01", "2027-01-01"), Findings: []FindingCode{}},
			reason: "1 January 2027 is the first day after the first warning's 12 months; it is warned, and that warning covers June",
		},
		{
			name:     "breach after breach",
			failures: []event{fail("2026-01-05", 1), fail("2026-01-12", 2), fail("2026-01-19", 3)},
			warnings: []isotp.Date{},
			want: want{Action: ActionBreach, Actions: []Action{ActionWarning, ActionBreach, ActionBreach}, BreachBy: d("2026-02-02"),
				Warnings: dates(t, "2026-01-05"), Findings: []FindingCode{}},
		},
		{
			name:     "two failures on one day",
			failures: []event{fail("2026-01-05", 1), ftc("2026-01-05", 2)},
			warnings: []isotp.Date{},
			want: want{Action: ActionBreach, Actions: []Action{ActionWarning, ActionBreach}, BreachBy: d("2026-01-19"),
				Warnings: dates(t, "2026-01-05"), Findings: []FindingCode{}},
			reason: "the first is warned; the second is on or after that warning's day",
		},
		{
			name:     "warnings not recorded",
			failures: []event{fail("2026-01-05", 1), fail("2026-01-12", 2)},
			want: want{Action: ActionUnknown, Actions: []Action{ActionUnknown, ActionUnknown},
				Findings: []FindingCode{PriorWarningsUnknown, PriorWarningsUnknown}},
			reason: "an unrecorded warning could make the first a breach, and then the second depends on that warning's date: given on 6 January 2025 it covers the first and not the second",
		},
		{
			name:     "warnings not recorded, two failures on one day",
			failures: []event{fail("2026-01-05", 1), ftc("2026-01-05", 2)},
			want: want{Action: ActionBreach, Actions: []Action{ActionUnknown, ActionBreach}, BreachBy: d("2026-01-19"),
				Findings: []FindingCode{PriorWarningsUnknown, DecidedWithoutWarnings}},
			reason: "whatever came before, he is under a warning after the first: the one that made it a breach, or the one it called for",
		},
		{
			name:     "warnings not recorded, a third failure on the day of the second",
			failures: []event{fail("2026-01-05", 1), fail("2026-01-12", 2), ftc("2026-01-12", 3)},
			want: want{Action: ActionBreach, Actions: []Action{ActionUnknown, ActionUnknown, ActionBreach}, BreachBy: d("2026-01-26"),
				Findings: []FindingCode{PriorWarningsUnknown, PriorWarningsUnknown, DecidedWithoutWarnings}},
		},
		{
			name:     "warnings not recorded, failures 13 months apart",
			failures: []event{fail("2026-01-05", 1), fail("2027-02-08", 2)},
			want: want{Action: ActionUnknown, Actions: []Action{ActionUnknown, ActionUnknown},
				Findings: []FindingCode{PriorWarningsUnknown, PriorWarningsUnknown}},
			reason: "the first's warning, if any, has run out; a warning given in between, for another failure of the order, would cover the second",
		},
		{
			name:     "warnings not recorded, 28 and 29 February",
			failures: []event{fail("2028-02-28", 1), fail("2028-02-29", 2)},
			want: want{Action: ActionBreach, Actions: []Action{ActionUnknown, ActionBreach}, BreachBy: d("2028-03-14"),
				Findings: []FindingCode{PriorWarningsUnknown, CalendarNotChecked, DecidedWithoutWarnings, CalendarNotChecked}},
			reason: "no warning covers 28 February 2028 and not the 29th: one given on 28 February 2027 covers up to the 27th, one given on 1 March 2027 both; " +
				"so either a warning covered both days, or the first failure called for one that covers the second",
		},
		{
			name:     "over Christmas",
			failures: []event{fail("2026-12-21", 30)},
			warnings: dates(t, "2026-06-01"),
			want: want{Action: ActionBreach, Actions: []Action{ActionBreach}, BreachBy: d("2027-01-07"),
				Warnings: dates(t, "2026-06-01"), Findings: []FindingCode{}},
			reason: "ten working days from Monday 21 December 2026 skip 25 December, 28 December (the substitute for Boxing Day) and 1 January",
		},
	}
	s := national(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enf, findings := s.enforce(tt.failures, tt.warnings, false, nil)
			got := want{Action: enf.Action, Actions: []Action{}, BreachBy: enf.BreachBy, Warnings: enf.Warnings, Findings: codes(findings)}
			for i, f := range enf.Failures {
				got.Actions = append(got.Actions, f.Action)
				if f.Date != tt.failures[i].date || f.Session != tt.failures[i].session || f.Outcome != tt.failures[i].outcome {
					t.Errorf("failure %d is %+v, want the event %+v", i, f, tt.failures[i])
				}
				if (f.Action == ActionBreach) != (f.BreachBy != nil) {
					t.Errorf("failure %d: action %s with breach_by %v", i, f.Action, f.BreachBy)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

// TestBreachDeadline checks the working-day count across weekends.
func TestBreachDeadline(t *testing.T) {
	tests := []struct {
		name    string
		failure string
		days    int
		want    string
	}{
		{"Monday, 10 days", "2026-03-02", 10, "2026-03-16"},
		{"Friday, 1 day", "2026-03-06", 1, "2026-03-09"},
		{"Friday, 5 days", "2026-03-06", 5, "2026-03-13"},
		{"Saturday, 1 day", "2026-03-07", 1, "2026-03-09"},
		{"Sunday, 1 day", "2026-03-08", 1, "2026-03-09"},
		{"Thursday, 2 days", "2026-03-05", 2, "2026-03-09"},
		{"Thursday before Good Friday, 1 day", "2026-04-02", 1, "2026-04-07"},
		{"Friday before the summer bank holiday, 1 day", "2026-08-28", 1, "2026-09-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			area := "area: testshire\npolicy: i-SOTP\nparams:\n  breach_within_working_days: " + strconv.Itoa(tt.days) + "\n"
			s := withArea(t, area)
			enf, _ := s.enforce([]event{{session: 1, date: date(t, tt.failure), outcome: isotp.UnacceptableAbsence}}, dates(t, "2026-01-01"), false, nil)
			if enf.BreachBy == nil || *enf.BreachBy != date(t, tt.want) {
				t.Errorf("breach_by %v, want %s", enf.BreachBy, tt.want)
			}
		})
	}
}

// TestBreachDeadlineAreaClosure checks that an area's closure day is not a
// working day for the breach deadline, and that the deadline's words say so.
func TestBreachDeadlineAreaClosure(t *testing.T) {
	area := "area: testshire\npolicy: i-SOTP\ncalendar:\n  closures:\n    - {date: 2026-12-24, reason: The offices close on Christmas Eve.}\n"
	for _, tt := range []struct {
		name, area, want, words string
	}{
		{"national", "", "2027-01-07", "Monday to Friday, excluding bank holidays in England and Wales"},
		{"with the area's closure day", area, "2027-01-08", "Monday to Friday, excluding bank holidays in England and Wales and the area's closure days"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := national(t)
			if tt.area != "" {
				s = withArea(t, tt.area)
			}
			enf, _ := s.enforce([]event{{session: 30, date: date(t, "2026-12-21"), outcome: isotp.UnacceptableAbsence}}, dates(t, "2026-06-01"), false, nil)
			require.NotNil(t, enf.BreachBy)
			require.Equal(t, tt.want, enf.BreachBy.String())
			require.Equal(t, tt.words, enf.WorkingDays)
		})
	}
}

// TestSummarizeEnforcement checks enforcement through Summarize: failures
// come from the events, recorded twice or not, and warnings after the as-of
// date are left out.
func TestSummarizeEnforcement(t *testing.T) {
	s := national(t)
	sum := summarize(t, s, "2026-03-01", &isotp.Attendance{
		Sessions: events(t, "1 2026-01-05 UAAB", "1 2026-01-05 unacceptable_absence", "1 2026-01-07 catch_up",
			"1 2026-01-12 UAAB", "2 2026-01-19 attended"),
		Warnings: dates(t, "2026-06-01"),
	})
	want := Enforcement{
		Action: ActionBreach,
		Failures: []Failure{
			{Date: date(t, "2026-01-05"), Session: 1, Outcome: isotp.UnacceptableAbsence, Action: ActionWarning},
			{Date: date(t, "2026-01-12"), Session: 1, Outcome: isotp.UnacceptableAbsence, Action: ActionBreach, BreachBy: new(date(t, "2026-01-26"))},
		},
		Warnings: dates(t, "2026-01-05"),
		BreachBy: new(date(t, "2026-01-26")),

		BreachWithinWorkingDays: 10,
		WorkingDays:             "Monday to Friday, excluding bank holidays in England and Wales",
	}
	if diff := cmp.Diff(want, sum.Enforcement); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]FindingCode{DuplicateEvent, SessionRecordedTwice, AfterAsOf}, codes(sum.Findings)); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
}

// TestBreachDeadlineAfter9999 checks a breach whose deadline would fall
// after 31 December 9999, the last day a date can name: the action is still
// breach, the day is not given (null, not an invalid date that cannot be
// written as JSON), and a finding and the words say why.
func TestBreachDeadlineAfter9999(t *testing.T) {
	for _, tt := range []struct {
		name     string
		warnings []isotp.Date
		want     Action
	}{
		{"warnings recorded", dates(t, "9999-12-01"), ActionBreach},
		{"warnings not recorded", nil, ActionUnknown},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sum := summarize(t, national(t), "9999-12-31", &isotp.Attendance{
				Sessions: events(t, "1 9999-12-20 attended", "2 9999-12-31 UAAB"),
				Warnings: tt.warnings,
			})
			require.Equal(t, tt.want, sum.Enforcement.Action)
			require.Nil(t, sum.Enforcement.BreachBy)
			_, err := json.Marshal(sum)
			require.NoError(t, err)
			require.Contains(t, codes(sum.Findings), CalendarNotChecked)
			for _, f := range sum.Findings {
				require.NotContains(t, f.Message, "10000", "finding %s", f.Code)
			}
			var text strings.Builder
			require.NoError(t, sum.WriteText(&text))
			require.NotContains(t, text.String(), "10000")
		})
	}
}

// TestUndecidedInYearOne checks the finding for a failure in the first
// months of year 1 with the warnings not recorded: the first day a covering
// warning may have been given would come before 1 January of year 1, which no
// date names, so the words do not give it (they said "9 January 0").
func TestUndecidedInYearOne(t *testing.T) {
	sum := summarize(t, national(t), "0001-03-01", &isotp.Attendance{
		Sessions: events(t, "1 0001-01-01 attended", "2 0001-01-08 UAAB"),
	})
	require.Equal(t, ActionUnknown, sum.Enforcement.Action)
	var found bool
	for _, f := range sum.Findings {
		if f.Code == PriorWarningsUnknown {
			found = true
			require.Contains(t, f.Message, "(one given on or before that day)")
			require.NotContains(t, f.Message, " 0)")
		}
	}
	require.True(t, found, "no %s finding in %v", PriorWarningsUnknown, codes(sum.Findings))
}
