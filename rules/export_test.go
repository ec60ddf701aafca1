package rules

import "testing"

// LowerRuntimeCostLimit sets the limit of run-time cost tracking to n for
// the rest of t: an expression that passes the estimate can then be stopped
// while it runs.
func LowerRuntimeCostLimit(t testing.TB, n uint64) {
	old := runtimeCostLimit
	runtimeCostLimit = n
	t.Cleanup(func() { runtimeCostLimit = old })
}

// LoadTraced loads a policy as Load does, recording what Go code reads of
// it: take returns the parameters and tables read since it was last called.
func LoadTraced(src Source, opts ...Option) (pol *Policy, take func() ([]string, []Table), err error) {
	t := &trace{}
	opts = append(opts, func(c *loadConfig) error { c.trace = t; return nil })
	pol, err = Load(src, opts...)
	return pol, t.take, err
}

// LookupOffence returns the catalogue entry an offence name stands for, as
// in_catalogue and catalogue_id find it.
func (p *Policy) LookupOffence(name string) (CatalogueEntry, bool) { return p.catalogue.lookup(name) }

// SectionNames are the rule sections the loader accepts.
var SectionNames = ruleSections

// UndirectedExpressions lists the expressions of rs that are evaluated by
// cel-go's interpreter rather than directly, by where they start: those
// that track their cost as they run, which only cel-go does, are not
// listed.
func UndirectedExpressions(rs *RuleSet) []string {
	var out []string
	note := func(ce *compiledExpr) {
		if ce != nil && ce.direct == nil && !ce.tracked {
			out = append(out, ce.pos.String()+": "+ce.src)
		}
	}
	for _, v := range rs.vars {
		note(v.expr)
		note(v.unknownWhen)
	}
	for _, r := range rs.rules {
		note(r.expr)
		note(r.unknownWhen)
		note(r.appliesWhen)
		note(r.messageExpr)
		note(r.finding)
	}
	for _, t := range rs.texts {
		note(t)
	}
	return out
}

// LowerSupposedLimit sets to n, for the rest of t, the most rules Evaluate
// evaluates again under supposed values while working out possible
// results.
func LowerSupposedLimit(t testing.TB, n int) {
	old := maxSupposed
	maxSupposed = n
	t.Cleanup(func() { maxSupposed = old })
}

// Costs returns the estimated cost of each of the set's expressions, by
// rule or text and field.
func (rs *RuleSet) Costs() map[string]uint64 {
	out := map[string]uint64{}
	for _, r := range rs.rules {
		for field, e := range map[string]*compiledExpr{"expression": r.expr, "finding": r.finding, "applies_when": r.appliesWhen, "unknown_when": r.unknownWhen, "message_expression": r.messageExpr} {
			if e != nil {
				out[r.id+"."+field] = e.cost
			}
		}
	}
	for i, t := range rs.texts {
		if t != nil {
			out[rs.section.Texts[i].Name] = t.cost
		}
	}
	for _, v := range rs.vars {
		out["var "+v.name] = v.expr.cost
	}
	return out
}

// WithoutCheckingDirect stops comparing the direct evaluation with
// cel-go's (TestMain) for the rest of t, so that t can count what the
// direct evaluation alone allocates.
func WithoutCheckingDirect(t testing.TB) {
	old := checkDirect
	checkDirect = nil
	t.Cleanup(func() { checkDirect = old })
}
