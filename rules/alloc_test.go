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
