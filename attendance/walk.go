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
	brief       bool           // for Brief: no grid, no findings
}

// sessionRec is one session's state during the walk.
type sessionRec struct {
	state    State      // to_come until something is recorded
	date     isotp.Date // the day of the event that decided the state
	missed   isotp.Date // the first day it was missed, while that matters
	recorded bool       // a group session event exists
}

// walk takes the events in order and applies the rules of the package
// comment, steps 4 and 5. Its findings are appended to those of the
// record. The sessions' states are put in states, which must have room
// for params.sessions. The messages of findings are written in sc's note;
// sc may be nil for Brief.
func (s *Summarizer) walk(rec *record, states []State, sc *scratch) walked {
	w := walked{findings: rec.findings, brief: rec.brief, states: states[:s.sessions]}
	if sc != nil {
		w.note = &sc.note
	}
	if rec.failures > 0 {
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
	owed := 0 // sessions in StateMissed
	for j := range rec.n() {
		e := rec.event(j)
		if w.first.IsZero() {
			w.first = e.date
		}
		w.last = e.date
		if e.failure() {
			w.failures = append(w.failures, e)
		}
		r := &recs[e.session]
		wasMissed := r.state == StateMissed
		if e.outcome == isotp.CatchUp {
			w.catchUp(r, e)
		} else {
			r.recorded = true
			lastRecorded = max(lastRecorded, e.session)
			if e.present() && owed > 0 && !(owed == 1 && wasMissed) && !w.brief {
				w.checkContinued(recs, e)
			}
			w.group(r, e)
		}
		if isMissed := r.state == StateMissed; isMissed != wasMissed {
			if isMissed {
				owed++
			} else {
				owed--
			}
		}
	}
	if !w.brief {
		w.grid = make([]SessionState, s.sessions)
	}
	for n := 1; n <= s.sessions; n++ {
		r := recs[n]
		state := r.state
		if !r.recorded && n < lastRecorded && r.state == StateToCome {
			state = StateNotRecorded
		}
		w.states[n-1] = state
		if w.brief {
			continue
		}
		st := SessionState{Session: n, State: state, Date: r.date}
		if r.state == StateCaughtUp {
			st.Missed = r.missed
		}
		if state == StateNotRecorded {
			w.findings = addFinding(w.findings, Finding{Code: GapInRecord, Session: n,
				Message: w.note.str("Session ").num(n).str(" has no group session record, though later sessions do.").done()})
		}
		w.grid[n-1] = st
	}
	return w
}

// group applies a group session event to its session.
func (w *walked) group(r *sessionRec, e event) {
	switch {
	case r.state == StateAttended || r.state == StateCaughtUp:
		if w.brief {
			return
		}
		w.findings = addFinding(w.findings, Finding{Code: SessionRecordedTwice, Session: e.session, Date: e.date,
			Message: w.note.str("Session ").num(e.session).str(" is recorded again on ").day(e.date).str(" (").str(outcomeText(e.outcome)).
				str(") after it was completed on ").day(r.date).str("; the later record does not change the session.").done()})
	case e.outcome == isotp.Attended:
		// Attending completes the session, even one missed before: a
		// session attended in the group needs no catch-up.
		*r = sessionRec{state: StateAttended, date: e.date, recorded: true}
	case e.missed() && r.state != StateMissed:
		r.state, r.date, r.missed = StateMissed, e.date, e.date
	}
}

// catchUp applies an individual catch-up to its session.
func (w *walked) catchUp(r *sessionRec, e event) {
	switch {
	case r.state == StateMissed:
		r.state, r.date = StateCaughtUp, e.date
	case w.brief:
	case r.state == StateCaughtUp:
		w.findings = addFinding(w.findings, Finding{Code: CatchUpRepeated, Session: e.session, Date: e.date,
			Message: w.catchUpText(e).str(", though it was already caught up on ").day(r.date).str("; it is not counted.").done()})
	case r.state == StateAttended:
		w.findings = addFinding(w.findings, Finding{Code: CatchUpNotMissed, Session: e.session, Date: e.date,
			Message: w.catchUpText(e).str(", though he attended that session on ").day(r.date).str("; it is not counted.").done()})
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
		nt.str("session ").num(n).str(" (missed ").day(recs[n].missed).str(")")
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
