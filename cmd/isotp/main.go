// Command isotp makes i-SOTP decisions from case files under the national
// policy or an area's overrides, and helps policy authors check their rule
// files.
//
// Usage:
//
//	isotp check       [--policy DIR] [--area FILE]          load and type-check the policy
//	isotp eligibility [--area FILE] [--format json|text] CASE|-
//	isotp attendance  [--area FILE] [--format json|text] CASE|-
//	isotp assessment  [--area FILE] [--format json|text] CASE|-
//	isotp report      [--area FILE] [--format text|md|html|json|pdf] [--large-print] CASE|-
//	isotp groups      [--area FILE] [--format json|text] FILE|-
//	isotp params      [--area FILE] [--format text|json]    parameters in force
//	isotp test        [--area FILE] [--format text|json] PATH...  policy test files
//	isotp diff        --area FILE [--against FILE] [--only DECISION] [--format text|json] CASES.jsonl|-
//	                                                        what-if: decisions that change
//	isotp synth       --n N [--seed S] [--as-of DATE]       invented cases as JSON Lines
//
// Exit status: 0 when a decision is made (whatever the outcome) or every
// policy test passes; 1 for errors in the policy or a failing policy test;
// 2 for usage errors and invalid input (an invalid test file included), with
// the reason on standard error.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit statuses.
const (
	exitOK     = 0
	exitPolicy = 1 // policy errors or failing policy tests
	exitUsage  = 2 // usage errors or invalid input
)

// A command is one subcommand of isotp.
type command struct {
	name    string
	args    string // synopsis of flags and arguments
	summary string
	example string // a command line that shows the command at work, for its -h
	run     func(ctx context.Context, e *env, args []string) int
}

// commands lists the subcommands, in the order help shows them: check, one
// for each decision of the registry, then the tools.
var commands = append(append([]*command{checkCommand}, decisionCommands...),
	reportCommand,
	paramsCommand,
	rulesCommand,
	evalCommand,
	testCommand,
	diffCommand,
	synthCommand,
	fmtCommand,
	versionCommand,
	completionCommand,
	serveCommand,
)

// env is where a command reads and writes; tests replace it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// describe, when set, receives each command's flags as it parses its
	// arguments, and the command stops there: how isotp completion learns
	// every command's flags from the commands themselves.
	describe func(*flags)
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(context.Background(), e, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				return c.run(ctx, e, []string{"--help"})
			}
		}
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		fmt.Fprintln(e.stdout, readBuildInfo().versionLine())
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "isotp: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return exitUsage
	}
	return c.run(ctx, e, args[1:])
}

// synopsis returns the command's line in the help and the README:
// "isotp check       [--policy DIR] ...".
func (c *command) synopsis() string { return fmt.Sprintf("isotp %-11s %s", c.name, c.args) }

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "isotp decides eligibility for, and progress on, the accredited Internet Sexual")
	fmt.Fprintln(w, "Offending Treatment Programme (i-SOTP) from policy written as CEL rules.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %s\n        %s\n", c.synopsis(), c.summary)
	}
	fmt.Fprintln(w, "\nRun 'isotp help COMMAND' for a command's flags and an example; 'isotp --version' for the build.")
	fmt.Fprintln(w, "Exit status: 0 decision made; 1 policy errors or failing policy tests; 2 usage or invalid input.")
}

// names returns the sorted names of the choices, for error messages.
func names(choices []string) string {
	s := append([]string(nil), choices...)
	sort.Strings(s)
	return strings.Join(s, ", ")
}
