package peers

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// BenchmarkDecide times one eligibility decision per op, cycling through
// the 256 cases, for each engine that first agrees with the reference on
// all of them. For the table of the README, with interleaved rounds and
// medians, run cmd/table instead.
func BenchmarkDecide(b *testing.B) {
	bench(b, engines(b), Cases(NumCases))
}

// BenchmarkSummarize times the attendance summary, reference and engine, on
// those of the 256 cases with an attendance record.
func BenchmarkSummarize(b *testing.B) {
	pol, err := rules.Load(rules.National)
	require.NoError(b, err)
	es, err := AttendanceEngines(pol)
	require.NoError(b, err)
	bench(b, es, AttendanceCases(Cases(NumCases)))
}

// bench runs a sub-benchmark per engine, each op one decision, cycling
// through the cases; an engine that disagrees with the reference on any of
// them is not timed.
func bench(b *testing.B, es []Engine, cases []*isotp.Case) {
	for _, e := range es {
		err := Check(e, cases)
		inputs := make([]any, len(cases))
		for i, c := range cases {
			inputs[i] = e.Input(c)
		}
		b.Run(e.Short, func(b *testing.B) {
			if err != nil {
				b.Fatalf("not timed: %v", err)
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if err := e.Run(inputs[i%len(inputs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCaseData times building the peers' input from a typed case,
// which their figures leave out (as the engine's leave out decoding).
func BenchmarkCaseData(b *testing.B) {
	cases := Cases(NumCases)
	b.Run("absent", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			caseData(cases[i%len(cases)], nil)
		}
	})
	b.Run("unknown", func(b *testing.B) {
		b.ReportAllocs()
		missing := func(string) any { return celUnknown }
		for i := 0; b.Loop(); i++ {
			caseData(cases[i%len(cases)], missing)
		}
	})
}
