package whatif

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp/internal/textwrap"
	"github.com/isotp-dev/isotp/rules"
)

// WritePolicies writes, for a person, the two policies compared and how
// the second differs from the first.
func (d *Differ) WritePolicies(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Comparing %s with %s\n", policyName(d.from.info), policyName(d.to.info))
	if len(d.diffs) == 0 {
		b.WriteString("The policies do not differ: no decision can change.\n")
	} else {
		b.WriteString("What the second policy changes:\n")
		width := 0
		for _, df := range d.diffs {
			width = max(width, len(df.Name))
		}
		for _, df := range d.diffs {
			fmt.Fprintf(&b, "  %-*s  %s -> %s\n", width, df.Name, df.From, df.To)
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func policyName(i rules.Info) string {
	return i.Name + " " + i.Version + " (" + i.Area + ")"
}

// WriteText writes cd for a person: its line and offender id, then each
// change from -> to with the rule's message, then what in the policies
// caused it, spelt out from diffs (Differ.Differences).
func (cd *CaseDiff) WriteText(w io.Writer, diffs []Difference) error {
	var b strings.Builder
	b.WriteString("line ")
	b.WriteString(strconv.Itoa(cd.Line))
	if cd.ID != "" {
		b.WriteString(" (")
		b.WriteString(cd.ID)
		b.WriteString(")")
	}
	if cd.ErrorKind != "" {
		fmt.Fprintf(&b, ": %s error: %s\n", cd.ErrorKind, cd.Error)
		_, err := io.WriteString(w, textwrap.Visible(b.String()))
		return err
	}
	n := len(cd.Changes)
	fmt.Fprintf(&b, ": %d %s\n", n, plural(n, "change", "changes"))
	width := 0
	for _, ch := range cd.Changes {
		width = max(width, len(ch.Field))
	}
	var because []string
	for _, ch := range cd.Changes {
		from, to := window(ch.From, ch.To)
		fmt.Fprintf(&b, "  %-*s  %s -> %s\n", width, ch.Field, from, to)
		if ch.Note != "" {
			fmt.Fprintf(&b, "  %*s  %s\n", width, "", ch.Note)
		}
		for _, name := range ch.Because {
			if !slices.Contains(because, name) {
				because = append(because, name)
			}
		}
	}
	if len(because) > 0 {
		b.WriteString("  because ")
		for i, name := range because {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(spell(name, diffs))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, textwrap.Visible(b.String()))
	return err
}

// spell writes a difference by name with its values; a text only by name,
// as the policies' differences show it in full.
func spell(name string, diffs []Difference) string {
	if strings.Contains(name, ".texts.") {
		return name
	}
	for _, df := range diffs {
		if df.Name == name {
			return df.String()
		}
	}
	return name
}

// WriteText writes the summary for a person: a table of the changes, each
// with the number of cases it reaches and its causes, then the totals.
func (s *Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	if len(s.Changes) > 0 {
		width, cw := len("Changes by decision")-2, len("cases")
		for _, cc := range s.Changes {
			width = max(width, len(changeLabel(cc)))
			cw = max(cw, len(thousands(cc.Cases)))
		}
		fmt.Fprintf(&b, "%-*s  %*s  %s\n", width+2, "Changes by decision", cw, "cases", "because")
		for _, cc := range s.Changes {
			line := fmt.Sprintf("  %-*s  %*s  %s", width, changeLabel(cc), cw, thousands(cc.Cases), strings.Join(cc.Because, ", "))
			b.WriteString(strings.TrimRight(line, " "))
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s %s read: %s changed, %s unchanged, %s %s (%s input, %s evaluation)\n",
		thousands(s.Cases), plural(s.Cases, "case", "cases"), thousands(s.Changed), thousands(s.Unchanged),
		thousands(s.Errors()), plural(s.Errors(), "error", "errors"), thousands(s.InputErrors), thousands(s.EvaluationErrors))
	_, err := io.WriteString(w, b.String())
	return err
}

// changeLabel writes a change for the summary table, long values clipped.
func changeLabel(cc ChangeCount) string {
	from, to := window(cc.From, cc.To)
	return cc.Field + ": " + from + " -> " + to
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
