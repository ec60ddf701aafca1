package decisions

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// BenchmarkWriteJSON measures writing one result as WriteJSON writes it:
// "reflected" by encoding/json and re-indented, as WriteJSON did for every
// value before the results had writers of their own, and "written" by the
// result's writer, as WriteJSON does now. Compare the two in one run:
//
//	go test -run '^$' -bench WriteJSON -count 5 ./decisions
func BenchmarkWriteJSON(b *testing.B) {
	pol, err := rules.Load(rules.National)
	require.NoError(b, err)
	for _, bc := range []struct {
		decision, file string
		opts           []rules.EvalOption
	}{
		{"eligibility", "../examples/cases/eligibility/eligible-pre-sentence.json", nil},
		{"eligibility", "../examples/cases/eligibility/pending-missing-facts.json", []rules.EvalOption{rules.Explain()}},
		{"attendance", "../examples/cases/attendance/breach.json", nil},
	} {
		d, ok := Lookup(bc.decision)
		require.True(b, ok)
		m, err := d.New(pol)
		require.NoError(b, err)
		f, err := os.Open(bc.file)
		require.NoError(b, err)
		c, err := isotp.DecodeCase(f)
		f.Close()
		require.NoError(b, err)
		res, err := m.Decide(context.Background(), c, bc.opts...)
		require.NoError(b, err)
		name := bc.decision
		if bc.opts != nil {
			name += "-explained"
		}
		b.Run(name+"/reflected", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				buf := jsonBuffers.Get().(*jsonBuffer)
				out, err := buf.appendReflected(res)
				if err != nil {
					b.Fatal(err)
				}
				io.Discard.Write(out)
				buf.put()
			}
		})
		b.Run(name+"/written", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteJSON(io.Discard, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
