package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

// A what-if decides each case under two policies. Made with one Reuse, the
// second decision takes from the first the rules and variables the two
// policies write alike and that read the same facts: here every rule but
// min_age, whose parameter the area raises, and every variable.
func ExampleWithReuse() {
	national, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	area, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte("area: x\npolicy: i-SOTP\nparams:\n  min_age: 18\n")))
	if err != nil {
		panic(err)
	}
	before, _ := eligibility.New(national)
	after, _ := eligibility.New(area)
	c, err := isotp.DecodeCase(strings.NewReader(`{
		"as_of": "2026-11-27",
		"stage": "post_sentence",
		"offender": {"sex": "male", "date_of_birth": "2009-05-01", "risk_of_harm": "low", "deviance": "low"},
		"offences": [{"offence": "Criminal Justice Act 1988 s.160", "date": "2026-03-01", "internet": true}],
		"order": {"type": "licence", "supervision_months": 36}
	}`))
	if err != nil {
		panic(err)
	}
	reuse := &rules.Reuse{}
	ctx := context.Background()
	a, err := before.Decide(ctx, c, rules.WithReuse(reuse))
	if err != nil {
		panic(err)
	}
	b, err := after.Decide(ctx, c, rules.WithReuse(reuse))
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Outcome, "then", b.Outcome)
	fmt.Println(reuse.Reused(), "rules, variables and texts taken from the first decision")
	// Output:
	// eligible then ineligible
	// 11 rules, variables and texts taken from the first decision
}

// A caller deciding many cases and keeping nothing of the decisions past
// each case, as a what-if run does, has the decisions and the rules'
// results made in the memory of the last case's: copy what is kept before
// Reset.
func ExampleReuse_RecycleResults() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	elig, err := eligibility.New(pol)
	if err != nil {
		panic(err)
	}
	reuse := &rules.Reuse{}
	reuse.RecycleResults()
	ctx := context.Background()
	for _, sex := range []string{"male", "female"} {
		c, err := isotp.DecodeCase(strings.NewReader(`{"as_of": "2026-11-27", "stage": "pre_sentence",
			"offender": {"sex": "` + sex + `", "date_of_birth": "1990-05-01", "risk_of_harm": "low"},
			"offences": [{"offence": "Criminal Justice Act 1988 s.160", "date": "2019-03-01", "internet": true}]}`))
		if err != nil {
			panic(err)
		}
		d, err := elig.Decide(ctx, c, rules.WithReuse(reuse))
		if err != nil {
			panic(err)
		}
		outcome, kept := d.Outcome, d.Rules[0].Message // copies: they stay valid
		reuse.Reset()                                  // d may now be made again
		fmt.Println(outcome, "-", kept)
	}
	// Output:
	// eligible - He is male.
	// ineligible - The offender is recorded as female; i-SOTP is accredited for male offenders only.
}

// TestReuseNotWhenExplaining: an explained evaluation records what it
// reads as it goes, so it neither takes from another nor is taken from.
func TestReuseNotWhenExplaining(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	elig, err := eligibility.New(pol)
	require.NoError(t, err)
	c, err := isotp.DecodeCase(strings.NewReader(`{"as_of": "2026-11-27", "stage": "pre_sentence",
		"offender": {"sex": "male", "date_of_birth": "1990-05-01", "risk_of_harm": "low"},
		"offences": [{"offence": "Criminal Justice Act 1988 s.160", "date": "2019-03-01"}]}`))
	require.NoError(t, err)
	ctx := context.Background()
	plain, err := elig.Decide(ctx, c, rules.Explain())
	require.NoError(t, err)
	reuse := &rules.Reuse{}
	for range 2 {
		got, err := elig.Decide(ctx, c, rules.Explain(), rules.WithReuse(reuse))
		require.NoError(t, err)
		if diff := cmp.Diff(plain, got, cmp.AllowUnexported(eligibility.Decision{})); diff != "" {
			t.Errorf("mismatch (-without reuse +with):\n%s", diff)
		}
	}
	require.Zero(t, reuse.Reused())
	// Without explaining, the same policy takes everything from itself.
	for range 2 {
		_, err := elig.Decide(ctx, c, rules.WithReuse(reuse))
		require.NoError(t, err)
	}
	require.NotZero(t, reuse.Reused())
}

// TestRecycleResults: with RecycleResults, a Reuse hands out the Results
// of its evaluations from memory it takes back at Reset. Each case's
// decisions are still those made without it, a case's Results stay as they
// were until Reset, and the next case's are made in the same memory.
func TestRecycleResults(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	elig, err := eligibility.New(pol)
	require.NoError(t, err)
	var cases []*isotp.Case
	for _, dob := range []string{"1990-05-01", "2012-05-01", ""} {
		in := `{"as_of": "2026-11-27", "stage": "pre_sentence",
			"offender": {"sex": "male", "date_of_birth": "` + dob + `", "risk_of_harm": "low"},
			"offences": [{"offence": "Criminal Justice Act 1988 s.160", "date": "2019-03-01"}]}`
		in = strings.Replace(in, `"date_of_birth": "", `, "", 1)
		c, err := isotp.DecodeCase(strings.NewReader(in))
		require.NoError(t, err)
		cases = append(cases, c)
	}
	ctx := context.Background()
	reuse := &rules.Reuse{}
	reuse.RecycleResults()
	var first *rules.Result
	var firstDecision *eligibility.Decision
	for i, c := range cases {
		want, err := elig.Decide(ctx, c)
		require.NoError(t, err)
		a, err := elig.Decide(ctx, c, rules.WithReuse(reuse))
		require.NoError(t, err)
		b, err := elig.Decide(ctx, c, rules.WithReuse(reuse), rules.WithoutMessages())
		require.NoError(t, err)
		if diff := cmp.Diff(want, a, cmp.AllowUnexported(eligibility.Decision{})); diff != "" {
			t.Errorf("case %d: mismatch (-without recycling +with):\n%s", i, diff)
		}
		require.Len(t, b.Rules, len(want.Rules))
		if &a.Rules[0] == &b.Rules[0] {
			t.Fatalf("case %d: two decisions of one case share their rules", i)
		}
		for k := range want.Rules { // b, made after a, did not overwrite it
			require.Equal(t, want.Rules[k], a.Rules[k], "case %d rule %d", i, k)
			require.Equal(t, want.Rules[k].Verdict, b.Rules[k].Verdict, "case %d rule %d", i, k)
		}
		if a == b {
			t.Fatalf("case %d: two decisions of one case are one", i)
		}
		if i == 0 {
			first, firstDecision = &a.Rules[0], a
		} else if &a.Rules[0] != first || a != firstDecision {
			t.Errorf("case %d: its decision and rules were not made in the memory given back by Reset", i)
		}
		reuse.Reset()
		if diff := cmp.Diff(&eligibility.Decision{}, a, cmp.AllowUnexported(eligibility.Decision{})); diff != "" {
			t.Errorf("case %d: a decision given back holds the case (-want +got):\n%s", i, diff)
		}
	}
}

// TestRecycled: memory for decisions comes from a recycling Reuse, zeroed
// and given back at Reset; without one, it is new.
func TestRecycled(t *testing.T) {
	type decision struct {
		text string
		n    int
	}
	plain := rules.Recycled[decision](nil)
	require.NotSame(t, plain, rules.Recycled[decision]([]rules.EvalOption{rules.WithReuse(&rules.Reuse{})}),
		"a Reuse that does not recycle gives new memory")
	reuse := &rules.Reuse{}
	reuse.RecycleResults()
	opts := []rules.EvalOption{rules.WithoutMessages(), rules.WithReuse(reuse)}
	a, b := rules.Recycled[decision](opts), rules.Recycled[decision](opts)
	require.NotSame(t, a, b, "two decisions of one case")
	*a, *b = decision{"a", 1}, decision{"b", 2}
	other := rules.Recycled[int](opts) // another type, another pile
	*other = 7
	reuse.Reset()
	require.Equal(t, decision{}, *a, "zeroed at Reset")
	require.Equal(t, decision{}, *b)
	require.Zero(t, *other)
	require.Same(t, a, rules.Recycled[decision](opts), "given back at Reset, in order")
	require.Same(t, b, rules.Recycled[decision](opts))
	require.NotSame(t, a, rules.Recycled[decision](opts), "a third is new")
}
