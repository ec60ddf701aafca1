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
