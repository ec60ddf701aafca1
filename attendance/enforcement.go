package attendance

import (
	"fmt"
	"slices"

	"github.com/isotp-dev/isotp"
)

// enforce decides the action each failure calls for (package comment, step
// 6). failures are in date order; recorded are the warnings the case
// records, sorted, or nil when the case does not say.
func (s *Summarizer) enforce(failures []event, recorded []isotp.Date) (Enforcement, []Finding) {
	enf := Enforcement{Action: ActionNone, Failures: make([]Failure, 0, len(failures))}
	var findings []Finding
	warnings := slices.Clone(recorded)
	for _, f := range failures {
		out := Failure{Date: f.date, Session: f.session, Outcome: f.outcome}
		switch {
		case s.warned(warnings, f.date):
			by := f.date.AddWorkingDays(s.breachDays)
			out.Action, out.BreachBy = ActionBreach, &by
		case recorded == nil:
			out.Action = ActionUnknown
		default:
			out.Action = ActionWarning
			warnings = append(warnings, f.date)
		}
		enf.Failures = append(enf.Failures, out)
		if slices.Contains(recorded, f.date) {
			findings = append(findings, Finding{Code: WarningOnFailureDate, Session: f.session, Date: f.date,
				Message: fmt.Sprintf("A warning recorded on %s, the day of the %s at session %d, counts as a prior warning for it. "+
					"If that warning was given for this failure, remove it from attendance.warnings: the failure's own warning is worked out here.",
					f.date, f.outcome, f.session)})
		}
	}
	if len(failures) > 0 && recorded == nil {
		findings = append(findings, Finding{Code: PriorWarningsUnknown,
			Message: "The case does not record the warnings he was given before (attendance.warnings), so whether each failure calls for a warning or for breach action cannot be decided. Give an empty list if there were none."})
	}
	slices.SortFunc(warnings, isotp.Date.Compare)
	enf.Warnings = slices.Compact(warnings)
	if enf.Warnings == nil {
		enf.Warnings = []isotp.Date{}
	}
	if n := len(enf.Failures); n > 0 {
		latest := enf.Failures[n-1]
		enf.Action, enf.BreachBy = latest.Action, latest.BreachBy
	}
	return enf, findings
}

// warned reports whether a warning was given on a day d with d <= day and
// day < d plus warning_window_months: within the period of that many months
// beginning with the day of the warning.
func (s *Summarizer) warned(warnings []isotp.Date, day isotp.Date) bool {
	for _, d := range warnings {
		if !day.Before(d) && day.Before(d.AddMonths(s.windowMonths)) {
			return true
		}
	}
	return false
}
