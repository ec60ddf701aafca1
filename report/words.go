package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/rules"
)

// This file says, in plain English and to the man himself, what his
// attendance record means. The Offender Manager's part of the report quotes
// the attendance summary's own wording.

// yourStatus says in a sentence or two whether he has completed the
// programme.
func yourStatus(s *attendance.Summary) string {
	switch s.Status {
	case attendance.Completed:
		switch {
		case s.Completion.Met:
			return "You have completed the programme."
		case failsRequired(s):
			return "You have been to every session, but the programme does not yet count as completed. Your Offender Manager will explain what is still needed."
		}
		return "You have been to every session. Whether the programme counts as completed cannot be said yet, because some of the records needed are missing. Your Offender Manager will look into it."
	case attendance.RestartRequired:
		return "You will need to start the programme again."
	case attendance.CatchUpRequired:
		return fmt.Sprintf("You have not finished the programme yet. Before your next group session you must do an individual catch-up for %s.",
			sessionList(s.Outstanding))
	case attendance.InProgress:
		if s.Next != nil {
			return fmt.Sprintf("You have not finished the programme yet. Your next session is group session %d.", s.Next.Session)
		}
		return "You have not finished the programme yet."
	}
	return "You have not started the programme yet."
}

// failsRequired reports whether a required completion rule fails, as
// against one that could not be decided.
func failsRequired(s *attendance.Summary) bool {
	for _, r := range s.Completion.Rules {
		if r.Effect == attendance.EffectRequired && r.Verdict == rules.Fail {
			return true
		}
	}
	return false
}

// yourAttendance says what he has done: sessions, hours and catch-ups, and
// what completing the programme takes.
func yourAttendance(s *attendance.Summary) []string {
	if s.Status == attendance.NotStarted {
		return []string{fmt.Sprintf("The programme has %d sessions. To complete it you must go to every session, or make up a missed one in an individual catch-up session, and meet your Offender Manager regularly.", s.SessionsTotal)}
	}
	var caught, owed, both []int
	for _, st := range s.Grid {
		switch st.State {
		case attendance.StateCaughtUp:
			caught = append(caught, st.Session)
		case attendance.StateMissed:
			owed = append(owed, st.Session)
		default:
			continue
		}
		both = append(both, st.Session)
	}
	var out []string
	if s.SessionsCompleted == s.SessionsTotal {
		out = append(out, fmt.Sprintf("You completed all %d sessions%s", s.SessionsTotal, howCompleted(s)))
	} else {
		out = append(out, fmt.Sprintf("You have completed %d of the %d sessions%s", s.SessionsCompleted, s.SessionsTotal, howCompleted(s)))
	}
	if s.Status == attendance.RestartRequired {
		out = append(out, fmt.Sprintf("You missed %d sessions that each needed an individual catch-up (%s). No more than %d %s can be made up this way, so the programme has to start again. Your Offender Manager will talk to you about what happens next.",
			s.CatchUps, joinInts(both), s.CatchUpsAllowed, pick(s.CatchUpsAllowed, "session", "sessions")))
		return out
	}
	var p []string
	if len(caught) == 0 && len(owed) == 0 {
		p = append(p, "You did not need any catch-up sessions.")
	}
	if len(caught) > 0 {
		p = append(p, fmt.Sprintf("You made up %s in %s.", sessionList(caught), pick(len(caught), "an individual catch-up session", "individual catch-up sessions")))
	}
	if len(owed) > 0 {
		p = append(p, fmt.Sprintf("%s still %s a catch-up.", capital(sessionList(owed)), pick(len(owed), "needs", "need")))
	}
	if len(caught)+len(owed) > 0 {
		limit := fmt.Sprintf("No more than %d %s can be made up this way", s.CatchUpsAllowed, pick(s.CatchUpsAllowed, "session", "sessions"))
		more := fmt.Sprintf("%d more %s allowed", s.CatchUpsRemaining, pick(s.CatchUpsRemaining, "is", "are"))
		if s.CatchUpsRemaining == 0 {
			more = "no more are allowed"
		}
		switch {
		case s.Status == attendance.Completed:
			limit += "."
		case len(owed) > 0:
			limit += "; counting those still to do, " + more + "."
		default:
			limit += "; " + more + "."
		}
		p = append(p, limit)
	}
	out = append(out, strings.Join(p, " "))
	if s.Status != attendance.Completed || !s.Completion.Met {
		out = append(out, "To complete the programme you must go to every session, or make up a missed one in an individual catch-up session, and meet your Offender Manager regularly.")
	}
	return out
}

// howCompleted says how he completed his sessions, group work and
// individual catch-ups each with its hours: ": 33 sessions of group work (66
// hours) and 2 individual catch-up sessions (4 hours)."
func howCompleted(s *attendance.Summary) string {
	group := fmt.Sprintf("%d %s of group work (%s)", s.SessionsAttended, pick(s.SessionsAttended, "session", "sessions"), hours(s.GroupHours))
	catchUp := fmt.Sprintf("%d individual catch-up %s (%s)", s.SessionsCaughtUp, pick(s.SessionsCaughtUp, "session", "sessions"), hours(s.CatchUpHours))
	switch {
	case s.SessionsCompleted == 0:
		return "."
	case s.SessionsCaughtUp == 0:
		return " in group work (" + hours(s.GroupHours) + ")."
	case s.SessionsAttended == 0:
		return " in individual catch-up sessions (" + hours(s.CatchUpHours) + ")."
	}
	return ": " + group + " and " + catchUp + "."
}

// yourEnforcement says what each of his unacceptable failures means.
func yourEnforcement(s *attendance.Summary) []string {
	e := s.Enforcement
	if len(e.Failures) == 0 {
		if s.Status == attendance.NotStarted {
			return nil
		}
		return []string{"There were no absences without an acceptable reason, and no sessions where you did not keep to the rules."}
	}
	var p []string
	unknown := 0
	for _, f := range e.Failures {
		what := fmt.Sprintf("On %s you were absent from session %d without an acceptable reason.", f.Date.Long(), f.Session)
		if f.Outcome == isotp.FailedToComply {
			what = fmt.Sprintf("On %s you did not keep to the rules of session %d.", f.Date.Long(), f.Session)
		}
		switch f.Action {
		case attendance.ActionWarning:
			what += " This means a formal warning."
		case attendance.ActionBreach:
			what += " You had already been warned, so this means breach action: your Offender Manager must take it further, which can mean the matter going back to court."
		case attendance.ActionUnknown:
			unknown++
		}
		p = append(p, what)
	}
	switch {
	case unknown == 1:
		p = append(p, "Whether this means a formal warning or breach action depends on any warnings you were given before, which are not recorded here. Your Offender Manager will tell you.")
	case unknown > 1:
		p = append(p, "Whether each of these means a formal warning or breach action depends on any warnings you were given before, which are not recorded here. Your Offender Manager will tell you.")
	}
	return []string{strings.Join(p, " ")}
}

// plainCategory says in a few words what a scale's change amounts to, for a
// table of his results.
func plainCategory(c assessment.Category) string {
	switch c {
	case assessment.Recovered:
		return "Better, and now in the usual range"
	case assessment.Improved:
		return "Better"
	case assessment.Unchanged:
		return "No real change"
	case assessment.Deteriorated:
		return "Worse"
	case assessment.NormsMissing:
		return "Cannot be said"
	case assessment.Incomplete:
		return "No change worked out"
	}
	return ""
}

func hours(n int) string {
	return strconv.Itoa(n) + pick(n, " hour", " hours")
}

// sessionList writes "session 3" or "sessions 3, 5 and 7".
func sessionList(n []int) string {
	return pick(len(n), "session ", "sessions ") + joinInts(n)
}

func joinInts(n []int) string {
	s := make([]string, len(n))
	for i, x := range n {
		s[i] = strconv.Itoa(x)
	}
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
