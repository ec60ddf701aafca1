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
	summary: "list the parameters in force: value, where it came from, bounds",
	example: "isotp params --area examples/areas/cheshire.yaml",
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
	return write(e, f.format, params, func(w io.Writer) error {
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
		return nil
	})
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
