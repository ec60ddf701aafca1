package policytest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/isotp-dev/isotp/rules"
	"github.com/stretchr/testify/require"
)

// The policy tests that ship with the library: the national rules' and the
// sample areas'. go test ./... runs them, so CI does.
var shipped = []string{"../rules/tests", "../examples/areas"}

func TestShippedPolicyTests(t *testing.T) {
	rep := run(t, Config{}, shipped...)
	if rep.Failed > 0 || rep.Passed == 0 {
		t.Errorf("shipped policy tests: %d passed, %d failed\n%s", rep.Passed, rep.Failed, text(t, rep, false))
	}
	for _, p := range rep.Policies {
		if len(p.Errors) > 0 {
			t.Errorf("policy %s: %v", p.AreaFile, p.Errors)
		}
	}
}

// TestShippedCasesAreTheExamples: a test file names case files in its own
// folder, so the shipped tests keep copies of the example cases they decide
// under cases/ beside them. A copy must stay the example it is, so that the
// tests pin the decisions the examples are documented to get.
func TestShippedCasesAreTheExamples(t *testing.T) {
	n := 0
	for _, dir := range shipped {
		copies, err := filepath.Glob(filepath.Join(dir, "cases", "*", "*.json"))
		require.NoError(t, err)
		for _, c := range copies {
			rel, _ := filepath.Rel(filepath.Join(dir, "cases"), c)
			example := filepath.Join("../examples/cases", rel)
			got, err1 := os.ReadFile(c)
			want, err2 := os.ReadFile(example)
			if err1 != nil || err2 != nil {
				t.Errorf("%s: no example to copy (%v, %v)", c, err1, err2)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s, the example it copies", c, example)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no case files beside the shipped tests")
	}
}

// TestShippedCoverage holds the national tests to their promise: every
// national rule is seen to pass, to fail and to be unknown, and the rules
// that apply only sometimes are seen not to apply. (all_sessions and
// catch_up_limit read only counts the summary always knows, so they cannot
// be unknown.)
func TestShippedCoverage(t *testing.T) {
	rep := run(t, Config{}, shipped[0])
	if len(rep.Policies) != 1 || rep.Policies[0].AreaFile != "" {
		t.Fatalf("the national tests ran under %d policies, want the national policy alone", len(rep.Policies))
	}
	got := map[string]string{}
	for _, s := range rep.Policies[0].Coverage {
		if s.Tests == 0 {
			t.Errorf("section %s: not tested", s.Section)
		}
		for _, r := range s.Rules {
			var reached string
			for _, v := range []struct {
				n    int
				name string
			}{{r.Pass, "pass "}, {r.Fail, "fail "}, {r.Unknown, "unknown "}, {r.NotApplicable, "not_applicable"}} {
				if v.n > 0 {
					reached += v.name
				}
			}
			got[s.Section+"."+r.ID] = reached
		}
	}
	const all, always = "pass fail unknown ", "pass fail unknown not_applicable"
	want := map[string]string{
		"eligibility.male":                    all,
		"eligibility.min_age":                 all,
		"eligibility.eligible_offence":        all,
		"eligibility.internet_related":        all,
		"eligibility.risk_of_harm":            all,
		"eligibility.deviance":                always,
		"eligibility.supervision_length":      always,
		"eligibility.order_type":              always,
		"completion.all_sessions":             "pass fail ",
		"completion.catch_up_limit":           "pass fail ",
		"completion.offender_manager_contact": always,
		"completion.between_session_work":     all,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results reached by the national tests (-want +got):\n%s", diff)
	}
}

// BenchmarkRunNational runs the national policy tests as isotp test does:
// loading the policy, compiling its decisions, and deciding every case.
func BenchmarkRunNational(b *testing.B) {
	s, err := Load(shipped[0])
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Run(context.Background(), Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTest is the hot path: one test, its decisions made and its
// expectations checked, under a policy compiled once.
func BenchmarkTest(b *testing.B) {
	s, err := Load(shipped[0])
	require.NoError(b, err)
	var tests []*Test
	for _, f := range s.Files {
		tests = append(tests, f.Tests...)
	}
	pr := newPolicyRun(rules.National, "", nil)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := pr.run(ctx, tests[i%len(tests)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkLoadNational reads and checks the national test files, decoding
// every case.
func BenchmarkLoadNational(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(shipped[0]); err != nil {
			b.Fatal(err)
		}
	}
}
