package policytest

import (
	"slices"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
	"go.yaml.in/yaml/v3"
)

// outcome holds the decisions made for one test's case; a decision the test
// expects nothing of is nil.
type outcome struct {
	elig *eligibility.Decision
	att  *attendance.Summary
	asm  *assessment.Result
}

// set keeps result r, made by one of the tested decisions.
func (o *outcome) set(r decisions.Result) {
	switch x := r.(type) {
	case *eligibility.Decision:
		o.elig = x
	case *attendance.Summary:
		o.att = x
	case *assessment.Result:
		o.asm = x
	}
}

// readers read what a test expects of each decision, under the decision's
// name; every decision a test can make has one (TestEveryDecisionExpected).
var readers = map[string]func(p *expecter, n *yaml.Node){
	"eligibility": (*expecter).eligibility,
	"attendance":  (*expecter).attendance,
	"assessment":  (*expecter).assessment,
}

// A check is one expected value: the field it is about, as the diff names
// it (eligibility.rules.male), where it is written, the value wanted, and
// how to find what the decision gave.
type check struct {
	field string
	node  *yaml.Node
	want  string
	match func(o *outcome) (ok bool, got, note string)
}

// expectations are what a test expects: which decisions to make, and the
// checks on them. Only the fields given are compared.
type expectations struct {
	decisions []string // by name
	checks    []check
}

// expecter reads expect: into checks.
type expecter struct {
	r   *reader
	exp *expectations
}

func (r *reader) expectations(n *yaml.Node) expectations {
	var exp expectations
	p := &expecter{r: r, exp: &exp}
	handlers := map[string]func(k, v *yaml.Node){}
	var names []string
	for _, d := range tested {
		name, read := d.Name(), readers[d.Name()]
		if read == nil {
			continue
		}
		names = append(names, name)
		handlers[name] = func(_, v *yaml.Node) { exp.decisions = append(exp.decisions, name); read(p, v) }
	}
	r.fields(n, "expect", handlers)
	if n.Kind == yaml.MappingNode && len(exp.decisions) == 0 {
		r.errorf(n, "expect: give at least one of %s", strings.Join(names, ", "))
	}
	return exp
}

func (p *expecter) add(field string, n *yaml.Node, want string, match func(o *outcome) (bool, string, string)) {
	p.exp.checks = append(p.exp.checks, check{field: field, node: n, want: want, match: match})
}

// exact adds a check that the decision's value, written as text, is want.
func (p *expecter) exact(field string, n *yaml.Node, want string, got func(o *outcome) string) {
	p.add(field, n, want, func(o *outcome) (bool, string, string) {
		g := got(o)
		return g == want, g, ""
	})
}

// enum expects one of choices, or null when nullable.
func (p *expecter) enum(field string, n *yaml.Node, choices []string, nullable bool, got func(o *outcome) string) {
	if nullable && isNull(n) {
		p.exact(field, n, "null", got)
		return
	}
	if s, ok := p.r.oneOf(n, field, choices); ok {
		p.exact(field, n, s, got)
	}
}

func (p *expecter) integer(field string, n *yaml.Node, got func(o *outcome) int) {
	if v, ok := p.r.integer(n, field, 0); ok {
		p.exact(field, n, strconv.Itoa(v), func(o *outcome) string { return strconv.Itoa(got(o)) })
	}
}

// optInteger expects a whole number, or null for not known.
func (p *expecter) optInteger(field string, n *yaml.Node, got func(o *outcome) *int) {
	text := func(o *outcome) string {
		if v := got(o); v != nil {
			return strconv.Itoa(*v)
		}
		return "null"
	}
	if isNull(n) {
		p.exact(field, n, "null", text)
		return
	}
	if v, ok := p.r.integer(n, field, 0); ok {
		p.exact(field, n, strconv.Itoa(v), text)
	}
}

func (p *expecter) boolean(field string, n *yaml.Node, got func(o *outcome) bool) {
	if v, ok := p.r.boolean(n, field); ok {
		p.exact(field, n, strconv.FormatBool(v), func(o *outcome) string { return strconv.FormatBool(got(o)) })
	}
}

// optText expects exactly this text, or null for none.
func (p *expecter) optText(field string, n *yaml.Node, got func(o *outcome) *string) {
	text := func(o *outcome) string {
		if s := got(o); s != nil {
			return strconv.Quote(*s)
		}
		return "null"
	}
	if isNull(n) {
		p.exact(field, n, "null", text)
		return
	}
	if s, ok := p.r.text(n, field); ok {
		p.exact(field, n, strconv.Quote(s), text)
	}
}

// contains expects text that contains the given text.
func (p *expecter) contains(field string, n *yaml.Node, got func(o *outcome) *string) {
	s, ok := p.r.text(n, field)
	if !ok {
		return
	}
	p.add(field, n, "text containing "+strconv.Quote(s), func(o *outcome) (bool, string, string) {
		g := got(o)
		if g == nil {
			return false, "null", ""
		}
		return strings.Contains(*g, s), strconv.Quote(*g), ""
	})
}

// optDate expects a date, or null for none.
func (p *expecter) optDate(field string, n *yaml.Node, got func(o *outcome) *isotp.Date) {
	text := func(o *outcome) string {
		if d := got(o); d != nil {
			return d.String()
		}
		return "null"
	}
	if isNull(n) {
		p.exact(field, n, "null", text)
		return
	}
	s, ok := p.r.text(n, field)
	if !ok {
		return
	}
	d, err := isotp.ParseDate(s)
	if err != nil {
		p.r.errorf(n, "%s: %v", field, err)
		return
	}
	p.exact(field, n, d.String(), text)
}

// set expects exactly these texts, in any order, each from choices when
// choices is not nil.
func (p *expecter) set(field string, n *yaml.Node, choices []string, got func(o *outcome) []string) {
	items, ok := p.r.seq(n, field)
	if !ok {
		return
	}
	var want []string
	for _, it := range items {
		var s string
		if choices != nil {
			s, ok = p.r.oneOf(it, field, choices)
		} else {
			s, ok = p.r.text(it, field)
		}
		if !ok {
			return
		}
		want = append(want, s)
	}
	w := listText(uniq(want))
	p.add(field, n, w, func(o *outcome) (bool, string, string) {
		g := listText(uniq(got(o)))
		return g == w, g, ""
	})
}

// ints expects exactly this list of whole numbers, in order.
func (p *expecter) ints(field string, n *yaml.Node, got func(o *outcome) []int) {
	items, ok := p.r.seq(n, field)
	if !ok {
		return
	}
	want := make([]string, 0, len(items))
	for _, it := range items {
		v, ok := p.r.integer(it, field, 0)
		if !ok {
			return
		}
		want = append(want, strconv.Itoa(v))
	}
	w := listText(want)
	p.exact(field, n, w, func(o *outcome) string {
		g := got(o)
		s := make([]string, len(g))
		for i, v := range g {
			s[i] = strconv.Itoa(v)
		}
		return listText(s)
	})
}

func uniq(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

func listText(s []string) string { return "[" + strings.Join(s, ", ") + "]" }

var (
	verdictNames  = enum.Spellings[rules.Verdict]()
	possibleNames = slices.DeleteFunc(enum.Spellings[rules.Verdict](), func(s string) bool { return s == rules.Unknown.String() }) // what an unknown rule could turn out to be
)

// ruleResults expects rule results: each key a rule id, each value a verdict or a
// mapping with result, possible (the results an unknown rule could have,
// in any order; [] for none) and message_contains.
func (p *expecter) ruleResults(field string, n *yaml.Node, got func(o *outcome) []rules.Result) {
	for _, kv := range p.r.pairs(n, field) {
		k, v := kv[0], kv[1]
		id := k.Value
		f := field + "." + id
		find := func(o *outcome) (rules.Result, bool, string) {
			rs := got(o)
			for _, r := range rs {
				if r.ID == id {
					return r, true, ""
				}
			}
			ids := make([]string, len(rs))
			for i, r := range rs {
				ids[i] = r.ID
			}
			return rules.Result{}, false, "rules in force: " + strings.Join(ids, ", ")
		}
		verdict := func(want string, at *yaml.Node) {
			p.add(f, at, want, func(o *outcome) (bool, string, string) {
				r, ok, note := find(o)
				if !ok {
					return false, "no such rule in force", note
				}
				return r.Verdict.String() == want, r.Verdict.String(), r.Message
			})
		}
		if v.Kind != yaml.MappingNode {
			if s, ok := p.r.oneOf(v, f, verdictNames); ok {
				verdict(s, v)
			}
			continue
		}
		p.r.fields(v, f, map[string]func(k, v *yaml.Node){
			"result": func(_, v *yaml.Node) {
				if s, ok := p.r.oneOf(v, f+".result", verdictNames); ok {
					verdict(s, v)
				}
			},
			"possible": func(_, v *yaml.Node) {
				p.set(f+".possible", v, possibleNames, func(o *outcome) []string {
					r, _, _ := find(o)
					names := make([]string, len(r.Possible))
					for i, v := range r.Possible {
						names[i] = v.String()
					}
					return names
				})
			},
			"message_contains": func(_, v *yaml.Node) {
				p.contains(f+".message", v, func(o *outcome) *string {
					if r, ok, _ := find(o); ok {
						return &r.Message
					}
					return nil
				})
			},
		})
	}
}
