package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
)

var assessmentCommand = &command{
	name:    "assessment",
	args:    "[--area FILE] [--format json|text] CASE|-",
	summary: "psychometric change before and after the programme: reliable change per scale",
}

func init() { assessmentCommand.run = runAssessment }

func runAssessment(ctx context.Context, e *env, args []string) int {
	f := newFlags(assessmentCommand, e, "json", "text")
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	a, err := assessment.New(pol)
	if err != nil {
		return reportPolicyError(e, "assessment", err)
	}
	c, code, ok := readCase(e, "assessment", pos[0])
	if !ok {
		return code
	}
	res, err := a.Assess(ctx, c)
	if err != nil {
		if errors.Is(err, isotp.ErrInvalidInput) {
			fmt.Fprintf(e.stderr, "isotp assessment: %s: %v\n", displayName(pos[0]), err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "isotp assessment: %v\n", err)
		return exitPolicy
	}
	return write(e, f.format, res, res.WriteText)
}
