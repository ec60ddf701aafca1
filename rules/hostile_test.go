package rules_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

// TestHostileRuleFiles checks that each file in testdata/hostile is refused
// at load with a clear error (or, for many-rules.yaml, loads), and that none
// panics or hangs. The first line of each outcome is compared with
// testdata/hostile/results.golden.
func TestHostileRuleFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/hostile/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		err = rules.Check(rules.National, []rules.Section{eligibility.Section()}, rules.AreaBytes(filepath.Base(file), data))
		line := "ok"
		if err != nil {
			if !errors.Is(err, rules.ErrInvalidPolicy) {
				t.Errorf("%s: error is not ErrInvalidPolicy: %v", file, err)
			}
			line = err.Error()
			if len(line) > 240 {
				line = line[:240] + "..."
			}
		}
		got.WriteString(filepath.Base(file) + ": " + line + "\n")
	}
	golden := "testdata/hostile/results.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestRuntimeCostLimit gives a rule that passes the static estimate a case
// list far longer than the estimate assumed: evaluation must stop with an
// error, not run on.
func TestRuntimeCostLimit(t *testing.T) {
	policy := strings.Replace(testPolicy, "  rules:\n", `  rules:
    - id: pairwise
      description: Every pair of items differs.
      expression: items.all(i, items.all(j, i == j || i.n != j.n))
      effect: advisory
`, 1)
	fsys := mapFS(map[string]string{"p/policy.yaml": policy})
	pol, err := rules.Load(rules.Dir(fsys, "p"))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := pol.Compile(testSection)
	if err != nil {
		t.Fatal(err)
	}
	items := make([]item, 5000)
	for i := range items {
		items[i].N = ptr(i)
	}
	list := rules.List(len(items), func(i int) rules.Value { return rules.ObjectValue(itemObject, &items[i]) })
	_, err = rs.Evaluate(context.Background(), []rules.Value{{}, {}, list})
	if !errors.Is(err, rules.ErrEvaluation) || !strings.Contains(err.Error(), "cost") {
		t.Errorf("Evaluate = %v, want a cost-limit evaluation error", err)
	}
}

// FuzzAreaFile loads arbitrary bytes as an area file and compiles the
// eligibility section against it: it must never panic, and every failure
// must be a positioned policy error.
func FuzzAreaFile(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.yaml")
	seeds = append(seeds, "../examples/areas/cheshire.yaml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 4096 {
			f.Add(data)
		}
	}
	sections := []rules.Section{eligibility.Section()}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := rules.Check(rules.National, sections, rules.AreaBytes("area.yaml", data))
		if err == nil {
			return
		}
		var list rules.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not an ErrorList: %v", err)
		}
		for _, e := range list {
			if e.Pos.File == "" {
				t.Errorf("error without a file: %v", e)
			}
		}
	})
}

// TestInputLimits: lists and strings past what rules may read fail the
// evaluation with a clear error, so that the cost estimates made at load
// hold for every case.
func TestInputLimits(t *testing.T) {
	rs := testRuleSet(t, "")
	items := make([]item, 10001)
	list := rules.List(len(items), func(i int) rules.Value { return rules.ObjectValue(itemObject, &items[i]) })
	_, err := rs.Evaluate(context.Background(), []rules.Value{{}, {}, list})
	if !errors.Is(err, rules.ErrEvaluation) || !strings.Contains(err.Error(), "a list of 10001 items is longer than the 10000 rules may read") {
		t.Errorf("Evaluate with a long list = %v", err)
	}
	p := &person{Name: strings.Repeat("x", 10001), Age: ptr(30), Flag: ptr(true)}
	_, err = rs.Evaluate(context.Background(), []rules.Value{{}, rules.ObjectValue(personObject, p), {}})
	if !errors.Is(err, rules.ErrEvaluation) || !strings.Contains(err.Error(), "longer than the 10000") {
		t.Errorf("Evaluate with a long string = %v", err)
	}
}
