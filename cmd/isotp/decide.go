package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
)

// decisionCommands are the commands that make one decision each, one for
// every decision in the registry, in its order.
var decisionCommands = func() []*command {
	var out []*command
	for _, d := range decisions.All() {
		c := &command{name: d.Name(), summary: d.Summary()}
		switch {
		case d.Input() == decisions.FromIntake:
			c.args = "[--area FILE] [--format json|text] FILE|-"
			c.example = "isotp " + d.Name() + " --format text referrals.json"
		case d.Spec().Section != nil:
			c.args = "[--area FILE] [--format json|text] [--explain] CASE|-"
			c.example = "isotp " + d.Name() + " --area examples/areas/cheshire.yaml --format text --explain case.json"
		default:
			c.args = "[--area FILE] [--format json|text] CASE|-"
			c.example = "isotp " + d.Name() + " --format text case.json"
		}
		c.run = func(ctx context.Context, e *env, args []string) int { return runDecision(ctx, e, c, d, args) }
		out = append(out, c)
	}
	return out
}()

// runDecision parses the flags, loads the policy, reads the case (or the
// intake), decides and writes the result, with the exit statuses of the
// package comment. A decision made by rules takes --explain.
func runDecision(ctx context.Context, e *env, c *command, d *decisions.Decision, args []string) int {
	f := newFlags(c, e, "json", "text")
	if d.Input() == decisions.FromCase && d.Spec().Section != nil {
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
	maker, err := d.New(pol)
	if err != nil {
		return reportPolicyError(e, c.name, err)
	}
	var res decisions.Result
	if d.Input() == decisions.FromIntake {
		in, code, ok := readIntake(e, c.name, pos[0])
		if !ok {
			return code
		}
		res, err = maker.DecideIntake(ctx, in)
	} else {
		cs, code, ok := readCase(e, c.name, pos[0])
		if !ok {
			return code
		}
		res, err = maker.Decide(ctx, cs, f.evalOptions()...)
	}
	if err != nil {
		if errors.Is(err, isotp.ErrInvalidInput) {
			fmt.Fprintf(e.stderr, "isotp %s: %s: %v\n", c.name, displayName(pos[0]), err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "isotp %s: %v\n", c.name, err)
		return exitPolicy
	}
	return write(e, f.format, res, res.WriteText)
}

// write prints a result as indented JSON or through its text writer.
func write(e *env, format string, v any, text func(w io.Writer) error) int {
	var err error
	if format == "json" {
		err = decisions.WriteJSON(e.stdout, v)
	} else {
		err = text(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp: writing output: %v\n", err)
		return exitUsage
	}
	return exitOK
}
