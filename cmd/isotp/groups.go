package main

import (
	"context"
	"fmt"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
)

var groupsCommand = &command{
	name:    "groups",
	args:    "[--area FILE] [--format json|text] FILE|-",
	summary: "form groups by age band and size from a referral file (- reads standard input)",
}

func init() { groupsCommand.run = runGroups }

func runGroups(ctx context.Context, e *env, args []string) int {
	f := newFlags(groupsCommand, e, "json", "text")
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	planner, err := groups.New(pol)
	if err != nil {
		return reportPolicyError(e, "groups", err)
	}
	r, err := openInput(e, pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp groups: %v\n", err)
		return exitUsage
	}
	defer r.Close()
	in, err := isotp.DecodeIntake(r)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp groups: %s: %v\n", displayName(pos[0]), err)
		return exitUsage
	}
	plan, err := planner.Form(ctx, in)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp groups: %v\n", err)
		return exitUsage
	}
	return write(e, f.format, plan, plan.WriteText)
}
