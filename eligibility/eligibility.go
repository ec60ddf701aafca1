// Package eligibility decides whether a man is eligible for i-SOTP, before
// sentence (a proposal for the Pre-Sentence Report) or after it (allocation),
// from the eligibility rules of a loaded policy.
//
// The outcome is reached in this order: any rule with effect ineligible that
// fails makes him ineligible; otherwise any such rule that is unknown leaves
// the decision pending; otherwise any rule with effect refer that fails
// refers him to params.refer_programme; otherwise any such rule that is
// unknown leaves it pending; otherwise he is eligible. Advisory rules never
// change the outcome.
package eligibility

import (
	"context"
	"errors"
	"fmt"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// Effects of eligibility rules.
const (
	EffectIneligible = "ineligible" // a failure makes him ineligible
	EffectRefer      = "refer"      // a failure refers him to another programme
	EffectAdvisory   = "advisory"   // a failure is reported, nothing more
)

// The eligibility rules' inputs, outputs and texts, bound and read by name.
var (
	inAsOf     = &rules.Var{Name: "as_of", Type: rules.DateType, Doc: "the date the decision is made at"}
	inStage    = &rules.Var{Name: "stage", Type: stages.Type(), Doc: "pre_sentence or post_sentence"}
	inOffender = &rules.Var{Name: "offender", Type: offenderObject.Type()}
	inOffences = &rules.Var{Name: "offences", Type: rules.ListOf(offenceObject.Type()).AtMost(isotp.MaxOffences)}
	inOrder    = &rules.Var{Name: "order", Type: orderObject.Type()}

	outAge     = &rules.Var{Name: "age", Type: rules.IntType, For: []string{"age"}}
	outAgeBand = &rules.Var{Name: "age_band", Type: rules.StringType, For: []string{"age_band"}}
	outRegime  = &rules.Var{Name: "regime", Type: rules.StringType, For: []string{"regime"}}

	textProposalCJA2003    = &rules.Var{Name: "proposal_cja2003", Type: rules.StringType, For: []string{"proposal"}}
	textProposalPreCJA2003 = &rules.Var{Name: "proposal_pre_cja2003", Type: rules.StringType, For: []string{"proposal"}}
)

// section is what the eligibility rules read and must define.
var section = rules.Section{
	Name:    "eligibility",
	Inputs:  []*rules.Var{inAsOf, inStage, inOffender, inOffences, inOrder},
	Effects: []string{EffectIneligible, EffectRefer, EffectAdvisory},
	Outputs: []*rules.Var{outAge, outAgeBand, outRegime},
	Texts:   []*rules.Var{textProposalCJA2003, textProposalPreCJA2003},
}

// spec declares what the eligibility decision reads of a policy.
var spec = rules.Spec{
	Name:    "eligibility",
	Section: &section,
	Params: []rules.ParamUse{
		{Name: "refer_programme", For: []string{"refer_to", "proposal"}},
		{Name: "cja2003_commencement", For: []string{"proposal"}}, // the proposal when the regime is not known
	},
	Tables: []rules.Table{rules.Catalogue}, // the rules' in_catalogue
}

// Spec returns what the eligibility decision reads of a policy: its rule
// section, the parameters New reads and the offence catalogue its rules
// look up.
func Spec() rules.Spec { return spec }

// An Evaluator makes eligibility decisions under one policy. It is immutable
// and safe for concurrent use; make one per policy with New and keep it.
type Evaluator struct {
	rs           *rules.RuleSet
	info         rules.Info
	referTo      string
	commencement isotp.Date
}

// New compiles the policy's eligibility rules. Errors in them are reported as
// a rules.ErrorList with file:line:col; a nil pol is an error.
func New(pol *rules.Policy) (*Evaluator, error) {
	if pol == nil {
		return nil, errors.New("eligibility: no policy given")
	}
	rs, err := pol.Compile(section)
	if err != nil {
		return nil, err
	}
	referTo, err := rules.ParamValue[string](pol, &spec, "refer_programme")
	if err != nil {
		return nil, err
	}
	commencement, err := rules.ParamValue[isotp.Date](pol, &spec, "cja2003_commencement")
	if err != nil {
		return nil, err
	}
	return &Evaluator{rs: rs, info: pol.Info(), referTo: referTo, commencement: commencement}, nil
}

// Decide makes the eligibility decision for case c at c.AsOf. Missing facts
// never count against him: they leave rules unknown and the decision
// pending, and are listed in Missing. With rules.Explain(), every rule's
// result carries the expressions evaluated and the facts they read. An
// error means the rules could not be evaluated (rules.ErrEvaluation), a
// value was larger than the rules read or no case was given (an
// *isotp.InputError, errors.Is isotp.ErrInvalidInput), or ctx was
// cancelled.
func (e *Evaluator) Decide(ctx context.Context, c *isotp.Case, opts ...rules.EvalOption) (*Decision, error) {
	if c == nil {
		return nil, &isotp.InputError{Msg: "no case given"}
	}
	ev, err := e.rs.Evaluate(ctx, []rules.Binding{
		inAsOf.Bind(rules.DateOf(&c.AsOf)),
		inStage.Bind(stages.Value(c.Stage)),
		inOffender.Bind(rules.ObjectValue(offenderObject, c.Offender)),
		inOffences.Bind(offencesValue(c.Offences)),
		inOrder.Bind(rules.ObjectValue(orderObject, c.Order)),
	}, opts...)
	if err != nil {
		return nil, err
	}
	// The decision and what its pointers point to, in one allocation.
	all := &struct {
		Decision
		age            int
		band, proposal string
	}{Decision: Decision{
		Programme: e.info.Name,
		Stage:     c.Stage,
		AsOf:      c.AsOf,
		Outcome:   outcome(ev.Results),
		Regime:    RegimeUnknown,
		Rules:     ev.Results,
		Missing:   ev.Missing,
		Variables: ev.Variables,
		Policy:    e.info,
	}}
	d := &all.Decision
	if d.Missing == nil {
		d.Missing = []string{}
	}
	var ok bool
	if all.age, ok = ev.Output(outAge).AsInt(); ok {
		d.Age = &all.age
	}
	if all.band, ok = ev.Output(outAgeBand).AsString(); ok {
		d.AgeBand = &all.band
	}
	if regime, ok := ev.Output(outRegime).AsString(); ok {
		// The rules' regime is made from the case: it is not quoted.
		if d.Regime, ok = regimeNames.Lookup(regime); !ok {
			return nil, fmt.Errorf("%w: the eligibility variable regime is not %s", rules.ErrEvaluation, regimeNames.Choices())
		}
	}
	if d.Outcome == Refer {
		d.ReferTo = &e.referTo
	}
	if c.Stage == isotp.PreSentence && (d.Outcome == Eligible || d.Outcome == Refer) {
		if all.proposal, err = e.proposal(ctx, ev, d.Regime); err != nil {
			return nil, err
		}
		d.Proposal = &all.proposal
	}
	return d, nil
}

// outcome applies the precedence in the package comment.
func outcome(results []rules.Result) Outcome {
	has := func(effect string, v rules.Verdict) bool {
		for _, r := range results {
			if r.Effect == effect && r.Verdict == v {
				return true
			}
		}
		return false
	}
	switch {
	case has(EffectIneligible, rules.Fail):
		return Ineligible
	case has(EffectIneligible, rules.Unknown):
		return Pending
	case has(EffectRefer, rules.Fail):
		return Refer
	case has(EffectRefer, rules.Unknown):
		return Pending
	}
	return Eligible
}

// proposal words the Pre-Sentence Report proposal for the regime; when the
// regime is not known it gives both, each with the condition that decides.
func (e *Evaluator) proposal(ctx context.Context, ev *rules.Evaluation, regime Regime) (string, error) {
	text := func(t *rules.Var) (string, error) {
		s, ok, err := ev.Text(ctx, t)
		if err == nil && !ok {
			err = fmt.Errorf("%w: the proposal text depends on facts that are not known", rules.ErrEvaluation)
		}
		return s, err
	}
	switch regime {
	case RegimeCJA2003:
		return text(textProposalCJA2003)
	case RegimePreCJA2003:
		return text(textProposalPreCJA2003)
	}
	post, err := text(textProposalCJA2003)
	if err != nil {
		return "", err
	}
	pre, err := text(textProposalPreCJA2003)
	if err != nil {
		return "", err
	}
	when := e.commencement.Long()
	return fmt.Sprintf("If his offences were committed on or after %s: %s If they were all committed before %s: %s",
		when, post, when, pre), nil
}
