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
