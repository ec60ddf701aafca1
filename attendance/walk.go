package attendance

import (
	"strings"

	"github.com/isotp-dev/isotp"
)

// walked is what a walk through the events found.
type walked struct {
	grid        []SessionState // one per session, in order; nil for Brief
	states      []State        // each session's state in the grid, in order
	failures    []event        // unacceptable failures, in date order
	first, last isotp.Date     // the first and last event's days; zero when none
	findings    []Finding      // those given to walk, then its own
	note        *note          // where its findings' messages are written
	sessions    []isotp.SessionEvent
	brief       bool // for Brief: no grid, no findings
}

// sessionRec is one session's state during the walk. Its days are those
// of events, each named by its place in attendance.sessions plus one (see
// walked.day): 0 is no day.
type sessionRec struct {
	state    State // to_come until something is recorded
	recorded bool  // a group session event exists
	date     int32 // the day of the event that decided the state
	missed   int32 // the first day it was missed, while that matters
}

// day returns the day of event at, a place in attendance.sessions plus
// one; the zero Date for 0.
func (w *walked) day(at int32) isotp.Date {
	if at == 0 {
		return isotp.Date{}
	}
	return w.sessions[at-1].Date
}

// walk takes the events in order and applies the rules of the package
// comment, steps 4 and 5. Its findings are appended to those of the
// record. The sessions' states are put in states, which must have room
// for params.sessions. The messages of findings are written in sc's note;
// sc may be nil for Brief.
func (s *Summarizer) walk(rec *record, states []State, sc *scratch) walked {
	w := walked{findings: rec.findings, brief: rec.brief, states: states[:s.sessions], sessions: rec.sessions}
	if sc != nil {
		w.note = &sc.note
	}
	switch {
	case sc != nil && rec.failures <= cap(sc.failures):
		w.failures = sc.failures[:0]
	case rec.failures > 0:
		w.failures = make([]event, 0, rec.failures)
	}
	var buf [64]sessionRec // the usual programme fits: no allocation
	recs := buf[:0]
	if s.sessions+1 > len(buf) {
		recs = make([]sessionRec, 0, s.sessions+1)
	}
	recs = recs[:s.sessions+1] // indexed by session number
	for i := range recs {
		recs[i].state = StateToCome
	}
	lastRecorded := 0
	owed := 0             // sessions in StateMissed
	var first, last int32 // the first and last events, as sessionRec names them
	for j := range rec.n() {
		// The event's date is read only where it is needed: the event
		// itself (rec.event) is made only for a failure or a finding.
		n, o, i := rec.at(j)
		at := int32(i) + 1
		if first == 0 {
			first = at
		}
		last = at
		if (event{outcome: o}).failure() {
			w.failures = append(w.failures, rec.event(j))
		}
		r := &recs[n]
		wasMissed := r.state == StateMissed
		switch {
		case o != isotp.CatchUp:
			r.recorded = true
			lastRecorded = max(lastRecorded, n)
			if (event{outcome: o}).present() && owed > 0 && !(owed == 1 && wasMissed) && !w.brief {
				w.checkContinued(recs, rec.event(j))
			}
			switch {
			case r.state == StateAttended || r.state == StateCaughtUp:
				if !w.brief {
					w.recordedAgain(r, rec.event(j))
				}
			case o == isotp.Attended:
				// Attending completes the session, even one missed
				// before: a session attended in the group needs no
				// catch-up.
				*r = sessionRec{state: StateAttended, date: at, recorded: true}
			case (event{outcome: o}).missed() && !wasMissed:
				r.state, r.date, r.missed = StateMissed, at, at
			}
		case wasMissed: // an individual catch-up for a missed session
			r.state, r.date = StateCaughtUp, at
		case !w.brief:
			w.catchUpNotCounted(r, rec.event(j))
		}
		if isMissed := r.state == StateMissed; isMissed != wasMissed {
			if isMissed {
				owed++
			} else {
				owed--
			}
		}
	}
	w.first, w.last = w.day(first), w.day(last)
	if !w.brief {
		w.grid = make([]SessionState, s.sessions)
	}
	for n := 1; n <= s.sessions; n++ {
		r := &recs[n]
		state := r.state
		if !r.recorded && n < lastRecorded && r.state == StateToCome {
			state = StateNotRecorded
		}
		w.states[n-1] = state
		if w.brief {
			continue
		}
		st := &w.grid[n-1]
		st.Session, st.State, st.Date = n, state, w.day(r.date)
		if r.state == StateCaughtUp {
			st.Missed = w.day(r.missed)
		}
		if state == StateNotRecorded {
			w.findings = addFinding(w.findings, Finding{Code: GapInRecord, Session: n,
				Message: w.note.str("Session ").num(n).str(" has no group session record, though later sessions do.").done()})
		}
	}
	return w
}

// recordedAgain reports group session event e, for a session completed
// before.
func (w *walked) recordedAgain(r *sessionRec, e event) {
	w.findings = addFinding(w.findings, Finding{Code: SessionRecordedTwice, Session: e.session, Date: e.date,
		Message: w.note.str("Session ").num(e.session).str(" is recorded again on ").day(e.date).str(" (").str(outcomeText(e.outcome)).
			str(") after it was completed on ").day(w.day(r.date)).str("; the later record does not change the session.").done()})
}

// catchUpNotCounted reports catch-up e, for a session not missed or
// already caught up.
func (w *walked) catchUpNotCounted(r *sessionRec, e event) {
	switch r.state {
	case StateCaughtUp:
		w.findings = addFinding(w.findings, Finding{Code: CatchUpRepeated, Session: e.session, Date: e.date,
			Message: w.catchUpText(e).str(", though it was already caught up on ").day(w.day(r.date)).str("; it is not counted.").done()})
	case StateAttended:
		w.findings = addFinding(w.findings, Finding{Code: CatchUpNotMissed, Session: e.session, Date: e.date,
			Message: w.catchUpText(e).str(", though he attended that session on ").day(w.day(r.date)).str("; it is not counted.").done()})
	default:
		w.findings = addFinding(w.findings, Finding{Code: CatchUpNotMissed, Session: e.session, Date: e.date,
			Message: w.catchUpText(e).str(", though that session had not been missed by then; it is not counted.").done()})
	}
}

// catchUpText begins the message of a finding about catch-up e.
func (w *walked) catchUpText(e event) *note {
	return w.note.str("A catch-up for session ").num(e.session).str(" on ").day(e.date)
}

// checkContinued reports a group session he was at while another session's
// miss was still to be caught up.
func (w *walked) checkContinued(recs []sessionRec, e event) {
	owed := 0
	for n := 1; n < len(recs); n++ {
		if n != e.session && recs[n].state == StateMissed {
			owed++
		}
	}
	if owed == 0 {
		return
	}
	// The sessions owed, as joinAnd lists them.
	nt := w.note.str("He attended group session ").num(e.session).str(" on ").day(e.date).str(" before catching up ")
	for n, i := 1, 0; n < len(recs); n++ {
		if n == e.session || recs[n].state != StateMissed {
			continue
		}
		switch i++; {
		case i == owed && i > 1:
			nt.str(" and ")
		case i > 1:
			nt.str(", ")
		}
		nt.str("session ").num(n).str(" (missed ").day(w.day(recs[n].missed)).str(")")
	}
	w.findings = addFinding(w.findings, Finding{Code: ContinuedBeforeCatchUp, Session: e.session, Date: e.date,
		Message: nt.str(".").done()})
}

// joinAnd joins items as a person writes a list: "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
