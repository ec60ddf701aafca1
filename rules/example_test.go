package rules_test

import (
	"errors"
	"fmt"

	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

func ExampleLoad() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	info := pol.Info()
	fmt.Println(info.Name, info.Version, info.Area)
	fmt.Println(len(pol.Params()), "parameters")
	// Output:
	// i-SOTP 2026.1 national
	// 16 parameters
}

// A decision declares in its Spec the parameters its Go code reads, and
// reads them through it, once, when it is made.
func ExampleParamValue() {
	spec := &rules.Spec{
		Name:   "example",
		Params: []rules.ParamUse{{Name: "max_catch_ups", For: []string{"catch_ups_allowed"}}},
	}
	pol, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	n, err := rules.ParamValue[int](pol, spec, "max_catch_ups")
	fmt.Println("max_catch_ups:", n, err)
	_, err = rules.ParamValue[int](pol, spec, "sessions")
	fmt.Println(err)
	// Output:
	// max_catch_ups: 4 <nil>
	// rules: example reads parameter "sessions", which its Spec does not declare
}

func ExampleLoad_area() {
	area := []byte(`
area: cheshire
policy: i-SOTP
params:
  max_catch_ups: 3
`)
	pol, err := rules.Load(rules.National, rules.AreaBytes("cheshire.yaml", area))
	if err != nil {
		panic(err)
	}
	for _, p := range pol.Params() {
		if p.Name == "max_catch_ups" {
			fmt.Printf("%s = %v from %s (national default %v)\n", p.Name, p.Value, p.Pos, p.Default)
		}
	}
	// Output:
	// max_catch_ups = 3 from cheshire.yaml:5:18 (national default 4)
}

func ExampleLoad_errors() {
	area := []byte(`area: cheshire
policy: i-SOTP
params:
  max_catch_ups: 6
  min_agee: 18
`)
	_, err := rules.Load(rules.National, rules.AreaBytes("cheshire.yaml", area))
	fmt.Println(errors.Is(err, rules.ErrInvalidPolicy))
	var list rules.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	// Output:
	// true
	// cheshire.yaml:4:18: parameter max_catch_ups: 6 is outside its bounds (value >= 0 && value <= default; national default 4)
	// cheshire.yaml:5:3: unknown parameter "min_agee" (did you mean "min_age"?)
}

func ExampleCheck() {
	area := []byte(`area: cheshire
policy: i-SOTP
eligibility:
  rules:
    - id: local
      description: A local rule with a typing mistake.
      expression: offender.sexx == 'male'
      effect: advisory
`)
	err := rules.Check(rules.National, []rules.Section{*eligibility.Spec().Section}, rules.AreaBytes("cheshire.yaml", area))
	fmt.Println(err)
	// Output:
	// cheshire.yaml:7:27: undefined field 'sexx'
}

func ExamplePolicy_Rules() {
	area := []byte(`area: cheshire
policy: i-SOTP
eligibility:
  rules:
    - id: offender_id_recorded
      description: The offender's case-management id must be recorded.
      expression: has(offender.id)
      effect: advisory
`)
	pol, err := rules.Load(rules.National, rules.AreaBytes("cheshire.yaml", area))
	if err != nil {
		panic(err)
	}
	for _, r := range pol.Rules("eligibility") {
		fmt.Printf("%-22s %-10s %s\n", r.ID, r.Effect, r.Pos)
	}
	// Output:
	// male                   ineligible national/eligibility.yaml:36:11
	// min_age                ineligible national/eligibility.yaml:42:11
	// eligible_offence       ineligible national/eligibility.yaml:50:11
	// internet_related       ineligible national/eligibility.yaml:61:11
	// risk_of_harm           refer      national/eligibility.yaml:68:11
	// deviance               refer      national/eligibility.yaml:76:11
	// supervision_length     ineligible national/eligibility.yaml:85:11
	// order_type             ineligible national/eligibility.yaml:95:11
	// offender_id_recorded   advisory   cheshire.yaml:5:11
}
