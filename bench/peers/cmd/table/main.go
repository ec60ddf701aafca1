// Command table prints the README's table of the eligibility decision
// through the hand-written reference, the isotp engine and its peers (plain
// cel-go, expr-lang/expr, OPA Rego): medians of interleaved rounds over the
// same generated cases, after every engine has been checked to give the
// reference's decisions. An engine that disagrees stops it, with the case
// and the difference, before anything is timed.
//
//	cd bench/peers && go run ./cmd/table [-rounds 5] [-time 1s]
//
// The table goes to standard output; each round's figures, and what machine
// they come from, to standard error.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/isotp-dev/isotp/bench/peers"
	"github.com/isotp-dev/isotp/rules"
)

func main() {
	rounds := flag.Int("rounds", 5, "interleaved `rounds`; the table shows their medians")
	minTime := flag.Duration("time", time.Second, "least `time` each engine runs in each round, in whole passes over the cases")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "table: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	if err := run(*rounds, *minTime); err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
}

func run(rounds int, minTime time.Duration) error {
	pol, err := rules.Load(rules.National)
	if err != nil {
		return err
	}
	engines, err := peers.Engines(pol)
	if err != nil {
		return err
	}
	cases := peers.Cases(peers.NumCases)
	fmt.Fprintf(os.Stderr, "%s %s/%s, %d CPUs, GOMAXPROCS %d: %d cases, %d rounds of at least %v per engine\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), len(cases), rounds, minTime)
	rows, err := peers.Measure(engines, cases, rounds, minTime)
	if err != nil {
		return err
	}
	for _, r := range rows {
		each := make([]string, len(r.Rounds))
		for i, ns := range r.Rounds {
			each[i] = fmt.Sprintf("%.0f", ns)
		}
		fmt.Fprintf(os.Stderr, "%-32s ns/op by round: %s\n", r.Engine, strings.Join(each, " "))
	}
	return peers.WriteTable(os.Stdout, rows)
}
