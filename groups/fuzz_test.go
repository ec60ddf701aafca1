package groups_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
)

// FuzzForm decodes arbitrary input and, when it is a valid intake, forms
// groups under each fallback, checking that nothing panics and that every
// referral is placed exactly once in groups of an allowed size.
func FuzzForm(f *testing.F) {
	samples, _ := filepath.Glob(filepath.Join("..", "examples", "cases", "groups", "*.json"))
	errs, _ := filepath.Glob(filepath.Join("testdata", "errors", "*.json"))
	for _, s := range append(samples, errs...) {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	planners := []*groups.Planner{
		planner(f, ""),
		planner(f, "  young_fallback: adult_group\n  max_group_size: 3\n  min_group_size: 2\n"),
		planner(f, "  young_fallback: wait\n  max_group_size: 8\n"),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := isotp.DecodeIntake(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, p := range planners {
			plan, err := p.Form(context.Background(), in)
			if err != nil {
				t.Fatalf("Form of a decoded intake: %v", err)
			}
			checkPlan(t, p.Params(), in, plan)
		}
	})
}

// checkPlan checks the invariants of any plan.
func checkPlan(t *testing.T, ps groups.Params, in *isotp.Intake, plan *groups.Plan) {
	t.Helper()
	seen := map[string]string{}
	place := func(id, where string) {
		if prev, ok := seen[id]; ok {
			t.Errorf("%s is in %s and in %s", id, prev, where)
		}
		seen[id] = where
	}
	for i, g := range plan.Groups {
		if len(g.Members) < ps.MinGroupSize || len(g.Members) > ps.MaxGroupSize {
			t.Errorf("group %d has %d members, outside %d to %d", i+1, len(g.Members), ps.MinGroupSize, ps.MaxGroupSize)
		}
		for _, id := range g.Members {
			place(id, "a group")
		}
	}
	for _, id := range plan.Individual {
		place(id, "individual")
	}
	for _, id := range plan.Waiting {
		place(id, "waiting")
	}
	for _, ng := range plan.NotGrouped {
		place(ng.ID, "not grouped")
	}
	if len(seen) != len(in.Referrals) {
		t.Errorf("%d referrals placed, want %d", len(seen), len(in.Referrals))
	}
	if ps.YoungFallback != groups.Individual && len(plan.Individual) > 0 {
		t.Errorf("individual delivery under young_fallback %s", ps.YoungFallback)
	}
}
