package attendance

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
)

// An event is a session event with its outcome resolved by the policy. It
// holds no pointers (its code is read from the case through its index), so
// that the collector has nothing to look for in a record's events.
type event struct {
	session int
	date    isotp.Date
	i       int32 // the index in attendance.sessions, where its code is
	outcome isotp.SessionOutcome
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
// on the order of the input. sessions is attendance.sessions, where the
// codes are.
func compareEvents(sessions []isotp.SessionEvent, a, b event) int {
	if c := a.date.Compare(b.date); c != 0 {
		return c
	}
	if a.session != b.session {
		return a.session - b.session
	}
	if a.outcome != b.outcome {
		return int(a.outcome) - int(b.outcome)
	}
	return strings.Compare(sessions[a.i].Outcome, sessions[b.i].Outcome)
}

// packKey packs the date d, session n, outcome o and index i in
// attendance.sessions of an event into a number whose order is that of
// compareEvents up to the code, from the highest bits down: year (14
// bits), month (4), day (5), session (16), outcome (3), index (16). Keys
// hold no pointers and compare as integers, so that ordering them is quick.
// It reports false when a part does not fit (a date no calendar names, a
// programme of 65,536 sessions or a record of as many events); read then
// orders the events themselves.
func packKey(d isotp.Date, n int, o isotp.SessionOutcome, i int) (uint64, bool) {
	if uint(d.Year) >= 1<<14 || uint(d.Month) >= 1<<4 || uint(d.Day) >= 1<<5 || uint(n) >= 1<<16 || o >= 1<<3 || uint(i) >= 1<<16 {
		return 0, false
	}
	return uint64(d.Year)<<44 | uint64(d.Month)<<40 | uint64(d.Day)<<35 | uint64(n)<<19 | uint64(o)<<16 | uint64(i), true
}

// unpackKey returns the event that key k stands for.
func unpackKey(sessions []isotp.SessionEvent, k uint64) event {
	i := int32(k & (1<<16 - 1))
	ev := &sessions[i]
	return event{session: ev.Session, date: ev.Date, i: i, outcome: isotp.SessionOutcome(k >> 16 & 7)}
}

// An outcomeCache resolves the outcomes of one history, each spelling once:
// a history spells its outcomes a few ways many times over, most often
// the way the event before it did.
type outcomeCache struct {
	known   map[string]isotp.SessionOutcome // the summarizer's (outcomeSpellings)
	n, last int                             // the codes remembered, and the one found last
	codes   [8]string
	vals    [8]isotp.SessionOutcome
}

// resolve is pol.SessionOutcome(code), remembered for the first few codes.
func (c *outcomeCache) resolve(pol *rules.Policy, code string) (isotp.SessionOutcome, bool) {
	if c.n > 0 && c.codes[c.last] == code {
		return c.vals[c.last], true
	}
	for i := range c.n {
		if c.codes[i] == code {
			c.last = i
			return c.vals[i], true
		}
	}
	o, ok := c.known[code]
	if !ok {
		o, ok = pol.SessionOutcome(code)
	}
	if ok && c.n < len(c.codes) {
		c.codes[c.n], c.vals[c.n], c.last = code, o, c.n
		c.n++
	}
	return o, ok
}

// outcomeSpellings returns pol.SessionOutcome of each of the policy's
// outcome codes and each pinned outcome's spelling, for reading a record
// without asking the policy: any other spelling is the policy's to
// resolve.
func outcomeSpellings(pol *rules.Policy) map[string]isotp.SessionOutcome {
	out := map[string]isotp.SessionOutcome{}
	var spellings []string
	for _, oc := range pol.OutcomeCodes() {
		spellings = append(spellings, oc.Code)
	}
	for o := isotp.SessionOutcome(1); o <= isotp.CatchUp; o++ {
		spellings = append(spellings, o.String())
	}
	for _, code := range spellings {
		if o, ok := pol.SessionOutcome(code); ok {
			out[code] = o
		}
	}
	return out
}

// record is the part of a case the summary reads, checked, resolved and cut
// at the as-of date.
type record struct {
	// The events, in the order of compareEvents, duplicates removed: their
	// keys (packKey), 8 bytes an event, when every event has one, and
	// otherwise the events themselves. Read them with n and event.
	keys     []uint64
	events   []event
	sessions []isotp.SessionEvent // attendance.sessions, as the case gives them: the events' codes
	warnings []isotp.Date         // sorted; nil when the case does not say
	contacts []isotp.Date         // sorted; nil when the case does not say
	work     []isotp.Work         // nil when the case does not say
	failures int                  // the events that are unacceptable failures
	findings []Finding
	brief    bool // for Brief: no findings
	// The keys may be in a summary's scratch memory, given back once the
	// summary is made (given): the completion rules may still read the
	// record after that, through a rules.Reuse, and it is then read again
	// from the case, by s.
	given bool
	s     *Summarizer
	c     *isotp.Case
}

// readMem is room for a record and the keys of the usual programme's
// events, in a summary's memory (summaryMem): a record read there and its
// keys last as long as the summary.
type readMem struct {
	rec  record
	keys [64]uint64
}

// read checks c's attendance record and resolves it into a record, its
// findings found in sc (nil when brief). The record is made in mem, when
// given, and its keys too when sc holds no room for them.
func (s *Summarizer) read(c *isotp.Case, brief bool, sc *scratch, mem *readMem) (*record, error) {
	a := c.Attendance
	switch {
	case a == nil:
		return nil, &isotp.InputError{Path: "attendance", Msg: `required: the attendance record (give "sessions": [] if he has not started)`}
	case a.Sessions == nil:
		return nil, &isotp.InputError{Path: "attendance.sessions", Msg: "required: the session record (an empty list if he has not started)"}
	}
	var rec *record
	if mem != nil {
		mem.rec = record{sessions: a.Sessions, brief: brief}
		rec = &mem.rec
	} else {
		rec = &record{sessions: a.Sessions, brief: brief}
	}
	findings, nt := &rec.findings, (*note)(nil)
	if brief {
		findings = nil
	} else {
		rec.findings, nt = sc.findings, &sc.note
	}
	after := func(d isotp.Date) bool { return !c.AsOf.IsZero() && d.After(c.AsOf) }
	// The events are checked and ordered by their keys (packKey), and
	// kept as those keys: rec.keys, as long as the record, in sc when
	// they fit.
	var keys []uint64
	switch n := len(a.Sessions); {
	case sc != nil && n <= cap(sc.keys):
		keys = sc.keys[:0]
		rec.s, rec.c = s, c
	case mem != nil && n <= len(mem.keys):
		keys = mem.keys[:0:n]
	default:
		keys = make([]uint64, 0, n)
	}
	packed := true // every event has its key
	codes := outcomeCache{known: s.outcomes}
	asOf, cut := c.AsOf, !c.AsOf.IsZero() // cut: leave out what is dated after asOf
	for i := range a.Sessions {
		ev := &a.Sessions[i]
		// The path is written only for an error: this loop runs for every
		// event of every case.
		path := func() string { return "attendance.sessions[" + strconv.Itoa(i) + "]" }
		if ev.Session < 1 || ev.Session > s.sessions {
			return nil, s.checkSession("attendance.sessions", i, ev.Session)
		}
		if ev.Date.IsZero() {
			return nil, &isotp.InputError{Path: path() + ".date", Msg: "required"}
		}
		outcome, ok := codes.resolve(s.pol, ev.Outcome)
		if !ok {
			return nil, &isotp.InputError{Path: path() + ".outcome", Msg: enum.Unknown("outcome", ev.Outcome)}
		}
		if !cut || !ev.Date.After(asOf) {
			k, ok := packKey(ev.Date, ev.Session, outcome, i)
			packed = packed && ok
			keys = append(keys, k)
			continue
		}
		if !brief {
			what := "group session"
			if outcome == isotp.CatchUp {
				what = "catch-up"
			}
			rec.findings = addFinding(rec.findings, Finding{Code: AfterAsOf, Session: ev.Session, Date: ev.Date,
				Message: nt.str("The ").str(what).str(" for session ").num(ev.Session).str(" on ").day(ev.Date).str(" (").str(outcomeText(outcome)).
					str(") is dated after the as-of date, ").day(c.AsOf).str(", and is not counted.").done()})
		}
	}
	if packed {
		sortKeys(keys)
		rec.keys = dedupKeys(keys, a.Sessions, findings, nt)
		for _, k := range rec.keys {
			if (event{outcome: isotp.SessionOutcome(k >> 16 & 7)}).failure() {
				rec.failures++
			}
		}
	} else {
		sorted := make([]event, 0, len(keys))
		for i, ev := range a.Sessions {
			if !after(ev.Date) {
				outcome, _ := codes.resolve(s.pol, ev.Outcome)
				sorted = append(sorted, event{session: ev.Session, date: ev.Date, i: int32(i), outcome: outcome})
			}
		}
		slices.SortFunc(sorted, func(x, y event) int { return compareEvents(a.Sessions, x, y) })
		rec.events = dedupEvents(sorted, a.Sessions, findings, nt)
		for _, e := range rec.events {
			if e.failure() {
				rec.failures++
			}
		}
	}

	for i := range a.BetweenSessionWork {
		if n := a.BetweenSessionWork[i].Session; n < 1 || n > s.sessions {
			return nil, s.checkSession("attendance.between_session_work", i, n)
		}
	}
	rec.work = a.BetweenSessionWork
	rec.warnings = cutDates(a.Warnings, after, "warning", findings, nt, c.AsOf)
	rec.contacts = cutDates(a.OffenderManagerContacts, after, "meeting with his Offender Manager", findings, nt, c.AsOf)
	return rec, nil
}

// sortKeys sorts keys: by insertion for the few dozen of a programme's
// history, which is quickest for so few and for a record kept in order, as
// one usually is; by slices.Sort for more.
func sortKeys(keys []uint64) {
	if len(keys) > 64 {
		slices.Sort(keys)
		return
	}
	for i := 1; i < len(keys); i++ {
		k, j := keys[i], i
		for ; j > 0 && keys[j-1] > k; j-- {
			keys[j] = keys[j-1]
		}
		keys[j] = k
	}
}

// The same event recorded more than once (the same session, date and
// outcome, whatever the code) counts once, with the code compareEvents
// puts first. dedupKeys drops the repeats from sorted keys, in place: keys
// put repeats in the order they were recorded, and differ only in their
// index, the lowest 16 bits. A nil findings takes no findings; their
// messages are written in nt.
func dedupKeys(keys []uint64, sessions []isotp.SessionEvent, findings *[]Finding, nt *note) []uint64 {
	out := keys[:0]
	for _, k := range keys {
		if n := len(out); n > 0 && out[n-1]>>16 == k>>16 {
			p := &out[n-1]
			e := unpackKey(sessions, k)
			if findings != nil {
				*findings = addFinding(*findings, duplicate(e, nt))
			}
			if sessions[e.i].Outcome < sessions[*p&(1<<16-1)].Outcome {
				*p = *p&^(1<<16-1) | uint64(e.i)
			}
			continue
		}
		out = append(out, k)
	}
	return out
}

// dedupEvents is dedupKeys for events ordered by compareEvents.
func dedupEvents(sorted []event, sessions []isotp.SessionEvent, findings *[]Finding, nt *note) []event {
	out := sorted[:0]
	for _, e := range sorted {
		if n := len(out); n > 0 {
			if p := &out[n-1]; p.session == e.session && p.date == e.date && p.outcome == e.outcome {
				if findings != nil {
					*findings = addFinding(*findings, duplicate(e, nt))
				}
				if sessions[e.i].Outcome < sessions[p.i].Outcome {
					p.i = e.i
				}
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// duplicate is the finding for an event recorded again, its message
// written in nt.
func duplicate(e event, nt *note) Finding {
	return Finding{Code: DuplicateEvent, Session: e.session, Date: e.date,
		Message: nt.str("Session ").num(e.session).str(" on ").day(e.date).str(" (").str(outcomeText(e.outcome)).str(") is recorded more than once; it is counted once.").done()}
}

// give marks the record's keys given back with the scratch they are in:
// from then on, the record is read again from the case when its events are
// wanted.
func (r *record) give() {
	if r.s != nil {
		r.keys, r.given = nil, true
	}
}

// again returns the record to read the events of: r, or, once r's keys
// are given back, the case read again; nil if it no longer reads.
func (r *record) again() *record {
	if !r.given {
		return r
	}
	again, err := r.s.read(r.c, true, nil, nil)
	if err != nil {
		return nil
	}
	return again
}

// n returns the number of events.
func (r *record) n() int {
	if r.keys != nil {
		return len(r.keys)
	}
	return len(r.events)
}

// event returns event j, in order.
func (r *record) event(j int) event {
	if r.keys != nil {
		return unpackKey(r.sessions, r.keys[j])
	}
	return r.events[j]
}

// at returns event j's session, outcome and index in attendance.sessions:
// what event(j) gives but its day, quicker.
func (r *record) at(j int) (session int, outcome isotp.SessionOutcome, i int) {
	if r.keys != nil {
		k := r.keys[j]
		return int(k >> 19 & (1<<16 - 1)), isotp.SessionOutcome(k >> 16 & 7), int(k & (1<<16 - 1))
	}
	e := &r.events[j]
	return e.session, e.outcome, int(e.i)
}

// checkSession checks session number n of element i of the list at path.
func (s *Summarizer) checkSession(path string, i, n int) error {
	if n < 1 || n > s.sessions {
		return &isotp.InputError{Path: path + "[" + strconv.Itoa(i) + "].session", Msg: fmt.Sprintf("session %d is not one of the programme's sessions 1 to %d", n, s.sessions)}
	}
	return nil
}

// asIs reports whether dates are in order and, when cut, none is after
// asOf: what cutDates would return is dates itself.
func asIs(dates []isotp.Date, cut bool, asOf isotp.Date) bool {
	for i := range dates {
		if cut && dates[i].After(asOf) || i > 0 && dates[i-1].After(dates[i]) {
			return false
		}
	}
	return true
}

// cutDates returns dates sorted, without those after the as-of date (each
// with a finding). A nil list stays nil: not known. A list with nothing to
// leave out and in order, as a case's usually is, is returned as it is, to
// be read and never changed. A nil findings takes no findings; their
// messages are written in nt.
func cutDates(dates []isotp.Date, after func(isotp.Date) bool, what string, findings *[]Finding, nt *note, asOf isotp.Date) []isotp.Date {
	if dates == nil {
		return nil
	}
	if asIs(dates, !asOf.IsZero(), asOf) {
		return dates
	}
	out := make([]isotp.Date, 0, len(dates))
	for _, d := range dates {
		if after(d) {
			if findings != nil {
				*findings = addFinding(*findings, Finding{Code: AfterAsOf, Date: d,
					Message: nt.str("A ").str(what).str(" on ").day(d).str(" is dated after the as-of date, ").day(asOf).str(", and is not counted.").done()})
			}
			continue
		}
		out = append(out, d)
	}
	slices.SortFunc(out, isotp.Date.Compare)
	return out
}
