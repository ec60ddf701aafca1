package groups_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/rules"
)

func ExampleNew() {
	area := []byte("area: cheshire\npolicy: i-SOTP\nparams:\n  young_fallback: adult_group\n  max_group_size: 9\n")
	pol, err := rules.Load(rules.National, rules.AreaBytes("cheshire.yaml", area))
	if err != nil {
		log.Fatal(err)
	}
	p, err := groups.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", p.Params())
	// Output:
	// {MaxGroupSize:9 MinGroupSize:8 YoungFallback:adult_group AdultMinAge:21 MinAge:17}
}

func ExamplePlanner_Form() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		log.Fatal(err)
	}
	p, err := groups.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	// Nine men aged 21 and over, two aged 17 to 20, one without a date of birth.
	var b strings.Builder
	b.WriteString(`{"start": "2026-03-02", "referrals": [`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, `{"id": "A%d", "date_of_birth": "1980-01-0%d", "referred": "2026-01-%02d"},`, i, i, 10+i)
	}
	b.WriteString(`{"id": "Y1", "date_of_birth": "2007-05-01", "referred": "2026-01-05"},
		{"id": "Y2", "date_of_birth": "2005-03-03", "referred": "2026-01-06"},
		{"id": "X1", "date_of_birth": null, "referred": "2026-01-07"}]}`)
	in, err := isotp.DecodeIntake(strings.NewReader(b.String()))
	if err != nil {
		log.Fatal(err)
	}
	plan, err := p.Form(context.Background(), in)
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range plan.Groups {
		fmt.Println(g.Band, g.Members)
	}
	fmt.Println("individual", plan.Individual)
	fmt.Println("waiting", plan.Waiting)
	for _, ng := range plan.NotGrouped {
		fmt.Println("not grouped", ng.ID, ng.Code)
	}
	// Output:
	// adult [A1 A2 A3 A4 A5 A6 A7 A8 A9]
	// individual [Y1 Y2]
	// waiting []
	// not grouped X1 date_of_birth_unknown
}

func ExamplePlan_WriteText() {
	pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml",
		[]byte("area: testshire\npolicy: i-SOTP\nparams:\n  young_fallback: wait\n")))
	if err != nil {
		log.Fatal(err)
	}
	p, err := groups.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	in := &isotp.Intake{Start: isotp.NewDate(2026, 3, 2)}
	for i := 1; i <= 11; i++ {
		in.Referrals = append(in.Referrals, isotp.Referral{
			ID:          fmt.Sprintf("Y%02d", i),
			DateOfBirth: isotp.NewDate(2007, 1, i),
			Referred:    isotp.NewDate(2026, 1, i),
		})
	}
	in.Referrals = append(in.Referrals, isotp.Referral{ID: "R1", DateOfBirth: isotp.NewDate(1990, 1, 1),
		Referred: isotp.NewDate(2026, 1, 2), Eligibility: isotp.Refer})
	plan, err := p.Form(context.Background(), in)
	if err != nil {
		log.Fatal(err)
	}
	// Fixed here so that the output below does not change with the rule files.
	plan.Policy = rules.Info{Name: "i-SOTP", Version: "2026.1", Area: "testshire", Digest: "sha256:..."}
	if err := plan.WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// i-SOTP groups starting 2 March 2026
	// Groups of 8 to 10 men. Young: aged 17 to 20 at the start; adult: 21 and over.
	// Young men too few for a group: wait for a later young group.
	//
	// Group 1: young, 10 men
	//   Y01, Y02, Y03, Y04, Y05, Y06, Y07, Y08, Y09, Y10
	//
	// One-to-one delivery: 0
	//
	// Waiting for a later group: 1
	//   Y11
	//
	// Not grouped: 1
	//   R1: referred to N-SOGP instead of i-SOTP (his eligibility decision)
	//
	// What happened
	//   - 11 young men (aged 17 to 20 at the start) were referred: 1 group of 10
	//     (group 1); 1 left over, fewer than the 8 needed to start another group, is
	//     waiting for a later young group.
	//   - No adult men (aged 21 and over at the start) were referred.
	//
	// Policy:  i-SOTP 2026.1, testshire
	//   sha256:...
}

// What group formation reads of a policy: its parameters alone.
func ExampleSpec() {
	for _, u := range groups.Spec().Params {
		fmt.Println(u.Name)
	}
	// Output:
	// max_group_size
	// min_group_size
	// young_fallback
	// adult_min_age
	// min_age
	// refer_programme
}
