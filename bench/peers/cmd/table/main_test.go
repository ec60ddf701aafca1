package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRun prints both tables from one quick round: every engine's row,
// under the header of its table.
func TestRun(t *testing.T) {
	var stdout, stderr strings.Builder
	require.NoError(t, run(&stdout, &stderr, 1, 0))
	out := stdout.String()
	for _, want := range []string{
		"| eligibility decision | ns/op | allocs | vs reference |",
		"| hand-written reference |", "| isotp engine `Decide` |", "| isotp engine without messages |",
		"| plain cel-go, map activation |", "| expr-lang/expr |", "| OPA Rego (PrepareForEval once) |",
		"| attendance summary | ns/op | allocs | vs reference |", "| isotp engine `Summarize` |",
	} {
		require.Contains(t, out, want)
	}
	require.Equal(t, 2, strings.Count(out, "| 1.0x |"), "each table's reference row:\n%s", out)
}
