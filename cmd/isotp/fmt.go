package main

import "context"

var fmtCommand = &command{name: "fmt", args: "[-w] [-d] [--check] FILE|DIR...", summary: "lay out rule, area and test files canonically"}

func init() {
	fmtCommand.run = func(ctx context.Context, e *env, args []string) int { return exitUsage }
}
