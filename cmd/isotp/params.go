package main

import (
	"context"
	"fmt"
	"github.com/isotp-dev/isotp/internal/textwrap"
	"io"
	"text/tabwriter"

	"github.com/isotp-dev/isotp/rules"
)

var paramsCommand = &command{
	name:    "params",
	args:    "[--area FILE] [--format text|json]",
	summary: "list the parameters in force (value, where it came from, bounds) and the working-day calendar",
	example: "isotp params --area examples/areas/cheshire.yaml",
}

// paramsOutput is what params writes as JSON: the parameters in force, and
// the calendar deadlines are counted by.
type paramsOutput struct {
	Parameters []rules.Param          `json:"parameters"`
	Calendar   rules.CalendarCoverage `json:"calendar"`
}

func init() { paramsCommand.run = runParams }

func runParams(ctx context.Context, e *env, args []string) int {
	f := newFlags(paramsCommand, e, "text", "json")
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	params := pol.Params()
	cov := pol.Calendar().Coverage()
	return write(e, f.format, paramsOutput{params, cov}, func(w io.Writer) error {
		info := pol.Info()
		fmt.Fprintf(w, "Parameters of %s %s (%s)\n\n", info.Name, info.Version, info.Area)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tVALUE\tSOURCE\tAREAS MAY SET")
		for _, p := range params {
			source := p.Source
			if source != "national" {
				source = fmt.Sprintf("%s (national default %s)", p.Pos, formatParam(p.Default))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Name, formatParam(p.Value), source, boundsText(p))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w, "\nWhat each parameter means")
		for _, p := range params {
			fmt.Fprintf(w, "\n  %s (%s)\n", p.Name, p.Type)
			fmt.Fprint(w, textwrap.Wrap(p.Description, 76, "    "))
		}
		return writeCalendar(w, cov)
	})
}

// writeCalendar says which days deadlines count as working days, where the
// bank holidays come from and for which years they have been checked.
func writeCalendar(w io.Writer, cov rules.CalendarCoverage) error {
	fmt.Fprintln(w, "\nWorking days")
	what := "Deadlines count working days: Monday to Friday, excluding bank holidays in " + cov.Region
	if len(cov.Closures) > 0 {
		what += " and the area's closure days"
	}
	fmt.Fprint(w, textwrap.Wrap(what+".", 78, "  "))
	fmt.Fprint(w, textwrap.Wrap("The regular bank holidays come by rule from "+cov.Rules+", for any year.", 78, "  "))
	if cov.CheckedFrom == 0 {
		fmt.Fprint(w, textwrap.Wrap("The policy lists no one-off bank holidays and has checked no year against the published list: only the regular bank holidays are known.", 78, "  "))
	} else {
		fmt.Fprint(w, textwrap.Wrap(fmt.Sprintf("The one-off bank holidays are listed by the policy; it has checked the bank holidays of %d to %d against the published list. "+
			"For other years only the regular bank holidays are known, and a deadline counted over one says so.", cov.CheckedFrom, cov.CheckedTo), 78, "  "))
	}
	const hang = "              " // under the name
	if len(cov.OneOffDays) > 0 {
		fmt.Fprintf(w, "\n  One-off bank holidays (%s)\n", cov.OneOffDays[0].Pos.File)
		for _, d := range cov.OneOffDays {
			fmt.Fprint(w, textwrap.Wrap(d.Name, 78, "  "+d.Date.String()+"  "))
			fmt.Fprint(w, textwrap.Wrap("Source: "+d.Source, 78, hang))
		}
	}
	if len(cov.Closures) > 0 {
		fmt.Fprintf(w, "\n  The area's closure days (%s)\n", cov.Closures[0].Source)
		for _, d := range cov.Closures {
			fmt.Fprint(w, textwrap.Wrap(d.Name, 78, "  "+d.Date.String()+"  "))
		}
	}
	return nil
}

func boundsText(p rules.Param) string {
	switch {
	case p.Fixed:
		return "no (fixed nationally)"
	case p.Bounds == "":
		return "any value"
	}
	return "within: " + p.Bounds
}

func formatParam(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
