// Package peers puts the isotp eligibility engine side by side with the
// hand-written reference and with three other ways of writing the same
// national eligibility rules: plain cel-go, expr-lang/expr and OPA Rego.
//
// Every engine decides the same generated cases (Cases). Check requires an
// engine to give, on every case, the reference's outcome, regime, age, age
// band and eight rule results before anything is timed; the benchmarks in
// this package and Measure, behind the table driver in cmd/table, time only
// engines that pass.
//
// The reference and the engine read the typed isotp.Case; the peers read
// the case as JSON-like data (dates as "YYYY-MM-DD" strings, enums by their
// JSON names), made from it before timing. Missing facts stay unknown in
// each peer in the way that peer allows: cel-go's own unknown values, nil
// checks in expr, undefined in Rego (see the README).
//
// This is a module of its own so that OPA and expr never become dependencies
// of the library.
package peers

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/reference"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/rules"
)

// NumCases is how many cases every engine decides, in the check and in each
// timed pass.
const NumCases = 256

// Seed is the seed of the generated cases.
const Seed = 3

// AsOf is the date the cases are decided at.
var AsOf = isotp.NewDate(2026, 11, 27)

// Cases returns the n generated cases of the comparison.
func Cases(n int) []*isotp.Case {
	g := synth.New(Seed, AsOf)
	cases := make([]*isotp.Case, n)
	for i := range cases {
		cases[i] = g.Case(i)
	}
	return cases
}

// Decision is what every engine must agree on: the reference's decision
// (outcome, regime, age, age band and each rule's id, result and effect).
type Decision = reference.Decision

// An Engine is one way of making a decision: the eligibility decision
// (Engines) or the attendance summary (AttendanceEngines).
type Engine struct {
	Name  string // as in the table
	Short string // as in benchmark names

	// Input is the case in the form the engine reads, made before anything
	// is timed, as a service would have it from its decoder: the
	// *isotp.Case itself for the reference and the engine, the case's
	// JSON-like data (caseData) for the peers.
	Input func(c *isotp.Case) any
	// Run makes the decision from an Input in the engine's own form, and is
	// what is timed; for the isotp engine that is its *eligibility.Decision,
	// not the comparison's summary of it.
	Run func(in any) error
	// Diff makes the decision from an Input and compares it with the
	// reference's for the case: "" when they agree, else the difference
	// (-reference +engine).
	Diff func(c *isotp.Case, in any) (string, error)
}

// Engines returns the reference, the isotp engine with and without
// messages, and the three peers, all written for the policy pol's
// parameters and catalogue. Each compiles its rules here, once.
func Engines(pol *rules.Policy) ([]Engine, error) {
	p, err := paramsOf(pol)
	if err != nil {
		return nil, err
	}
	elig, err := eligibility.New(pol)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	typed := func(c *isotp.Case) any { return c }
	engine := func(name, short string, opts ...rules.EvalOption) Engine {
		e := eligibilityEngine(name, short, true, typed, func(in any) (Decision, error) {
			d, err := elig.Decide(ctx, in.(*isotp.Case), opts...)
			if err != nil {
				return Decision{}, err
			}
			return fromEngine(d), nil
		})
		e.Run = func(in any) error {
			_, err := elig.Decide(ctx, in.(*isotp.Case), opts...)
			return err
		}
		return e
	}
	cel, err := newCELGo(p)
	if err != nil {
		return nil, fmt.Errorf("plain cel-go: %w", err)
	}
	ex, err := newExpr(p)
	if err != nil {
		return nil, fmt.Errorf("expr: %w", err)
	}
	rg, err := newRego(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("rego: %w", err)
	}
	return []Engine{
		eligibilityEngine("hand-written reference", "reference", true, typed, func(in any) (Decision, error) {
			return reference.Decide(in.(*isotp.Case)), nil
		}),
		engine("isotp engine `Decide`", "engine"),
		engine("isotp engine without messages", "engine_no_messages", rules.WithoutMessages()),
		eligibilityEngine("plain cel-go, map activation", "celgo", false, cel.input, cel.decide),
		eligibilityEngine("expr-lang/expr", "expr", false, ex.input, ex.decide),
		eligibilityEngine("OPA Rego (PrepareForEval once)", "rego", false, rg.input, func(in any) (Decision, error) { return rg.decide(ctx, in) }),
	}, nil
}

// eligibilityEngine makes an engine that decides with decide, which Run
// times too. possible says it works out the possible results of an unknown
// rule and the outcome over the possible values of the missing facts, as
// the reference and the isotp engine do. The other peers do not: they are
// held to the reference's decision on every case where neither leaves a
// rule unknown, and timed on every case.
func eligibilityEngine(name, short string, possible bool, input func(*isotp.Case) any, decide func(in any) (Decision, error)) Engine {
	return Engine{
		Name: name, Short: short, Input: input,
		Run: func(in any) error {
			_, err := decide(in)
			return err
		},
		Diff: func(c *isotp.Case, in any) (string, error) {
			got, err := decide(in)
			if err != nil {
				return "", err
			}
			want := reference.Decide(c)
			if !possible && (anyUnknown(want) || anyUnknown(got)) {
				return "", nil // missing facts: see eligibilityEngine
			}
			return cmp.Diff(want, got), nil
		},
	}
}

// anyUnknown reports whether a rule of d is unknown.
func anyUnknown(d Decision) bool {
	for _, r := range d.Rules {
		if r.Verdict == "unknown" {
			return true
		}
	}
	return false
}

// fromEngine puts the engine's decision in the reference's terms.
func fromEngine(d *eligibility.Decision) Decision {
	out := Decision{Outcome: d.Outcome.String(), Regime: d.Regime.String(), Rules: make([]reference.RuleResult, len(d.Rules))}
	if d.Age != nil {
		out.Age, out.AgeOK = *d.Age, true
	}
	if d.AgeBand != nil {
		out.AgeBand = *d.AgeBand
	}
	for i, r := range d.Rules {
		out.Rules[i] = reference.RuleResult{ID: r.ID, Verdict: r.Verdict.String(), Effect: r.Effect, Possible: rules.VerdictsOf(r.Possible...).String()}
	}
	return out
}

// A DisagreementError is an engine's first case that does not get the
// reference's decision.
type DisagreementError struct {
	Engine string
	Case   int    // index into the cases checked
	JSON   string // the case file
	Diff   string // -reference +engine
}

func (e *DisagreementError) Error() string {
	return fmt.Sprintf("%s disagrees with the reference on case %d %s\nmismatch (-reference +engine):\n%s", e.Engine, e.Case, e.JSON, e.Diff)
}

// Check decides every case with e, from its Input, and with the reference.
// It returns a *DisagreementError for the first case where they differ, or
// the error the engine gave.
func Check(e Engine, cases []*isotp.Case) error {
	for i, c := range cases {
		diff, err := e.Diff(c, e.Input(c))
		if err != nil {
			return fmt.Errorf("%s, case %d: %w", e.Name, i, err)
		}
		if diff != "" {
			js, _ := json.Marshal(c)
			return &DisagreementError{Engine: e.Name, Case: i, JSON: string(js), Diff: diff}
		}
	}
	return nil
}

// outcome applies the pinned precedence to rule results, as the engine and
// the reference do: an ineligible rule failing, then one unknown, then a
// refer rule failing, then one unknown.
func outcome(rs []reference.RuleResult) string {
	has := func(effect, v string) bool {
		for _, r := range rs {
			if r.Effect == effect && r.Verdict == v {
				return true
			}
		}
		return false
	}
	switch {
	case has(eligibility.EffectIneligible, "fail"):
		return "ineligible"
	case has(eligibility.EffectIneligible, "unknown"):
		return "pending"
	case has(eligibility.EffectRefer, "fail"):
		return "refer"
	case has(eligibility.EffectRefer, "unknown"):
		return "pending"
	}
	return "eligible"
}

// params are the policy values the peers' rules read.
type params struct {
	MinAge               int
	AdultMinAge          int
	MinSupervisionMonths int
	Commencement         string // YYYY-MM-DD
	Catalogue            map[string]bool
	Rules                []ruleSpec // the policy's eligibility rules, in order
}

// spec declares the parameters the peers read, as a decision of the
// library declares its own.
var spec = rules.Spec{Name: "peers", Params: []rules.ParamUse{
	{Name: "min_age"}, {Name: "adult_min_age"}, {Name: "min_supervision_months"}, {Name: "cja2003_commencement"},
}}

func paramsOf(pol *rules.Policy) (params, error) {
	var p params
	var err error
	if p.MinAge, err = rules.ParamValue[int](pol, &spec, "min_age"); err != nil {
		return p, err
	}
	if p.AdultMinAge, err = rules.ParamValue[int](pol, &spec, "adult_min_age"); err != nil {
		return p, err
	}
	if p.MinSupervisionMonths, err = rules.ParamValue[int](pol, &spec, "min_supervision_months"); err != nil {
		return p, err
	}
	commencement, err := rules.ParamValue[isotp.Date](pol, &spec, "cja2003_commencement")
	if err != nil {
		return p, err
	}
	p.Commencement = dateString(commencement)
	for _, r := range pol.Rules("eligibility") {
		p.Rules = append(p.Rules, ruleSpec{r.ID, r.Effect})
	}
	p.Catalogue = map[string]bool{}
	for _, e := range pol.Catalogue() {
		for _, name := range append([]string{e.ID, e.Title, e.Statute}, e.Aliases...) {
			p.Catalogue[normalise(name)] = true
		}
	}
	return p, nil
}

// inCatalogue reports whether an offence name is in the catalogue, ignoring
// case and runs of white space, as the engine's in_catalogue does.
func (p *params) inCatalogue(name string) bool {
	return p.Catalogue[name] || p.Catalogue[normalise(name)]
}

func normalise(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// ruleSpec is one of the policy's eligibility rules: its id and effect.
type ruleSpec struct{ id, effect string }

// checkWritten requires every rule of the policy to be among those a peer
// has written (the keys of written), so that a rule added to the national
// policy cannot be silently left out of the comparison, and every rule
// written to be in the policy.
func checkWritten[T any](p params, written map[string]T) error {
	for _, r := range p.Rules {
		if _, ok := written[r.id]; !ok {
			return fmt.Errorf("the policy's eligibility rule %s is not written for this peer", r.id)
		}
	}
	if len(written) != len(p.Rules) {
		return fmt.Errorf("this peer has %d eligibility rules, the policy %d", len(written), len(p.Rules))
	}
	return nil
}

// ageAt is his age in whole years on at, for a date of birth dob, both
// "YYYY-MM-DD": the year difference, less one while at's month and day come
// before dob's. That is isotp.Date.AgeAt: a 29 February birthday falls, in
// other years, after 28 February, as 1 March does.
func ageAt(dob, at string) (int, error) {
	y1, ok1 := year(dob)
	y2, ok2 := year(at)
	if !ok1 || !ok2 {
		return 0, fmt.Errorf("age_at: want two YYYY-MM-DD dates")
	}
	age := y2 - y1
	if at[5:] < dob[5:] {
		age--
	}
	return age, nil
}

// year reads the year of a "YYYY-MM-DD" date.
func year(s string) (int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s[:4]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
