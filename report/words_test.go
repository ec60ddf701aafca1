package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/rules"
)

// summary makes an attendance summary of a ten-session programme whose
// sessions are in the given states, in order, the rest to come.
func summary(status attendance.Status, states ...attendance.State) *attendance.Summary {
	s := &attendance.Summary{Status: status, SessionsTotal: 10, CatchUpsAllowed: 2, Completion: attendance.Completion{Met: status == attendance.Completed}}
	for i := range 10 {
		st := attendance.StateToCome
		if i < len(states) {
			st = states[i]
		}
		s.Grid = append(s.Grid, attendance.SessionState{Session: i + 1, State: st})
		switch st {
		case attendance.StateAttended:
			s.SessionsCompleted++
			s.SessionsAttended++
		case attendance.StateCaughtUp:
			s.SessionsCompleted++
			s.SessionsCaughtUp++
			s.CatchUps++
		case attendance.StateMissed:
			s.CatchUps++
			s.Outstanding = append(s.Outstanding, i+1)
		}
	}
	s.HoursCompleted = 2 * s.SessionsCompleted
	s.GroupHours, s.CatchUpHours = 2*s.SessionsAttended, 2*s.SessionsCaughtUp
	s.CatchUpsRemaining = max(0, s.CatchUpsAllowed-s.CatchUps)
	return s
}

func TestYourAttendance(t *testing.T) {
	const (
		A = attendance.StateAttended
		C = attendance.StateCaughtUp
		M = attendance.StateMissed
	)
	failing := summary(attendance.Completed, A, A, A, A, A, A, A, A, A, A)
	failing.Completion = attendance.Completion{Rules: []rules.Result{{ID: "offender_manager_contact", Verdict: rules.Fail, Effect: attendance.EffectRequired}}}
	undecided := summary(attendance.Completed, A, A, A, A, A, A, A, A, A, A)
	undecided.Completion = attendance.Completion{Undecided: []string{"offender_manager_contact"},
		Rules: []rules.Result{{ID: "offender_manager_contact", Verdict: rules.Unknown, Effect: attendance.EffectRequired}}}
	inProgress := summary(attendance.InProgress, A, C, A)
	inProgress.Next = &attendance.Next{Kind: attendance.NextGroup, Session: 4}
	const rule = "To complete the programme you must go to every session, or make up a missed one in an individual catch-up session, and meet your Offender Manager regularly."
	tests := []struct {
		name   string
		s      *attendance.Summary
		want   []string
		reason string
	}{
		{
			name: "completed",
			s:    summary(attendance.Completed, A, A, C, A, A, A, A, A, C, A),
			want: []string{"You have completed the programme.",
				"You completed all 10 sessions: 8 sessions of group work (16 hours) and 2 individual catch-up sessions (4 hours).",
				"You made up sessions 3 and 9 in individual catch-up sessions. No more than 2 sessions can be made up this way."},
		},
		{
			name: "every session, a rule failing",
			s:    failing,
			want: []string{"You have been to every session, but the programme does not yet count as completed. Your Offender Manager will explain what is still needed.",
				"You completed all 10 sessions in group work (20 hours).", "You did not need any catch-up sessions.", rule},
		},
		{
			name:   "every session, a rule undecided",
			s:      undecided,
			want:   []string{"You have been to every session. Whether the programme counts as completed cannot be said yet, because some of the records needed are missing. Your Offender Manager will look into it.", "You completed all 10 sessions in group work (20 hours).", "You did not need any catch-up sessions.", rule},
			reason: "an undecided rule is not a failure, and the wording says so",
		},
		{
			name: "in progress",
			s:    inProgress,
			want: []string{"You have not finished the programme yet. Your next session is group session 4.",
				"You have completed 3 of the 10 sessions: 2 sessions of group work (4 hours) and 1 individual catch-up session (2 hours).",
				"You made up session 2 in an individual catch-up session. No more than 2 sessions can be made up this way; 1 more is allowed.", rule},
		},
		{
			name: "catch-up due",
			s:    summary(attendance.CatchUpRequired, A, C, M),
			want: []string{"You have not finished the programme yet. Before your next group session you must do an individual catch-up for session 3.",
				"You have completed 2 of the 10 sessions: 1 session of group work (2 hours) and 1 individual catch-up session (2 hours).",
				"You made up session 2 in an individual catch-up session. Session 3 still needs a catch-up. No more than 2 sessions can be made up this way; counting those still to do, no more are allowed.", rule},
		},
		{
			name: "restart",
			s:    summary(attendance.RestartRequired, A, C, M, M),
			want: []string{"You will need to start the programme again.",
				"You have completed 2 of the 10 sessions: 1 session of group work (2 hours) and 1 individual catch-up session (2 hours).",
				"You missed 3 sessions that each needed an individual catch-up (2, 3 and 4). No more than 2 sessions can be made up this way, so the programme has to start again. Your Offender Manager will talk to you about what happens next."},
		},
		{
			name: "not started",
			s:    summary(attendance.NotStarted),
			want: []string{"You have not started the programme yet.",
				"The programme has 10 sessions. To complete it you must go to every session, or make up a missed one in an individual catch-up session, and meet your Offender Manager regularly."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := append([]string{yourStatus(tt.s)}, yourAttendance(tt.s)...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestYourEnforcement(t *testing.T) {
	day := func(d int) isotp.Date { return isotp.NewDate(2026, 2, d) }
	by := day(20)
	tests := []struct {
		name     string
		failures []attendance.Failure
		action   attendance.Action
		want     []string
	}{
		{name: "none", action: attendance.ActionNone,
			want: []string{"There were no absences without an acceptable reason, and no sessions where you did not keep to the rules."}},
		{
			name:   "warning then breach",
			action: attendance.ActionBreach,
			failures: []attendance.Failure{
				{Date: day(2), Session: 5, Outcome: isotp.UnacceptableAbsence, Action: attendance.ActionWarning},
				{Date: day(9), Session: 6, Outcome: isotp.FailedToComply, Action: attendance.ActionBreach, BreachBy: &by},
			},
			want: []string{"On 2 February 2026 you were absent from session 5 without an acceptable reason. This means a formal warning. " +
				"On 9 February 2026 you did not keep to the rules of session 6. You had already been warned, so this means breach action: " +
				"your Offender Manager must take it further, which can mean the matter going back to court."},
		},
		{
			name:     "earlier warnings not recorded",
			action:   attendance.ActionUnknown,
			failures: []attendance.Failure{{Date: day(2), Session: 5, Outcome: isotp.UnacceptableAbsence, Action: attendance.ActionUnknown}},
			want: []string{"On 2 February 2026 you were absent from session 5 without an acceptable reason. Whether this means a formal warning or " +
				"breach action depends on any warnings you were given before, which are not recorded here. Your Offender Manager will tell you."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := summary(attendance.InProgress, attendance.StateAttended)
			s.Enforcement = attendance.Enforcement{Action: tt.action, Failures: tt.failures}
			if diff := cmp.Diff(tt.want, yourEnforcement(s)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if got := yourEnforcement(summary(attendance.NotStarted)); got != nil {
		t.Errorf("not started: got %q, want nothing", got)
	}
}

func TestMarkdownEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"om_contact_max_gap_days stays", "om_contact_max_gap_days stays"},
		{"_emphasis_ goes", `\_emphasis\_ goes`},
		{"- not a list", `\- not a list`},
		{"1988. not a list", `1988\. not a list`},
		{"a | b & <c>", `a \| b \& \<c\>`},
		{"two\nlines", "two lines"},
		{"26.5 and 2026.1 stay", "26.5 and 2026.1 stay"},
		{"-14 stays", "-14 stays"},
	}
	for _, tt := range tests {
		if got := md(tt.in); got != tt.want {
			t.Errorf("md(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
