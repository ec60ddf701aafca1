package rules_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/rules"
)

// BenchmarkLoad times loading the national policy with the sample area file
// and compiling every rule section: what a service does once at start-up.
// Target: under 100 ms.
func BenchmarkLoad(b *testing.B) {
	area, err := os.ReadFile("../examples/areas/cheshire.yaml")
	require.NoError(b, err)
	sections := decisions.Sections()
	b.ReportAllocs()
	for b.Loop() {
		pol, err := rules.Load(rules.National, rules.AreaBytes("cheshire.yaml", area))
		require.NoError(b, err)
		for _, s := range sections {
			if _, err := pol.Compile(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
