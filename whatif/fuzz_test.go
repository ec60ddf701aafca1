package whatif_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/whatif"
)

// FuzzRun runs the what-if over arbitrary caseloads: it must never panic,
// every case must be counted once, and the lines it reports must come in
// order.
func FuzzRun(f *testing.F) {
	load, err := os.ReadFile("testdata/caseload.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(load)
	for _, line := range bytes.Split(load, []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte("{}\r\n\n{\"attendance\": {\"sessions\": []}}"))
	d := differ(f, cheshire(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		sum, err := d.Run(context.Background(), bytes.NewReader(data), whatif.Options{Workers: 2}, func(cd *whatif.CaseDiff) error {
			if cd.Line <= last {
				t.Fatalf("line %d reported after line %d", cd.Line, last)
			}
			last = cd.Line
			return nil
		})
		require.NoError(t, err)
		if sum.Cases != sum.Changed+sum.Unchanged+sum.Errors() {
			t.Fatalf("%d cases, but %d changed + %d unchanged + %d errors", sum.Cases, sum.Changed, sum.Unchanged, sum.Errors())
		}
		if sum.EvaluationErrors > 0 {
			t.Fatalf("%d evaluation errors", sum.EvaluationErrors)
		}
	})
}
