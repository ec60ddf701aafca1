package rules_test

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/rules"
)

// ruleSetOf compiles a section of n rules that each read the input.
func ruleSetOf(t testing.TB, n int) *rules.RuleSet {
	t.Helper()
	var b strings.Builder
	b.WriteString("name: t\nversion: \"1\"\neligibility:\n  rules:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - id: r%d\n      description: Rule %d.\n      expression: person.age > %d\n      effect: ineligible\n", i, i, i)
	}
	pol, err := rules.Load(rules.Dir(mapFS(map[string]string{"p/a.yaml": b.String()}), "p"))
	require.NoError(t, err)
	rs, err := pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{testPerson}, Effects: []string{"ineligible"}})
	require.NoError(t, err)
	return rs
}

// TestAllocationsDoNotGrowWithRules: evaluating a rule set allocates the
// result slice and a fixed amount more, not something for every rule.
func TestAllocationsDoNotGrowWithRules(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	// A garbage collection empties the interpreter's pools; keep it out of
	// the count.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	p := &person{Age: ptr(40)}
	allocs := func(n int) float64 {
		rs := ruleSetOf(t, n)
		return testing.AllocsPerRun(200, func() {
			if _, err := rs.Evaluate(context.Background(), []rules.Binding{testPerson.Bind(rules.ObjectValue(personObject, p))}); err != nil {
				t.Fatal(err)
			}
		})
	}
	few, many := allocs(5), allocs(50)
	if many > few {
		t.Errorf("evaluating 50 rules allocates %v times, 5 rules %v: allocations grow with the number of rules", many, few)
	}
}

func BenchmarkEvaluateRules(b *testing.B) {
	p := &person{Age: ptr(40)}
	for _, n := range []int{5, 50} {
		rs := ruleSetOf(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := rs.Evaluate(context.Background(), []rules.Binding{testPerson.Bind(rules.ObjectValue(personObject, p))}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCountedListsAreNotMade: a finding that reads a filtered list only
// through its size and its first item allocates nothing for the list, so
// costs what a finding without it costs; one that reads the list whole
// makes it.
func TestCountedListsAreNotMade(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	rules.WithoutCheckingDirect(t)
	items := []item{{OK: ptr(false), N: ptr(1)}, {OK: ptr(true), N: ptr(2)}, {OK: ptr(true), N: ptr(3)}}
	allocs := func(finding string) float64 {
		policy := "name: t\nversion: \"1\"\neligibility:\n  rules:\n    - id: r\n      description: R.\n      expression: \"true\"\n" +
			"      effect: ineligible\n      finding: \"" + finding + "\"\n"
		pol, err := rules.Load(rules.Dir(mapFS(map[string]string{"p/a.yaml": policy}), "p"))
		require.NoError(t, err)
		rs, err := pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{fewItems}, Effects: []string{"ineligible"}})
		require.NoError(t, err)
		return testing.AllocsPerRun(200, func() {
			ev, err := rs.Evaluate(context.Background(), []rules.Binding{fewItems.Bind(rules.ObjectList(itemObject, items))})
			require.NoError(t, err)
			require.Equal(t, "first 2", ev.Results[0].Message)
		})
	}
	without := allocs(`'first 2'`)
	counted := allocs(`cel.bind(ok, items.filter(i, i.ok), ok.size() == 0 ? 'none' : ok[0].n == 2 ? 'first 2' : 'other')`)
	made := allocs(`cel.bind(ok, items.filter(i, i.ok), ok.size() == 0 || ok == [] ? 'none' : ok[0].n == 2 ? 'first 2' : 'other')`)
	if counted != without {
		t.Errorf("the counted finding allocates %v times, one without a list %v", counted, without)
	}
	if made <= without {
		t.Errorf("the finding that reads the list whole allocates %v times, one without a list %v: the test does not tell them apart", made, without)
	}
}

// fewItems is a list of items short enough for expressions over it to be
// evaluated directly: over one of any length, they track their cost as they
// run, which only cel-go does.
var fewItems = &rules.Var{Name: "items", Type: rules.ListOf(itemObject.Type()).AtMost(20)}

// TestConstantTextsAreJoined: a finding made of literals and parameters
// is joined when planned, so it allocates what one literal does; one that
// reads the case allocates its text, unless it is one of the last few made,
// which is given again.
func TestConstantTextsAreJoined(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	rules.WithoutCheckingDirect(t)
	p := &person{Age: ptr(40)}
	allocs := func(finding, want string, ages int) float64 {
		policy := "name: t\nversion: \"1\"\nparameters:\n  months:\n    type: int\n    default: 24\n    description: Months.\n" +
			"eligibility:\n  rules:\n    - id: r\n      description: R.\n      expression: \"true\"\n" +
			"      effect: ineligible\n      finding: \"" + finding + "\"\n"
		pol, err := rules.Load(rules.Dir(mapFS(map[string]string{"p/a.yaml": policy}), "p"))
		require.NoError(t, err)
		rs, err := pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{testPerson}, Effects: []string{"ineligible"}})
		require.NoError(t, err)
		*p.Age = 40
		ev, err := rs.Evaluate(context.Background(), []rules.Binding{testPerson.Bind(rules.ObjectValue(personObject, p))})
		require.NoError(t, err)
		require.Equal(t, want, ev.Results[0].Message)
		ev.Release()
		run := 0
		return testing.AllocsPerRun(200, func() {
			*p.Age = 40 + run%ages // each run a new age, of ages
			run++
			ev, err := rs.Evaluate(context.Background(), []rules.Binding{testPerson.Bind(rules.ObjectValue(personObject, p))})
			if err != nil {
				t.Fatal(err)
			}
			ev.Release()
		})
	}
	literal := allocs(`'at least 24 months, at 40'`, "at least 24 months, at 40", 1)
	constant := allocs(`'at least ' + string(params.months) + ' months, at ' + '40'`, "at least 24 months, at 40", 1)
	const reads = `'at least ' + string(params.months) + ' months, at ' + string(person.age)`
	read := allocs(reads, "at least 24 months, at 40", 1000)
	again := allocs(reads, "at least 24 months, at 40", 1)
	if constant != literal {
		t.Errorf("the finding of literals and a parameter allocates %v times, a literal %v", constant, literal)
	}
	if read <= literal {
		t.Errorf("the finding that reads the case allocates %v times, a literal %v: the test does not tell them apart", read, literal)
	}
	if again != literal {
		t.Errorf("the finding that reads the case, made again the same, allocates %v times, a literal %v", again, literal)
	}
}
