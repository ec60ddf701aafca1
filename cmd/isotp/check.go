package main

import (
	"context"
	"fmt"

	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

var checkCommand = &command{
	name:    "check",
	args:    "[--policy DIR] [--area FILE]",
	summary: "load the policy and type-check every rule; errors as file:line:col",
}

func init() { checkCommand.run = runCheck }

// compilers compile each decision's rule section, so that check finds every
// error a decision command would.
var compilers = []struct {
	section string
	compile func(*rules.Policy) error
}{
	{"eligibility", func(p *rules.Policy) error { _, err := eligibility.New(p); return err }},
	{"completion", func(p *rules.Policy) error { _, err := attendance.New(p); return err }},
}

func runCheck(ctx context.Context, e *env, args []string) int {
	f := newFlags(checkCommand, e)
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	var list rules.ErrorList
	for _, c := range compilers {
		if err := c.compile(pol); err != nil {
			if errs, ok := err.(rules.ErrorList); ok {
				list = append(list, errs...)
				continue
			}
			return reportPolicyError(e, "check", err)
		}
	}
	if len(list) > 0 {
		return reportPolicyError(e, "check", list.Err())
	}
	info := pol.Info()
	fmt.Fprintf(e.stdout, "ok: %s %s (%s), %d parameters, %d sections compiled\n%s\n",
		info.Name, info.Version, info.Area, len(pol.Params()), len(compilers), info.Digest)
	return exitOK
}
