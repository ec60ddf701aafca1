// Command attendance shows how a service uses the attendance package: load
// the policy once, make a Summarizer once, then summarise case after case.
//
// Run it from the repository root:
//
//	go run ./examples/attendance                                  # a history built in code
//	go run ./examples/attendance examples/cases/attendance/*.json # the sample histories
//	go run ./examples/attendance -area cheshire.yaml CASE.json    # under an area's policy
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/rules"
)

func main() {
	log.SetFlags(0)
	area := flag.String("area", "", "overlay the area rule `FILE`")
	flag.Parse()

	var opts []rules.Option
	if *area != "" {
		opts = append(opts, rules.AreaPath(*area))
	}
	pol, err := rules.Load(rules.National, opts...)
	if err != nil {
		log.Fatal(err)
	}
	att, err := attendance.New(pol) // compiles the completion rules once; safe for concurrent use
	if err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	if flag.NArg() == 0 {
		show(ctx, att, "a history built in code", sample())
		return
	}
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			log.Fatal(err)
		}
		c, err := isotp.DecodeCase(f)
		f.Close()
		if err != nil {
			log.Fatalf("%s: %v", name, err) // an *isotp.InputError naming the JSON path
		}
		show(ctx, att, name, c)
	}
}

func show(ctx context.Context, att *attendance.Summarizer, title string, c *isotp.Case) {
	sum, err := att.Summarize(ctx, c)
	if err != nil {
		log.Fatalf("%s: %v", title, err)
	}
	fmt.Printf("==== %s\n", title)
	if err := sum.WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	fmt.Println()
}

// sample is twelve weeks of weekly group sessions: session 4 missed on
// medical grounds and caught up two days later, an unacceptable absence at
// session 9 (his first, so a warning), and session 11 missed, to be caught
// up before session 12.
func sample() *isotp.Case {
	start := isotp.NewDate(2026, 1, 5) // a Monday
	var sessions []isotp.SessionEvent
	for n := 1; n <= 11; n++ {
		day := start.AddDays(7 * (n - 1))
		outcome := "ATTC" // nDelius: attended, complied
		switch n {
		case 4:
			outcome = "AAME" // acceptable absence, medical
			sessions = append(sessions, isotp.SessionEvent{Session: n, Date: day.AddDays(2), Outcome: "catch_up"})
		case 9:
			outcome = "UAAB" // unacceptable absence
			sessions = append(sessions, isotp.SessionEvent{Session: n, Date: day.AddDays(3), Outcome: "catch_up"})
		case 11:
			outcome = "acceptable_absence"
		}
		sessions = append(sessions, isotp.SessionEvent{Session: n, Date: day, Outcome: outcome})
	}
	var contacts []isotp.Date
	for d := start; d.Before(isotp.NewDate(2026, 3, 25)); d = d.AddDays(21) {
		contacts = append(contacts, d)
	}
	return &isotp.Case{
		AsOf: isotp.NewDate(2026, 3, 25),
		Attendance: &isotp.Attendance{
			Sessions:                sessions,
			Warnings:                []isotp.Date{}, // none before the programme
			OffenderManagerContacts: contacts,
		},
	}
}
