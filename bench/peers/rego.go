package peers

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/reference"
)

//go:embed eligibility.rego
var eligibilityRego string

// regoPeer evaluates the rules as a Rego module with OPA: the query is
// prepared once (PrepareForEval) and evaluated per case with the case's data
// as input, giving the whole decision in one evaluation.
type regoPeer struct {
	query rego.PreparedEvalQuery
	rules []ruleSpec
}

func newRego(ctx context.Context, p params) (*regoPeer, error) {
	q, err := rego.New(
		rego.Query("data.isotp.eligibility.decision"),
		rego.Module("eligibility.rego", eligibilityRego),
		rego.Module("params.rego", paramsModule(p)),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	r := &regoPeer{query: q, rules: p.Rules}
	// The rules the module writes, read from the decision on an empty case.
	out, err := r.eval(ctx, map[string]any{})
	if err != nil {
		return nil, err
	}
	if err := checkWritten(p, out.rules); err != nil {
		return nil, err
	}
	return r, nil
}

// paramsModule is the policy's parameters and catalogue as the Rego module
// data.isotp.params.
func paramsModule(p params) string {
	var b strings.Builder
	b.WriteString("package isotp.params\n\n")
	fmt.Fprintf(&b, "min_age := %d\n", p.MinAge)
	fmt.Fprintf(&b, "adult_min_age := %d\n", p.AdultMinAge)
	fmt.Fprintf(&b, "min_supervision_months := %d\n", p.MinSupervisionMonths)
	fmt.Fprintf(&b, "cja2003_commencement := %q\n", p.Commencement)
	names := make([]string, 0, len(p.Catalogue))
	for name := range p.Catalogue {
		names = append(names, name)
	}
	slices.Sort(names)
	b.WriteString("catalogue := {\n")
	for _, name := range names {
		js, _ := json.Marshal(name) // a Rego string is a JSON string
		fmt.Fprintf(&b, "\t%s,\n", js)
	}
	b.WriteString("}\n")
	return b.String()
}

// regoDecision is the module's decision document.
type regoDecision struct {
	age     any // json.Number, or nil when unknown
	ageBand any // string, or nil
	regime  string
	rules   map[string]any
}

func (r *regoPeer) eval(ctx context.Context, input map[string]any) (regoDecision, error) {
	rs, err := r.query.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		return regoDecision{}, err
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return regoDecision{}, fmt.Errorf("the decision is undefined")
	}
	m, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return regoDecision{}, fmt.Errorf("the decision is %T, not an object", rs[0].Expressions[0].Value)
	}
	rules, ok := m["rules"].(map[string]any)
	if !ok {
		return regoDecision{}, fmt.Errorf("the decision's rules are %T, not an object", m["rules"])
	}
	regime, _ := m["regime"].(string)
	return regoDecision{age: m["age"], ageBand: m["age_band"], regime: regime, rules: rules}, nil
}

// input is the query's input for a case: its data.
func (r *regoPeer) input(c *isotp.Case) any { return caseData(c, nil) }

func (r *regoPeer) decide(ctx context.Context, in any) (Decision, error) {
	out, err := r.eval(ctx, in.(map[string]any))
	if err != nil {
		return Decision{}, err
	}
	d := Decision{Regime: out.regime, Rules: make([]reference.RuleResult, len(r.rules))}
	if n, ok := out.age.(json.Number); ok {
		age, err := n.Int64()
		if err != nil {
			return Decision{}, fmt.Errorf("age %s: %w", n, err)
		}
		d.Age, d.AgeOK = int(age), true
	}
	if band, ok := out.ageBand.(string); ok {
		d.AgeBand = band
	}
	for i, rule := range r.rules {
		v, ok := out.rules[rule.id].(string)
		if !ok {
			return Decision{}, fmt.Errorf("rule %s: verdict %v, not a string", rule.id, out.rules[rule.id])
		}
		d.Rules[i] = reference.RuleResult{ID: rule.id, Verdict: v, Effect: rule.effect}
	}
	d.Outcome = outcome(d.Rules)
	return d, nil
}
