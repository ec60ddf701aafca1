package main

import (
	"context"
	"fmt"

	"github.com/isotp-dev/isotp/decisions"
)

var checkCommand = &command{
	name:    "check",
	args:    "[--policy DIR] [--area FILE]",
	summary: "load the policy and type-check every rule; errors as file:line:col",
}

func init() { checkCommand.run = runCheck }

// runCheck checks the policy for every decision of the registry: every
// rule section compiled together, so that one run reports every error, then
// each decision made, for what it needs beyond its rules.
func runCheck(ctx context.Context, e *env, args []string) int {
	f := newFlags(checkCommand, e)
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	src, opts := f.source()
	pol, err := decisions.Check(src, opts...)
	if err != nil {
		return reportPolicyError(e, "check", err)
	}
	info := pol.Info()
	fmt.Fprintf(e.stdout, "ok: %s %s (%s): %d parameters, %d rule sections, %d decisions\n%s\n",
		info.Name, info.Version, info.Area, len(pol.Params()), len(decisions.Sections()), len(decisions.All()), info.Digest)
	return exitOK
}
