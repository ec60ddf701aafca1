package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
)

var attendanceCommand = &command{
	name:    "attendance",
	args:    "[--area FILE] [--format json|text] [--explain] CASE|-",
	summary: "summarise a participant's attendance: next session, catch-ups, enforcement, completion",
}

func init() { attendanceCommand.run = runAttendance }

func runAttendance(ctx context.Context, e *env, args []string) int {
	f := newFlags(attendanceCommand, e, "json", "text")
	f.explainFlag()
	pos, code, ok := f.parse(args, 1, 1)
	if !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	att, err := attendance.New(pol)
	if err != nil {
		return reportPolicyError(e, "attendance", err)
	}
	c, code, ok := readCase(e, "attendance", pos[0])
	if !ok {
		return code
	}
	sum, err := att.Summarize(ctx, c, f.evalOptions()...)
	if err != nil {
		if errors.Is(err, isotp.ErrInvalidInput) {
			fmt.Fprintf(e.stderr, "isotp attendance: %s: %v\n", displayName(pos[0]), err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "isotp attendance: %v\n", err)
		return exitPolicy
	}
	return write(e, f.format, sum, sum.WriteText)
}
