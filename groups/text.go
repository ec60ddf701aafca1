package groups

import (
	"fmt"
	"io"
	"strings"

	"github.com/isotp-dev/isotp/internal/textwrap"
)

// WriteText writes the plan for a person to read: the rules it was formed
// under, each group with its members, who is offered one-to-one delivery,
// who waits, who is not grouped and why, what happened in each age band, and
// the policy. It reads only the plan's exported fields, so a plan decoded
// from its JSON writes the same text.
func (p *Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	ps := p.Params
	fmt.Fprintf(&b, "%s groups starting %s\n", p.Policy.Name, p.Start.Long())
	fmt.Fprintf(&b, "Groups of %d to %d men. Young: %s at the start; adult: %d and over.\n",
		ps.MinGroupSize, ps.MaxGroupSize, youngAges(ps), ps.AdultMinAge)
	fmt.Fprintf(&b, "Young men too few for a group: %s.\n", fallbackText(ps.YoungFallback))

	b.WriteString("\n")
	if len(p.Groups) == 0 {
		b.WriteString("No group can start.\n")
	}
	for i, g := range p.Groups {
		fmt.Fprintf(&b, "Group %d: %s, %d %s\n", i+1, g.Band, len(g.Members), menWord(len(g.Members)))
		b.WriteString(wrap(strings.Join(g.Members, ", "), 78, "  "))
	}

	section := func(title string, ids []string) {
		fmt.Fprintf(&b, "\n%s: %d\n", title, len(ids))
		b.WriteString(wrap(strings.Join(ids, ", "), 78, "  "))
	}
	section("One-to-one delivery", p.Individual)
	section("Waiting for a later group", p.Waiting)
	fmt.Fprintf(&b, "\nNot grouped: %d\n", len(p.NotGrouped))
	for _, ng := range p.NotGrouped {
		b.WriteString(hang("  "+ng.ID+": "+ng.Reason, 78, "      "))
	}

	if len(p.Notes) > 0 {
		b.WriteString("\nWhat happened\n")
		for _, n := range p.Notes {
			b.WriteString(hang("  - "+n, 78, "    "))
		}
	}
	fmt.Fprintf(&b, "\nPolicy:  %s %s, %s\n  %s\n", p.Policy.Name, p.Policy.Version, p.Policy.Area, p.Policy.Digest)
	_, err := io.WriteString(w, textwrap.Visible(b.String()))
	return err
}

func fallbackText(f Fallback) string {
	switch f {
	case Individual:
		return "offered one-to-one delivery"
	case AdultGroup:
		return "join the adult pool"
	case Wait:
		return "wait for a later young group"
	}
	return f.String()
}

// wrap breaks s into lines of at most width characters, each indented.
func wrap(s string, width int, indent string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return hang(indent+s, width, indent)
}

// hang breaks s, which carries its own first-line indent, into lines of at
// most width characters; lines after the first are indented by indent. The
// characters textwrap.Visible marks are marked first, so that the widths
// are those of the marks.
func hang(s string, width int, indent string) string {
	s = textwrap.Visible(s)
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	var b strings.Builder
	line := lead
	for _, word := range strings.Fields(s) {
		if strings.TrimSpace(line) != "" && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += word
	}
	if strings.TrimSpace(line) != "" {
		b.WriteString(line + "\n")
	}
	return b.String()
}
