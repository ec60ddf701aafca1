package main

import (
	"context"
	"fmt"

	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/rules"
)

var checkCommand = &command{
	name:    "check",
	args:    "[--policy DIR] [--area FILE]",
	summary: "load the policy and type-check every rule; errors as file:line:col",
}

func init() { checkCommand.run = runCheck }

// sections are the rule sections of every decision, checked together so
// that one run reports every error.
var sections = []func() rules.Section{
	eligibility.Section,
	attendance.Section,
}

// compilers build each decision from a policy that checked clean, to catch
// what a decision needs beyond its rules (its parameters, for instance).
var compilers = []func(*rules.Policy) error{
	func(p *rules.Policy) error { _, err := eligibility.New(p); return err },
	func(p *rules.Policy) error { _, err := attendance.New(p); return err },
	func(p *rules.Policy) error { _, err := assessment.New(p); return err },
	func(p *rules.Policy) error { _, err := groups.New(p); return err },
}

func runCheck(ctx context.Context, e *env, args []string) int {
	f := newFlags(checkCommand, e)
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	src, opts := f.source()
	secs := make([]rules.Section, len(sections))
	for i, s := range sections {
		secs[i] = s()
	}
	if err := rules.Check(src, secs, opts...); err != nil {
		return reportPolicyError(e, "check", err)
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	for _, compile := range compilers {
		if err := compile(pol); err != nil {
			return reportPolicyError(e, "check", err)
		}
	}
	info := pol.Info()
	fmt.Fprintf(e.stdout, "ok: %s %s (%s): %d parameters, %d rule sections, %d decisions\n%s\n",
		info.Name, info.Version, info.Area, len(pol.Params()), len(secs), len(compilers), info.Digest)
	return exitOK
}
