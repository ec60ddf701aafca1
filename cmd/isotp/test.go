package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"

	"github.com/isotp-dev/isotp/internal/progress"
	"github.com/isotp-dev/isotp/policytest"
)

var testCommand = &command{
	name:    "test",
	args:    "[--policy DIR] [--area FILE] [--format text|json] [--run REGEX] [--threshold N] [--verbose] [--quiet] PATH...",
	example: "isotp test --run 'catch-up' --threshold 50 rules/tests examples/areas",
	summary: `run policy test files (*_test.yaml, or the files under a directory); ends "N passed, N failed"`,
}

func init() { testCommand.run = runTest }

func runTest(ctx context.Context, e *env, args []string) int {
	f := newFlags(testCommand, e, "text", "json")
	verbose := f.Bool("verbose", false, "list passing tests too, and the coverage of every rule")
	f.BoolVar(verbose, "v", false, "short for --verbose")
	runRE := f.String("run", "", "run only the tests whose \"FILE/NAME\" (the test file's path, a slash, the test's name) matches `REGEX`")
	threshold := f.Float64("threshold", 0, "fail (exit status 1) when the rule coverage is below `N` percent: the share of rules in force seen both to pass and to fail")
	quiet := f.Bool("quiet", false, "show no progress on the terminal")
	paths, code, ok := f.parse(args, 1, -1)
	if !ok {
		return code
	}
	var pick *regexp.Regexp
	if *runRE != "" {
		var err error
		if pick, err = regexp.Compile(*runRE); err != nil {
			fmt.Fprintf(e.stderr, "isotp test: --run: %v\n", err)
			return exitUsage
		}
	}
	if *threshold < 0 || *threshold > 100 {
		fmt.Fprintf(e.stderr, "isotp test: --threshold %g: want a percentage, 0 to 100\n", *threshold)
		return exitUsage
	}
	suite, err := policytest.Load(paths...)
	if err != nil {
		return reportTestError(e, err)
	}
	if f.area == "-" {
		fmt.Fprintln(e.stderr, "isotp test: --area -: policy tests read the area file by its path (a test file may name it); give the path")
		return exitUsage
	}
	src, _ := f.source()
	var bar *progress.Bar
	cfg := policytest.Config{National: src, Area: f.area, Run: pick, Progress: func(done, total int) {
		if bar == nil {
			bar = progress.New(e.stderr, int64(total), "tests", progress.Options{Quiet: *quiet, Unit: "tests"})
		}
		bar.Set(int64(done))
	}}
	rep, err := suite.Run(ctx, cfg)
	bar.Finish()
	if err != nil {
		return reportTestError(e, err)
	}
	if pick != nil && len(rep.Tests) == 0 {
		fmt.Fprintf(e.stderr, "isotp test: --run %q matches no test\n", *runRE)
		return exitUsage
	}
	if code := write(e, f.format, rep, func(w io.Writer) error { return rep.WriteText(w, *verbose) }); code != exitOK {
		return code
	}
	if rep.Failed > 0 {
		return exitPolicy
	}
	if rep.RuleCoverage < *threshold {
		fmt.Fprintf(e.stderr, "isotp test: rule coverage %.1f%% is below the threshold of %g%%\n", rep.RuleCoverage, *threshold)
		return exitPolicy
	}
	return exitOK
}

// reportTestError prints a problem with the test files or the command line:
// an ErrorList one error per entry with its source line.
func reportTestError(e *env, err error) int {
	var list policytest.ErrorList
	if errors.As(err, &list) {
		for _, te := range list {
			fmt.Fprintln(e.stderr, te.Detail())
		}
		fmt.Fprintf(e.stderr, "isotp test: %d error(s) in the test files\n", len(list))
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "isotp test: %v\n", err)
	return exitUsage
}
