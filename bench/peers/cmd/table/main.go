// Command table prints the README's tables: the eligibility decision through
// the hand-written reference, the isotp engine and its peers (plain cel-go,
// expr-lang/expr, OPA Rego), and the attendance summary through the
// reference and the engine. Each figure is the median of interleaved rounds
// over the same generated cases, and every engine is first checked to give
// the reference's decisions: one that disagrees stops the command, with the
// case and the difference, before anything is timed.
//
//	cd bench/peers && go run ./cmd/table [-rounds 5] [-time 1s]
//
// The tables go to standard output; each round's figures, and the machine
// they come from, to standard error.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/bench/peers"
	"github.com/isotp-dev/isotp/rules"
)

func main() {
	rounds := flag.Int("rounds", 5, "interleaved `rounds`; the tables show their medians")
	minTime := flag.Duration("time", time.Second, "least `time` each engine runs in each round, in whole passes over the cases")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "table: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	if *rounds < 1 || *minTime < 0 {
		fmt.Fprintln(os.Stderr, "table: -rounds must be at least 1 and -time not negative")
		os.Exit(2)
	}
	if err := run(os.Stdout, os.Stderr, *rounds, *minTime); err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
}

func run(stdout, stderr io.Writer, rounds int, minTime time.Duration) error {
	pol, err := rules.Load(rules.National)
	if err != nil {
		return err
	}
	elig, err := peers.Engines(pol)
	if err != nil {
		return err
	}
	att, err := peers.AttendanceEngines(pol)
	if err != nil {
		return err
	}
	cases := peers.Cases(peers.NumCases)
	withAttendance := peers.AttendanceCases(cases)
	fmt.Fprintf(stderr, "%s %s/%s, %d CPUs, GOMAXPROCS %d; %d rounds of at least %v per engine\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), rounds, minTime)
	for i, t := range []struct {
		what    string
		engines []peers.Engine
		cases   []*isotp.Case
	}{
		{"eligibility decision", elig, cases},
		{"attendance summary", att, withAttendance},
	} {
		fmt.Fprintf(stderr, "%s: %d cases\n", t.what, len(t.cases))
		rows, err := peers.Measure(t.engines, t.cases, rounds, minTime)
		if err != nil {
			return err
		}
		for _, r := range rows {
			each := make([]string, len(r.Rounds))
			for i, ns := range r.Rounds {
				each[i] = fmt.Sprintf("%.0f", ns)
			}
			fmt.Fprintf(stderr, "  %-32s ns/op by round: %s\n", r.Engine, strings.Join(each, " "))
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := peers.WriteTable(stdout, t.what, rows); err != nil {
			return err
		}
	}
	return nil
}
