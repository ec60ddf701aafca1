package peers

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"time"

	"github.com/isotp-dev/isotp"
)

// A Row is one engine's line of the table: medians over the rounds.
type Row struct {
	Engine      string
	NsPerOp     float64   // per decision
	AllocsPerOp float64   // per decision
	Ratio       float64   // to the first engine's time, in the same round
	Rounds      []float64 // ns per decision in each round
}

// turns is how many turns each engine takes in a round.
const turns = 10

// Measure times every engine over cases in interleaved rounds and returns
// one row per engine, in the order given, with the median time and
// allocations per decision over the rounds, and the median of the rounds'
// ratios to the first engine (the reference).
//
// Each engine is first checked against the reference (Check); Measure times
// none of them if any disagrees. Each engine's inputs are made once, before
// timing (Engine.Input). A round gives every engine at least minTime, in
// whole passes over the cases (calibrated once, before the first round),
// taken in ten turns, the engines in turn, starting with a different engine
// each round: so all engines share the machine's conditions within a round,
// and a ratio within a round is less disturbed by a shared machine whose
// load comes and goes than a ratio of medians.
func Measure(engines []Engine, cases []*isotp.Case, rounds int, minTime time.Duration) ([]Row, error) {
	if rounds < 1 || len(cases) == 0 {
		return nil, fmt.Errorf("peers: want at least one round and one case, got %d and %d", rounds, len(cases))
	}
	for _, e := range engines {
		if err := Check(e, cases); err != nil {
			return nil, err
		}
	}
	inputs := make([][]any, len(engines))
	passes := make([]int, len(engines)) // in each turn
	for i, e := range engines {
		inputs[i] = make([]any, len(cases))
		for k, c := range cases {
			inputs[i][k] = e.Input(c)
		}
		took, _, err := timePasses(e, inputs[i], 1) // also warms caches up
		if err != nil {
			return nil, err
		}
		passes[i] = max(1, int(minTime/turns/max(took, 1)))
	}
	ns := make([][]float64, len(engines))
	allocs := make([][]float64, len(engines))
	for r := range rounds {
		took := make([]time.Duration, len(engines))
		mallocs := make([]uint64, len(engines))
		for range turns {
			for k := range engines {
				i := (r + k) % len(engines)
				t, m, err := timePasses(engines[i], inputs[i], passes[i])
				if err != nil {
					return nil, err
				}
				took[i] += t
				mallocs[i] += m
			}
		}
		for i := range engines {
			n := float64(turns * passes[i] * len(cases))
			ns[i] = append(ns[i], float64(took[i].Nanoseconds())/n)
			allocs[i] = append(allocs[i], float64(mallocs[i])/n)
		}
	}
	rows := make([]Row, len(engines))
	for i, e := range engines {
		ratios := make([]float64, rounds)
		for r := range ratios {
			ratios[r] = ns[i][r] / ns[0][r]
		}
		rows[i] = Row{Engine: e.Name, NsPerOp: median(ns[i]), AllocsPerOp: median(allocs[i]), Ratio: median(ratios), Rounds: ns[i]}
	}
	return rows, nil
}

// timePasses runs e over every input passes times and returns the time
// taken and the heap allocations made.
func timePasses(e Engine, inputs []any, passes int) (time.Duration, uint64, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	for range passes {
		for i, in := range inputs {
			if err := e.Run(in); err != nil {
				return 0, 0, fmt.Errorf("%s, case %d: %w", e.Name, i, err)
			}
		}
	}
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return took, after.Mallocs - before.Mallocs, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// WriteTable writes rows as a Markdown table of the README, headed by what
// was decided.
func WriteTable(w io.Writer, what string, rows []Row) error {
	if len(rows) == 0 {
		return fmt.Errorf("peers: no rows")
	}
	if _, err := fmt.Fprintf(w, "| %s | ns/op | allocs | vs reference |\n|---|---|---|---|\n", what); err != nil {
		return err
	}
	for _, r := range rows {
		vs := strconv.FormatFloat(r.Ratio, 'f', 1, 64) + "x"
		if r.Ratio >= 100 {
			vs = strconv.FormatFloat(r.Ratio, 'f', 0, 64) + "x"
		}
		if _, err := fmt.Fprintf(w, "| %s | %s | %s | %s |\n", r.Engine, thousands(r.NsPerOp), thousands(r.AllocsPerOp), vs); err != nil {
			return err
		}
	}
	return nil
}

// thousands rounds x to a whole number and writes it with commas: 153,801.
func thousands(x float64) string {
	s := strconv.FormatFloat(x, 'f', 0, 64)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
