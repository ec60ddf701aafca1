package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// A caseDecision is a command that makes one decision from one case file:
// eligibility, attendance, assessment. M is the decision maker, R its
// result.
type caseDecision[M, R any] struct {
	cmd     *command
	explain bool                                                                  // the command takes --explain
	make    func(*rules.Policy) (M, error)                                        // compile the policy once
	decide  func(M, context.Context, *isotp.Case, ...rules.EvalOption) (R, error) // decide one case (a method expression)
	text    func(R, io.Writer) error                                              // the text view
}

// run parses the flags, loads the policy, reads the case, decides and writes
// the result, with the exit statuses of the package comment.
func (d caseDecision[M, R]) run(ctx context.Context, e *env, args []string) int {
	f := newFlags(d.cmd, e, "json", "text")
	if d.explain {
		f.explainFlag()
	}
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	maker, err := d.make(pol)
	if err != nil {
		return reportPolicyError(e, d.cmd.name, err)
	}
	c, code, ok := readCase(e, d.cmd.name, pos[0])
	if !ok {
		return code
	}
	res, err := d.decide(maker, ctx, c, f.evalOptions()...)
	if err != nil {
		if errors.Is(err, isotp.ErrInvalidInput) {
			fmt.Fprintf(e.stderr, "isotp %s: %s: %v\n", d.cmd.name, displayName(pos[0]), err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "isotp %s: %v\n", d.cmd.name, err)
		return exitPolicy
	}
	return write(e, f.format, res, func(w io.Writer) error { return d.text(res, w) })
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
