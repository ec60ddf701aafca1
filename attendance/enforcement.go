package attendance

import (
	"fmt"
	"slices"

	"github.com/isotp-dev/isotp"
)

// enforce decides the action each failure calls for (package comment, step
// 6). failures are in date order; recorded are the warnings the case
// records, sorted, or nil when the case does not say.
//
// What a failure calls for depends only on the day of the latest warning
// given on or before its day: a warning given on a day w covers the
// failure's day d when w <= d < w + warning_window_months, and the later w
// is, the later its period ends. So the state carried from one failure to
// the next is that day, or "no warning yet". When the case records its
// warnings, there is one state; when it does not, any warnings may have
// been given on any days, and enforce follows every state that is
// possible (worlds), giving each failure the action that holds in all of
// them, or unknown where they differ. Brief, it gives the action and
// deadline of the latest failure alone, without failures, warnings or
// findings; otherwise its findings are appended to findings.
func (s *Summarizer) enforce(failures []event, recorded []isotp.Date, brief bool, findings []Finding) (Enforcement, []Finding) {
	enf := Enforcement{Action: ActionNone, BreachWithinWorkingDays: s.breachDays, WorkingDays: s.workingDays}
	if !brief {
		enf.Failures = make([]Failure, 0, len(failures))
	}
	var latest Failure // the latest failure, when there is one
	known := recorded != nil
	var spans [4]span // room for the usual few states: no allocation
	w := worlds{none: true, spans: spans[:0]}
	next := 0                  // the next recorded warning to give
	var givenBuf [4]isotp.Date // room for the usual few: no allocation
	given := givenBuf[:0]
	for _, f := range failures {
		for ; next < len(recorded) && !recorded[next].After(f.date); next++ {
			w = w.give(recorded[next])
		}
		if !known {
			w = w.mayGive(f.date)
		}
		var breach, warning bool
		w, breach, warning = w.fail(f.date, s.coverFrom(f.date))
		out := Failure{Date: f.date, Session: f.session, Outcome: f.outcome}
		var by isotp.Date
		if breach {
			by = s.work.addWorkingDays(f.date, s.breachDays)
		}
		switch {
		case breach && warning:
			out.Action = ActionUnknown
			if !brief {
				findings = addFinding(findings, s.undecided(f, by))
			}
		case breach:
			out.Action = ActionBreach
			if by.IsValid() {
				due := by
				out.BreachBy = &due
			}
			if !known && !brief {
				findings = addFinding(findings, Finding{Code: DecidedWithoutWarnings, Session: f.session, Date: f.date,
					Message: fmt.Sprintf("The case does not record the warnings he was given before (attendance.warnings), but the %s on %s at session %d calls for breach action whatever they were: in every possible history of earlier warnings, he was under a warning that day.",
						outcomeText(f.outcome), f.date.Long(), f.session)})
			}
		default:
			out.Action = ActionWarning
			if !brief {
				given = append(given, f.date)
			}
		}
		latest = out
		if brief {
			continue
		}
		if out.Action != ActionWarning && !(s.cal.Checked(f.date.AddDays(1)) && s.cal.Checked(by)) {
			findings = addFinding(findings, s.uncheckedDeadline(f, by))
		}
		enf.Failures = append(enf.Failures, out)
		if slices.Contains(recorded, f.date) {
			findings = addFinding(findings, Finding{Code: WarningOnFailureDate, Session: f.session, Date: f.date,
				Message: fmt.Sprintf("A warning recorded on %s, the day of the %s at session %d, counts as a prior warning for it. "+
					"If that warning was given for this failure, remove it from attendance.warnings: the failure's own warning is worked out here.",
					f.date.Long(), outcomeText(f.outcome), f.session)})
		}
	}
	if known && !brief {
		enf.Warnings = append(append(make([]isotp.Date, 0, len(recorded)+len(given)), recorded...), given...)
		slices.SortFunc(enf.Warnings, isotp.Date.Compare)
		enf.Warnings = slices.Compact(enf.Warnings)
	}
	if len(failures) > 0 {
		enf.Action, enf.BreachBy = latest.Action, latest.BreachBy
	}
	return enf, findings
}

// undecided is the finding that says why failure f's action is not known.
func (s *Summarizer) undecided(f event, by isotp.Date) Finding {
	return Finding{Code: PriorWarningsUnknown, Session: f.session, Date: f.date,
		Message: fmt.Sprintf("The case does not record the warnings he was given before (attendance.warnings), so what the %s on %s at session %d calls for cannot be decided: "+
			"breach action, due by %s (%d working days after it, %s), if he was under a warning that day (%s), and a formal warning if he was not. "+
			"Give the days of his earlier warnings, or an empty list if there were none.",
			outcomeText(f.outcome), f.date.Long(), f.session, deadlineText(by), s.breachDays, s.workingDays, coveringText(s.coverFrom(f.date)))}
}

// coveringText says which warnings cover a failure, given the first day one
// may have been given: "one given on or after 13 January 2025", or, when
// that day would come before 1 January of year 1, the first day a date can
// name, any given before the failure.
func coveringText(from isotp.Date) string {
	if !from.IsValid() {
		return "one given on or before that day"
	}
	return "one given on or after " + from.Long()
}

// deadlineText writes a breach deadline: its date, or, for one after the
// last day a date can name (31 December 9999), says so.
func deadlineText(by isotp.Date) string {
	if !by.IsValid() {
		return "a day after 31 December 9999, the last day the calendar counts"
	}
	return by.Long()
}

// uncheckedDeadline is the finding for a deadline counted over a year whose
// one-off bank holidays the policy has not checked.
func (s *Summarizer) uncheckedDeadline(f event, by isotp.Date) Finding {
	cov := s.cal.Coverage()
	known := "it has checked none"
	if cov.CheckedFrom != 0 {
		known = fmt.Sprintf("it has checked %d to %d", cov.CheckedFrom, cov.CheckedTo)
	}
	if !by.IsValid() {
		return Finding{Code: CalendarNotChecked, Session: f.session, Date: f.date,
			Message: fmt.Sprintf("The deadline for breach action after the %s on %s falls after 31 December 9999, the last day the calendar counts, so it is not given.",
				outcomeText(f.outcome), f.date.Long())}
	}
	return Finding{Code: CalendarNotChecked, Session: f.session, Date: f.date,
		Message: fmt.Sprintf("The deadline of %s for breach action after the %s on %s is counted over days whose one-off bank holidays the policy has not checked (%s): only the regular bank holidays are counted. Check it against the published list of bank holidays.",
			by.Long(), outcomeText(f.outcome), f.date.Long(), known)}
}

// coverFrom returns the first day a warning covering day d may have been
// given: the earliest w with d < w + warning_window_months. A warning given
// on a day from then to d covers d; one given before does not.
func (s *Summarizer) coverFrom(d isotp.Date) isotp.Date {
	w := d.AddMonths(-s.windowMonths)
	for w.AddMonths(s.windowMonths).After(d) {
		w = w.AddDays(-1)
	}
	for !w.AddMonths(s.windowMonths).After(d) {
		w = w.AddDays(1)
	}
	return w
}

// worlds are the states his warnings may be in, as far as what a failure
// calls for can tell them apart: in each, the day of the latest warning
// given so far, or none. The days possible are kept as disjoint spans in
// date order; every day in them is on or before the day reached.
type worlds struct {
	none  bool   // in some possible world he has had no warning
	spans []span // in the others the latest warning was given on a day of one of these
}

// A span is the days from..to, both included; a zero from is "any day up to
// to".
type span struct{ from, to isotp.Date }

// The methods of worlds return the worlds that follow, reusing the spans'
// memory.

// give records a warning given on day d, in every world.
func (w worlds) give(d isotp.Date) worlds {
	if w.none {
		w.none = false
		w.spans = append(w.spans[:0], span{d, d})
		return w
	}
	out := w.spans[:0]
	for _, sp := range w.spans {
		switch {
		case sp.to.Before(d):
			sp = span{d, d}
		case sp.from.IsZero() || sp.from.Before(d):
			sp.from = d
		}
		if n := len(out); n > 0 && out[n-1].to.AddDays(1).Compare(sp.from) >= 0 {
			out[n-1].to = maxDate(out[n-1].to, sp.to)
			continue
		}
		out = append(out, sp)
	}
	w.spans = out
	return w
}

// mayGive records that any warnings may have been given on any days up to
// d: from a world whose latest warning was given on day l, any day from l to
// d is possible, and from a world with none, any day up to d.
func (w worlds) mayGive(d isotp.Date) worlds {
	switch {
	case w.none:
		w.spans = append(w.spans[:0], span{to: d})
	case len(w.spans) > 0:
		w.spans = append(w.spans[:0], span{from: w.spans[0].from, to: d})
	}
	return w
}

// fail records a failure on day d, which a warning given on or after c (and
// on or before d) covers: in the worlds where one does, it calls for breach
// action and the state stays; in the others it calls for a warning, given
// on d. It reports whether some world calls for breach action and whether
// some calls for a warning.
func (w worlds) fail(d, c isotp.Date) (next worlds, breach, warning bool) {
	warning = w.none
	out := w.spans[:0]
	for _, sp := range w.spans {
		if sp.from.IsZero() || sp.from.Before(c) {
			warning = true
			sp.from = c
		}
		if sp.from.After(sp.to) {
			continue
		}
		breach = true
		out = append(out, sp)
	}
	if warning {
		if n := len(out); n > 0 && !out[n-1].to.Before(d.AddDays(-1)) {
			out[n-1].to = d
		} else {
			out = append(out, span{d, d})
		}
	}
	return worlds{spans: out}, breach, warning
}

func maxDate(a, b isotp.Date) isotp.Date {
	if a.After(b) {
		return a
	}
	return b
}
