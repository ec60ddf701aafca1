package decisions_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/rules"
)

// Every decision, with what it is made from and what it reads of a policy.
func ExampleAll() {
	for _, d := range decisions.All() {
		spec := d.Spec()
		section := "no rule section"
		if spec.Section != nil {
			section = "rules: " + spec.Section.Name
		}
		var params []string
		for _, u := range spec.Params {
			params = append(params, u.Name)
		}
		fmt.Printf("%s, from %s; %s; tables %v; params %s\n", d.Name(), d.Input(), section, spec.Tables, strings.Join(params, ", "))
	}
	// Output:
	// eligibility, from case; rules: eligibility; tables [catalogue]; params refer_programme, cja2003_commencement
	// attendance, from case; rules: completion; tables [outcome_codes calendar]; params sessions, session_hours, max_catch_ups, warning_window_months, breach_within_working_days
	// assessment, from case; no rule section; tables [battery]; params rci_threshold
	// groups, from intake; no rule section; tables []; params max_group_size, min_group_size, young_fallback, adult_min_age, min_age, refer_programme
}

// Making a decision found by name, as the command does for `isotp
// eligibility`.
func ExampleDecision_New() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	d, _ := decisions.Lookup("eligibility")
	m, err := d.New(pol) // compile once; safe for concurrent use
	if err != nil {
		panic(err)
	}
	f, err := os.Open("../examples/cases/eligibility/ineligible-short-supervision.json")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	c, err := isotp.DecodeCase(f)
	if err != nil {
		panic(err)
	}
	res, err := m.Decide(context.Background(), c)
	if err != nil {
		panic(err)
	}
	for _, r := range d.RuleResults(res) {
		if r.Verdict == rules.Fail {
			fmt.Println(r.ID, r.Verdict)
		}
	}
	// Output:
	// supervision_length fail
}

// isotp check: every section compiled together, every decision made.
func ExampleCheck() {
	area := []byte("area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 9\n")
	_, err := decisions.Check(rules.National, rules.AreaBytes("x.yaml", area))
	fmt.Println(err)
	// Output:
	// x.yaml:4:18: parameter max_catch_ups: 9 is outside its bounds (value >= 0 && value <= default; national default 4)
}
