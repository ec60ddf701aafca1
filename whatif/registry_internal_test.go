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
