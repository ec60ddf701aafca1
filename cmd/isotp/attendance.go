package main

import (
	"github.com/isotp-dev/isotp/attendance"
)

var attendanceCommand = &command{
	name:    "attendance",
	args:    "[--area FILE] [--format json|text] [--explain] CASE|-",
	summary: "summarise a participant's attendance: next session, catch-ups, enforcement, completion",
}

func init() {
	attendanceCommand.run = caseDecision[*attendance.Summarizer, *attendance.Summary]{
		cmd:     attendanceCommand,
		explain: true,
		make:    attendance.New,
		decide:  (*attendance.Summarizer).Summarize,
		text:    (*attendance.Summary).WriteText,
	}.run
}
