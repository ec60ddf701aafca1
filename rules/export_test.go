package rules

import "testing"

// LowerRuntimeCostLimit sets the limit of run-time cost tracking to n for
// the rest of t: an expression that passes the estimate can then be stopped
// while it runs.
func LowerRuntimeCostLimit(t testing.TB, n uint64) {
	old := runtimeCostLimit
	runtimeCostLimit = n
	t.Cleanup(func() { runtimeCostLimit = old })
}
