// Command groups forms i-SOTP groups from a referral file under the national
// policy, or an area's overrides, and prints the plan for staff to read.
//
//	go run ./examples/groups examples/cases/groups/mixed.json
//	go run ./examples/groups -area cheshire.yaml examples/cases/groups/young-group.json
//
// With no file it reads examples/cases/groups/young-group.json.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/rules"
)

func main() {
	area := flag.String("area", "", "overlay the area rule `FILE`")
	flag.Parse()
	file := "examples/cases/groups/young-group.json"
	if flag.NArg() > 0 {
		file = flag.Arg(0)
	}
	if err := run(*area, file); err != nil {
		fmt.Fprintln(os.Stderr, "groups:", err)
		os.Exit(1)
	}
}

func run(area, file string) error {
	var opts []rules.Option
	if area != "" {
		opts = append(opts, rules.AreaPath(area))
	}
	// Load and New once; Form may then be called for any number of intakes,
	// from any number of goroutines.
	pol, err := rules.Load(rules.National, opts...)
	if err != nil {
		return err
	}
	planner, err := groups.New(pol)
	if err != nil {
		return err
	}

	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	in, err := isotp.DecodeIntake(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	plan, err := planner.Form(context.Background(), in)
	if err != nil {
		return err
	}
	return plan.WriteText(os.Stdout)
}
