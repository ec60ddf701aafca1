package policytest

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the report for a person: a block for each failed test
// with what was wanted and what the decision gave, field by field; the
// errors of any policy that did not load; the rule coverage of each policy;
// and last the line "N passed, N failed". With verbose, passing tests are
// listed too, and the coverage table shows every rule, not only those not
// yet seen both to pass and to fail.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	b := bufio.NewWriter(w)
	for _, t := range r.Tests {
		if t.Passed {
			if verbose {
				fmt.Fprintf(b, "--- PASS: %s (%s)\n", t.Name, t.At)
			}
			continue
		}
		fmt.Fprintf(b, "--- FAIL: %s (%s)\n", t.Name, t.At)
		if t.Error != "" {
			fmt.Fprintf(b, "    %s\n", t.Error)
		}
		for _, m := range t.Mismatches {
			fmt.Fprintf(b, "    %s (line %d)\n        want: %s\n        got:  %s\n", m.Field, m.Pos.Line, m.Want, m.Got)
			if m.Note != "" {
				fmt.Fprintf(b, "              %s\n", m.Note)
			}
		}
	}
	for _, p := range r.Policies {
		b.WriteString("\n")
		p.writeText(b, verbose)
	}
	if complete, rules := r.covered(); rules > 0 {
		fmt.Fprintf(b, "\nRule coverage: %.1f%% (%d of %d rules seen both to pass and to fail)\n", r.RuleCoverage, complete, rules)
	}
	fmt.Fprintf(b, "\n%d passed, %d failed\n", r.Passed, r.Failed)
	return b.Flush()
}

func (p *PolicyReport) title() string {
	if p.AreaFile == "" {
		return "the national policy"
	}
	if p.Policy.Area != "" {
		return fmt.Sprintf("area %s (%s)", p.Policy.Area, p.AreaFile)
	}
	return p.AreaFile
}

func (p *PolicyReport) writeText(b *bufio.Writer, verbose bool) {
	if len(p.details) > 0 {
		fmt.Fprintf(b, "Errors in %s:\n", p.title())
		for _, d := range p.details {
			fmt.Fprintf(b, "  %s\n", strings.ReplaceAll(d, "\n", "\n  "))
		}
	}
	if p.Policy.Name == "" {
		return
	}
	fmt.Fprintf(b, "Rule coverage under %s, %s %s:\n", p.title(), p.Policy.Name, p.Policy.Version)
	var table []string
	for _, s := range p.Coverage {
		if s.Tests == 0 {
			fmt.Fprintf(b, "  %-12s %d rules, not tested\n", s.Section, len(s.Rules))
			continue
		}
		var reached [4]int
		for _, rc := range s.Rules {
			for i, n := range [4]int{rc.Pass, rc.Fail, rc.Unknown, rc.NotApplicable} {
				if n > 0 {
					reached[i]++
				}
			}
			if verbose || !rc.Complete() {
				name := s.Section + "." + rc.ID
				if rc.Area {
					name += " (area)"
				}
				table = append(table, fmt.Sprintf("    %-44s %5d %5d %8d %5d", name, rc.Pass, rc.Fail, rc.Unknown, rc.NotApplicable))
			}
		}
		n := len(s.Rules)
		fmt.Fprintf(b, "  %-12s %d rules, %d %s: pass %d/%d, fail %d/%d, unknown %d/%d, not_applicable %d/%d\n",
			s.Section, n, s.Tests, plural(s.Tests, "test", "tests"), reached[0], n, reached[1], n, reached[2], n, reached[3], n)
	}
	if len(table) == 0 {
		return
	}
	if verbose {
		b.WriteString("  Results reached, by rule:\n")
	} else {
		b.WriteString("  Rules not yet seen both to pass and to fail:\n")
	}
	fmt.Fprintf(b, "    %-44s %5s %5s %8s %5s\n", "rule", "pass", "fail", "unknown", "n/a")
	for _, line := range table {
		b.WriteString(line + "\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
