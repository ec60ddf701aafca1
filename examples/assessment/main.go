// Command assessment shows the assessment package at work: it loads the
// national policy with an area file that supplies norms, assesses a sample
// case's pre- and post-programme psychometric scores and prints the result
// for the man and his Offender Manager.
//
// Run it from the repository root:
//
//	go run ./examples/assessment
//	go run ./examples/assessment AREA.yaml CASE.json
//
// By default it reads examples/areas/illustrative-norms.yaml, whose norms are
// INVENTED for illustration and must not be used for real decisions, and
// examples/cases/assessment/sample.json.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/rules"
)

func main() {
	area, casePath := "examples/areas/illustrative-norms.yaml", "examples/cases/assessment/sample.json"
	switch len(os.Args) {
	case 1:
	case 3:
		area, casePath = os.Args[1], os.Args[2]
	default:
		fmt.Fprintln(os.Stderr, "usage: go run ./examples/assessment [AREA.yaml CASE.json]")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdout, area, casePath); err != nil {
		fmt.Fprintln(os.Stderr, "assessment:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, area, casePath string) error {
	// Load once; the policy and the Assessor are safe to share between
	// goroutines and to keep for as long as the policy is in force.
	pol, err := rules.Load(rules.National, rules.AreaPath(area))
	if err != nil {
		return err
	}
	a, err := assessment.New(pol)
	if err != nil {
		return err
	}

	f, err := os.Open(casePath)
	if err != nil {
		return err
	}
	defer f.Close()
	c, err := isotp.DecodeCase(f)
	if err != nil {
		return fmt.Errorf("%s: %w", casePath, err)
	}

	res, err := a.Assess(ctx, c)
	if err != nil {
		return err
	}
	if err := res.WriteText(w); err != nil {
		return err
	}

	// The result is plain data: a program can act on it directly.
	fmt.Fprintln(w, "\nScales with a reliable change:")
	for _, s := range res.Scales {
		if s.Reliable != nil && *s.Reliable {
			fmt.Fprintf(w, "  %-24s RCI %6.2f  %s\n", s.ID, *s.RCI, s.Category)
		}
	}
	return nil
}
