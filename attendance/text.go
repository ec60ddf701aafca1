package attendance

import (
	"fmt"
	"github.com/isotp-dev/isotp/internal/textwrap"
	"io"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// WriteText writes the summary for an Offender Manager to read: where he
// stands and what must happen next, a grid of every session, the
// enforcement his failures call for, the completion rules in plain English,
// the findings, and the policy it was made under. Rule ids, parameter names
// and finding codes are left to the JSON form and --explain.
func (s *Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s attendance: %s\n", s.Policy.Name, statusTitles[s.Status])
	b.WriteString(textwrap.Wrap(s.Headline(), 78, "  "))
	b.WriteString("\n")
	fmt.Fprintf(&b, "As of:      %s\n", s.AsOf.Long())
	b.WriteString(textwrap.Wrap(s.CompletedText(), 78, "Completed:  "))
	fmt.Fprintf(&b, "Catch-ups:  %d used or due of %d allowed (%d remaining)\n", s.CatchUps, s.CatchUpsAllowed, s.CatchUpsRemaining)
	fmt.Fprintf(&b, "Next:       %s\n", s.NextStep())

	b.WriteString("\nSessions\n")
	s.writeGrid(&b)
	missed := "M missed, catch-up due"
	if s.Status == RestartRequired {
		missed = "M missed"
	}
	b.WriteString("  A attended  C caught up  " + missed + "  . to come  ? not recorded\n")

	s.writeEnforcement(&b)

	fmt.Fprintf(&b, "\nCompletion: %s\n", s.CompletionTitle())
	for _, r := range s.Completion.Rules {
		msg := r.Message
		if r.Effect == EffectAdvisory {
			msg = "Advice only. " + msg
		}
		b.WriteString(textwrap.Wrap(msg, 78, fmt.Sprintf("  %-14s ", r.Verdict.Label())))
	}

	if len(s.Findings) > 0 {
		b.WriteString("\nFindings to check\n")
		for _, f := range s.Findings {
			b.WriteString(textwrap.Wrap(f.Message, 78, "  - "))
		}
	}
	fmt.Fprintf(&b, "\nPolicy:     %s %s, %s\n  %s\n", s.Policy.Name, s.Policy.Version, s.Policy.Area, s.Policy.Digest)
	_, err := io.WriteString(w, textwrap.Visible(b.String()))
	return err
}

// CompletedText says how many sessions he has completed and how: "33 of 35
// sessions: 31 in the group (62 hours) and 2 by individual catch-up (4
// hours)".
func (s *Summary) CompletedText() string {
	out := fmt.Sprintf("%d of %d sessions", s.SessionsCompleted, s.SessionsTotal)
	switch {
	case s.SessionsCompleted == 0:
		return out
	case s.SessionsCaughtUp == 0:
		return out + fmt.Sprintf(", all in the group (%s)", hours(s.GroupHours))
	case s.SessionsAttended == 0:
		return out + fmt.Sprintf(", all by individual catch-up (%s)", hours(s.CatchUpHours))
	}
	return out + fmt.Sprintf(": %d in the group (%s) and %d by individual catch-up (%s)",
		s.SessionsAttended, hours(s.GroupHours), s.SessionsCaughtUp, hours(s.CatchUpHours))
}

func hours(n int) string { return strconv.Itoa(n) + pick(n, " hour", " hours") }

// CompletionTitle says in a few words whether the completion policy is met:
// "MET", "NOT MET", or "NOT YET KNOWN" with the facts it waits for.
func (s *Summary) CompletionTitle() string {
	switch {
	case s.Completion.Met:
		return "MET"
	case len(s.Completion.Undecided) > 0 && !s.failsRequired():
		return "NOT YET KNOWN (facts needed: " + strings.Join(s.Completion.Missing, ", ") + ")"
	}
	return "NOT MET"
}

// failsRequired reports whether a required completion rule fails.
func (s *Summary) failsRequired() bool {
	for _, r := range s.Completion.Rules {
		if r.Effect == EffectRequired && r.Verdict == rules.Fail {
			return true
		}
	}
	return false
}

// Headline says in a sentence or two, for his Offender Manager, where he
// stands: the first lines of WriteText, for a report to quote.
func (s *Summary) Headline() string {
	switch s.Status {
	case NotStarted:
		return "He has not started the programme."
	case RestartRequired:
		var owed []string
		for _, st := range s.Grid {
			if st.State == StateCaughtUp || st.State == StateMissed {
				owed = append(owed, strconv.Itoa(st.Session))
			}
		}
		return fmt.Sprintf("He has missed %d sessions that needed an individual catch-up (%s), more than the %d allowed: he must start the programme again.",
			s.CatchUps, joinAnd(owed), s.CatchUpsAllowed)
	case Completed:
		switch {
		case s.Completion.Met:
			return fmt.Sprintf("He has completed all %d sessions, and the programme is completed under the completion policy.", s.SessionsTotal)
		case s.failsRequired():
			return fmt.Sprintf("He has completed all %d sessions, but the completion policy is not met. %s", s.SessionsTotal, s.unmet())
		}
		return fmt.Sprintf("He has completed all %d sessions, but whether the programme is completed cannot be decided until %s %s recorded.",
			s.SessionsTotal, joinAnd(s.Completion.Missing), pick(len(s.Completion.Missing), "is", "are"))
	case CatchUpRequired:
		return fmt.Sprintf("He missed %s and must do an individual catch-up for %s before his next group session.",
			plural(s.Outstanding, "session", "sessions"), pick(len(s.Outstanding), "it", "each"))
	}
	return fmt.Sprintf("He is on the programme with nothing outstanding: %d of %d sessions completed.", s.SessionsCompleted, s.SessionsTotal)
}

// unmet quotes the findings of the required rules that fail.
func (s *Summary) unmet() string {
	var msgs []string
	for _, r := range s.Completion.Rules {
		if r.Effect == EffectRequired && r.Verdict == rules.Fail {
			msgs = append(msgs, r.Message)
		}
	}
	return strings.Join(msgs, " ")
}

// NextStep says what must happen next on the programme, for his Offender
// Manager: an individual catch-up, a group session, nothing (every session is
// completed) or a restart.
func (s *Summary) NextStep() string {
	switch {
	case s.Next == nil && s.Status == RestartRequired:
		return "start the programme again"
	case s.Next == nil:
		return "nothing: every session is completed"
	case s.Next.Kind == NextCatchUp:
		return fmt.Sprintf("individual catch-up for session %d, before the next group session", s.Next.Session)
	}
	return fmt.Sprintf("group session %d", s.Next.Session)
}

var statusTitles = map[Status]string{
	RestartRequired: "RESTART REQUIRED", Completed: "COMPLETED", CatchUpRequired: "CATCH-UP REQUIRED",
	InProgress: "IN PROGRESS", NotStarted: "NOT STARTED",
}

var stateMarks = map[State]string{
	StateAttended: "A", StateCaughtUp: "C", StateMissed: "M", StateToCome: ".", StateNotRecorded: "?",
}

// writeGrid writes the sessions ten to a row.
func (s *Summary) writeGrid(b *strings.Builder) {
	for i := 0; i < len(s.Grid); i += 10 {
		row := s.Grid[i:min(i+10, len(s.Grid))]
		label := fmt.Sprintf("%d-%d", row[0].Session, row[len(row)-1].Session)
		fmt.Fprintf(b, "  %6s  ", label)
		for _, st := range row {
			fmt.Fprintf(b, " %s", stateMarks[st.State])
		}
		b.WriteString("\n")
	}
}

func (s *Summary) writeEnforcement(b *strings.Builder) {
	e := s.Enforcement
	switch e.Action {
	case ActionNone:
		b.WriteString("\nEnforcement: none (no unacceptable failures)\n")
	case ActionWarning:
		b.WriteString("\nEnforcement: WARNING - his latest failure calls for a formal warning\n")
		b.WriteString("  He was not under a warning when he failed.\n")
	case ActionBreach:
		b.WriteString("\nEnforcement: BREACH - lay an information or refer for breach\n")
		b.WriteString(textwrap.Wrap(s.DeadlineText()+" He was already under a warning when he failed again.", 78, "  "))
	case ActionUnknown:
		b.WriteString("\nEnforcement: NOT KNOWN - his earlier warnings are not recorded\n")
		b.WriteString(textwrap.Wrap("His latest failure calls for breach action if he was already under a warning, and for a formal warning if he was not: the findings say which warnings would decide it.", 78, "  "))
	}
	deadlines := 0
	var rows [][]string
	for _, f := range e.Failures {
		rows = append(rows, []string{f.Date.Long(), "session " + strconv.Itoa(f.Session), outcomeText(f.Outcome), f.ActionText()})
		if f.BreachBy != nil {
			deadlines++
		}
	}
	b.WriteString(textwrap.Table("  ", 78, 3, rows)) // the action, when the line is too long
	if deadlines > 1 || (deadlines == 1 && e.Action != ActionBreach) {
		b.WriteString(textwrap.Wrap("Each breach action is due "+s.DeadlineRule()+".", 78, "  "))
	}
	switch {
	case len(e.Failures) == 0:
	case e.Warnings == nil:
		b.WriteString("  Warnings given before: not recorded in the case\n")
	case len(e.Warnings) > 0:
		ds := make([]string, len(e.Warnings))
		for i, d := range e.Warnings {
			ds[i] = d.Long()
		}
		b.WriteString(textwrap.Wrap("Warnings counted (from the case, or given for a failure above): "+strings.Join(ds, ", "), 78, "  "))
	}
}

// ActionText says in a few words what the failure calls for: "formal
// warning", "breach action by 7 January 2027", "not known".
func (f Failure) ActionText() string {
	switch f.Action {
	case ActionWarning:
		return "formal warning"
	case ActionBreach:
		if f.BreachBy == nil {
			return "breach action"
		}
		return "breach action by " + f.BreachBy.Long()
	}
	return "not known"
}

// DeadlineRule says how a breach deadline is counted: "within 10 working
// days of the failure, excluding bank holidays in England and Wales".
func (s *Summary) DeadlineRule() string {
	e := s.Enforcement
	return fmt.Sprintf("within %d working days of the failure (%s)", e.BreachWithinWorkingDays, e.WorkingDays)
}

// DeadlineText says, for the latest failure's breach action, when it is due
// and how that day is counted: "Due by 16 February 2026: 10 working days
// after the failure on 2 February 2026 (Monday to Friday, excluding bank
// holidays in England and Wales)."
func (s *Summary) DeadlineText() string {
	e := s.Enforcement
	if e.BreachBy == nil || len(e.Failures) == 0 {
		return ""
	}
	f := e.Failures[len(e.Failures)-1]
	return fmt.Sprintf("Due by %s: %d working days after the failure on %s (%s).",
		e.BreachBy.Long(), e.BreachWithinWorkingDays, f.Date.Long(), e.WorkingDays)
}

// outcomeText writes an outcome in words: "unacceptable absence", "catch-up".
func outcomeText(o isotp.SessionOutcome) string {
	if int(o) < len(outcomeTexts) {
		return outcomeTexts[o]
	}
	return strings.ReplaceAll(o.String(), "_", " ")
}

// outcomeTexts are the outcomes in words, written once, indexed by outcome
// up to catch_up.
var outcomeTexts = func() []string {
	out := make([]string, isotp.CatchUp+1)
	for o := range out {
		out[o] = strings.ReplaceAll(isotp.SessionOutcome(o).String(), "_", " ")
	}
	out[isotp.CatchUp] = "catch-up"
	return out
}()

// plural writes "session 3" or "sessions 3 and 5".
func plural(n []int, one, many string) string {
	items := make([]string, len(n))
	for i, x := range n {
		items[i] = strconv.Itoa(x)
	}
	return pick(len(n), one, many) + " " + joinAnd(items)
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
