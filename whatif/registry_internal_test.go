package whatif

import (
	"testing"

	"github.com/isotp-dev/isotp/decisions"
)

// TestEveryDecisionCompared: isotp diff compares every decision of the
// registry that is made from a case.
func TestEveryDecisionCompared(t *testing.T) {
	for _, d := range decisions.All() {
		if _, ok := comparers[d.Name()]; !ok && d.Input() == decisions.FromCase {
			t.Errorf("decision %s is made from a case but has no comparer in whatif", d.Name())
		}
	}
}

// TestRulesPrefixes: the prefixes the comparers name rule results with are
// those of the registry's decisions, under which the fields of their rules
// are made once (Differ.ruleField).
func TestRulesPrefixes(t *testing.T) {
	for name, want := range map[string]string{"eligibility": "eligibility.rules.", "attendance": "attendance.completion.rules."} {
		if got := rulesPrefix(name); got != want {
			t.Errorf("rulesPrefix(%q) = %q; the comparer names its rules %q", name, got, want)
		}
	}
}
