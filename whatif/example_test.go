package whatif_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
	"github.com/isotp-dev/isotp/whatif"
)

// A man who has missed four sessions and caught each up, in an area that
// allows three catch-ups.
const fourCatchUps = `{"as_of": "2026-04-20", "stage": "post_sentence", "offender": {"id": "A1"},
  "attendance": {"sessions": [
    {"session": 1, "date": "2026-03-02", "outcome": "acceptable_absence"},
    {"session": 1, "date": "2026-03-04", "outcome": "catch_up"},
    {"session": 2, "date": "2026-03-09", "outcome": "AAME"},
    {"session": 2, "date": "2026-03-11", "outcome": "catch_up"},
    {"session": 3, "date": "2026-03-16", "outcome": "acceptable_absence"},
    {"session": 3, "date": "2026-03-18", "outcome": "catch_up"},
    {"session": 4, "date": "2026-03-23", "outcome": "acceptable_absence"},
    {"session": 4, "date": "2026-03-25", "outcome": "catch_up"},
    {"session": 5, "date": "2026-03-30", "outcome": "attended"}],
   "warnings": [], "offender_manager_contacts": ["2026-03-02", "2026-03-23", "2026-04-13"]}}`

func policies() (national, area *rules.Policy) {
	national, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	area, err = rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(
		"area: example\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n")))
	if err != nil {
		log.Fatal(err)
	}
	return national, area
}

func ExampleDiffer_Compare() {
	national, area := policies()
	d, err := whatif.New(national, area) // compile once, compare many
	if err != nil {
		log.Fatal(err)
	}
	c, err := isotp.DecodeCase(strings.NewReader(fourCatchUps))
	if err != nil {
		log.Fatal(err)
	}
	changes, err := d.Compare(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	for _, ch := range changes {
		fmt.Printf("%s: %s -> %s because %v\n", ch.Field, ch.From, ch.To, ch.Because)
	}
	// Output:
	// attendance.status: in_progress -> restart_required because [params.max_catch_ups]
	// attendance.next: group 6 -> (none) because [params.max_catch_ups]
	// attendance.completion.rules.catch_up_limit: pass -> fail because [params.max_catch_ups]
}

func ExampleDiffer_Run() {
	national, area := policies()
	d, err := whatif.New(national, area)
	if err != nil {
		log.Fatal(err)
	}
	caseload := strings.Join([]string{
		strings.Join(strings.Fields(fourCatchUps), " "),
		`{"stage": "pre_sentence", "offender": {"id": "A2", "sex": "male"}}`,
		`{"stage": "sentenced"}`,
	}, "\n")
	diffs := d.Differences()
	sum, err := d.Run(context.Background(), strings.NewReader(caseload), whatif.Options{},
		func(cd *whatif.CaseDiff) error { return cd.WriteText(os.Stdout, diffs) })
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println()
	if err := sum.WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// line 1 (A1): 3 changes
	//   attendance.status                           in_progress -> restart_required
	//   attendance.next                             group 6 -> (none)
	//   attendance.completion.rules.catch_up_limit  pass -> fail
	//                                               He has missed 4 sessions that needed an individual catch-up (made up or still due); no more than 3 may be, so he must start the programme again.
	//   because params.max_catch_ups: 4 -> 3
	// line 3: input error: stage: unknown stage "sentenced"
	//
	// Changes by decision                                         cases  because
	//   attendance.status: in_progress -> restart_required            1  params.max_catch_ups
	//   attendance.next: group -> (none)                              1  params.max_catch_ups
	//   attendance.completion.rules.catch_up_limit: pass -> fail      1  params.max_catch_ups
	//
	// 3 cases read: 1 changed, 1 unchanged, 1 error (1 input, 0 evaluation)
}

func ExampleDiffer_WritePolicies() {
	national, area := policies()
	d, err := whatif.New(national, area)
	if err != nil {
		log.Fatal(err)
	}
	if err := d.WritePolicies(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Comparing i-SOTP 2026.1 (national) with i-SOTP 2026.1 (example)
	// What the second policy changes:
	//   params.max_catch_ups  4 -> 3
}

func ExampleDiffer_Differences() {
	national, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	area, err := rules.Load(rules.National, rules.AreaPath("../examples/areas/cheshire.yaml"))
	if err != nil {
		log.Fatal(err)
	}
	d, err := whatif.New(national, area)
	if err != nil {
		log.Fatal(err)
	}
	for _, df := range d.Differences() {
		fmt.Println(df)
	}
	// Output:
	// params.min_supervision_months: 24 -> 30
	// params.max_catch_ups: 4 -> 3
	// params.young_fallback: individual -> adult_group
	// eligibility.rules.offender_id_recorded: (none) -> advisory rule: has(offender.id)
	// eligibility.texts.proposal_cja2003: ...ent of at least 24 months and a Pr... -> ...ent of at least 30 months and a Pr...
	// eligibility.texts.proposal_pre_cja2003: ...der of at least 24 months with a c... -> ...der of at least 30 months with a c...
}
