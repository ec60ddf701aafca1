package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/progress"
	"github.com/isotp-dev/isotp/internal/synth"
)

var synthCommand = &command{
	name:    "synth",
	args:    "--n N [--seed S] [--as-of DATE] [--quiet]",
	summary: "write N invented case files as JSON Lines, the same for the same seed (data for diff and benchmarks)",
	example: "isotp synth --n 100000 --seed 7 > cases.jsonl",
}

func init() { synthCommand.run = runSynth }

func runSynth(ctx context.Context, e *env, args []string) int {
	f := bareFlags(synthCommand, e)
	n := f.Int("n", -1, "the number of cases to write")
	seed := f.Uint64("seed", 1, "the seed: the same seed gives the same cases")
	asOf := f.String("as-of", "2026-11-27", "the as-of `DATE` of the cases, YYYY-MM-DD")
	quiet := f.Bool("quiet", false, "show no progress on the terminal")
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	if *n < 0 {
		fmt.Fprintln(e.stderr, "isotp synth: --n N is required (0 or more)")
		return exitUsage
	}
	day, err := isotp.ParseDate(*asOf)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp synth: --as-of: %v\n", err)
		return exitUsage
	}
	bar := progress.New(e.stderr, int64(*n), "synth", progress.Options{Quiet: *quiet, Unit: "cases"})
	err = synth.New(*seed, day).Write(&lineCounter{w: e.stdout, bar: bar}, *n)
	bar.Finish()
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp synth: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// lineCounter counts the lines written through it into a progress bar: one
// case a line.
type lineCounter struct {
	w   io.Writer
	bar *progress.Bar
}

func (c *lineCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.bar.Add(int64(bytes.Count(p[:n], []byte{'\n'})))
	return n, err
}
