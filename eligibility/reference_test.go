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
)

// agree compares the engine's decision with the reference's.
func agree(t *testing.T, e *eligibility.Evaluator, c *isotp.Case) {
	t.Helper()
	got, err := e.Decide(context.Background(), c)
	require.NoError(t, err)
	want := reference.Decide(c)
	gotRules := make([]reference.RuleResult, len(got.Rules))
	for i, r := range got.Rules {
		gotRules[i] = reference.RuleResult{ID: r.ID, Verdict: r.Verdict.String(), Effect: r.Effect}
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
	for i := range n {
		agree(t, e, g.Case(i))
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

func BenchmarkDecide(b *testing.B) {
	e := evaluator(b, "")
	g := synth.New(3, isotp.NewDate(2026, 11, 27))
	cases := make([]*isotp.Case, 256)
	for i := range cases {
		cases[i] = g.Case(i)
	}
	b.Run("engine", func(b *testing.B) {
		b.ReportAllocs()
		ctx := context.Background()
		for i := 0; b.Loop(); i++ {
			if _, err := e.Decide(ctx, cases[i%len(cases)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			reference.Decide(cases[i%len(cases)])
		}
	})
}
