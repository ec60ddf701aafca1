// Package decisions is the one list of the decisions isotp makes:
// eligibility, attendance (with the completion rules), assessment and
// groups, in that order. Each decision package declares what it reads of a
// policy, beside the code that reads it (eligibility.Spec, ...); this
// package lists them and says how to make each, so that the tools that
// serve every decision loop over one list: isotp check compiles each,
// isotp test and isotp diff make each, and the command has a subcommand
// for each.
//
// It sits above the decision packages and below the tools (policytest,
// whatif, the command), and imports only them, rules and the root. The
// Post-Programme Report is not one of the decisions: it reads two of them.
//
// A Decision and the Decider it makes are safe for concurrent use.
package decisions

import (
	"context"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
)

// A Decision is one of the decisions: what it reads of a policy and how to
// make it. The zero Decision is not one; use All or Lookup.
type Decision struct {
	spec    rules.Spec
	summary string
	input   Input
	newer   func(*rules.Policy) (*Decider, error)
	results func(Result) []rules.Result // its rule results; nil without a rule section
	outcome func(Result) string
}

// Input is what a decision is made from.
type Input uint8

const (
	FromCase   Input = iota + 1 // one case file (isotp.DecodeCase)
	FromIntake                  // an intake of referrals (isotp.DecodeIntake)
)

var inputNames = enum.New[Input]("input", "case", "intake")

// String returns "case" or "intake".
func (in Input) String() string { return inputNames.String(in) }

// A Result is what a decision gives: its JSON form is the output of the
// command that makes it, and WriteText writes it for a person.
type Result interface {
	WriteText(w io.Writer) error
}

// all is the list, in the order the tools report decisions.
var all = []*Decision{
	onCase(eligibility.Spec(), "decide eligibility for i-SOTP for a case file (- reads standard input)",
		eligibility.New, (*eligibility.Evaluator).Decide,
		func(d *eligibility.Decision) []rules.Result { return d.Rules },
		func(d *eligibility.Decision) string { return d.Outcome.String() }),
	onCase(attendance.Spec(), "summarise a participant's attendance: next session, catch-ups, enforcement, completion",
		attendance.New, (*attendance.Summarizer).Summarize,
		func(s *attendance.Summary) []rules.Result { return s.Completion.Rules },
		func(s *attendance.Summary) string { return s.Status.String() }),
	onCase(assessment.Spec(), "psychometric change before and after the programme: reliable change per scale",
		assessment.New, func(a *assessment.Assessor, ctx context.Context, c *isotp.Case, _ ...rules.EvalOption) (*assessment.Result, error) {
			return a.Assess(ctx, c)
		}, nil,
		func(r *assessment.Result) string {
			if len(r.Findings) > 0 {
				return "findings"
			}
			return "in_order"
		}),
	onIntake(groups.Spec(), "form groups by age band and size from a referral file (- reads standard input)",
		groups.New, (*groups.Planner).Form,
		func(p *groups.Plan) string {
			if len(p.Groups) > 0 {
				return "formed"
			}
			return "none_formed"
		}),
}

// All returns every decision, in the order the tools report them. The
// slice is a copy.
func All() []*Decision { return append([]*Decision(nil), all...) }

// Lookup returns the decision named name ("eligibility", "attendance",
// "assessment", "groups").
func Lookup(name string) (*Decision, bool) {
	for _, d := range all {
		if d.spec.Name == name {
			return d, true
		}
	}
	return nil, false
}

// Name returns the decision's name, as the command and the outputs spell it.
func (d *Decision) Name() string { return d.spec.Name }

// Spec returns what the decision reads of a policy.
func (d *Decision) Spec() rules.Spec { return d.spec }

// Summary returns what the decision does, in one line for people.
func (d *Decision) Summary() string { return d.summary }

// Input returns what the decision is made from.
func (d *Decision) Input() Input { return d.input }

// New makes the decision's maker for pol, compiling its rules and reading
// its parameters once. Errors in the policy are as the decision package's
// New reports them: a rules.ErrorList with file:line:col, or an error
// matching rules.ErrInvalidPolicy.
func (d *Decision) New(pol *rules.Policy) (*Decider, error) {
	if pol == nil {
		return nil, fmt.Errorf("decisions: %s: no policy given", d.spec.Name)
	}
	return d.newer(pol)
}

// RuleResults returns the rule results in r, a result of d: for a decision
// with a rule section, each rule's verdict; nil otherwise, or when r is not
// d's.
func (d *Decision) RuleResults(r Result) []rules.Result {
	if d.results == nil || r == nil {
		return nil
	}
	return d.results(r)
}

// Outcome returns the word that sums up r, a result of d, for counting
// decisions by outcome (the service's metrics and decision log): one of a
// few fixed words for each decision. For eligibility it is the outcome
// (eligible, ineligible, refer, pending); for attendance, the status
// (restart_required, completed, catch_up_required, in_progress,
// not_started); for assessment, "findings" when the assessments were not
// done as the programme requires (a finding) and "in_order" otherwise; for
// groups, "formed" when at least one group was formed and "none_formed"
// otherwise. It returns "" when r is not d's.
func (d *Decision) Outcome(r Result) string {
	if r == nil {
		return ""
	}
	return d.outcome(r)
}

// A Decider makes one decision under the policy it was made for. It is
// immutable and safe for concurrent use.
type Decider struct {
	d        *Decision
	onCase   func(context.Context, *isotp.Case, ...rules.EvalOption) (Result, error)
	onIntake func(context.Context, *isotp.Intake) (Result, error)
}

// Decide makes the decision for case c, with opts for a decision made by
// rules (rules.Explain, rules.WithoutMessages; others ignore them). Input
// it cannot read, a nil c included, is an *isotp.InputError (errors.Is
// isotp.ErrInvalidInput). A decision made from an intake cannot be made
// from a case, and Decide says so.
func (m *Decider) Decide(ctx context.Context, c *isotp.Case, opts ...rules.EvalOption) (Result, error) {
	if m.onCase == nil {
		return nil, fmt.Errorf("decisions: %s is made from an intake of referrals, not a case", m.d.spec.Name)
	}
	return m.onCase(ctx, c, opts...)
}

// DecideIntake makes the decision for intake in, as Decide does for a case.
func (m *Decider) DecideIntake(ctx context.Context, in *isotp.Intake) (Result, error) {
	if m.onIntake == nil {
		return nil, fmt.Errorf("decisions: %s is made from a case, not an intake of referrals", m.d.spec.Name)
	}
	return m.onIntake(ctx, in)
}

// onCase makes the entry of a decision made from a case. M is the package's
// maker (an Evaluator), R its result; decide is the maker's method
// expression; results, if not nil, finds R's rule results; outcome sums R
// up in a word.
func onCase[M any, R Result](spec rules.Spec, summary string, newM func(*rules.Policy) (M, error),
	decide func(M, context.Context, *isotp.Case, ...rules.EvalOption) (R, error), results func(R) []rules.Result,
	outcome func(R) string) *Decision {
	d := &Decision{spec: spec, summary: summary, input: FromCase, outcome: outcomeOf(outcome)}
	d.newer = func(pol *rules.Policy) (*Decider, error) {
		m, err := newM(pol)
		if err != nil {
			return nil, err
		}
		return &Decider{d: d, onCase: func(ctx context.Context, c *isotp.Case, opts ...rules.EvalOption) (Result, error) {
			r, err := decide(m, ctx, c, opts...)
			if err != nil {
				return nil, err
			}
			return r, nil
		}}, nil
	}
	if results != nil {
		d.results = func(r Result) []rules.Result {
			if x, ok := r.(R); ok {
				return results(x)
			}
			return nil
		}
	}
	return d
}

// onIntake makes the entry of a decision made from an intake of referrals.
func onIntake[M any, R Result](spec rules.Spec, summary string, newM func(*rules.Policy) (M, error),
	form func(M, context.Context, *isotp.Intake) (R, error), outcome func(R) string) *Decision {
	d := &Decision{spec: spec, summary: summary, input: FromIntake, outcome: outcomeOf(outcome)}
	d.newer = func(pol *rules.Policy) (*Decider, error) {
		m, err := newM(pol)
		if err != nil {
			return nil, err
		}
		return &Decider{d: d, onIntake: func(ctx context.Context, in *isotp.Intake) (Result, error) {
			r, err := form(m, ctx, in)
			if err != nil {
				return nil, err
			}
			return r, nil
		}}, nil
	}
	return d
}

// outcomeOf makes outcome, which reads an R, read any Result: "" for one
// that is not an R.
func outcomeOf[R Result](outcome func(R) string) func(Result) string {
	return func(r Result) string {
		if x, ok := r.(R); ok {
			return outcome(x)
		}
		return ""
	}
}

// Sections returns the rule sections of every decision that has one, in
// the order of All.
func Sections() []rules.Section {
	var out []rules.Section
	for _, d := range all {
		if s := d.spec.Section; s != nil {
			out = append(out, *s)
		}
	}
	return out
}

// Check loads the policy from src and opts and checks it for every
// decision, reporting every problem at once: the structure, parameters and
// rules of every section as rules.Check does (a rules.ErrorList with
// file:line:col), then each decision's New, for what a decision needs
// beyond its rules (its parameters). It returns the policy when all is
// well. It is what isotp check runs.
func Check(src rules.Source, opts ...rules.Option) (*rules.Policy, error) {
	if err := rules.Check(src, Sections(), opts...); err != nil {
		return nil, err
	}
	pol, err := rules.Load(src, opts...)
	if err != nil {
		return nil, err
	}
	for _, d := range all {
		if _, err := d.New(pol); err != nil {
			return nil, err
		}
	}
	return pol, nil
}
