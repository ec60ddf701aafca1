package whatif

import (
	"context"
	"slices"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

// A comparer compares one decision under the two policies. The decisions
// themselves, and what each reads of a policy, come from the registry
// (package decisions); a comparer says which fields of the decision's
// result are compared and how.
type comparer struct {
	applies func(*isotp.Case) bool // nil: every case
	fields  []string               // fields decided in Go, within the result, in output order
	rules   string                 // where the result holds its rule results, within it: "rules"; "" for none
	derived []string               // fields decided from the rule results, explained by the rules that changed
	compare func(d *Differ, ctx context.Context, c *isotp.Case, cs *changes) error
}

// comparers are the decisions compared, by name. Every decision of the
// registry made from a case has one (TestEveryDecisionCompared).
var comparers = map[string]comparer{
	"eligibility": {
		fields:  []string{"outcome", "refer_to", "regime", "proposal"},
		rules:   "rules",
		derived: []string{"outcome", "refer_to", "proposal"},
		compare: (*Differ).eligibility,
	},
	"attendance": {
		applies: func(c *isotp.Case) bool { return c.Attendance != nil },
		fields:  []string{"status", "next", "catch_ups_remaining", "enforcement.action", "completion.met"},
		rules:   "completion.rules",
		derived: []string{"completion.met"},
		compare: (*Differ).attendance,
	},
	"assessment": {
		applies: func(c *isotp.Case) bool { return c.Assessment != nil },
		compare: (*Differ).assessment,
	},
}

// compared are the decisions Compare makes, in the registry's order: those
// made from a case that have a comparer.
var compared = func() []*decisions.Decision {
	var out []*decisions.Decision
	for _, d := range decisions.All() {
		if _, ok := comparers[d.Name()]; ok && d.Input() == decisions.FromCase {
			out = append(out, d)
		}
	}
	return out
}()

// tablePrefix is how the differences name what is in each table.
var tablePrefix = map[rules.Table]string{
	rules.Catalogue:    "offence_catalogue",
	rules.OutcomeCodes: "outcome_codes.",
	rules.Battery:      "assessment.scales.",
	rules.WorkingDays:  "calendar.",
}

// within reports whether field is path or lies under it: within
// ("attendance.completion.rules.x", "attendance.completion.rules").
func within(field, path string) bool {
	return field == path || strings.HasPrefix(field, path+".")
}

// ruleField returns the field of rule id of decision dec.
func ruleField(dec *decisions.Decision, id string) string {
	return rulesPrefix(dec.Name()) + id
}

// rulesPrefix is what the fields of decision name's rules begin with:
// "eligibility.rules.".
func rulesPrefix(name string) string {
	return name + "." + comparers[name].rules + "."
}

// planReach works out which decisions the differences can reach: those
// whose rules, texts or tables differ, or that read a parameter that
// differs, in their rules or in their Go code, as each decision's Spec
// declares.
func (d *Differ) planReach(sa, sb map[string]*staticSection) {
	for _, dec := range compared {
		spec := dec.Spec()
		var reads, prefixes []string
		for _, u := range spec.Params {
			reads = append(reads, "params."+u.Name)
		}
		if s := spec.Section; s != nil {
			prefixes = append(prefixes, s.Name+".")
			for _, st := range []*staticSection{sa[s.Name], sb[s.Name]} {
				for _, r := range st.rules {
					reads = append(reads, r.params...)
				}
				reads = append(reads, st.varParams...)
			}
		}
		for _, t := range spec.Tables {
			prefixes = append(prefixes, tablePrefix[t])
			if t == rules.OutcomeCodes {
				d.codeReaders = append(d.codeReaders, dec.Name())
			}
		}
		for _, df := range d.diffs {
			if slices.Contains(reads, df.Name) || slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(df.Name, p) }) {
				d.reach[dec.Name()] = true
			}
		}
	}
}

// planOrder numbers the decisions in the order Compare reports them: for
// each decision, the decision itself (an input error), its fields, its
// rules, then, for the assessment, each scale.
func (d *Differ) planOrder(ba, bb []rules.Scale) {
	d.order = map[string]int{}
	add := func(fields ...string) {
		for _, f := range fields {
			if _, ok := d.order[f]; !ok {
				d.order[f] = len(d.order)
			}
		}
	}
	for _, dec := range compared {
		add(dec.Name())
		for _, f := range comparers[dec.Name()].fields {
			add(dec.Name() + "." + f)
		}
		if s := dec.Spec().Section; s != nil {
			add(d.ruleSecs[s.Name]...)
		}
		if slices.Contains(dec.Spec().Tables, rules.Battery) {
			for _, b := range [][]rules.Scale{ba, bb} {
				for _, s := range b {
					add(scaleField(s.ID))
				}
			}
		}
	}
}

// rank is a field's place in the output.
func (d *Differ) rank(field string) int {
	if r, ok := d.order[field]; ok {
		return r
	}
	return len(d.order)
}

// planCauses works out, for every decision compared, which of the
// differences it reads. A field decided in Go reads what the decision's
// Spec declares for it: the parameters its Go code reads for that field,
// the texts and outputs of its section that make it (the parameters those
// variables read). A rule reads its own expressions and parameters, the
// section's variables, and what the decision's Go code reads for the rule
// results (attendance's completion rules read the summary).
func (d *Differ) planCauses(sa, sb map[string]*staticSection, ba, bb []rules.Scale) {
	for _, dec := range compared {
		spec, cmp := dec.Spec(), comparers[dec.Name()]
		// goReads lists what the Go code reads for the field at path
		// within the result.
		goReads := func(path string) []string {
			var reads []string
			for _, u := range spec.Params {
				if slices.ContainsFunc(u.For, func(f string) bool { return within(path, f) }) {
					reads = append(reads, "params."+u.Name)
				}
			}
			if s := spec.Section; s != nil {
				for _, t := range s.Texts {
					if slices.ContainsFunc(t.For, func(f string) bool { return within(path, f) }) {
						reads = append(reads, s.Name+".texts."+t.Name)
					}
				}
				for _, out := range s.Outputs {
					if slices.ContainsFunc(out.For, func(f string) bool { return within(path, f) }) {
						reads = append(reads, sa[s.Name].varReads(out.Name)...)
						reads = append(reads, sb[s.Name].varReads(out.Name)...)
					}
				}
			}
			return reads
		}
		d.causes[dec.Name()] = d.present(goReads(""))
		for _, f := range cmp.fields {
			d.causes[dec.Name()+"."+f] = d.present(goReads(f))
		}
		if s := spec.Section; s != nil {
			for _, f := range cmp.derived {
				d.derived[dec.Name()+"."+f] = s.Name
			}
			for _, st := range []*staticSection{sa[s.Name], sb[s.Name]} {
				for _, r := range st.rules {
					field := ruleField(dec, r.id)
					if slices.Contains(d.ruleSecs[s.Name], field) {
						continue
					}
					d.ruleSecs[s.Name] = append(d.ruleSecs[s.Name], field)
					d.fields[[2]string{rulesPrefix(dec.Name()), r.id}] = field
					d.advisory[field] = r.effect == eligibility.EffectAdvisory || r.effect == attendance.EffectAdvisory
					reads := append(append([]string{s.Name + ".rules." + r.id, s.Name + ".variables"}, r.params...), st.varParams...)
					d.causes[field] = d.present(append(reads, goReads(cmp.rules+"."+r.id)...))
				}
			}
		}
		if slices.Contains(spec.Tables, rules.Battery) {
			for _, b := range [][]rules.Scale{ba, bb} {
				for _, s := range b {
					field := scaleField(s.ID)
					d.causes[field] = d.present(append([]string{tablePrefix[rules.Battery] + s.ID}, goReads(strings.TrimPrefix(field, dec.Name()+"."))...))
				}
			}
		}
	}
}

// present keeps the names that are differences, in the order of the
// differences.
func (d *Differ) present(names []string) []string {
	var idx []int
	for _, n := range names {
		if i, ok := d.diffIdx[n]; ok && !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = d.diffs[i].Name
	}
	return out
}
