package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp/eligibility"
)

var eligibilityCommand = &command{
	name:    "eligibility",
	args:    "[--area FILE] [--format json|text] [--explain] CASE|-",
	summary: "decide eligibility for i-SOTP for a case file (- reads standard input)",
}

func init() { eligibilityCommand.run = runEligibility }

func runEligibility(ctx context.Context, e *env, args []string) int {
	f := newFlags(eligibilityCommand, e, "json", "text")
	f.explainFlag()
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	elig, err := eligibility.New(pol)
	if err != nil {
		return reportPolicyError(e, "eligibility", err)
	}
	c, code, ok := readCase(e, "eligibility", pos[0])
	if !ok {
		return code
	}
	d, err := elig.Decide(ctx, c, f.evalOptions()...)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp eligibility: %v\n", err)
		return exitPolicy
	}
	return write(e, f.format, d, d.WriteText)
}

// write prints a result as indented JSON or through its text writer.
func write(e *env, format string, v any, text func(w io.Writer) error) int {
	var err error
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(v)
	} else {
		err = text(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp: writing output: %v\n", err)
		return exitUsage
	}
	return exitOK
}
