package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp/internal/textwrap"
)

// WriteText writes the report as plain text, 78 characters wide: first, in
// plain English for the man himself, his attendance and what his
// questionnaires show; then, for his Offender Manager, the attendance
// summary, enforcement, the completion rules, the reliable change figures,
// the findings and the policy. It returns ErrIncomplete if a part is
// missing.
func (rep *Report) WriteText(w io.Writer) error {
	if err := rep.check(); err != nil {
		return err
	}
	v := rep.view()
	var b strings.Builder
	b.WriteString(v.Title + "\n")
	if v.Label != "" {
		b.WriteString(textwrap.Wrap(v.Label, 78, "")) // a long id puts the date on a line of its own
	}
	b.WriteString("\n")
	if v.Caution != "" {
		b.WriteString(textwrap.Wrap(v.Caution, 78, "") + "\n")
	}
	if v.Notice != "" {
		b.WriteString(textwrap.Wrap("NOTICE: "+v.Notice, 78, "") + "\n")
	}
	b.WriteString(textwrap.Wrap(v.Intro, 78, ""))

	part(&b, "For you")
	b.WriteString("Your attendance\n")
	b.WriteString(textwrap.Wrap(v.Status, 78, "  "))
	for _, p := range append(v.Attendance, v.Enforcement...) {
		b.WriteString("\n" + textwrap.Wrap(p, 78, "  "))
	}
	b.WriteString("\nYour questionnaires\n")
	b.WriteString(textwrap.Wrap(v.When, 78, "  "))
	if v.Caveat != "" {
		b.WriteString("\n" + textwrap.Wrap(v.Caveat, 78, "  "))
		for _, s := range v.Scales {
			if !s.Scored {
				continue
			}
			b.WriteString("\n" + textwrap.Hang(fmt.Sprintf("%s (%s)", s.Title, strings.ToLower(strings.TrimSuffix(s.BetterText, "."))), 78, "  ", "    "))
			b.WriteString(textwrap.Wrap(capital(s.Scores)+". "+s.Explain, 78, "    "))
		}
		if v.Unscored != "" {
			b.WriteString("\n" + textwrap.Wrap(v.Unscored, 78, "  "))
		}
		b.WriteString("\n" + textwrap.Wrap(v.Tally, 78, "  "))
	}

	part(&b, "For the Offender Manager")
	if err := v.writeAttendanceText(&b); err != nil {
		return err
	}
	b.WriteString("\nPsychometric change\n")
	if err := v.writeFiguresText(&b); err != nil {
		return err
	}
	if len(v.Notes) > 0 {
		b.WriteString("\n  Notes\n")
		for _, n := range v.Notes {
			b.WriteString(textwrap.Wrap(n, 78, "    "))
		}
	}
	b.WriteString("\n  Findings\n")
	if len(v.AsFindings) == 0 {
		b.WriteString("    None: both assessments are recorded, on time, with every score.\n")
	}
	for _, f := range v.AsFindings {
		b.WriteString(textwrap.Wrap(f, 78, "    "))
	}
	b.WriteString("\n  Method (Jacobson and Truax 1991)\n")
	b.WriteString(textwrap.Wrap(v.Method, 78, "    "))
	for _, n := range v.Norms {
		b.WriteString(textwrap.Wrap(n, 78, "    "))
	}

	fmt.Fprintf(&b, "\nPolicy\n  %s %s, %s\n  %s\n", rep.Policy.Name, rep.Policy.Version, rep.Policy.Area, rep.Policy.Digest)
	_, err := io.WriteString(w, textwrap.Visible(b.String()))
	return err
}

// part starts one of the report's two parts.
func part(b *strings.Builder, title string) {
	title = strings.ToUpper(title)
	fmt.Fprintf(b, "\n%s\n%s\n\n", title, strings.Repeat("=", len(title)))
}

func (v *view) writeAttendanceText(b *strings.Builder) error {
	b.WriteString("Attendance and completion\n")
	b.WriteString(textwrap.Wrap(v.Headline, 78, "  "))
	b.WriteString("\n")
	width := 0
	for _, f := range v.Facts {
		width = max(width, len(f.Label)+1)
	}
	for _, f := range v.Facts {
		b.WriteString(textwrap.Wrap(f.Value, 78, fmt.Sprintf("  %-*s  ", width, f.Label+":")))
	}
	b.WriteString("\n  Sessions\n")
	for _, r := range v.Grid {
		fmt.Fprintf(b, "  %6s  ", r.Label)
		for _, c := range r.Cells {
			b.WriteString(" " + c.Mark)
		}
		b.WriteString("\n")
	}
	legend := make([]string, len(v.Legend))
	for i, l := range v.Legend {
		legend[i] = l.Label + " = " + l.Value
	}
	b.WriteString(textwrap.Wrap(strings.Join(legend, "; "), 78, "  "))

	b.WriteString("\nEnforcement\n")
	b.WriteString(textwrap.Wrap(v.Action, 78, "  "))
	if len(v.Failures) > 0 {
		rows := [][]string{{"DATE", "SESSION", "FAILURE", "ACTION", "ACT BY"}}
		for _, f := range v.Failures {
			rows = append(rows, []string{f.Date, strconv.Itoa(f.Session), f.Outcome, f.Action, f.ActBy})
		}
		b.WriteString(textwrap.Table("  ", 78, 3, rows)) // the action, when the line is too long
	}
	if v.Deadlines != "" {
		b.WriteString(textwrap.Wrap(v.Deadlines, 78, "  "))
	}
	if v.Warnings != "" {
		b.WriteString(textwrap.Wrap(v.Warnings, 78, "  "))
	}

	fmt.Fprintf(b, "\nCompletion: %s\n", v.Met)
	for _, r := range v.Rules {
		b.WriteString(textwrap.Wrap(r.Text(), 78, fmt.Sprintf("  %-17s", "["+r.Mark+"]")))
	}
	if len(v.AttFindings) > 0 {
		b.WriteString("\nAttendance findings to check\n")
		for _, f := range v.AttFindings {
			b.WriteString(textwrap.Wrap(f, 78, "  - "))
		}
	}
	return nil
}

// writeFiguresText writes the tables of every scale's figures, by title:
// the scores, the change and its category; then the reliable change
// figures. Two tables, so that each fits in 78 columns.
func (v *view) writeFiguresText(b *strings.Builder) error {
	scores := [][]string{{"SCALE", "BETTER", "PRE", "POST", "CHANGE", "CATEGORY"}}
	reliable := [][]string{{"SCALE", "S_DIFF", "RCI", "RELIABLE", "CUT-OFF"}}
	for _, s := range v.Scales {
		scores = append(scores, []string{s.Title, s.Better, s.Pre, s.Post, s.Change, s.Category})
		reliable = append(reliable, []string{s.Title, s.SDiff, s.RCI, s.Reliable, s.Cutoff})
	}
	b.WriteString(textwrap.Table("  ", 78, 0, scores) + "\n" + textwrap.Table("  ", 78, 0, reliable))
	return nil
}
