package main

import (
	"context"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/rules"
)

var assessmentCommand = &command{
	name:    "assessment",
	args:    "[--area FILE] [--format json|text] CASE|-",
	summary: "psychometric change before and after the programme: reliable change per scale",
}

func init() {
	assessmentCommand.run = caseDecision[*assessment.Assessor, *assessment.Result]{
		cmd:  assessmentCommand,
		make: assessment.New,
		decide: func(a *assessment.Assessor, ctx context.Context, c *isotp.Case, _ ...rules.EvalOption) (*assessment.Result, error) {
			return a.Assess(ctx, c)
		},
		text: (*assessment.Result).WriteText,
	}.run
}
