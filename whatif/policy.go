package whatif

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp/rules"
)

// A Difference is one way the second policy differs from the first: a
// parameter's value, a rule added, removed or replaced, an assessment
// scale's figures, or an outcome code. Name is a path as a rule file would
// spell it ("params.max_catch_ups", "completion.rules.catch_up_limit",
// "assessment.scales.fantasy", "outcome_codes.ATTX"); From and To are the
// values, "(none)" where one policy lacks it.
type Difference struct {
	Name string `json:"name"`
	From string `json:"from"`
	To   string `json:"to"`
}

func (d Difference) String() string { return d.Name + ": " + d.From + " -> " + d.To }

const none = "(none)"

// staticRule is what a rule reads, found without a case.
type staticRule struct {
	id, effect, expr string
	params           []string // "params.<name>"
}

// staticVar is what one variable reads: parameters, and the names of the
// inputs and variables before it.
type staticVar struct {
	params, reads []string
}

// varReads returns the parameters variable name reads, itself or through
// the variables it reads.
func (s *staticSection) varReads(name string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		v, ok := s.vars[n]
		if !ok || seen[n] {
			return
		}
		seen[n] = true
		out = append(out, v.params...)
		for _, r := range v.reads {
			walk(r)
		}
	}
	walk(name)
	return out
}

// staticSection is a rule section of one policy, as the rules and
// variables read it.
type staticSection struct {
	rules      []staticRule
	vars       map[string]staticVar
	varParams  []string // parameters the section's variables read
	varSources []string // the variables' expressions, to notice a change
	texts      []string // each text as it reads with no facts known
	textsKnown []bool   // false: the text reads a fact of the case
}

// readSection compiles section s of pol and evaluates it once with every
// input unknown and explanations on: each rule's explanation names the
// parameters its expressions read, whatever the case.
func readSection(pol *rules.Policy, s rules.Section) (*staticSection, error) {
	rs, err := pol.Compile(s)
	if err != nil {
		return nil, err
	}
	ev, err := rs.Evaluate(context.Background(), nil, rules.Explain())
	if err != nil {
		return nil, fmt.Errorf("whatif: reading the %s rules: %w", s.Name, err)
	}
	out := &staticSection{vars: map[string]staticVar{}}
	for _, r := range ev.Results {
		sr := staticRule{id: r.ID, effect: r.Effect}
		if e := r.Explanation; e != nil {
			sr.expr = strings.Join([]string{e.AppliesWhen, e.UnknownWhen, e.Expression}, "\x00")
			for _, p := range e.Params {
				sr.params = append(sr.params, p.Path)
			}
		}
		out.rules = append(out.rules, sr)
	}
	for _, v := range ev.Variables {
		out.varSources = append(out.varSources, v.Name+"\x00"+v.Explanation.UnknownWhen+"\x00"+v.Explanation.Expression)
		var sv staticVar
		for _, p := range v.Explanation.Params {
			out.varParams = append(out.varParams, p.Path)
			sv.params = append(sv.params, p.Path)
		}
		for _, f := range v.Explanation.Read {
			sv.reads = append(sv.reads, f.Path)
		}
		out.vars[v.Name] = sv
	}
	for _, text := range s.Texts {
		t, known, err := ev.Text(context.Background(), text)
		if err != nil {
			return nil, fmt.Errorf("whatif: reading the %s texts: %w", s.Name, err)
		}
		out.texts = append(out.texts, t)
		out.textsKnown = append(out.textsKnown, known)
	}
	return out, nil
}

// differences lists how policy b differs from policy a, in a stable order:
// parameters in national order, then rules by section, assessment scales,
// outcome codes.
func differences(a, b *rules.Policy, sa, sb map[string]*staticSection) []Difference {
	var out []Difference
	pa, pb := a.Params(), b.Params()
	for i := range pa {
		if i < len(pb) && pa[i].Name == pb[i].Name {
			if x, y := paramText(pa[i].Value), paramText(pb[i].Value); x != y {
				out = append(out, Difference{"params." + pa[i].Name, x, y})
			}
		}
	}
	for _, dec := range compared {
		if s := dec.Spec().Section; s != nil {
			out = append(out, ruleDifferences(s.Name, sa[s.Name], sb[s.Name])...)
			out = append(out, textDifferences(s.Name, s.Texts, sa[s.Name], sb[s.Name])...)
		}
	}
	if !slices.EqualFunc(a.Catalogue(), b.Catalogue(), func(x, y rules.CatalogueEntry) bool {
		return x.ID == y.ID && x.Title == y.Title && x.Statute == y.Statute && slices.Equal(x.Aliases, y.Aliases)
	}) {
		out = append(out, Difference{"offence_catalogue", "as in the first policy", "changed"})
	}
	out = append(out, scaleDifferences(a.Battery(), b.Battery())...)
	out = append(out, codeDifferences(a.OutcomeCodes(), b.OutcomeCodes())...)
	out = append(out, calendarDifferences(a.Calendar().Coverage(), b.Calendar().Coverage())...)
	return out
}

// calendarDifferences lists the days off that one calendar has and the
// other has not, or names differently: calendar.closures.2026-12-24,
// calendar.one_off_days.2022-09-19.
func calendarDifferences(a, b rules.CalendarCoverage) []Difference {
	var out []Difference
	for _, list := range []struct {
		name string
		a, b []rules.CalendarDay
	}{{"one_off_days", a.OneOffDays, b.OneOffDays}, {"closures", a.Closures, b.Closures}} {
		names := func(days []rules.CalendarDay) map[string]string {
			m := map[string]string{}
			for _, d := range days {
				m[d.Date.String()] = d.Name
			}
			return m
		}
		ma, mb := names(list.a), names(list.b)
		var dates []string
		for d := range ma {
			dates = append(dates, d)
		}
		for d := range mb {
			if _, ok := ma[d]; !ok {
				dates = append(dates, d)
			}
		}
		slices.Sort(dates)
		for _, d := range dates {
			if ma[d] != mb[d] {
				out = append(out, Difference{"calendar." + list.name + "." + d, orNone(ma[d]), orNone(mb[d])})
			}
		}
	}
	return out
}

func paramText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// ruleDifferences lists rules added, removed or replaced in one section; a
// change in the section's variables is reported under its name.
func ruleDifferences(section string, a, b *staticSection) []Difference {
	var out []Difference
	find := func(s *staticSection, id string) *staticRule {
		for i := range s.rules {
			if s.rules[i].id == id {
				return &s.rules[i]
			}
		}
		return nil
	}
	describe := func(r *staticRule) string {
		if r == nil {
			return none
		}
		parts := strings.Split(r.expr, "\x00")
		return r.effect + " rule: " + oneLine(parts[len(parts)-1])
	}
	for _, ra := range a.rules {
		rb := find(b, ra.id)
		if rb == nil || rb.expr != ra.expr || rb.effect != ra.effect {
			out = append(out, Difference{section + ".rules." + ra.id, describe(&ra), describe(rb)})
		}
	}
	for _, rb := range b.rules {
		if find(a, rb.id) == nil {
			out = append(out, Difference{section + ".rules." + rb.id, none, describe(&rb)})
		}
	}
	if !slices.Equal(a.varSources, b.varSources) {
		out = append(out, Difference{section + ".variables", "as in the first policy", "changed"})
	}
	return out
}

// textDifferences lists the section's texts that read differently. A text
// that reads a case's facts cannot be compared without a case; it is
// listed as possibly changed.
func textDifferences(section string, texts []*rules.Var, a, b *staticSection) []Difference {
	var out []Difference
	for i, text := range texts {
		name := text.Name
		x, y := window(a.texts[i], b.texts[i])
		switch {
		case !a.textsKnown[i] || !b.textsKnown[i]:
			out = append(out, Difference{section + ".texts." + name, "depends on the case", "may differ"})
		case a.texts[i] != b.texts[i]:
			out = append(out, Difference{section + ".texts." + name, x, y})
		}
	}
	return out
}

// window shortens two long texts to where they differ, with a little
// context either side: "...of at least 24 months and..." and "...of at
// least 30 months and...". Short texts are returned as they are.
func window(a, b string) (string, string) {
	const long, context = 40, 16
	if len(a) <= long && len(b) <= long {
		return a, b
	}
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	cut := func(t string) string {
		from, to := max(0, p-context), min(len(t), len(t)-s+context)
		for from > 0 && t[from]&0xC0 == 0x80 {
			from--
		}
		for to < len(t) && t[to]&0xC0 == 0x80 {
			to++
		}
		out := t[from:to]
		if to-from > 2*long {
			to = from + 2*long
			for to > from && t[to]&0xC0 == 0x80 {
				to--
			}
			out = t[from:to]
		}
		if from > 0 {
			out = "..." + out
		}
		if to < len(t) {
			out += "..."
		}
		return out
	}
	return cut(a), cut(b)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// scaleDifferences lists scales whose figures differ, or that one policy
// lacks.
func scaleDifferences(a, b []rules.Scale) []Difference {
	var out []Difference
	index := func(ss []rules.Scale, id string) *rules.Scale {
		for i := range ss {
			if ss[i].ID == id {
				return &ss[i]
			}
		}
		return nil
	}
	for i := range a {
		sb := index(b, a[i].ID)
		if x, y := scaleText(&a[i]), scaleText(sb); x != y {
			out = append(out, Difference{"assessment.scales." + a[i].ID, x, y})
		}
	}
	for i := range b {
		if index(a, b[i].ID) == nil {
			out = append(out, Difference{"assessment.scales." + b[i].ID, none, scaleText(&b[i])})
		}
	}
	return out
}

// scaleText writes the figures of a scale that change its results.
func scaleText(s *rules.Scale) string {
	if s == nil {
		return none
	}
	var parts []string
	num := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	if !s.HigherIsBetter {
		parts = append(parts, "lower is better")
	} else {
		parts = append(parts, "higher is better")
	}
	if s.SD != nil {
		parts = append(parts, "sd "+num(*s.SD))
	}
	if s.Reliability != nil {
		parts = append(parts, "reliability "+num(*s.Reliability))
	}
	if s.Functional != nil {
		parts = append(parts, "functional "+num(s.Functional.Mean)+"/"+num(s.Functional.SD))
	}
	if s.Dysfunctional != nil {
		parts = append(parts, "dysfunctional "+num(s.Dysfunctional.Mean)+"/"+num(s.Dysfunctional.SD))
	}
	if s.Cutoff != nil {
		parts = append(parts, "cutoff "+num(*s.Cutoff))
	}
	if s.SD == nil && s.Functional == nil && s.Cutoff == nil {
		parts = append(parts, "no norms")
	}
	return strings.Join(parts, ", ")
}

// codeDifferences lists outcome codes one policy maps and the other does
// not (an area may add codes, never redefine them).
func codeDifferences(a, b []rules.OutcomeCode) []Difference {
	var out []Difference
	ma := map[string]string{}
	for _, c := range a {
		ma[c.Code] = c.Outcome.String()
	}
	mb := map[string]string{}
	for _, c := range b {
		mb[c.Code] = c.Outcome.String()
	}
	for _, c := range a {
		if mb[c.Code] != ma[c.Code] {
			out = append(out, Difference{"outcome_codes." + c.Code, ma[c.Code], orNone(mb[c.Code])})
		}
	}
	for _, c := range b {
		if _, ok := ma[c.Code]; !ok {
			out = append(out, Difference{"outcome_codes." + c.Code, none, mb[c.Code]})
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return none
	}
	return s
}
