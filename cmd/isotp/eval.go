package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
)

var evalCommand = &command{
	name:    "eval",
	args:    "[--policy DIR] [--area FILE] [--case FILE] [--section SECTION] [--format text|json] EXPR",
	summary: "evaluate one CEL expression against a case, the parameters and a rule section's variables; print its value or what it needs, and its cost",
	example: `isotp eval --case examples/cases/eligibility/eligible-pre-sentence.json 'age >= params.min_age'`,
}

func init() { evalCommand.run = runEval }

// evalOutput is what isotp eval prints.
type evalOutput struct {
	Expression string `json:"expression"`
	Section    string `json:"section"`
	Type       string `json:"type"`
	rules.ExprResult
	Estimate uint64 `json:"estimate"` // the most it can cost, for the largest case the rules accept
	Limit    uint64 `json:"limit"`    // the most one expression may cost
}

// sectionChoices returns the rule sections of the registry's decisions.
func sectionChoices() []string {
	var out []string
	for _, s := range decisions.Sections() {
		out = append(out, s.Name)
	}
	return out
}

func runEval(ctx context.Context, e *env, args []string) int {
	f := newFlags(evalCommand, e, "text", "json")
	var caseFile string
	f.fileFlag(&caseFile, "case", "evaluate against the case `FILE` (- reads standard input); without it every fact is unknown")
	choices := sectionChoices()
	section := f.String("section", choices[0], "the rule `SECTION` whose inputs and variables the expression reads: "+enum.OrList(choices))
	f.choices["section"] = choices
	f.args = []string{}
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	var dec *decisions.Decision
	for _, d := range decisions.All() {
		if s := d.Spec().Section; s != nil && s.Name == *section {
			dec = d
		}
	}
	if dec == nil {
		fmt.Fprintf(e.stderr, "isotp eval: unknown --section %q (want %s)\n", *section, enum.OrList(choices))
		return exitUsage
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	x, err := pol.CompileExpr(*dec.Spec().Section, pos[0])
	var list rules.ErrorList
	if errors.As(err, &list) && list[0].Pos.File == rules.ExprFile {
		for _, pe := range list {
			fmt.Fprintln(e.stderr, pe.Detail())
		}
		fmt.Fprintf(e.stderr, "isotp eval: %d error(s) in the expression\n", len(list))
		return exitPolicy
	}
	if err != nil {
		return reportPolicyError(e, "eval", err)
	}
	out := evalOutput{Expression: pos[0], Section: *section, Type: x.Type(), Estimate: x.Cost(), Limit: rules.ExpressionCostLimit}
	if caseFile == "" {
		out.ExprResult, err = x.Eval(ctx, nil)
	} else {
		var c *isotp.Case
		if c, code, ok = readCase(e, "eval", caseFile); !ok {
			return code
		}
		maker, merr := dec.New(pol)
		if merr != nil {
			return reportPolicyError(e, "eval", merr)
		}
		_, err = maker.Decide(ctx, c, rules.Capture(x, &out.ExprResult))
		if err == nil && !out.Captured() {
			err = fmt.Errorf("the %s decision was made without its rules for this case", dec.Name())
		}
	}
	if err != nil {
		if errors.Is(err, isotp.ErrInvalidInput) {
			fmt.Fprintf(e.stderr, "isotp eval: %s: %v\n", displayName(caseFile), err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "isotp eval: %v\n", err)
		return exitPolicy
	}
	return write(e, f.format, out, func(w io.Writer) error {
		fmt.Fprintf(w, "%s (%s)\n", out.Literal, out.Type)
		if !out.Known {
			if len(out.Missing) > 0 {
				fmt.Fprintln(w, "missing:")
				for _, m := range out.Missing {
					fmt.Fprintf(w, "  - %s\n", m)
				}
			} else {
				fmt.Fprintln(w, "it depends on facts that are not known")
			}
		}
		_, err := fmt.Fprintf(w, "cost: %s steps (at most %s for the largest case the rules accept; the limit is %s)\n",
			countSteps(out.Cost), countSteps(out.Estimate), countSteps(out.Limit))
		return err
	})
}

// countSteps writes n with thousands separators.
func countSteps(n uint64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
