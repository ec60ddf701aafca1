package attendance

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// everyDays returns the days from first to last, step days apart.
func everyDays(t testing.TB, first, last string, step int) []isotp.Date {
	var out []isotp.Date
	for d := date(t, first); !d.After(date(t, last)); d = d.AddDays(step) {
		out = append(out, d)
	}
	return out
}

func TestCompletion(t *testing.T) {
	all := weekly(t, 1, 35, "attended") // 2026-01-05 to 2026-08-31
	done := func(n int) []isotp.Work {
		w := make([]isotp.Work, n)
		for i := range w {
			w[i] = isotp.Work{Session: i + 1, Completed: new(true)}
		}
		return w
	}
	type verdicts map[string]rules.Verdict
	type want struct {
		Met       bool
		Undecided []string
		Missing   []string
		Verdicts  verdicts
	}
	tests := []struct {
		name   string
		asOf   string
		a      *isotp.Attendance
		want   want
		reason string
	}{
		{
			name: "completed, contact every 28 days",
			asOf: "2026-09-04",
			a:    &isotp.Attendance{Sessions: all, OffenderManagerContacts: everyDays(t, "2026-01-05", "2026-09-04", 28), BetweenSessionWork: done(35)},
			want: want{Met: true, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Pass, "between_session_work": rules.Pass}},
			reason: "a gap of exactly om_contact_max_gap_days is allowed",
		},
		{
			name: "completed, one gap of 29 days",
			asOf: "2026-09-04",
			a: &isotp.Attendance{Sessions: all, BetweenSessionWork: done(35),
				OffenderManagerContacts: append(everyDays(t, "2026-01-05", "2026-06-01", 28), everyDays(t, "2026-06-30", "2026-09-04", 28)...)},
			want: want{Met: false, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Fail, "between_session_work": rules.Pass}},
		},
		{
			name: "the window ends at the last session once completed",
			asOf: "2027-01-01",
			a:    &isotp.Attendance{Sessions: all, BetweenSessionWork: done(35), OffenderManagerContacts: everyDays(t, "2026-01-05", "2026-08-31", 28)},
			want: want{Met: true, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Pass, "between_session_work": rules.Pass}},
			reason: "no contact after the programme is needed: the last contact 2026-08-24 is 7 days before the last session",
		},
		{
			name: "a contact before the programme opens no gap",
			asOf: "2026-02-02",
			a:    &isotp.Attendance{Sessions: weekly(t, 1, 5, "attended"), OffenderManagerContacts: dates(t, "2025-12-01", "2026-02-02"), BetweenSessionWork: done(5)},
			want: want{Met: false, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Fail, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Pass, "between_session_work": rules.Pass}},
			reason: "the window starts at the first session, 2026-01-05: 28 days to the contact on 2026-02-02",
		},
		{
			name: "the first gap starts at the first session",
			asOf: "2026-02-03",
			a:    &isotp.Attendance{Sessions: weekly(t, 1, 5, "attended"), OffenderManagerContacts: dates(t, "2026-02-03"), BetweenSessionWork: done(5)},
			want: want{Met: false, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Fail, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Fail, "between_session_work": rules.Pass}},
			reason: "29 days from the first session to the first contact",
		},
		{
			name: "in progress, overdue at the as-of date",
			asOf: "2026-03-03",
			a:    &isotp.Attendance{Sessions: weekly(t, 1, 9, "attended"), OffenderManagerContacts: dates(t, "2026-01-05", "2026-02-02"), BetweenSessionWork: done(9)},
			want: want{Met: false, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Fail, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Fail, "between_session_work": rules.Pass}},
			reason: "29 days from the last contact to the as-of date",
		},
		{
			name: "contacts not recorded",
			asOf: "2026-09-04",
			a:    &isotp.Attendance{Sessions: all, BetweenSessionWork: done(35)},
			want: want{Met: false, Undecided: []string{"offender_manager_contact"}, Missing: []string{"attendance.offender_manager_contacts"},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Unknown, "between_session_work": rules.Pass}},
		},
		{
			name: "as-of date not known, in progress",
			a:    &isotp.Attendance{Sessions: weekly(t, 1, 3, "attended"), OffenderManagerContacts: dates(t, "2026-01-05"), BetweenSessionWork: done(3)},
			want: want{Met: false, Undecided: []string{"offender_manager_contact"}, Missing: []string{"as_of"},
				Verdicts: verdicts{"all_sessions": rules.Fail, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Unknown, "between_session_work": rules.Pass}},
		},
		{
			name: "as-of date not known, completed",
			a:    &isotp.Attendance{Sessions: all, OffenderManagerContacts: everyDays(t, "2026-01-05", "2026-09-04", 28), BetweenSessionWork: done(35)},
			want: want{Met: true, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Pass, "between_session_work": rules.Pass}},
			reason: "the window ends at the last session, which is known",
		},
		{
			name: "not started",
			asOf: "2026-01-01",
			a:    &isotp.Attendance{Sessions: []isotp.SessionEvent{}, OffenderManagerContacts: []isotp.Date{}, BetweenSessionWork: []isotp.Work{}},
			want: want{Met: false, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Fail, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.NotApplicable, "between_session_work": rules.Pass}},
		},
		{
			name: "work not done is advisory",
			asOf: "2026-09-04",
			a: &isotp.Attendance{Sessions: all, OffenderManagerContacts: everyDays(t, "2026-01-05", "2026-09-04", 28),
				BetweenSessionWork: []isotp.Work{{Session: 1, Completed: new(true)}, {Session: 2, Completed: new(false)}, {Session: 3}}},
			want: want{Met: true, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Pass, "between_session_work": rules.Fail}},
		},
		{
			name: "work not known is advisory",
			asOf: "2026-09-04",
			a: &isotp.Attendance{Sessions: all, OffenderManagerContacts: everyDays(t, "2026-01-05", "2026-09-04", 28),
				BetweenSessionWork: []isotp.Work{{Session: 1, Completed: new(true)}, {Session: 2}}},
			want: want{Met: true, Undecided: []string{}, Missing: []string{"attendance.between_session_work[1].completed"},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass, "offender_manager_contact": rules.Pass, "between_session_work": rules.Unknown}},
		},
		{
			name: "every session done, five by catch-up",
			asOf: "2026-09-30",
			a: &isotp.Attendance{
				Sessions:                concat(missAndCatchUp(t, 1, 2, 3, 4, 5), weekly(t, 11, 35, "attended")),
				OffenderManagerContacts: everyDays(t, "2026-01-05", "2026-09-30", 28), BetweenSessionWork: done(35)},
			want: want{Met: false, Undecided: []string{}, Missing: []string{},
				Verdicts: verdicts{"all_sessions": rules.Pass, "catch_up_limit": rules.Fail, "offender_manager_contact": rules.Pass, "between_session_work": rules.Pass}},
		},
	}
	s := national(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.a.Warnings = []isotp.Date{}
			sum := summarize(t, s, tt.asOf, tt.a)
			got := want{Met: sum.Completion.Met, Undecided: sum.Completion.Undecided, Missing: sum.Completion.Missing, Verdicts: verdicts{}}
			for _, r := range sum.Completion.Rules {
				got.Verdicts[r.ID] = r.Verdict
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

// TestCompletionMessages checks that each completion rule that fails says
// what was found against what is required.
func TestCompletionMessages(t *testing.T) {
	s := national(t)
	sum := summarize(t, s, "2026-03-03", &isotp.Attendance{
		Sessions:                weekly(t, 1, 9, "attended"),
		Warnings:                []isotp.Date{},
		OffenderManagerContacts: dates(t, "2026-01-05", "2026-02-02"),
		BetweenSessionWork:      []isotp.Work{{Session: 2, Completed: new(false)}, {Session: 5, Completed: new(false)}},
	})
	want := map[string]string{
		"all_sessions":             "He has completed 9 of the 35 sessions; all 35 must be completed, in the group or by individual catch-up.",
		"catch_up_limit":           "Met: no more than the allowed number of missed sessions may be made up by individual catch-up. (max_catch_ups = 4)",
		"offender_manager_contact": "He last met his Offender Manager on 2 February 2026, 29 days before the as-of date, 3 March 2026; the longest interval allowed is 28 days.",
		"between_session_work":     "The work set after sessions 2 and 5 is recorded as not done; all the work set between sessions should be done.",
	}
	got := map[string]string{}
	for _, r := range sum.Completion.Rules {
		got[r.ID] = r.Message
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestContactMessages checks the Offender Manager contact rule's words for
// each kind of interval: between two meetings, from his first session,
// to the as-of date, to his last session, and with no meeting at all. The
// interval is the days from one meeting to the next: 3 March to 1 April is
// 29 days, one more than the 28 allowed.
func TestContactMessages(t *testing.T) {
	s := national(t)
	tests := []struct {
		name     string
		asOf     string
		sessions []isotp.SessionEvent
		contacts []isotp.Date
		verdict  rules.Verdict
		want     string
	}{
		{"between two meetings", "2026-04-14", weekly(t, 1, 15, "attended"),
			dates(t, "2026-01-05", "2026-01-26", "2026-02-16", "2026-03-03", "2026-04-01", "2026-04-14"), rules.Fail,
			"He met his Offender Manager on 3 March 2026 and next on 1 April 2026, 29 days later; the longest interval allowed is 28 days."},
		{"from his first session", "2026-03-03", weekly(t, 1, 9, "attended"), dates(t, "2026-02-10", "2026-03-01"), rules.Fail,
			"He first met his Offender Manager on 10 February 2026, 36 days after his first session on 5 January 2026; the longest interval allowed is 28 days."},
		{"to the as-of date", "2026-03-03", weekly(t, 1, 9, "attended"), dates(t, "2026-01-05", "2026-02-02"), rules.Fail,
			"He last met his Offender Manager on 2 February 2026, 29 days before the as-of date, 3 March 2026; the longest interval allowed is 28 days."},
		{"to his last session", "2026-09-04", weekly(t, 1, 35, "attended"), everyDays(t, "2026-01-05", "2026-06-01", 14), rules.Fail,
			"He last met his Offender Manager on 25 May 2026, 98 days before his last session on 31 August 2026; the longest interval allowed is 28 days."},
		{"no meeting at all", "2026-03-03", weekly(t, 1, 9, "attended"), []isotp.Date{}, rules.Fail,
			"He did not meet his Offender Manager from his first session on 5 January 2026 to the as-of date, 3 March 2026, 57 days; the longest interval allowed is 28 days."},
		{"28 days apart is allowed", "2026-03-03", weekly(t, 1, 9, "attended"), dates(t, "2026-01-05", "2026-02-02", "2026-03-02"), rules.Pass, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := summarize(t, s, tt.asOf, &isotp.Attendance{Sessions: tt.sessions, Warnings: []isotp.Date{}, OffenderManagerContacts: tt.contacts})
			for _, r := range sum.Completion.Rules {
				if r.ID != "offender_manager_contact" {
					continue
				}
				require.Equal(t, tt.verdict, r.Verdict)
				if tt.want != "" {
					require.Equal(t, tt.want, r.Message)
				}
				return
			}
			t.Fatal("no offender_manager_contact rule")
		})
	}
}

func TestCompletionAreaRules(t *testing.T) {
	history := &isotp.Attendance{
		Sessions:                concat(weekly(t, 1, 34, "attended"), events(t, "35 2026-08-31 UAAB", "35 2026-09-02 catch_up")),
		Warnings:                []isotp.Date{},
		OffenderManagerContacts: everyDays(t, "2026-01-05", "2026-09-04", 14),
		BetweenSessionWork:      []isotp.Work{},
	}
	area := `area: testshire
policy: i-SOTP
completion:
  rules:
    - id: no_breach_outstanding
      description: He must not be facing breach action.
      expression: summary.enforcement_action != 'breach'
      effect: required
    - id: summary_fields
      description: The summary and the record read as documented.
      expression: >
        summary.outstanding.size() == 0
        && summary.completed_sessions.size() == summary.sessions_completed
        && summary.completed_sessions[34] == 35
        && summary.failures == 1 && summary.catch_ups_remaining == 3
        && summary.hours_completed == 70 && summary.sessions_total == 35
        && attendance.sessions.exists(e, e.code == 'UAAB' && e.outcome == 'unacceptable_absence' && e.session == 35)
        && attendance.sessions.size() == 36 && attendance.warnings.size() == 0
      effect: advisory
    - id: offender_manager_contact
      description: He must meet his Offender Manager at least every 14 days.
      expression: longest_gap_days(attendance.offender_manager_contacts, summary.first_session, summary.last_session) <= 14
      effect: required
`
	sum := summarize(t, withArea(t, area), "2026-09-04", history)
	got := map[string]rules.Verdict{}
	for _, r := range sum.Completion.Rules {
		got[r.ID] = r.Verdict
	}
	want := map[string]rules.Verdict{"all_sessions": rules.Pass, "catch_up_limit": rules.Pass,
		"offender_manager_contact": rules.Pass, "between_session_work": rules.Pass, "no_breach_outstanding": rules.Pass,
		"summary_fields": rules.Pass}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if !sum.Completion.Met || sum.Enforcement.Action != ActionWarning {
		t.Errorf("met %v with enforcement %s, want met with a warning", sum.Completion.Met, sum.Enforcement.Action)
	}
}

// TestCompletionLoadErrors checks that mistakes in an area's completion rules
// are reported at file:line:col; the messages are in
// testdata/golden/completion_errors.txt.
func TestCompletionLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		area string
		want []string // the errors' positions
	}{
		{"replacing a rule not marked overridable", "area: x\npolicy: i-SOTP\ncompletion:\n  rules:\n    - id: all_sessions\n      description: d\n      expression: 'true'\n      effect: required\n",
			[]string{"area.yaml:5:11"}},
		{"a type error", "area: x\npolicy: i-SOTP\ncompletion:\n  rules:\n    - id: mine\n      description: d\n      expression: summary.catch_ups == 'four'\n      effect: required\n",
			[]string{"area.yaml:7:37"}},
		{"an unknown field of the summary", "area: x\npolicy: i-SOTP\ncompletion:\n  rules:\n    - id: mine\n      description: d\n      expression: summary.catchups < 2\n      effect: required\n",
			[]string{"area.yaml:7:26"}},
		{"an unknown effect", "area: x\npolicy: i-SOTP\ncompletion:\n  rules:\n    - id: mine\n      description: d\n      expression: 'true'\n      effect: ineligible\n",
			[]string{"area.yaml:8:15"}},
	}
	var messages strings.Builder
	for _, tt := range tests {
		pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(tt.area)))
		if err == nil {
			_, err = New(pol)
		}
		var list rules.ErrorList
		require.ErrorAs(t, err, &list, tt.name)
		require.ErrorIs(t, err, rules.ErrInvalidPolicy, tt.name)
		var got []string
		fmt.Fprintf(&messages, "# %s\n", tt.name)
		for _, e := range list {
			got = append(got, e.Pos.String())
			messages.WriteString(e.Detail() + "\n")
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: error positions mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	golden.CheckString(t, "testdata/golden/completion_errors.txt", messages.String())
}
