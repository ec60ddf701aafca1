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
	fmt.Println("\nEvery rule's finding for one case: go run ./cmd/isotp eligibility --format text examples/cases/eligibility/pending-missing-facts.json")
}

// report prints a decision in a few lines: the outcome, then what decided it.
func report(w io.Writer, name string, d *eligibility.Decision) {
	outcome := strings.ToUpper(d.Outcome.String())
	if d.ReferTo != nil {
		outcome += " to " + *d.ReferTo
	}
	fmt.Fprintf(w, "\n%s: %s\n  %s\n", name, outcome, d.Summary())
	if d.Proposal != nil {
		fmt.Fprintf(w, "  Proposal for the Pre-Sentence Report: %s\n", *d.Proposal)
	}
}
