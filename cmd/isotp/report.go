package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
)

var reportCommand = &command{
	name:    "report",
	args:    "[--area FILE] [--format text|md|html|json] [--large-print] CASE|-",
	summary: "the Post-Programme Report: attendance, completion and assessment, for him and his Offender Manager",
}

func init() { reportCommand.run = runReport }

func runReport(ctx context.Context, e *env, args []string) int {
	f := newFlags(reportCommand, e, "text", "md", "html", "json")
	large := f.Bool("large-print", false, "with --format html: a large-print page (18pt text, single column)")
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	if *large && f.format != "html" {
		fmt.Fprintf(e.stderr, "isotp report: --large-print needs --format html\n")
		return exitUsage
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	r, err := report.New(pol)
	if err != nil {
		return reportPolicyError(e, "report", err)
	}
	c, code, ok := readCase(e, "report", pos[0])
	if !ok {
		return code
	}
	rep, err := r.Report(ctx, c)
	if err != nil {
		if errors.Is(err, isotp.ErrInvalidInput) {
			fmt.Fprintf(e.stderr, "isotp report: %s: %v\n", displayName(pos[0]), err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "isotp report: %v\n", err)
		return exitPolicy
	}
	switch f.format {
	case "json":
		return write(e, "json", rep, nil)
	case "md":
		return write(e, "text", rep, rep.WriteMarkdown)
	case "html":
		return write(e, "text", rep, func(w io.Writer) error {
			return rep.WriteHTML(w, report.HTMLOptions{LargePrint: *large})
		})
	}
	return write(e, "text", rep, rep.WriteText)
}
