package peers

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/reference"
	"github.com/isotp-dev/isotp/rules"
)

func engines(tb testing.TB) []Engine {
	tb.Helper()
	pol, err := rules.Load(rules.National)
	require.NoError(tb, err)
	es, err := Engines(pol)
	require.NoError(tb, err)
	return es
}

// TestAgreesWithReference requires every engine to give the reference's
// decision on the benchmark's cases and, unless -short, on a few thousand
// more.
func TestAgreesWithReference(t *testing.T) {
	es := engines(t)
	sets := map[string][]*isotp.Case{"benchmark cases": Cases(NumCases)}
	if !testing.Short() {
		sets["more cases"] = Cases(4096)[NumCases:]
	}
	for _, e := range es {
		t.Run(e.Short, func(t *testing.T) {
			for name, cases := range sets {
				if err := Check(e, cases); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		})
	}
}

// TestCasesCoverEveryOutcome makes sure the benchmark's cases exercise what
// the comparison is about: every outcome, both stages, every regime, and
// every result each rule can have (pass, fail, unknown from a missing fact,
// and not_applicable for the post-sentence rules).
func TestCasesCoverEveryOutcome(t *testing.T) {
	got := map[string]bool{}
	for _, c := range Cases(NumCases) {
		d := reference.Decide(c)
		got["outcome "+d.Outcome] = true
		got["stage "+c.Stage.String()] = true
		got["regime "+d.Regime] = true
		for _, r := range d.Rules {
			got[r.ID+" "+r.Verdict] = true
		}
	}
	want := []string{
		"outcome eligible", "outcome ineligible", "outcome refer", "outcome pending",
		"stage pre_sentence", "stage post_sentence",
		"regime cja2003", "regime pre_cja2003", "regime unknown",
	}
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	for _, r := range pol.Rules("eligibility") {
		want = append(want, r.ID+" pass", r.ID+" fail", r.ID+" unknown")
	}
	// The rules that apply after sentence only.
	want = append(want, "deviance not_applicable", "supervision_length not_applicable", "order_type not_applicable")
	for _, w := range want {
		if !got[w] {
			t.Errorf("no case gives %s", w)
		}
	}
}

// TestCheckRefusesADisagreeingEngine makes sure Check reports an engine that
// differs from the reference on one rule.
func TestCheckRefusesADisagreeingEngine(t *testing.T) {
	ref := engines(t)[0]
	cases := Cases(NumCases)
	wrong := Engine{Name: "wrong", Decide: func(c *isotp.Case) (Decision, error) {
		d, err := ref.Decide(c)
		if c == cases[7] {
			if d.Rules[2].Verdict == "pass" {
				d.Rules[2].Verdict = "fail"
			} else {
				d.Rules[2].Verdict = "pass"
			}
		}
		return d, err
	}}
	err := Check(wrong, cases)
	var dis *DisagreementError
	require.True(t, errors.As(err, &dis), "got %v", err)
	require.Equal(t, 7, dis.Case)
}
