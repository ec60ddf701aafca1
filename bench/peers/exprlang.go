package peers

import (
	"fmt"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/reference"
)

// The national eligibility rules in expr-lang/expr. expr has no unknown
// values: a missing fact is nil (an absent map key reads as nil, and ?.
// stops at a missing object), and every expression carries the three-valued
// logic itself, giving true, false or nil (unknown). The patterns:
//
//	not known:      x == nil ? nil : <test of x>
//	a and b:        a == false || b == false ? false : a == nil || b == nil ? nil : true
//	a or b:         a == true || b == true ? true : a == nil || b == nil ? nil : false
//	exists(xs, p):  any(xs, {<p is true>}) ? true : any(xs, {<p is not known false>}) ? nil : false
//
// where "p is not known false" is p with each missing fact allowed either
// way, so that the second any runs only when no element passes.
var (
	exprVariables = []exprSpec{
		{name: "age", expression: `offender?.date_of_birth == nil || as_of == nil ? nil : age_at(offender.date_of_birth, as_of)`},
		{name: "age_band", expression: `age == nil ? nil : age < params.adult_min_age ? "young" : "adult"`},
		{name: "regime", unknownWhen: `offences == nil || len(offences) == 0`, expression: `
			any(offences, {.offence != nil && .date != nil && .date >= params.cja2003_commencement && in_catalogue(.offence)}) ? "cja2003"
			: any(offences, {(.date == nil || .date >= params.cja2003_commencement) && (.offence == nil || in_catalogue(.offence))}) ? nil
			: any(offences, {.offence != nil && in_catalogue(.offence)}) ? "pre_cja2003"
			: any(offences, {.offence == nil}) ? nil
			: any(offences, {.date != nil && .date >= params.cja2003_commencement}) ? "cja2003"
			: any(offences, {.date == nil}) ? nil
			: "pre_cja2003"`},
	}
	exprRules = map[string]exprSpec{
		"male":    {expression: `offender?.sex == nil ? nil : offender.sex == "male"`},
		"min_age": {expression: `age == nil ? nil : age >= params.min_age`},
		"eligible_offence": {unknownWhen: `offences == nil || len(offences) == 0`, expression: `
			any(offences, {.offence != nil && in_catalogue(.offence)}) ? true
			: any(offences, {.offence == nil}) ? nil
			: false`},
		"internet_related": {unknownWhen: `offences == nil || len(offences) == 0`, expression: `
			any(offences, {.offence != nil && .internet == true && in_catalogue(.offence)}) ? true
			: any(offences, {.internet != false && (.offence == nil || in_catalogue(.offence))}) ? nil
			: false`},
		"risk_of_harm": {expression: `offender?.risk_of_harm == nil ? nil : offender.risk_of_harm != "very_high"`},
		"deviance": {appliesWhen: `stage == nil ? nil : stage == "post_sentence"`,
			expression: `offender?.deviance == nil ? nil : offender.deviance != "high"`},
		"supervision_length": {appliesWhen: `stage == nil ? nil : stage == "post_sentence"`,
			expression: `order?.supervision_months == nil ? nil : order.supervision_months >= params.min_supervision_months`},
		"order_type": {appliesWhen: `stage == nil ? nil : stage == "post_sentence"`, expression: `
			let typ = order?.type;
			let reqs = order?.requirements;
			let licence = typ == nil ? nil : typ == "licence";
			let cro = typ == nil ? nil : typ == "community_rehabilitation_order";
			let co = typ == nil ? nil : typ == "community_order";
			let pre = regime == nil ? nil : regime == "pre_cja2003";
			let cja = regime == nil ? nil : regime == "cja2003";
			let sup = reqs == nil ? nil : "supervision" in reqs;
			let prog = reqs == nil ? nil : "programme" in reqs;
			let preOK = pre == false || cro == false ? false : pre == nil || cro == nil ? nil : true;
			let cjaOK = cja == false || co == false || sup == false || prog == false ? false
			          : cja == nil || co == nil || sup == nil || prog == nil ? nil : true;
			licence == true || preOK == true || cjaOK == true ? true
			  : licence == nil || preOK == nil || cjaOK == nil ? nil : false`},
	}
)

// exprSpec is a variable or rule as the rule file has it.
type exprSpec struct {
	name                                 string // variables only
	appliesWhen, unknownWhen, expression string
}

// exprProgram is an exprSpec compiled; a nil program is an absent field.
type exprProgram struct {
	name                                 string
	id, effect                           string
	appliesWhen, unknownWhen, expression *vm.Program
}

// exprLang evaluates the rules with expr: one program per expression,
// compiled once with expr.Compile against a map environment, run over the
// case's map with one VM per decision.
type exprLang struct {
	params map[string]any
	vars   []exprProgram
	rules  []exprProgram
}

func newExpr(p params) (*exprLang, error) {
	if err := checkWritten(p, exprRules); err != nil {
		return nil, err
	}
	e := &exprLang{params: map[string]any{
		"min_age":                p.MinAge,
		"adult_min_age":          p.AdultMinAge,
		"min_supervision_months": p.MinSupervisionMonths,
		"cja2003_commencement":   p.Commencement,
	}}
	// The environment: the parameters, and the case's names, which are
	// of any type and read as nil when a case leaves them out.
	opts := []expr.Option{
		expr.Env(map[string]any{"params": e.params}),
		expr.AllowUndefinedVariables(),
		expr.Function("in_catalogue", func(args ...any) (any, error) {
			s, ok := args[0].(string)
			if !ok {
				return nil, fmt.Errorf("in_catalogue: %T, not a string", args[0])
			}
			return p.inCatalogue(s), nil
		}, new(func(string) bool)),
		expr.Function("age_at", func(args ...any) (any, error) {
			dob, ok1 := args[0].(string)
			at, ok2 := args[1].(string)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("age_at: want two dates")
			}
			return ageAt(dob, at)
		}, new(func(string, string) int)),
	}
	compile := func(what, src string) (*vm.Program, error) {
		if src == "" {
			return nil, nil
		}
		prg, err := expr.Compile(src, opts...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		return prg, nil
	}
	build := func(what string, s exprSpec) (exprProgram, error) {
		var out exprProgram
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
	for _, v := range exprVariables {
		prg, err := build("variable "+v.name, v)
		if err != nil {
			return nil, err
		}
		prg.name = v.name
		e.vars = append(e.vars, prg)
	}
	for _, r := range p.Rules {
		prg, err := build("rule "+r.id, exprRules[r.id])
		if err != nil {
			return nil, err
		}
		prg.id, prg.effect = r.id, r.effect
		e.rules = append(e.rules, prg)
	}
	return e, nil
}

// input is the environment for a case: its data and the parameters.
func (e *exprLang) input(c *isotp.Case) any {
	env := caseData(c, nil)
	env["params"] = e.params
	return env
}

// decide evaluates the rules in an input; it sets the variables in it.
func (e *exprLang) decide(in any) (Decision, error) {
	env := in.(map[string]any)
	var machine vm.VM
	for _, v := range e.vars {
		if v.unknownWhen != nil {
			u, err := machine.Run(v.unknownWhen, env)
			if err != nil {
				return Decision{}, fmt.Errorf("variable %s unknown_when: %w", v.name, err)
			}
			if u != false {
				env[v.name] = nil
				continue
			}
		}
		val, err := machine.Run(v.expression, env)
		if err != nil {
			return Decision{}, fmt.Errorf("variable %s: %w", v.name, err)
		}
		env[v.name] = val
	}
	d := Decision{Regime: "unknown", Rules: make([]reference.RuleResult, len(e.rules))}
	if age, ok := env["age"].(int); ok {
		d.Age, d.AgeOK = age, true
	}
	if band, ok := env["age_band"].(string); ok {
		d.AgeBand = band
	}
	if regime, ok := env["regime"].(string); ok {
		d.Regime = regime
	}
	for i, r := range e.rules {
		v, err := e.rule(&machine, r, env)
		if err != nil {
			return Decision{}, err
		}
		d.Rules[i] = reference.RuleResult{ID: r.id, Verdict: v, Effect: r.effect}
	}
	d.Outcome = outcome(d.Rules)
	return d, nil
}

// rule applies the rule file's order: applies_when, unknown_when, expression.
func (e *exprLang) rule(machine *vm.VM, r exprProgram, env map[string]any) (string, error) {
	if r.appliesWhen != nil {
		v, err := machine.Run(r.appliesWhen, env)
		if err != nil {
			return "", fmt.Errorf("rule %s applies_when: %w", r.id, err)
		}
		switch v {
		case false:
			return "not_applicable", nil
		case nil:
			return "unknown", nil
		}
	}
	if r.unknownWhen != nil {
		v, err := machine.Run(r.unknownWhen, env)
		if err != nil {
			return "", fmt.Errorf("rule %s unknown_when: %w", r.id, err)
		}
		if v != false {
			return "unknown", nil
		}
	}
	v, err := machine.Run(r.expression, env)
	if err != nil {
		return "", fmt.Errorf("rule %s: %w", r.id, err)
	}
	switch v {
	case true:
		return "pass", nil
	case false:
		return "fail", nil
	case nil:
		return "unknown", nil
	}
	return "", fmt.Errorf("rule %s gave %T, not a bool", r.id, v)
}
