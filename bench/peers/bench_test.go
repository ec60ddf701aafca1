package peers

import (
	"testing"
)

// BenchmarkDecide times one eligibility decision per op, cycling through
// the 256 cases, for each engine that first agrees with the reference on
// all of them. For the table of the README, with interleaved rounds and
// medians, run cmd/table instead.
func BenchmarkDecide(b *testing.B) {
	cases := Cases(NumCases)
	for _, e := range engines(b) {
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
