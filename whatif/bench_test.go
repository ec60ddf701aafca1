package whatif_test

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"runtime/metrics"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/whatif"
)

// benchCases is the size of the benchmark caseload.
const benchCases = 2000

// benchLoad is a synthetic caseload as JSON Lines.
func benchLoad(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := synth.New(1, isotp.NewDate(2026, 11, 27)).Write(&buf, benchCases); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// gcSeconds returns the CPU time the garbage collector has taken so far.
// On two cores, one worker leaves it the second core; two must share
// theirs with it, so that the less a run allocates, the better it scales.
func gcSeconds() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64()
}

func reportCases(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}

// BenchmarkDecodeOnly decodes the caseload line by line on one goroutine,
// as a program that merely reads it would: the yardstick for BenchmarkDiff.
func BenchmarkDecodeOnly(b *testing.B) {
	load := benchLoad(b)
	b.SetBytes(int64(len(load)))
	b.ReportAllocs()
	for b.Loop() {
		sc := bufio.NewScanner(bytes.NewReader(load))
		sc.Buffer(make([]byte, 0, 64<<10), whatif.MaxLine)
		var br bytes.Reader
		for sc.Scan() {
			br.Reset(sc.Bytes())
			if _, err := isotp.DecodeCase(&br); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCases(b, benchCases)
}

// BenchmarkDiff runs the what-if over the same caseload, national policy
// against an area that lowers max_catch_ups to 3, with one worker per CPU
// and with one worker; then the same making every decision (eligibility
// too), and against the sample Cheshire area, which reaches every
// decision, with one worker per CPU, one worker and two: the last two
// show how the work scales. gc-ms/op is the garbage collector's CPU time
// per run.
func BenchmarkDiff(b *testing.B) {
	load := benchLoad(b)
	d := differ(b, "area: bench\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n")
	ch := differ(b, cheshire(b))
	for _, bc := range []struct {
		name    string
		workers int
		d       *whatif.Differ
	}{
		{"cpus", 0, d},
		{"workers=1", 1, d},
		{"every_decision", 0, whatif.EveryDecision(d)},
		{"cheshire", 0, ch},
		{"cheshire/workers=1", 1, ch},
		{"cheshire/workers=2", 2, ch},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(load)))
			b.ReportAllocs()
			gc := gcSeconds()
			for b.Loop() {
				sum, err := bc.d.Run(context.Background(), bytes.NewReader(load), whatif.Options{Workers: bc.workers},
					func(*whatif.CaseDiff) error { return nil })
				if err != nil || sum.Cases != benchCases {
					b.Fatalf("%v, %d cases", err, sum.Cases)
				}
			}
			b.ReportMetric((gcSeconds()-gc)*1e3/float64(b.N), "gc-ms/op")
			reportCases(b, benchCases)
		})
	}
}

// BenchmarkCompare decides decoded cases under both policies, without
// decoding or the pipeline: for an area that lowers max_catch_ups (so
// eligibility is not decided), the same making every decision, and the
// sample Cheshire area (which reaches every decision).
func BenchmarkCompare(b *testing.B) {
	g := synth.New(1, isotp.NewDate(2026, 11, 27))
	cases := g.Cases(512)
	catchUps := differ(b, "area: bench\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n")
	for _, bc := range []struct {
		name string
		d    *whatif.Differ
	}{
		{"max_catch_ups", catchUps},
		{"max_catch_ups/every_decision", whatif.EveryDecision(catchUps)},
		{"cheshire", differ(b, cheshire(b))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := bc.d.Compare(ctx, cases[i%len(cases)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func cheshire(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile("../examples/areas/cheshire.yaml")
	require.NoError(tb, err)
	return string(data)
}
