package decisions

import (
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/internal/jsonwrite"
)

// writeSummary writes an attendance.Summary.
func writeSummary(e *jsonwrite.Encoder, s *attendance.Summary) {
	e.BeginObject()
	if !s.AsOf.IsZero() {
		e.Key("as_of")
		writeDate(e, &s.AsOf)
	}
	e.Key("status")
	jsonwrite.Enum(e, s.Status)
	e.Key("sessions_total")
	e.Int(s.SessionsTotal)
	e.Key("sessions_completed")
	e.Int(s.SessionsCompleted)
	e.Key("catch_ups")
	e.Int(s.CatchUps)
	e.Key("catch_ups_remaining")
	e.Int(s.CatchUpsRemaining)
	e.Key("catch_ups_allowed")
	e.Int(s.CatchUpsAllowed)
	e.Key("outstanding")
	e.Ints(s.Outstanding)
	if s.Next != nil {
		e.Key("next")
		writeNext(e, s.Next)
	}
	e.Key("hours_completed")
	e.Int(s.HoursCompleted)
	e.Key("sessions_attended")
	e.Int(s.SessionsAttended)
	e.Key("sessions_caught_up")
	e.Int(s.SessionsCaughtUp)
	e.Key("group_hours")
	e.Int(s.GroupHours)
	e.Key("catch_up_hours")
	e.Int(s.CatchUpHours)
	e.Key("enforcement")
	writeEnforcement(e, &s.Enforcement)
	e.Key("completion")
	writeCompletion(e, &s.Completion)
	e.Key("findings")
	jsonwrite.Array(e, s.Findings, writeFinding)
	e.Key("grid")
	jsonwrite.Array(e, s.Grid, writeSessionState)
	e.Key("policy")
	writeInfo(e, &s.Policy)
	e.EndObject()
}

// writeNext writes an attendance.Next.
func writeNext(e *jsonwrite.Encoder, n *attendance.Next) {
	e.BeginObject()
	e.Key("kind")
	jsonwrite.Enum(e, n.Kind)
	e.Key("session")
	e.Int(n.Session)
	e.EndObject()
}

// writeEnforcement writes an attendance.Enforcement.
func writeEnforcement(e *jsonwrite.Encoder, x *attendance.Enforcement) {
	e.BeginObject()
	e.Key("action")
	jsonwrite.Enum(e, x.Action)
	e.Key("failures")
	jsonwrite.Array(e, x.Failures, writeFailure)
	e.Key("warnings")
	jsonwrite.Array(e, x.Warnings, writeDate)
	e.Key("breach_by")
	writeDatePtr(e, x.BreachBy)
	e.Key("breach_within_working_days")
	e.Int(x.BreachWithinWorkingDays)
	e.Key("working_days")
	e.String(x.WorkingDays)
	e.EndObject()
}

// writeFailure writes an attendance.Failure.
func writeFailure(e *jsonwrite.Encoder, f *attendance.Failure) {
	e.BeginObject()
	e.Key("date")
	writeDate(e, &f.Date)
	e.Key("session")
	e.Int(f.Session)
	e.Key("outcome")
	jsonwrite.EnumJSON(e, f.Outcome)
	e.Key("action")
	jsonwrite.Enum(e, f.Action)
	if f.BreachBy != nil {
		e.Key("breach_by")
		writeDate(e, f.BreachBy)
	}
	e.EndObject()
}

// writeCompletion writes an attendance.Completion.
func writeCompletion(e *jsonwrite.Encoder, c *attendance.Completion) {
	e.BeginObject()
	e.Key("met")
	e.Bool(c.Met)
	e.Key("undecided")
	e.Strings(c.Undecided)
	e.Key("rules")
	jsonwrite.Array(e, c.Rules, writeResult)
	e.Key("missing")
	e.Strings(c.Missing)
	if len(c.Variables) > 0 {
		e.Key("variables")
		jsonwrite.Array(e, c.Variables, writeVariable)
	}
	e.EndObject()
}

// writeFinding writes an attendance.Finding.
func writeFinding(e *jsonwrite.Encoder, f *attendance.Finding) {
	e.BeginObject()
	e.Key("code")
	jsonwrite.Enum(e, f.Code)
	if f.Session != 0 {
		e.Key("session")
		e.Int(f.Session)
	}
	if !f.Date.IsZero() {
		e.Key("date")
		writeDate(e, &f.Date)
	}
	e.Key("message")
	e.String(f.Message)
	e.EndObject()
}

// writeSessionState writes an attendance.SessionState.
func writeSessionState(e *jsonwrite.Encoder, s *attendance.SessionState) {
	e.BeginObject()
	e.Key("session")
	e.Int(s.Session)
	e.Key("state")
	jsonwrite.Enum(e, s.State)
	if !s.Date.IsZero() {
		e.Key("date")
		writeDate(e, &s.Date)
	}
	if !s.Missed.IsZero() {
		e.Key("missed")
		writeDate(e, &s.Missed)
	}
	e.EndObject()
}
