package reference

import (
	"sort"

	"github.com/isotp-dev/isotp"
)

// National attendance parameters.
const (
	Sessions             = 35
	SessionHours         = 2
	MaxCatchUps          = 4
	WarningWindowMonths  = 12
	BreachWithinWorkDays = 10
	OMContactMaxGapDays  = 28
	acceptableAbsence    = isotp.AcceptableAbsence
	unacceptableAbsence  = isotp.UnacceptableAbsence
	failedToComply       = isotp.FailedToComply
)

// outcomeCodes is the national mapping of nDelius codes.
var outcomeCodes = map[string]isotp.SessionOutcome{
	"ATTC": isotp.Attended, "AFTC": failedToComply, "ATSH": failedToComply, "ATSS": isotp.Attended,
	"UAAB": unacceptableAbsence,
	"AAAA": acceptableAbsence, "AAME": acceptableAbsence, "AARE": acceptableAbsence, "AASD": acceptableAbsence,
	"AAHO": acceptableAbsence, "AAEM": acceptableAbsence, "AAFC": acceptableAbsence, "AACL": acceptableAbsence,
	"AARC": acceptableAbsence, "RSSR": acceptableAbsence, "RSOF": acceptableAbsence,
}

// Failure is one unacceptable failure and the action it calls for.
type Failure struct {
	Date     isotp.Date
	Session  int
	Action   string // warning, breach or unknown
	BreachBy isotp.Date
}

// Summary is the reference's attendance summary.
type Summary struct {
	Status            string
	SessionsCompleted int
	CatchUps          int
	CatchUpsRemaining int
	Outstanding       []int
	NextKind          string // "", catch_up or group
	NextSession       int
	HoursCompleted    int
	SessionsAttended  int
	SessionsCaughtUp  int
	GroupHours        int
	CatchUpHours      int
	Action            string // none, warning, breach or unknown
	Failures          []Failure
	Warnings          []isotp.Date      // every warning counted, in date order; nil when the case does not record them
	Completion        map[string]string // rule id -> pass, fail, unknown, not_applicable
	Met               bool
}

type ev struct {
	date    isotp.Date
	session int
	outcome isotp.SessionOutcome
	catchUp bool
}

// Summarize applies the national attendance semantics to the case's
// attendance, which must be present with sessions given. ok is false when an
// outcome cannot be read or a session is out of range.
func Summarize(c *isotp.Case) (s Summary, ok bool) {
	a := c.Attendance
	if a == nil || a.Sessions == nil {
		return s, false
	}
	var evs []ev
	for _, e := range a.Sessions {
		o, known := isotp.ParseSessionOutcome(e.Outcome)
		if !known {
			if o, known = outcomeCodes[e.Outcome]; !known {
				return s, false
			}
		}
		if e.Session < 1 || e.Session > Sessions {
			return s, false
		}
		if !c.AsOf.IsZero() && e.Date.After(c.AsOf) {
			continue
		}
		evs = append(evs, ev{e.Date, e.Session, o, o == isotp.CatchUp})
	}
	sort.SliceStable(evs, func(i, j int) bool {
		x, y := evs[i], evs[j]
		if x.date != y.date {
			return x.date.Before(y.date)
		}
		if x.session != y.session {
			return x.session < y.session
		}
		return !x.catchUp && y.catchUp
	})

	const (
		toCome = iota
		attended
		missed
		caughtUp
	)
	state := make([]int, Sessions+1)
	var failures []ev
	var first, last isotp.Date
	for i, e := range evs {
		if i > 0 && e == evs[i-1] {
			continue // the same event twice counts once
		}
		if first.IsZero() {
			first = e.date
		}
		last = e.date
		if e.outcome == unacceptableAbsence || e.outcome == failedToComply {
			failures = append(failures, e)
		}
		st := &state[e.session]
		switch {
		case e.catchUp:
			if *st == missed {
				*st = caughtUp
			}
		case *st == attended || *st == caughtUp:
			// recorded again after completion: no change
		case e.outcome == isotp.Attended:
			*st = attended
		default: // a miss
			*st = missed
		}
	}
	s.Outstanding = []int{}
	for n := 1; n <= Sessions; n++ {
		switch state[n] {
		case attended:
			s.SessionsCompleted++
			s.SessionsAttended++
		case caughtUp:
			s.SessionsCompleted++
			s.SessionsCaughtUp++
			s.CatchUps++
		case missed:
			s.CatchUps++
			s.Outstanding = append(s.Outstanding, n)
		}
	}
	s.CatchUpsRemaining = max(MaxCatchUps-s.CatchUps, 0)
	s.HoursCompleted = s.SessionsCompleted * SessionHours
	s.GroupHours, s.CatchUpHours = s.SessionsAttended*SessionHours, s.SessionsCaughtUp*SessionHours
	switch {
	case s.CatchUps > MaxCatchUps:
		s.Status = "restart_required"
	case s.SessionsCompleted == Sessions:
		s.Status = "completed"
	case len(s.Outstanding) > 0:
		s.Status = "catch_up_required"
	case len(evs) > 0:
		s.Status = "in_progress"
	default:
		s.Status = "not_started"
	}
	switch s.Status {
	case "restart_required", "completed":
	case "catch_up_required":
		s.NextKind, s.NextSession = "catch_up", s.Outstanding[0]
	default:
		for n := 1; n <= Sessions; n++ {
			if state[n] != attended && state[n] != caughtUp {
				s.NextKind, s.NextSession = "group", n
				break
			}
		}
	}

	// Enforcement.
	var warnings []isotp.Date
	if a.Warnings != nil {
		for _, w := range a.Warnings {
			if c.AsOf.IsZero() || !w.After(c.AsOf) {
				warnings = append(warnings, w)
			}
		}
		s.Warnings = []isotp.Date{}
	}
	s.Action = "none"
	actions := enforce(failures, warnings, a.Warnings != nil)
	for i, f := range failures {
		out := Failure{Date: f.date, Session: f.session, Action: actions[i]}
		if out.Action == "breach" {
			if out.BreachBy, ok = AddWorkingDays(f.date, BreachWithinWorkDays); !ok {
				return s, false
			}
		}
		if out.Action == "warning" {
			warnings = append(warnings, f.date)
		}
		s.Failures = append(s.Failures, out)
		s.Action = out.Action
	}
	if a.Warnings != nil {
		sort.Slice(warnings, func(i, j int) bool { return warnings[i].Before(warnings[j]) })
		for i, w := range warnings {
			if i == 0 || w != warnings[i-1] {
				s.Warnings = append(s.Warnings, w)
			}
		}
	}

	// Completion rules.
	s.Completion = map[string]string{}
	verdict := func(id string, applies, holds tri) {
		v := "pass"
		switch {
		case applies == no:
			v = "not_applicable"
		case applies == unknown || holds == unknown:
			v = "unknown"
		case holds == no:
			v = "fail"
		}
		s.Completion[id] = v
	}
	verdict("all_sessions", yes, of(s.SessionsCompleted == Sessions))
	verdict("catch_up_limit", yes, of(s.CatchUps <= MaxCatchUps))
	end := c.AsOf
	if s.Status == "completed" {
		end = last
	}
	contact := unknown
	switch {
	case first.IsZero():
		verdict("offender_manager_contact", no, yes)
	case end.IsZero() || a.OffenderManagerContacts == nil:
		verdict("offender_manager_contact", yes, unknown)
	default:
		points := []isotp.Date{first}
		for _, d := range a.OffenderManagerContacts {
			if d.After(first) && d.Before(end) {
				points = append(points, d)
			}
		}
		points = append(points, end)
		sort.Slice(points, func(i, j int) bool { return points[i].Before(points[j]) })
		longest := 0
		for i := 1; i < len(points); i++ {
			longest = max(longest, points[i].DaysSince(points[i-1]))
		}
		contact = of(longest <= OMContactMaxGapDays)
		verdict("offender_manager_contact", yes, contact)
	}
	work := yes
	if a.BetweenSessionWork == nil {
		work = unknown
	}
	for _, w := range a.BetweenSessionWork {
		switch {
		case w.Completed == nil:
			work = and(work, unknown)
		case !*w.Completed:
			work = no
		}
	}
	verdict("between_session_work", yes, work)
	s.Met = s.Completion["all_sessions"] == "pass" && s.Completion["catch_up_limit"] == "pass" &&
		(s.Completion["offender_manager_contact"] == "pass" || s.Completion["offender_manager_contact"] == "not_applicable")
	return s, true
}

// enforce gives the action each failure calls for. With the warnings known,
// a failure is breach action when a warning given on a day w, w <= its day
// < w plus twelve months, is among the recorded warnings or those earlier
// failures called for. With them not known, it follows every possible
// history of earlier warnings: a set of days on which the latest warning
// so far may have been given, drawn from the days that can tell histories
// apart, and "none".
func enforce(failures []ev, recorded []isotp.Date, known bool) []string {
	covers := func(w, d isotp.Date) bool { return !d.Before(w) && d.Before(w.AddMonths(WarningWindowMonths)) }
	out := make([]string, len(failures))
	if known {
		warnings := append([]isotp.Date(nil), recorded...)
		for i, f := range failures {
			out[i] = "warning"
			for _, w := range warnings {
				if covers(w, f.date) {
					out[i] = "breach"
				}
			}
			if out[i] == "warning" {
				warnings = append(warnings, f.date)
			}
		}
		return out
	}
	// The days that can tell histories apart: each failure's day, and the
	// first day a warning covering it may have been given, found by
	// walking back from the failure's day.
	var candidates []isotp.Date
	for _, f := range failures {
		candidates = append(candidates, f.date)
		first := f.date
		for d := f.date; covers(d, f.date); d = d.AddDays(-1) {
			first = d
		}
		candidates = append(candidates, first)
	}
	var none isotp.Date // the zero Date stands for "no warning yet"
	states := map[isotp.Date]bool{none: true}
	for i, f := range failures {
		// Any warnings may have been given on any days up to this one.
		grown := map[isotp.Date]bool{}
		for l := range states {
			grown[l] = true
			for _, x := range candidates {
				if !x.After(f.date) && (l == none || x.After(l)) {
					grown[x] = true
				}
			}
		}
		breach, warning := false, false
		next := map[isotp.Date]bool{}
		for l := range grown {
			if l != none && covers(l, f.date) {
				breach = true
				next[l] = true
			} else {
				warning = true
				next[f.date] = true
			}
		}
		states = next
		switch {
		case breach && warning:
			out[i] = "unknown"
		case breach:
			out[i] = "breach"
		default:
			out[i] = "warning"
		}
	}
	return out
}
