package rules_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/rules"
)

// TestNationalRulesEvaluateDirectly: every expression of the national
// policy, and of the sample area files, is evaluated without cel-go's
// interpreter (rules/direct.go), but those that track their cost as they
// run.
func TestNationalRulesEvaluateDirectly(t *testing.T) {
	for _, area := range []string{"", "../examples/areas/cheshire.yaml", "../examples/areas/illustrative-norms.yaml"} {
		var opts []rules.Option
		if area != "" {
			opts = append(opts, rules.AreaPath(area))
		}
		pol, err := rules.Load(rules.National, opts...)
		require.NoError(t, err)
		for _, s := range decisions.Sections() {
			rs, err := pol.Compile(s)
			require.NoError(t, err)
			require.Empty(t, rules.UndirectedExpressions(rs), "section %s with area %q", s.Name, area)
		}
	}
}

// TestDirectAgreesWithCELGo makes every decision of the registry on
// generated cases, under the national policy, the sample area files and
// the hostile area files that load, with and without messages: with every expression evaluated directly also
// evaluated by cel-go (TestMain), any value the two disagree on fails the
// run.
func TestDirectAgreesWithCELGo(t *testing.T) {
	n := 800
	if testing.Short() {
		n = 150
	}
	g := synth.New(5, isotp.NewDate(2026, 11, 27))
	cases := g.Cases(n)
	ctx := context.Background()
	// The hostile area files that load (the others are refused before
	// anything is evaluated) are among the policies.
	hostileFiles, err := filepath.Glob("testdata/hostile/*.yaml")
	require.NoError(t, err)
	loaded, decided := 0, 0
	for _, area := range append([]string{"", "../examples/areas/cheshire.yaml", "../examples/areas/illustrative-norms.yaml"}, hostileFiles...) {
		var opts []rules.Option
		if area != "" {
			opts = append(opts, rules.AreaPath(area))
		}
		pol, err := rules.Load(rules.National, opts...)
		hostile := strings.HasPrefix(area, "testdata/hostile/")
		if hostile && err != nil {
			continue
		}
		require.NoError(t, err)
		if hostile {
			loaded++
		}
		for _, d := range decisions.All() {
			if d.Input() != decisions.FromCase {
				continue
			}
			m, err := d.New(pol)
			if hostile && err != nil {
				continue
			}
			require.NoError(t, err)
			decided++
			for _, c := range cases {
				for _, eo := range [][]rules.EvalOption{nil, {rules.WithoutMessages()}} {
					// Input errors (a case without an attendance record,
					// say) are the decision's to report; what matters here
					// is every expression it evaluates.
					m.Decide(ctx, c, eo...) //nolint:errcheck
				}
			}
		}
	}
	require.NotZero(t, loaded, "no hostile area file loads")
	t.Logf("%d hostile area files load; %d decisions made on every case", loaded, decided)
}

// FuzzDirectAgreesWithCELGo evaluates expressions over a person and a list
// of items, known, missing and partly known, as a section variable, and
// those of type string as a rule's finding too (evaluated as a text): with
// TestMain comparing every directly evaluated value with cel-go's, an
// expression the two evaluate differently fails.
func FuzzDirectAgreesWithCELGo(f *testing.F) {
	for _, e := range []string{
		`person.age >= 18 && person.flag`, `person.flag || person.age < 3`, `!person.flag`, `person.flag ? person.name : 'none'`,
		`person.name == 'x' || person.name != 'y'`, `person.age + 1 > 2 ? [person.age] : []`, `person.age / 0 == 1 || true`,
		`person.age / 0 == 1 && false`, `items.exists(i, i.ok)`, `items.all(i, i.n < 10)`, `items.exists_one(i, i.ok)`,
		`items.filter(i, i.ok).size()`, `items.map(i, i.n).size() > 1`, `items.map(i, i.n * 2)`, `items.filter(i, has(i.n)).map(i, string(i.n)).join(', ')`,
		`cel.bind(n, items.size(), n * n)`, `cel.bind(x, person.age / 0, 1)`, `has(person.name) && has(person.age)`,
		`items.exists(i, items.all(j, j.n <= i.n))`, `[1, 2, person.age].size()`, `person.age in [1, 2, 3]`, `'a' in [person.name]`,
		`age_at(person.dob, as_of) >= 18`, `person.dob < as_of`, `string(person.dob)`, `person.name.startsWith('x') || person.name.size() > 3`,
		`items.size() == 0 ? 'none' : string(items.size())`, `int(person.flag ? 1 : 0) + items.filter(i, i.ok == true).size()`,
		`items.exists(i, i.n / 0 > 1) || items.exists(i, i.ok)`, `items.all(i, i.n > 0 || i.ok)`, `person.name + '!' == 'x!'`,
		`dyn(person.age) == 20`, `[person.name, 'b'].join('-')`, `items.map(i, i.ok ? 1 : 0).exists(k, k == 1)`,
		`person.age > 9223372036854775807 - 1 && person.age + 9223372036854775807 > 0`, `items.exists(x, x.ok) == items.all(y, y.ok)`,
		`items.map(i, items.map(j, i.n + j.n)).size()`, `!(person.flag && person.age > 1) || person.name == ''`,
		`person.name + string(person.age) + '!' + person.name`, `string(person.age / 0) + person.name + 'x'`,
		`'a' + (person.name + string(person.age)) + string(items.size())`, `'n' + string(person.age) + string(person.age / 0)`,
		`items.size() > 1 && items[1].ok`, `[person.name, 'b'][1]`, `items.filter(i, i.ok)[0].n > 1`, `items[person.age].ok`,
		`person.flag ? 'a' + person.name : 'b' + string(person.age)`, `'x' + (person.age > 1 ? person.name : 'y' + string(items.size())) + '!'`,
		`cel.bind(n, items.filter(i, has(i.ok) && i.ok), n.size() == 0 ? 'none' : 'first ' + string(n[0].n) + (n.size() == 1 ? '' : ' and ' + string(n.size() - 1) + ' more'))`,
		`'a' + (person.flag ? string(person.age / 0) : person.name) + 'b'`, `(person.age > 1 ? 'p' : 'q') + (person.flag ? person.name : '')`,
		`long_date(date('2024-02-29')) + string(1 + 2) + 'x'.upperAscii() + person.name`, `person.flag ? string(1 / 0) : person.name`,
		`add_days(date('2024-02-29'), 1) < as_of && age_at(date('2000-01-01'), date('2026-01-01')) == 26`,
		`long_date(person.dob) + (long_date(person.dob) == '29 February 2000' ? '!' : '?') + long_date(as_of) + long_date(person.dob)`,
	} {
		f.Add(e)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		src, err := json.Marshal(expr)
		if err != nil {
			return
		}
		for _, policy := range []string{
			"name: fuzz\nversion: \"1\"\neligibility:\n  variables:\n    - name: v\n      expression: " + string(src) +
				"\n  rules:\n    - id: r\n      description: R.\n      expression: \"true\"\n      effect: ineligible\n",
			"name: fuzz\nversion: \"1\"\neligibility:\n  rules:\n    - id: r\n      description: R.\n      expression: \"true\"\n      effect: ineligible\n" +
				"      finding: " + string(src) + "\n",
		} {
			pol, err := rules.Load(rules.Dir(mapFS(map[string]string{"p/p.yaml": policy}), "p"))
			if err != nil {
				continue
			}
			// The items are a list of at most 20: over a list of any length
			// expressions track their cost as they run, which only cel-go
			// does, and nothing would be compared.
			rs, err := pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{testAsOf, testPerson, fewItems}, Effects: []string{"ineligible"}})
			if err != nil {
				continue
			}
			people := []*person{nil, {}, {Name: "x", Age: ptr(20), Flag: ptr(true), DOB: d("2000-02-29")}, {Name: "abcd", Age: ptr(-3), Flag: ptr(false)}}
			lists := [][]item{nil, {}, {{OK: ptr(true), N: ptr(3)}}, {{OK: ptr(false), N: ptr(12)}, {}, {OK: ptr(true), N: ptr(0)}}, {{N: ptr(1)}, {OK: ptr(false)}}}
			for _, p := range people {
				for _, items := range lists {
					for _, asOf := range []rules.Value{{}, rules.DateValue(d("2026-11-27"))} {
						rs.Evaluate(context.Background(), []rules.Binding{ //nolint:errcheck // any error is cel-go's
							testAsOf.Bind(asOf), testPerson.Bind(rules.ObjectValue(personObject, p)), fewItems.Bind(rules.ObjectList(itemObject, items))})
					}
				}
			}
		}
	})
}

// TestCountedListsAgreeWithCELGo: a filtered list read only through its
// size and items at constant positions is counted, not made
// (directcount.go); with TestMain comparing every directly evaluated value
// with cel-go's, these evaluate as cel-go's filter does, as a variable and
// as a finding, over lists whose conditions hold, fail, read a missing
// fact or fail to evaluate, with positions past the end, names shadowed,
// and lists read whole (not counted).
func TestCountedListsAgreeWithCELGo(t *testing.T) {
	for _, expr := range []string{
		`cel.bind(n, items.filter(i, i.ok), n.size() == 0 ? 'none' : 'first ' + string(n[0].n))`,
		`cel.bind(n, items.filter(i, has(i.ok) && i.ok), size(n) > 1 ? string(n[1].n) : 'one or none')`,
		`cel.bind(n, items.filter(i, i.ok), string(n[0].n))`,
		`cel.bind(n, items.filter(i, i.ok), string(n[1].n + n[0].n))`,
		`cel.bind(n, items.filter(i, i.n / 0 > 1), string(n.size()))`,
		`cel.bind(n, items.filter(i, i.n > 1), has(n[0].ok) ? 'set' : 'not set')`,
		`cel.bind(n, items.filter(i, i.n > 1), items.exists(n, n.ok) ? string(size(items)) : 'no')`,
		`cel.bind(n, items, cel.bind(n, items.filter(i, n.size() > 1 && i.ok), string(n.size())))`,
		`cel.bind(n, items.filter(i, i.ok), n == [] ? 'empty' : string(n.size()))`,
		`cel.bind(m, items.map(i, i.n), m.size() == 0 ? 'none' : string(m[0]))`,
		`cel.bind(n, items.filter(i, i.ok), cel.bind(k, items.filter(j, !j.ok), string(n.size()) + '/' + string(k.size()) + (k.size() > 0 ? string(k[0].n) : '')))`,
	} {
		src, err := json.Marshal(expr)
		require.NoError(t, err)
		for _, policy := range []string{
			"name: t\nversion: \"1\"\neligibility:\n  variables:\n    - name: v\n      expression: " + string(src) +
				"\n  rules:\n    - id: r\n      description: R.\n      expression: v != ''\n      effect: ineligible\n",
			"name: t\nversion: \"1\"\neligibility:\n  rules:\n    - id: r\n      description: R.\n      expression: \"true\"\n      effect: ineligible\n" +
				"      finding: " + string(src) + "\n",
		} {
			pol, err := rules.Load(rules.Dir(mapFS(map[string]string{"p/p.yaml": policy}), "p"))
			require.NoError(t, err, expr)
			rs, err := pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{fewItems}, Effects: []string{"ineligible"}})
			require.NoError(t, err, expr)
			require.Empty(t, rules.UndirectedExpressions(rs), expr)
			for _, items := range [][]item{nil, {}, {{OK: ptr(true), N: ptr(3)}}, {{OK: ptr(false), N: ptr(12)}, {}, {OK: ptr(true), N: ptr(0)}},
				{{N: ptr(1)}, {OK: ptr(false)}}, {{OK: ptr(true), N: ptr(2)}, {OK: ptr(true), N: ptr(5)}, {OK: ptr(false), N: ptr(7)}}} {
				in := []rules.Binding{fewItems.Bind(rules.ObjectList(itemObject, items))}
				if items == nil {
					in = nil
				}
				_, err := rs.Evaluate(context.Background(), in)
				if err != nil {
					require.ErrorIs(t, err, rules.ErrEvaluation, expr)
				}
			}
		}
	}
}
