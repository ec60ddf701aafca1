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
//
// A rule left unknown by missing facts carries the results it could have
// once they are known (rules.Result.Possible), and the decision is pending
// only when those could change the outcome: with the stage missing, rules
// that apply only after sentence and pass there cannot make him ineligible,
// so he is eligible whatever the stage. The outcome is worked out in every
// possible world of the missing facts (rules.Evaluation.Worlds); it is
// decided when it is the same in all of them.
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

	textProposalCJA2003    = &rules.Var{Name: "proposal_cja2003", Type: rules.StringType, For: []string{"proposal", "proposal_if_pre_sentence"}}
	textProposalPreCJA2003 = &rules.Var{Name: "proposal_pre_cja2003", Type: rules.StringType, For: []string{"proposal", "proposal_if_pre_sentence"}}
	textRegimeReason       = &rules.Var{Name: "regime_reason", Type: rules.StringType, For: []string{"regime_reason"}}
)

// section is what the eligibility rules read and must define.
var section = rules.Section{
	Name:    "eligibility",
	Inputs:  []*rules.Var{inAsOf, inStage, inOffender, inOffences, inOrder},
	Effects: []string{EffectIneligible, EffectRefer, EffectAdvisory},
	Outputs: []*rules.Var{outAge, outAgeBand, outRegime},
	Texts:   []*rules.Var{textProposalCJA2003, textProposalPreCJA2003, textRegimeReason},
	Words:   words,
}

// spec declares what the eligibility decision reads of a policy.
var spec = rules.Spec{
	Name:    "eligibility",
	Section: &section,
	Params: []rules.ParamUse{
		{Name: "refer_programme", For: []string{"refer_to", "proposal", "proposal_if_pre_sentence"}},
		{Name: "cja2003_commencement", For: []string{"proposal", "proposal_if_pre_sentence"}}, // the proposal when the regime is not known
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
// never count against him: they leave rules unknown, and the decision
// pending where they could change its outcome, and are listed in Missing.
// With rules.Explain(), every rule's result carries the expressions
// evaluated and the facts they read. An error means the rules could not be
// evaluated (rules.ErrEvaluation), the case is impossible (a date of birth
// or an offence after the date of the decision), a value was larger than
// the rules read or no case was given (an *isotp.InputError, errors.Is
// isotp.ErrInvalidInput), or ctx was cancelled.
func (e *Evaluator) Decide(ctx context.Context, c *isotp.Case, opts ...rules.EvalOption) (*Decision, error) {
	if c == nil {
		return nil, &isotp.InputError{Msg: "no case given"}
	}
	if err := checkDates(c); err != nil {
		return nil, err
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
	defer ev.Release() // the decision keeps its results, not the evaluation
	all := rules.Recycled[decisionMem](opts)
	all.Decision = Decision{
		Programme: e.info.Name,
		Stage:     c.Stage,
		AsOf:      c.AsOf,
		Outcome:   outcomeOf(ev),
		Regime:    RegimeUnknown,
		Rules:     ev.Results,
		Missing:   ev.Missing,
		Variables: ev.Variables,
		Policy:    e.info,
	}
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
	if ev.Messages() {
		if d.RegimeReason, err = regimeReason(ctx, ev, c, d.Regime); err != nil {
			return nil, err
		}
	}
	if d.Outcome == Refer {
		d.ReferTo = &e.referTo
	}
	if d.Outcome == Eligible || d.Outcome == Refer {
		switch c.Stage {
		case isotp.PreSentence:
			if all.proposal, err = e.proposal(ctx, ev, d.Regime); err != nil {
				return nil, err
			}
			d.Proposal = &all.proposal
		case isotp.StageUnknown:
			// Decided whatever the stage: a proposal if it is before
			// sentence, but not one the Pre-Sentence Report can take as
			// made.
			if all.proposal, err = e.proposal(ctx, ev, d.Regime); err != nil {
				return nil, err
			}
			d.ProposalIfPreSentence = &all.proposal
		}
	}
	return d, nil
}

// decisionMem is a decision and what its pointers point to, in one
// allocation.
type decisionMem struct {
	Decision
	age            int
	band, proposal string
}

// checkDates refuses a case that cannot be true: a man born, or an offence
// committed, after the date of the decision. The check is the decision's,
// not the decoder's, because the as-of date is the decision's date, and a
// case made in Go is checked as one read from JSON is. The dates themselves
// are not quoted.
func checkDates(c *isotp.Case) error {
	if c.AsOf.IsZero() {
		return nil
	}
	if c.Offender != nil && !c.Offender.DateOfBirth.IsZero() && c.Offender.DateOfBirth.After(c.AsOf) {
		return &isotp.InputError{Path: "offender.date_of_birth", Msg: "the date of birth is after as_of, the date of the decision"}
	}
	for i := range c.Offences {
		if d := c.Offences[i].Date; !d.IsZero() && d.After(c.AsOf) {
			return &isotp.InputError{Path: fmt.Sprintf("offences[%d].date", i), Msg: "the offence date is after as_of, the date of the decision"}
		}
	}
	return nil
}

// outcomeOf applies the precedence in the package comment: to the rules'
// results, or, when some are unknown, in every possible world of the
// missing facts, pending unless every world gives the same outcome.
func outcomeOf(ev *rules.Evaluation) Outcome {
	worlds := ev.Worlds()
	if worlds == nil {
		return outcome(ev.Results)
	}
	var seen [Pending + 1]bool
	var only Outcome
	count := 0
	for _, w := range worlds {
		outs, n := possibleOutcomes(ev.Results, w)
		for _, o := range outs[:n] {
			if !seen[o] {
				seen[o], only = true, o
				count++
			}
		}
	}
	if count != 1 {
		return Pending
	}
	return only
}

// effectIndex returns where a rule of effect counts in the precedence: 0
// for ineligible, 1 for refer; counts is false for any other effect.
func effectIndex(effect string) (k int, counts bool) {
	switch effect {
	case EffectIneligible:
		return 0, true
	case EffectRefer:
		return 1, true
	}
	return 0, false
}

// outcome applies the precedence to decided rules.
func outcome(results []rules.Result) Outcome {
	var fails, unknowns [2]bool // by effect: ineligible, refer
	for _, r := range results {
		k, counts := effectIndex(r.Effect)
		if !counts {
			continue
		}
		switch r.Verdict {
		case rules.Fail:
			fails[k] = true
		case rules.Unknown:
			unknowns[k] = true
		}
	}
	switch {
	case fails[0]:
		return Ineligible
	case unknowns[0]:
		return Pending
	case fails[1]:
		return Refer
	case unknowns[1]:
		return Pending
	}
	return Eligible
}

// possibleOutcomes returns the outcomes one world allows, each rule taking
// any of its possible results there independently of the others: the
// first n of out.
func possibleOutcomes(results []rules.Result, world []rules.Verdicts) (out [3]Outcome, n int) {
	var mayFail, mustFail [2]bool // by effect: ineligible, refer
	for i, r := range results {
		k, counts := effectIndex(r.Effect)
		if !counts {
			continue
		}
		if world[i].Has(rules.Fail) {
			mayFail[k] = true
			mustFail[k] = mustFail[k] || world[i] == rules.VerdictsOf(rules.Fail)
		}
	}
	if mayFail[0] {
		out[n] = Ineligible
		n++
	}
	if !mustFail[0] {
		if mayFail[1] {
			out[n] = Refer
			n++
		}
		if !mustFail[1] {
			out[n] = Eligible
			n++
		}
	}
	return out, n
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

// regimeReason says why the regime is what it is: the policy's words when
// it is known, and what is missing when it is not.
func regimeReason(ctx context.Context, ev *rules.Evaluation, c *isotp.Case, regime Regime) (string, error) {
	if regime != RegimeUnknown {
		s, ok, err := ev.Text(ctx, textRegimeReason)
		if err != nil || ok {
			return s, err
		}
	}
	switch {
	case c.Offences == nil:
		return "His offences are not recorded.", nil
	case len(c.Offences) == 0:
		return "No offence is recorded.", nil
	}
	missing := ev.OutputMissing(outRegime)
	if regime != RegimeUnknown || len(missing) == 0 {
		return "", nil
	}
	said := make([]string, len(missing))
	for i, m := range missing {
		said[i] = words.Say(m)
	}
	return "It cannot be worked out without knowing " + rules.JoinWords(said) + ".", nil
}
