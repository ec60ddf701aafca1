package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/report/pdf"
)

var reportCommand = &command{
	name:    "report",
	args:    "[--area FILE] [--format text|md|html|json|pdf] [--large-print] CASE|-",
	summary: "the Post-Programme Report: attendance, completion and assessment, for him and his Offender Manager",
	example: "isotp report --format html --large-print case.json > report.html",
}

func init() { reportCommand.run = runReport }

// pdfTimeout bounds starting the browser and printing one report.
const pdfTimeout = 2 * time.Minute

// browserEnv names the browser --format pdf prints with, when set.
const browserEnv = "ISOTP_BROWSER"

func runReport(ctx context.Context, e *env, args []string) int {
	f := newFlags(reportCommand, e, "text", "md", "html", "json", "pdf")
	large := f.Bool("large-print", false, "with --format html or pdf: large print (18pt text, single column)")
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	if *large && f.format != "html" && f.format != "pdf" {
		fmt.Fprintf(e.stderr, "isotp report: --large-print needs --format html or pdf\n")
		return exitUsage
	}
	if f.format == "pdf" && isTerminal(e.stdout) {
		fmt.Fprintf(e.stderr, "isotp report: --format pdf writes a PDF file; send standard output to a file (> report.pdf)\n")
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
	opts := report.HTMLOptions{LargePrint: *large}
	switch f.format {
	case "json":
		return write(e, "json", rep, nil)
	case "md":
		return write(e, "text", rep, rep.WriteMarkdown)
	case "html":
		return write(e, "text", rep, func(w io.Writer) error { return rep.WriteHTML(w, opts) })
	case "pdf":
		return writePDF(ctx, e, rep, opts)
	}
	return write(e, "text", rep, rep.WriteText)
}

// writePDF prints the report through a headless browser. No browser is a
// usage error (exit 2), as the command cannot do what was asked on this
// machine while the policy and the case are sound (exit 1 would send a
// policy author looking for a mistake in the rule files); the message says
// how to get one, and that --format html writes the same page.
func writePDF(ctx context.Context, e *env, rep *report.Report, opts report.HTMLOptions) int {
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	err := pdf.Write(ctx, e.stdout, rep, pdf.Options{HTML: opts, Browser: os.Getenv(browserEnv)})
	switch {
	case errors.Is(err, pdf.ErrNoBrowser):
		fmt.Fprintf(e.stderr, "isotp report: --format pdf prints the HTML report with Chromium or Google Chrome: %v\n"+
			"  install one (Debian: apt-get install chromium) or set %s to its path;\n"+
			"  --format html writes the same page, for any browser to print\n", err, browserEnv)
		return exitUsage
	case err != nil:
		fmt.Fprintf(e.stderr, "isotp report: writing the PDF: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// isTerminal reports whether w is a terminal, where a PDF's bytes would be
// noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
