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
// the findings, and the policy it was made under.
func (s *Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s attendance: %s\n", s.Policy.Name, statusTitles[s.Status])
	b.WriteString(textwrap.Wrap(s.Headline(), 78, "  "))
	b.WriteString("\n")
	fmt.Fprintf(&b, "As of:      %s\n", s.AsOf)
	fmt.Fprintf(&b, "Completed:  %d of %d sessions (%d hours)\n", s.SessionsCompleted, s.SessionsTotal, s.HoursCompleted)
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

	met := "MET"
	switch {
	case len(s.Completion.Undecided) > 0 && !s.Completion.Met:
		met = "NOT MET (not yet decidable: " + strings.Join(s.Completion.Undecided, ", ") + ")"
	case !s.Completion.Met:
		met = "NOT MET"
	}
	fmt.Fprintf(&b, "\nCompletion: %s\n", met)
	for _, r := range s.Completion.Rules {
		fmt.Fprintf(&b, "  %-14s %s (%s)\n", r.Verdict.Label(), r.ID, r.Effect)
		b.WriteString(textwrap.Wrap(r.Message, 76, "      "))
	}

	if len(s.Findings) > 0 {
		b.WriteString("\nFindings to check\n")
		for _, f := range s.Findings {
			b.WriteString(textwrap.Wrap(f.Message+" ["+f.Code.String()+"]", 78, "  - "))
		}
	}
	fmt.Fprintf(&b, "\nPolicy:     %s %s, %s, %s\n", s.Policy.Name, s.Policy.Version, s.Policy.Area, s.Policy.Digest)
	_, err := io.WriteString(w, b.String())
	return err
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
		if s.Completion.Met {
			return fmt.Sprintf("He has completed all %d sessions, and the programme is completed under the completion policy.", s.SessionsTotal)
		}
		return fmt.Sprintf("He has completed all %d sessions, but the completion policy is not met: %s.", s.SessionsTotal, s.unmet())
	case CatchUpRequired:
		return fmt.Sprintf("He missed %s and must do an individual catch-up for %s before his next group session.",
			plural(s.Outstanding, "session", "sessions"), pick(len(s.Outstanding), "it", "each"))
	}
	return fmt.Sprintf("He is on the programme with nothing outstanding: %d of %d sessions completed.", s.SessionsCompleted, s.SessionsTotal)
}

// unmet names the required rules that fail or are not known.
func (s *Summary) unmet() string {
	var ids []string
	for _, r := range s.Completion.Rules {
		if r.Effect == EffectRequired && (r.Verdict == rules.Fail || r.Verdict == rules.Unknown) {
			ids = append(ids, r.ID)
		}
	}
	return strings.Join(ids, ", ")
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
		fmt.Fprintf(b, "\nEnforcement: BREACH - lay an information or refer for breach by %s\n", e.BreachBy)
		b.WriteString("  He was already under a warning when he failed again.\n")
	case ActionUnknown:
		b.WriteString("\nEnforcement: NOT KNOWN - his earlier warnings are not recorded\n")
	}
	for _, f := range e.Failures {
		action := f.Action.String()
		if f.BreachBy != nil {
			action += " (act by " + f.BreachBy.String() + ")"
		}
		fmt.Fprintf(b, "  %s  session %-3d %-22s %s\n", f.Date, f.Session, outcomeText(f.Outcome), action)
	}
	if len(e.Warnings) > 0 {
		ds := make([]string, len(e.Warnings))
		for i, d := range e.Warnings {
			ds[i] = d.String()
		}
		b.WriteString(textwrap.Wrap("Warnings counted (from the case, or given for a failure above): "+strings.Join(ds, ", "), 78, "  "))
	}
}

func outcomeText(o isotp.SessionOutcome) string { return strings.ReplaceAll(o.String(), "_", " ") }

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
