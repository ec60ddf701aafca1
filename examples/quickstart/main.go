// Quickstart evaluates the sample case files under examples/cases/eligibility
// with the embedded national policy and prints each eligibility decision and
// the reasons for it.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/examples/cases"
	"github.com/isotp-dev/isotp/rules"
)

func main() {
	// Load the national policy once; an evaluator is safe to share.
	pol, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	elig, err := eligibility.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	info := pol.Info()
	fmt.Printf("%s eligibility under the %s policy, version %s (%s)\n", info.Name, info.Area, info.Version, info.Digest[:19]+"...")

	files, err := fs.Glob(cases.FS, "eligibility/*.json")
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range files {
		f, err := cases.FS.Open(name)
		if err != nil {
			log.Fatal(err)
		}
		c, err := isotp.DecodeCase(f)
		f.Close()
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		d, err := elig.Decide(context.Background(), c)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		report(os.Stdout, path.Base(name), d)
	}
}

// report prints a decision in a few lines: the outcome, then what decided it.
func report(w io.Writer, name string, d *eligibility.Decision) {
	outcome := strings.ToUpper(d.Outcome.String())
	if d.ReferTo != nil {
		outcome += " to " + *d.ReferTo
	}
	age := "age not known"
	if d.Age != nil {
		age = fmt.Sprintf("age %d, %s group", *d.Age, *d.AgeBand)
	}
	fmt.Fprintf(w, "\n%s: %s (%s, %s, regime %s)\n", name, outcome, d.Stage, age, d.Regime)
	for _, r := range d.Rules {
		if r.Verdict == rules.Fail || r.Verdict == rules.Unknown {
			fmt.Fprintf(w, "  %s (%s): %s\n", r.ID, r.Verdict, r.Message)
		}
	}
	if d.Proposal != nil {
		fmt.Fprintf(w, "  Proposal: %s\n", *d.Proposal)
	}
}
