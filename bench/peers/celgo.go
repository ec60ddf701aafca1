package peers

import (
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/reference"
)

// The national eligibility rules (rules/national/eligibility.yaml) as plain
// cel-go expressions: the same text, with dates as "YYYY-MM-DD" strings
// (which order as the dates do) and the parameters as cel-go constants.
var (
	celVariables = []celSpec{
		{name: "age", expression: `age_at(offender.date_of_birth, as_of)`},
		{name: "age_band", expression: `age < params.adult_min_age ? 'young' : 'adult'`},
		{name: "regime", unknownWhen: `offences.size() == 0`, expression: `
			offences.exists(o, in_catalogue(o.offence) && o.date >= params.cja2003_commencement)
			  ? 'cja2003'
			  : offences.exists(o, in_catalogue(o.offence))
			    ? 'pre_cja2003'
			    : offences.exists(o, o.date >= params.cja2003_commencement) ? 'cja2003' : 'pre_cja2003'`},
	}
	celRules = map[string]celSpec{
		"male":             {expression: `offender.sex == 'male'`},
		"min_age":          {expression: `age >= params.min_age`},
		"eligible_offence": {unknownWhen: `offences.size() == 0`, expression: `offences.exists(o, in_catalogue(o.offence))`},
		"internet_related": {unknownWhen: `offences.size() == 0`, expression: `offences.exists(o, in_catalogue(o.offence) && o.internet)`},
		"risk_of_harm":     {expression: `offender.risk_of_harm != 'very_high'`},
		"deviance":         {appliesWhen: `stage == 'post_sentence'`, expression: `offender.deviance != 'high'`},
		"supervision_length": {appliesWhen: `stage == 'post_sentence'`,
			expression: `order.supervision_months >= params.min_supervision_months`},
		"order_type": {appliesWhen: `stage == 'post_sentence'`, expression: `
			order.type == 'licence'
			|| (regime == 'pre_cja2003' && order.type == 'community_rehabilitation_order')
			|| (regime == 'cja2003' && order.type == 'community_order'
			    && 'supervision' in order.requirements && 'programme' in order.requirements)`},
	}
)

// celSpec is a variable or rule as the rule file has it.
type celSpec struct {
	name                                 string // variables only
	appliesWhen, unknownWhen, expression string
}

// celProgram is a celSpec compiled; a nil program is an absent field.
type celProgram struct {
	name                                 string
	id, effect                           string
	appliesWhen, unknownWhen, expression cel.Program
}

// celGo evaluates the rules with cel-go alone: one program per expression,
// compiled once, over a map[string]any activation built for each case.
//
// A missing fact is cel-go's own unknown value in the activation: cel-go's
// && and || absorb it where the other side decides (false && unknown is
// false), exists() finds a true element past unknown ones, and everything
// else that reads it is unknown. cel-go's partial evaluation
// (cel.PartialVars with an AttributePattern per missing fact) cannot be used
// instead: a pattern on offences[0].internet makes the whole of offences
// unknown, so exists() no longer finds an internet offence in offences[1].
type celGo struct {
	vars  []celProgram
	rules []celProgram
}

// celUnknown stands for every missing fact; the peers do not list which
// facts were missing.
var celUnknown = types.NewUnknown(1, nil)

func newCELGo(p params) (*celGo, error) {
	if err := checkWritten(p, celRules); err != nil {
		return nil, err
	}
	dyn := cel.MapType(cel.StringType, cel.DynType)
	env, err := cel.NewEnv(
		cel.Variable("as_of", cel.StringType),
		cel.Variable("stage", cel.StringType),
		cel.Variable("offender", dyn),
		cel.Variable("offences", cel.ListType(dyn)),
		cel.Variable("order", dyn),
		cel.Variable("age", cel.IntType),
		cel.Variable("age_band", cel.StringType),
		cel.Variable("regime", cel.StringType),
		cel.Constant("params.min_age", cel.IntType, types.Int(p.MinAge)),
		cel.Constant("params.adult_min_age", cel.IntType, types.Int(p.AdultMinAge)),
		cel.Constant("params.min_supervision_months", cel.IntType, types.Int(p.MinSupervisionMonths)),
		cel.Constant("params.cja2003_commencement", cel.StringType, types.String(p.Commencement)),
		cel.Function("in_catalogue", cel.Overload("in_catalogue_string", []*cel.Type{cel.StringType}, cel.BoolType,
			cel.UnaryBinding(func(v ref.Val) ref.Val {
				s, ok := v.(types.String)
				if !ok {
					return types.NewErr("in_catalogue: not a string")
				}
				return types.Bool(p.inCatalogue(string(s)))
			}))),
		cel.Function("age_at", cel.Overload("age_at_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.IntType,
			cel.BinaryBinding(func(dob, at ref.Val) ref.Val {
				d, ok1 := dob.(types.String)
				a, ok2 := at.(types.String)
				if !ok1 || !ok2 {
					return types.NewErr("age_at: not two dates")
				}
				n, err := ageAt(string(d), string(a))
				if err != nil {
					return types.WrapErr(err)
				}
				return types.Int(n)
			}))),
	)
	if err != nil {
		return nil, err
	}
	compile := func(what, src string) (cel.Program, error) {
		if src == "" {
			return nil, nil
		}
		ast, iss := env.Compile(src)
		if iss.Err() != nil {
			return nil, fmt.Errorf("%s: %w", what, iss.Err())
		}
		return env.Program(ast)
	}
	build := func(what string, s celSpec) (celProgram, error) {
		var out celProgram
		var err error
		if out.appliesWhen, err = compile(what+" applies_when", s.appliesWhen); err != nil {
			return out, err
		}
		if out.unknownWhen, err = compile(what+" unknown_when", s.unknownWhen); err != nil {
			return out, err
		}
		out.expression, err = compile(what, s.expression)
		return out, err
	}
	g := &celGo{}
	for _, v := range celVariables {
		prg, err := build("variable "+v.name, v)
		if err != nil {
			return nil, err
		}
		prg.name = v.name
		g.vars = append(g.vars, prg)
	}
	for _, r := range p.Rules {
		prg, err := build("rule "+r.id, celRules[r.id])
		if err != nil {
			return nil, err
		}
		prg.id, prg.effect = r.id, r.effect
		g.rules = append(g.rules, prg)
	}
	return g, nil
}

// input is the activation for a case: its data, with cel-go's unknown for
// each missing fact.
func (g *celGo) input(c *isotp.Case) any {
	return caseData(c, func(string) any { return celUnknown })
}

// decide evaluates the rules over an input; it sets the variables in it.
func (g *celGo) decide(in any) (Decision, error) {
	act := in.(map[string]any)
	for _, v := range g.vars {
		val, err := g.variable(v, act)
		if err != nil {
			return Decision{}, err
		}
		act[v.name] = val
	}
	d := Decision{Regime: "unknown", Rules: make([]reference.RuleResult, len(g.rules))}
	if age, ok := act["age"].(types.Int); ok {
		d.Age, d.AgeOK = int(age), true
	}
	if band, ok := act["age_band"].(types.String); ok {
		d.AgeBand = string(band)
	}
	if regime, ok := act["regime"].(types.String); ok {
		d.Regime = string(regime)
	}
	for i, r := range g.rules {
		v, err := g.rule(r, act)
		if err != nil {
			return Decision{}, err
		}
		d.Rules[i] = reference.RuleResult{ID: r.id, Verdict: v, Effect: r.effect}
	}
	d.Outcome = outcome(d.Rules)
	return d, nil
}

// variable is a variable's value, unknown when its unknown_when holds.
func (g *celGo) variable(v celProgram, act map[string]any) (ref.Val, error) {
	if v.unknownWhen != nil {
		u, _, err := v.unknownWhen.Eval(act)
		if err != nil {
			return nil, fmt.Errorf("variable %s unknown_when: %w", v.name, err)
		}
		if u != types.False {
			return celUnknown, nil // true, or itself unknown
		}
	}
	val, _, err := v.expression.Eval(act)
	if err != nil {
		return nil, fmt.Errorf("variable %s: %w", v.name, err)
	}
	return val, nil
}

// rule applies the rule file's order: applies_when, unknown_when, expression.
func (g *celGo) rule(r celProgram, act map[string]any) (string, error) {
	if r.appliesWhen != nil {
		v, _, err := r.appliesWhen.Eval(act)
		if err != nil {
			return "", fmt.Errorf("rule %s applies_when: %w", r.id, err)
		}
		switch {
		case v == types.False:
			return "not_applicable", nil
		case types.IsUnknown(v):
			return "unknown", nil
		}
	}
	if r.unknownWhen != nil {
		v, _, err := r.unknownWhen.Eval(act)
		if err != nil {
			return "", fmt.Errorf("rule %s unknown_when: %w", r.id, err)
		}
		if v != types.False {
			return "unknown", nil
		}
	}
	v, _, err := r.expression.Eval(act)
	if err != nil {
		return "", fmt.Errorf("rule %s: %w", r.id, err)
	}
	switch v {
	case types.True:
		return "pass", nil
	case types.False:
		return "fail", nil
	}
	if types.IsUnknown(v) {
		return "unknown", nil
	}
	return "", fmt.Errorf("rule %s gave %v, not a bool", r.id, v.Type())
}
