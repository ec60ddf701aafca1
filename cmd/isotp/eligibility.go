package main

import (
	"github.com/isotp-dev/isotp/eligibility"
)

var eligibilityCommand = &command{
	name:    "eligibility",
	args:    "[--area FILE] [--format json|text] [--explain] CASE|-",
	summary: "decide eligibility for i-SOTP for a case file (- reads standard input)",
}

func init() {
	eligibilityCommand.run = caseDecision[*eligibility.Evaluator, *eligibility.Decision]{
		cmd:     eligibilityCommand,
		explain: true,
		make:    eligibility.New,
		decide:  (*eligibility.Evaluator).Decide,
		text:    (*eligibility.Decision).WriteText,
	}.run
}
