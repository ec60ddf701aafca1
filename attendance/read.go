package attendance

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/enum"
)

// An event is a session event with its outcome resolved by the policy.
type event struct {
	session int
	date    isotp.Date
	outcome isotp.SessionOutcome
	code    string // the outcome as recorded
}

// missed reports whether the event is a group session he missed.
func (e event) missed() bool {
	return e.outcome == isotp.AcceptableAbsence || e.outcome == isotp.UnacceptableAbsence || e.outcome == isotp.FailedToComply
}

// present reports whether he was at the group session.
func (e event) present() bool {
	return e.outcome == isotp.Attended || e.outcome == isotp.FailedToComply
}

// failure reports whether the event is an unacceptable failure.
func (e event) failure() bool {
	return e.outcome == isotp.UnacceptableAbsence || e.outcome == isotp.FailedToComply
}

// compareEvents orders events by date; on one day by session, and for one
// session the group session before a catch-up (the outcome order puts
// catch_up last); then by outcome and code, so that the order never depends
// on the order of the input.
func compareEvents(a, b event) int {
	if c := a.date.Compare(b.date); c != 0 {
		return c
	}
	if a.session != b.session {
		return a.session - b.session
	}
	if a.outcome != b.outcome {
		return int(a.outcome) - int(b.outcome)
	}
	return strings.Compare(a.code, b.code)
}

// record is the part of a case the summary reads, checked, resolved and cut
// at the as-of date.
type record struct {
	events   []event      // in the order of compareEvents, duplicates removed
	warnings []isotp.Date // sorted; nil when the case does not say
	contacts []isotp.Date // sorted; nil when the case does not say
	work     []isotp.Work // nil when the case does not say
	findings []Finding
}

// read checks c's attendance record and resolves it into a record.
func (s *Summarizer) read(c *isotp.Case) (*record, error) {
	a := c.Attendance
	switch {
	case a == nil:
		return nil, &isotp.InputError{Path: "attendance", Msg: `required: the attendance record (give "sessions": [] if he has not started)`}
	case a.Sessions == nil:
		return nil, &isotp.InputError{Path: "attendance.sessions", Msg: "required: the session record (an empty list if he has not started)"}
	}
	rec := &record{events: make([]event, 0, len(a.Sessions))}
	after := func(d isotp.Date) bool { return !c.AsOf.IsZero() && d.After(c.AsOf) }
	for i, ev := range a.Sessions {
		// The path is written only for an error: this loop runs for every
		// event of every case.
		path := func() string { return "attendance.sessions[" + strconv.Itoa(i) + "]" }
		if err := s.checkSession("attendance.sessions", i, ev.Session); err != nil {
			return nil, err
		}
		if ev.Date.IsZero() {
			return nil, &isotp.InputError{Path: path() + ".date", Msg: "required"}
		}
		outcome, ok := s.pol.SessionOutcome(ev.Outcome)
		if !ok {
			return nil, &isotp.InputError{Path: path() + ".outcome", Msg: enum.Unknown("outcome", ev.Outcome)}
		}
		e := event{session: ev.Session, date: ev.Date, outcome: outcome, code: ev.Outcome}
		if after(ev.Date) {
			what := "group session"
			if outcome == isotp.CatchUp {
				what = "catch-up"
			}
			rec.findings = append(rec.findings, Finding{Code: AfterAsOf, Session: ev.Session, Date: ev.Date,
				Message: fmt.Sprintf("The %s for session %d on %s (%s) is dated after the as-of date, %s, and is not counted.",
					what, ev.Session, ev.Date.Long(), outcomeText(outcome), c.AsOf.Long())})
			continue
		}
		rec.events = append(rec.events, e)
	}
	if !slices.IsSortedFunc(rec.events, compareEvents) { // a record is usually kept in order
		slices.SortFunc(rec.events, compareEvents)
	}
	rec.events = dedupe(rec.events, &rec.findings)

	for i, w := range a.BetweenSessionWork {
		if err := s.checkSession("attendance.between_session_work", i, w.Session); err != nil {
			return nil, err
		}
	}
	rec.work = a.BetweenSessionWork
	rec.warnings = cutDates(a.Warnings, after, "warning", &rec.findings, c.AsOf)
	rec.contacts = cutDates(a.OffenderManagerContacts, after, "meeting with his Offender Manager", &rec.findings, c.AsOf)
	return rec, nil
}

// checkSession checks session number n of element i of the list at path.
func (s *Summarizer) checkSession(path string, i, n int) error {
	if n < 1 || n > s.sessions {
		return &isotp.InputError{Path: path + "[" + strconv.Itoa(i) + "].session", Msg: fmt.Sprintf("session %d is not one of the programme's sessions 1 to %d", n, s.sessions)}
	}
	return nil
}

// dedupe drops events recorded more than once (the same session, date and
// outcome, whatever the code), each with a finding. events must be sorted.
func dedupe(events []event, findings *[]Finding) []event {
	out := events[:0]
	for i, e := range events {
		if i > 0 {
			p := events[i-1]
			if p.session == e.session && p.date == e.date && p.outcome == e.outcome {
				*findings = append(*findings, Finding{Code: DuplicateEvent, Session: e.session, Date: e.date,
					Message: fmt.Sprintf("Session %d on %s (%s) is recorded more than once; it is counted once.", e.session, e.date.Long(), outcomeText(e.outcome))})
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// cutDates returns dates sorted, without those after the as-of date (each
// with a finding). A nil list stays nil: not known.
func cutDates(dates []isotp.Date, after func(isotp.Date) bool, what string, findings *[]Finding, asOf isotp.Date) []isotp.Date {
	if dates == nil {
		return nil
	}
	out := make([]isotp.Date, 0, len(dates))
	for _, d := range dates {
		if after(d) {
			*findings = append(*findings, Finding{Code: AfterAsOf, Date: d,
				Message: fmt.Sprintf("A %s on %s is dated after the as-of date, %s, and is not counted.", what, d.Long(), asOf.Long())})
			continue
		}
		out = append(out, d)
	}
	slices.SortFunc(out, isotp.Date.Compare)
	return out
}
