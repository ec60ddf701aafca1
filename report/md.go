package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/isotp-dev/isotp/internal/textwrap"
)

// WriteMarkdown writes the report as CommonMark with pipe tables (as GitHub
// renders it): the same two parts as WriteText, with headings a Markdown
// viewer can navigate. Text from the policy and the case is escaped, so that
// it cannot change the document's structure. It returns ErrIncomplete
// if a part is missing.
func (rep *Report) WriteMarkdown(w io.Writer) error {
	if err := rep.check(); err != nil {
		return err
	}
	v := rep.view()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", md(v.Title))
	if v.Label != "" {
		fmt.Fprintf(&b, "%s\n\n", md(v.Label))
	}
	if v.Caution != "" {
		fmt.Fprintf(&b, "> **%s**\n\n", md(v.Caution))
	}
	if v.Notice != "" {
		fmt.Fprintf(&b, "> **Notice:** %s\n\n", md(v.Notice))
	}
	fmt.Fprintf(&b, "%s\n\n", md(v.Intro))

	b.WriteString("## For you\n\n### Your attendance\n\n")
	fmt.Fprintf(&b, "**%s**\n\n", md(v.Status))
	for _, p := range append(v.Attendance, v.Enforcement...) {
		fmt.Fprintf(&b, "%s\n\n", md(p))
	}
	b.WriteString("### Your questionnaires\n\n")
	fmt.Fprintf(&b, "%s\n\n", md(v.When))
	if v.Caveat != "" {
		fmt.Fprintf(&b, "%s\n\n", md(v.Caveat))
		for _, s := range v.Scales {
			if s.Scored {
				fmt.Fprintf(&b, "- **%s** (%s): %s.  \n  %s\n", md(s.Title), md(strings.ToLower(strings.TrimSuffix(s.BetterText, "."))), md(s.Scores), md(s.Explain))
			}
		}
		if v.Unscored != "" {
			fmt.Fprintf(&b, "\n%s\n", md(v.Unscored))
		}
		fmt.Fprintf(&b, "\n%s\n\n", md(v.Tally))
	}

	b.WriteString("## For the Offender Manager\n\n### Attendance and completion\n\n")
	fmt.Fprintf(&b, "%s\n\n", md(v.Headline))
	for _, f := range v.Facts {
		fmt.Fprintf(&b, "- **%s:** %s\n", f.Label, md(f.Value))
	}
	b.WriteString("\n```text\n")
	for _, r := range v.Grid {
		fmt.Fprintf(&b, "%6s  ", r.Label)
		for _, c := range r.Cells {
			b.WriteString(" " + c.Mark)
		}
		b.WriteString("\n")
	}
	legend := make([]string, len(v.Legend))
	for i, l := range v.Legend {
		legend[i] = l.Label + " = " + l.Value
	}
	fmt.Fprintf(&b, "%s\n```\n\n", strings.Join(legend, "; "))

	fmt.Fprintf(&b, "#### Enforcement\n\n%s\n\n", md(v.Action))
	if len(v.Failures) > 0 {
		b.WriteString("| Date | Session | Failure | Action | Act by |\n|---|--:|---|---|---|\n")
		for _, f := range v.Failures {
			fmt.Fprintf(&b, "| %s | %d | %s | %s | %s |\n", f.Date, f.Session, f.Outcome, f.Action, f.ActBy)
		}
		b.WriteString("\n")
	}
	if v.Deadlines != "" {
		fmt.Fprintf(&b, "%s\n\n", md(v.Deadlines))
	}
	if v.Warnings != "" {
		fmt.Fprintf(&b, "%s\n\n", md(v.Warnings))
	}
	fmt.Fprintf(&b, "#### Completion: %s\n\n", md(v.Met))
	for _, r := range v.Rules {
		fmt.Fprintf(&b, "- **%s:** %s\n", r.Mark, md(r.Text()))
	}
	if len(v.AttFindings) > 0 {
		b.WriteString("\n#### Attendance findings to check\n\n")
		for _, f := range v.AttFindings {
			fmt.Fprintf(&b, "- %s\n", md(f))
		}
	}

	b.WriteString("\n### Psychometric change\n\n")
	b.WriteString("| Scale | Better | Pre | Post | Change | S_diff | RCI | Reliable | Cut-off | Category |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|---|--:|---|\n")
	for _, s := range v.Scales {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			md(s.Title), s.Better, s.Pre, s.Post, s.Change, s.SDiff, s.RCI, s.Reliable, s.Cutoff, s.Category)
	}
	if len(v.Notes) > 0 {
		b.WriteString("\n#### Notes\n\n")
		for _, n := range v.Notes {
			fmt.Fprintf(&b, "- %s\n", md(n))
		}
	}
	b.WriteString("\n#### Findings\n\n")
	if len(v.AsFindings) == 0 {
		b.WriteString("None: both assessments are recorded, on time, with every score.\n")
	}
	for _, f := range v.AsFindings {
		fmt.Fprintf(&b, "- %s\n", md(f))
	}
	fmt.Fprintf(&b, "\n#### Method (Jacobson and Truax 1991)\n\n%s\n\n", md(v.Method))
	for _, n := range v.Norms {
		fmt.Fprintf(&b, "%s\n\n", md(n))
	}
	b.WriteString("### Policy\n\n")
	for _, f := range v.Policy {
		fmt.Fprintf(&b, "- **%s:** %s\n", f.Label, md(f.Value))
	}
	_, err := io.WriteString(w, textwrap.Visible(b.String()))
	return err
}

// md escapes text for Markdown and puts it on one line: it marks the
// characters textwrap.Visible marks (so "<U+202E>" shows as written); it
// escapes the
// characters that could start emphasis, code, a link, HTML, an entity or a
// table cell; an underscore where it could open or close emphasis
// (CommonMark leaves one between letters or digits alone, so
// om_contact_max_gap_days reads as written); and a leading list marker.
func md(s string) string {
	var b strings.Builder
	r := []rune(strings.Join(strings.Fields(textwrap.Visible(s)), " "))
	marker := listMarker(r)
	word := func(i int) bool {
		return i >= 0 && i < len(r) && (unicode.IsLetter(r[i]) || unicode.IsDigit(r[i]))
	}
	for i, c := range r {
		if i == marker {
			b.WriteByte('\\')
			b.WriteRune(c)
			continue
		}
		switch c {
		case '\\', '*', '`', '[', ']', '<', '>', '|', '#', '&':
			b.WriteByte('\\')
		case '_':
			if !word(i-1) || !word(i+1) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}

// listMarker returns the index of the character to escape when r starts
// with a list item's marker (-, + or a number and a dot or bracket, then a
// space or the end), or -1.
func listMarker(r []rune) int {
	spaceAfter := func(i int) bool { return i+1 == len(r) || r[i+1] == ' ' }
	if len(r) > 0 && (r[0] == '-' || r[0] == '+') && spaceAfter(0) {
		return 0
	}
	i := 0
	for i < len(r) && r[i] >= '0' && r[i] <= '9' {
		i++
	}
	if i > 0 && i < len(r) && (r[i] == '.' || r[i] == ')') && spaceAfter(i) {
		return i
	}
	return -1
}
