package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/internal/progress"
	"github.com/isotp-dev/isotp/rules"
	"github.com/isotp-dev/isotp/whatif"
)

var diffCommand = &command{
	name:    "diff",
	args:    "--area FILE [--against FILE] [--only DECISION] [--format text|json] [--quiet] CASES.jsonl|-",
	summary: "what-if: decide a caseload (JSON Lines) under national policy, or --against an area file, and under --area; report what changes",
	example: "isotp synth --n 10000 > cases.jsonl && isotp diff --area examples/areas/cheshire.yaml --only attendance cases.jsonl",
}

func init() { diffCommand.run = runDiff }

func runDiff(ctx context.Context, e *env, args []string) int {
	f := newFlags(diffCommand, e, "text", "json")
	var against = new(string)
	f.fileFlag(against, "against", "compare with the area rule `FILE` instead of national policy alone (- reads standard input)")
	workers := f.Int("workers", 0, "goroutines deciding cases (0: one per CPU)")
	only := f.String("only", "", "list only the cases where `DECISION` changed: a decision as the summary names it, or its start\n(attendance.status, eligibility); the summary still counts every case, errors included")
	quiet := f.Bool("quiet", false, "show no progress on the terminal")
	f.choices["only"] = onlyChoices()
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	if *only != "" {
		if choices := onlyChoices(); !slices.Contains(choices, strings.SplitN(*only, ".", 2)[0]) {
			fmt.Fprintf(e.stderr, "isotp diff: --only %q: no such decision (want %s, or a field of one, such as attendance.status)\n", *only, names(choices))
			return exitUsage
		}
	}
	if f.area == "" && *against == "" {
		fmt.Fprintln(e.stderr, "isotp diff: nothing to compare: give --area FILE (and, to compare two area files, --against FILE)")
		return exitUsage
	}
	src, _ := f.source()
	from, code, ok := loadPolicy(e, src, *against)
	if !ok {
		return code
	}
	to, code, ok := loadPolicy(e, src, f.area)
	if !ok {
		return code
	}
	d, err := whatif.New(from, to)
	if err != nil {
		return reportPolicyError(e, "diff", err)
	}
	in, err := openInput(e, pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp diff: %v\n", err)
		return exitUsage
	}
	defer in.Close()

	if os.Getenv("GOGC") == "" {
		// The live heap is small and bounded (the lines in flight), so a
		// collection finds little to keep; collecting a quarter as often
		// saves about a quarter of the run time for some 50 MB more.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	emit, finish := textOutput(out, d)
	if f.format == "json" {
		emit, finish = jsonOutput(out)
	}
	if *only != "" {
		emit = onlyChanged(*only, emit)
	}
	var size int64 = -1
	if fi, err := os.Stat(pos[0]); pos[0] != "-" && err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	bar := progress.New(e.stderr, size, "caseload", progress.Options{Quiet: *quiet, Bytes: true})
	onProgress := func(p whatif.Progress) {
		bar.Describe(fmt.Sprintf("%d cases, %d changed, %d errors", p.Cases, p.Changed, p.Errors))
	}
	sum, err := d.Run(ctx, bar.Reader(in), whatif.Options{Workers: *workers, Progress: onProgress}, emit)
	bar.Finish()
	if err == nil {
		err = finish(sum)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp diff: %s: %v\n", displayName(pos[0]), err)
		return exitUsage
	}
	if sum.EvaluationErrors > 0 {
		fmt.Fprintf(e.stderr, "isotp diff: the rules failed on %d case(s): see the evaluation errors above\n", sum.EvaluationErrors)
		return exitPolicy
	}
	return exitOK
}

// onlyChoices returns the decisions --only may name: those the registry
// makes from a case, which diff makes for each case of a caseload.
func onlyChoices() []string {
	var out []string
	for _, d := range decisions.All() {
		if d.Input() == decisions.FromCase {
			out = append(out, d.Name())
		}
	}
	return out
}

// onlyChanged passes on the cases with a change to a decision named
// decision or starting with it (at a dot), and no errors.
func onlyChanged(decision string, emit func(*whatif.CaseDiff) error) func(*whatif.CaseDiff) error {
	return func(cd *whatif.CaseDiff) error {
		for _, ch := range cd.Changes {
			if ch.Field == decision || strings.HasPrefix(ch.Field, decision+".") {
				return emit(cd)
			}
		}
		return nil
	}
}

// loadPolicy loads the national rule files with the area file, if any.
func loadPolicy(e *env, src rules.Source, area string) (*rules.Policy, int, bool) {
	var opts []rules.Option
	if area != "" {
		opts = append(opts, areaOption(e, area))
	}
	pol, err := rules.Load(src, opts...)
	if err != nil {
		return nil, reportPolicyError(e, "diff", err), false
	}
	return pol, exitOK, true
}

// textOutput writes the policies' differences first, each changed case as
// it comes, and the summary table last.
func textOutput(w io.Writer, d *whatif.Differ) (emit func(*whatif.CaseDiff) error, finish func(*whatif.Summary) error) {
	diffs := d.Differences()
	started := false
	start := func() error {
		if started {
			return nil
		}
		started = true
		return d.WritePolicies(w)
	}
	emit = func(cd *whatif.CaseDiff) error {
		if err := start(); err != nil {
			return err
		}
		return cd.WriteText(w, diffs)
	}
	finish = func(s *whatif.Summary) error {
		if err := start(); err != nil {
			return err
		}
		if s.Changed+s.Errors() > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		return s.WriteText(w)
	}
	return emit, finish
}

// jsonOutput writes JSON Lines: one object per changed case or error, then
// {"summary": ...}.
func jsonOutput(w io.Writer) (emit func(*whatif.CaseDiff) error, finish func(*whatif.Summary) error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	emit = func(cd *whatif.CaseDiff) error { return enc.Encode(cd) }
	finish = func(s *whatif.Summary) error {
		return enc.Encode(struct {
			Summary *whatif.Summary `json:"summary"`
		}{s})
	}
	return emit, finish
}
