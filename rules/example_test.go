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
	maxCatchUps, _ := rules.ParamValue[int](pol, "max_catch_ups")
	fmt.Println("max_catch_ups:", maxCatchUps)
	// Output:
	// i-SOTP 2026.1 national
	// max_catch_ups: 4
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
	err := rules.Check(rules.National, []rules.Section{eligibility.Section()}, rules.AreaBytes("cheshire.yaml", area))
	fmt.Println(err)
	// Output:
	// cheshire.yaml:7:27: undefined field 'sexx'
}
