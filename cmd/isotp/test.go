package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/isotp-dev/isotp/policytest"
)

var testCommand = &command{
	name:    "test",
	args:    "[--policy DIR] [--area FILE] [--format text|json] [--verbose] PATH...",
	summary: `run policy test files (*_test.yaml, or the files under a directory); ends "N passed, N failed"`,
}

func init() { testCommand.run = runTest }

func runTest(ctx context.Context, e *env, args []string) int {
	f := newFlags(testCommand, e, "text", "json")
	verbose := f.Bool("verbose", false, "list passing tests too, and the coverage of every rule")
	f.BoolVar(verbose, "v", false, "short for --verbose")
	paths, code, ok := f.parse(args, 1, -1)
	if !ok {
		return code
	}
	suite, err := policytest.Load(paths...)
	if err != nil {
		return reportTestError(e, err)
	}
	src, _ := f.source()
	rep, err := suite.Run(ctx, policytest.Config{National: src, Area: f.area})
	if err != nil {
		return reportTestError(e, err)
	}
	if code := write(e, f.format, rep, func(w io.Writer) error { return rep.WriteText(w, *verbose) }); code != exitOK {
		return code
	}
	if rep.Failed > 0 {
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
