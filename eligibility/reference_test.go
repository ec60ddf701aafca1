package eligibility_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/reference"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/rules"
)

// agree compares the engine's decision with the reference's: outcome,
// regime, age and each rule's result with its possible results. A case the
// engine refuses as impossible (a date after the date of the decision) is
// one the reference is not asked about.
func agree(t *testing.T, e *eligibility.Evaluator, c *isotp.Case) {
	t.Helper()
	got, err := e.Decide(context.Background(), c)
	if impossible(c) {
		require.ErrorIs(t, err, isotp.ErrInvalidInput)
		return
	}
	require.NoError(t, err)
	want := reference.Decide(c)
	gotRules := make([]reference.RuleResult, len(got.Rules))
	for i, r := range got.Rules {
		gotRules[i] = reference.RuleResult{ID: r.ID, Verdict: r.Verdict.String(), Effect: r.Effect, Possible: rules.VerdictsOf(r.Possible...).String()}
	}
	type summary struct {
		Outcome, Regime string
		Age             int
		AgeOK           bool
		Band            string
		Rules           []reference.RuleResult
	}
	g := summary{Outcome: got.Outcome.String(), Regime: got.Regime.String(), AgeOK: got.Age != nil, Rules: gotRules}
	if got.Age != nil {
		g.Age, g.Band = *got.Age, *got.AgeBand
	}
	w := summary{want.Outcome, want.Regime, want.Age, want.AgeOK, want.AgeBand, want.Rules}
	if diff := cmp.Diff(w, g); diff != "" {
		js, _ := json.Marshal(c)
		t.Fatalf("engine and reference disagree on %s\nmismatch (-reference +engine):\n%s", js, diff)
	}
}

// impossible reports whether c has a date of birth or an offence after its
// as-of date.
func impossible(c *isotp.Case) bool {
	if c.AsOf.IsZero() {
		return false
	}
	if c.Offender != nil && c.Offender.DateOfBirth.After(c.AsOf) {
		return true
	}
	for _, o := range c.Offences {
		if o.Date.After(c.AsOf) {
			return true
		}
	}
	return false
}

// TestAgreesWithReference decides generated cases with the CEL engine and
// with the hand-written reference and requires the same outcome, regime, age
// and rule results.
func TestAgreesWithReference(t *testing.T) {
	e := evaluator(t, "")
	n := 20000
	if testing.Short() {
		n = 2000
	}
	g := synth.New(1, isotp.NewDate(2026, 11, 27))
	var decidedUnknown, stageWorlds int
	for i := range n {
		c := g.Case(i)
		agree(t, e, c)
		d, err := e.Decide(context.Background(), c)
		if err != nil {
			continue
		}
		if len(d.Missing) > 0 && d.Outcome != eligibility.Pending {
			decidedUnknown++
		}
		for _, r := range d.Rules {
			if rules.VerdictsOf(r.Possible...).Has(rules.NotApplicable) {
				stageWorlds++
				break
			}
		}
	}
	// The generated cases must reach the possible-results semantics: some
	// decided though facts are missing, some with the stage missing.
	if decidedUnknown < n/100 || stageWorlds < n/100 {
		t.Errorf("of %d cases, %d decided with facts missing and %d with rules that might not apply; want at least %d of each",
			n, decidedUnknown, stageWorlds, n/100)
	}
}

// FuzzAgreesWithReference mutates case files; every one that decodes must
// get the same decision from the engine and the reference.
func FuzzAgreesWithReference(f *testing.F) {
	g := synth.New(7, isotp.NewDate(2026, 11, 27))
	for i := range 20 {
		js, err := json.Marshal(g.Case(i))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(js)
	}
	e := evaluator(f, "")
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := isotp.DecodeCase(bytes.NewReader(data))
		if err != nil {
			return
		}
		agree(t, e, c)
	})
}

// BenchmarkDecide decides synthetic cases, one in four or so with a fact
// missing, with the engine and the reference; and, with the engine, cases
// with nothing missing (the possible-results work costs them nothing) and
// cases decided without messages.
func BenchmarkDecide(b *testing.B) {
	e := evaluator(b, "")
	g := synth.New(3, isotp.NewDate(2026, 11, 27))
	cases := g.Cases(256)
	var complete []*isotp.Case
	for i := 0; len(complete) < 256; i++ {
		c := g.Case(len(cases) + i)
		if d, err := e.Decide(context.Background(), c); err == nil && len(d.Missing) == 0 {
			complete = append(complete, c)
		}
	}
	engine := func(cases []*isotp.Case, opts ...rules.EvalOption) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				if _, err := e.Decide(ctx, cases[i%len(cases)], opts...); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("engine", engine(cases))
	b.Run("engine/nothing_missing", engine(complete))
	b.Run("engine/without_messages", engine(cases, rules.WithoutMessages()))
	b.Run("engine/nothing_missing/without_messages", engine(complete, rules.WithoutMessages()))
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			reference.Decide(cases[i%len(cases)])
		}
	})
}
