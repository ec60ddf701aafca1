package rules

import (
	"testing"

	"cel.dev/cel-go/common/types"
	"github.com/google/go-cmp/cmp"
)

func unknownNaming(facts ...string) *types.Unknown {
	var u *types.Unknown
	for _, f := range facts {
		u = mergeUnknowns(u, types.NewUnknown(unknownID, types.NewAttributeTrail(f)))
	}
	return u
}

// TestMergeUnknownsKeepsEarlierMerges: merging one unknown twice, with
// different facts, leaves the first merge naming its own facts (as
// types.MergeUnknowns alone does not, for an unknown of three facts).
func TestMergeUnknownsKeepsEarlierMerges(t *testing.T) {
	for n := 1; n <= 9; n++ {
		var facts []string
		for i := range n {
			facts = append(facts, string(rune('a'+i)))
		}
		base := unknownNaming(facts...)
		first := mergeUnknowns(base, unknownNaming("x"))
		second := mergeUnknowns(base, unknownNaming("y"))
		if diff := cmp.Diff(append(facts[:n:n], "x"), trails(first)); diff != "" {
			t.Errorf("%d facts: the first merge changed (-want +got):\n%s", n, diff)
		}
		if diff := cmp.Diff(append(facts[:n:n], "y"), trails(second)); diff != "" {
			t.Errorf("%d facts: the second merge (-want +got):\n%s", n, diff)
		}
		if diff := cmp.Diff(facts, trails(base)); diff != "" {
			t.Errorf("%d facts: the unknown merged changed (-want +got):\n%s", n, diff)
		}
	}
}

// TestUnknownMergesKept: an activation's merges are kept, by the pair
// merged, and are those mergeUnknowns makes; past maxMemo it starts
// again.
func TestUnknownMergesKept(t *testing.T) {
	var um unknownMemo
	a, b := unknownNaming("a"), unknownNaming("b", "c", "d")
	first := um.merge(a, b)
	if diff := cmp.Diff([]string{"a", "b", "c", "d"}, trails(first)); diff != "" {
		t.Fatalf("merge (-want +got):\n%s", diff)
	}
	if um.merge(a, b) != first {
		t.Error("the same pair merged again was not the merge kept")
	}
	if um.merge(b, a) == first {
		t.Error("a pair in the other order was taken for the first")
	}
	for i := range maxMemo {
		um.merge(unknownNaming(string(rune('e'+i%20))), a)
	}
	if len(um.merged) > maxMemo {
		t.Errorf("%d merges kept, more than %d", len(um.merged), maxMemo)
	}
	if got := um.merge(a, b); got == first || !cmp.Equal(trails(got), trails(first)) {
		t.Error("past the bound, the merges kept were not started again")
	}
}

// TestUnknownNamesKept: an activation names each fact as trailString
// does, and keeps the name; past maxMemo it starts again.
func TestUnknownNamesKept(t *testing.T) {
	var um unknownMemo
	tr := types.QualifyAttribute(types.NewAttributeTrail("offender"), "date_of_birth")
	if got, want := um.name(tr), trailString(tr); got != want {
		t.Fatalf("named %q, want %q", got, want)
	}
	if _, ok := um.names[tr]; !ok {
		t.Fatal("the name was not kept")
	}
	for i := range maxMemo {
		um.name(types.NewAttributeTrail(string(rune('a' + i%26))))
	}
	if len(um.names) > maxMemo {
		t.Errorf("%d names kept, more than %d", len(um.names), maxMemo)
	}
	if got := (*unknownMemo)(nil).name(tr); got != trailString(tr) {
		t.Errorf("without a memo, named %q", got)
	}
}
