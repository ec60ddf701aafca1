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
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run decides every sample case and writes what was decided to w.
func run(w io.Writer) error {
	// Load the national policy once; an evaluator is safe to share.
	pol, err := rules.Load(rules.National)
	if err != nil {
		return err
	}
	elig, err := eligibility.New(pol)
	if err != nil {
		return err
	}
	info := pol.Info()
	fmt.Fprintf(w, "%s eligibility under the %s policy, version %s\n(%s)\n", info.Name, info.Area, info.Version, info.Digest)

	files, err := fs.Glob(cases.FS, "eligibility/*.json")
	if err != nil {
		return err
	}
	for _, name := range files {
		f, err := cases.FS.Open(name)
		if err != nil {
			return err
		}
		c, err := isotp.DecodeCase(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		d, err := elig.Decide(context.Background(), c)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		report(w, path.Base(name), d)
	}
	_, err = fmt.Fprint(w, "\nEvery rule's finding for one case:\n"+
		"  go run ./cmd/isotp eligibility --format text \\\n"+
		"    examples/cases/eligibility/pending-missing-facts.json\n")
	return err
}

// report prints a decision in a few lines: the outcome, then what decided it.
func report(w io.Writer, name string, d *eligibility.Decision) {
	outcome := strings.ToUpper(d.Outcome.String())
	if d.ReferTo != nil {
		outcome += " to " + *d.ReferTo
	}
	fmt.Fprintf(w, "\n%s: %s\n", name, outcome)
	fill(w, "  ", d.Summary())
	if d.Proposal != nil {
		fill(w, "  ", "Proposal for the Pre-Sentence Report: "+*d.Proposal)
	}
}

// fill writes text in lines of at most 78 columns, each indented.
func fill(w io.Writer, indent, text string) {
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > 78 {
			fmt.Fprintln(w, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	fmt.Fprintln(w, line)
}
