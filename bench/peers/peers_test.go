package peers

import (
	"context"
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
// more; and the attendance engine the reference's summary on those with an
// attendance record.
func TestAgreesWithReference(t *testing.T) {
	sets := map[string][]*isotp.Case{"benchmark cases": Cases(NumCases)}
	if !testing.Short() {
		sets["more cases"] = Cases(4096)[NumCases:]
	}
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	att, err := AttendanceEngines(pol)
	require.NoError(t, err)
	for kind, es := range map[string][]Engine{"eligibility": engines(t), "attendance": att} {
		for _, e := range es {
			t.Run(kind+"/"+e.Short, func(t *testing.T) {
				for name, cases := range sets {
					if kind == "attendance" {
						cases = AttendanceCases(cases)
					}
					if err := Check(e, cases); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
				}
			})
		}
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
	cases := Cases(NumCases)
	wrong := eligibilityEngine("wrong", "wrong", true, func(c *isotp.Case) any { return c }, func(in any) (Decision, error) {
		d := reference.Decide(in.(*isotp.Case))
		if in.(*isotp.Case) == cases[7] {
			if d.Rules[2].Verdict == "pass" {
				d.Rules[2].Verdict = "fail"
			} else {
				d.Rules[2].Verdict = "pass"
			}
		}
		return d, nil
	})
	err := Check(wrong, cases)
	var dis *DisagreementError
	require.True(t, errors.As(err, &dis), "got %v", err)
	require.Equal(t, 7, dis.Case)
}

// TestAgeAt compares the peers' age_at over "YYYY-MM-DD" strings with
// isotp.Date.AgeAt for every date of birth in three years (one of them a
// leap year) and every as-of date in four later years.
func TestAgeAt(t *testing.T) {
	dob0, at0 := isotp.NewDate(1999, 1, 1), isotp.NewDate(2015, 1, 1)
	ats := make([]string, 4*366)
	for j := range ats {
		ats[j] = dateString(at0.AddDays(j))
	}
	for i := range 3 * 366 {
		dob := dob0.AddDays(i)
		s := dateString(dob)
		for j, at := range ats {
			got, err := ageAt(s, at)
			require.NoError(t, err)
			if want := dob.AgeAt(at0.AddDays(j)); got != want {
				t.Fatalf("ageAt(%s, %s) = %d, want %d", s, at, got, want)
			}
		}
	}
	for _, bad := range [][2]string{{"", "2020-01-01"}, {"2001-02-03", "20x0-01-01"}, {"1/2/2003", "2020-01-01"}} {
		_, err := ageAt(bad[0], bad[1])
		require.Error(t, err, "ageAt(%q, %q)", bad[0], bad[1])
	}
}

func TestDateString(t *testing.T) {
	// Every valid year (1 to 9999), on a day that moves through the months.
	for d := isotp.NewDate(1, 1, 1); d.IsValid(); d = d.AddDays(1223) {
		require.Equal(t, d.String(), dateString(d))
	}
}

// TestPeersRefuseAnUnwrittenRule: a rule the policy has and a peer does not
// stops that peer from being built, rather than leaving it out.
func TestPeersRefuseAnUnwrittenRule(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	p, err := paramsOf(pol)
	require.NoError(t, err)
	p.Rules = append(p.Rules, ruleSpec{"new_rule", "ineligible"})
	for name, build := range map[string]func() error{
		"celgo": func() error { _, err := newCELGo(p); return err },
		"expr":  func() error { _, err := newExpr(p); return err },
		"rego":  func() error { _, err := newRego(context.Background(), p); return err },
	} {
		if err := build(); err == nil {
			t.Errorf("%s: built without the policy's rule new_rule", name)
		}
	}
}
