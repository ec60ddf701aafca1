package rules_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing/fstest"
	"time"

	"github.com/isotp-dev/isotp"
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
	// male                   ineligible national/eligibility.yaml:45:11
	// min_age                ineligible national/eligibility.yaml:54:11
	// eligible_offence       ineligible national/eligibility.yaml:61:11
	// internet_related       ineligible national/eligibility.yaml:78:11
	// risk_of_harm           refer      national/eligibility.yaml:93:11
	// deviance               refer      national/eligibility.yaml:104:11
	// supervision_length     ineligible national/eligibility.yaml:116:11
	// order_type             ineligible national/eligibility.yaml:127:11
	// offender_id_recorded   advisory   cheshire.yaml:5:11
}

// A decision package declares its section's inputs, outputs and texts once,
// as *Var, binds a case's values to the inputs by name and reads the
// outputs through the same Vars. An input not bound is not known.
func ExamplePolicy_Compile() {
	type person struct{ DateOfBirth isotp.Date }
	personObject := rules.NewObject("example.Person",
		rules.Field{Name: "date_of_birth", Type: rules.DateType, Doc: "his date of birth",
			Get: func(o any) rules.Value { return rules.DateOf(&o.(*person).DateOfBirth) }})
	var (
		asOf = &rules.Var{Name: "as_of", Type: rules.DateType, Doc: "the date the decision is made at"}
		who  = &rules.Var{Name: "person", Type: personObject.Type()}
		age  = &rules.Var{Name: "age", Type: rules.IntType}
	)
	section := rules.Section{Name: "eligibility", Inputs: []*rules.Var{asOf, who}, Effects: []string{"ineligible"}, Outputs: []*rules.Var{age},
		Words: rules.Words{ // how messages name a missing fact
			"as_of": "the date of the decision", "person": "who he is", "person.date_of_birth": "his date of birth",
		}}

	policy := fstest.MapFS{"p/policy.yaml": {Data: []byte(`name: example
version: "1"
eligibility:
  variables:
    - name: age
      expression: age_at(person.date_of_birth, as_of)
  rules:
    - id: adult
      description: He must be 18 or over.
      expression: age >= 18
      effect: ineligible
      finding: "'He is ' + string(age) + '; the youngest allowed is 18.'"
`)}}
	pol, err := rules.Load(rules.Dir(policy, "p"))
	if err != nil {
		panic(err)
	}
	rs, err := pol.Compile(section) // once; safe for concurrent use
	if err != nil {
		panic(err)
	}
	him := &person{DateOfBirth: isotp.NewDate(2008, time.June, 2)}
	ev, err := rs.Evaluate(context.Background(), []rules.Binding{
		asOf.Bind(rules.DateValue(isotp.NewDate(2026, time.June, 1))),
		who.Bind(rules.ObjectValue(personObject, him)),
	})
	if err != nil {
		panic(err)
	}
	years, _ := ev.Output(age).AsInt()
	fmt.Println(years, ev.Results[0].Verdict, ev.Results[0].Message)

	ev, err = rs.Evaluate(context.Background(), []rules.Binding{who.Bind(rules.ObjectValue(personObject, him))})
	if err != nil {
		panic(err)
	}
	fmt.Println(ev.Results[0].Verdict, ev.Missing, ev.Results[0].Message)
	// Output:
	// 17 fail He is 17; the youngest allowed is 18.
	// unknown [as_of] He must be 18 or over. This cannot be decided without knowing the date of the decision.
}

// With the Explain option, each rule's result says what it read;
// WriteExplanation writes that for a person.
func ExampleWriteExplanation() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	elig, err := eligibility.New(pol)
	if err != nil {
		panic(err)
	}
	c := &isotp.Case{AsOf: isotp.NewDate(2026, time.June, 1), Offender: &isotp.Offender{Sex: isotp.Male}}
	d, err := elig.Decide(context.Background(), c, rules.Explain())
	if err != nil {
		panic(err)
	}
	if err := rules.WriteExplanation(os.Stdout, d.Rules[0].Explanation, "  "); err != nil {
		panic(err)
	}
	// Output:
	//   expression:   offender.sex == 'male'
	//   read:         offender.sex = 'male'
}

// A breach deadline over Christmas: ten working days after Monday 21
// December 2026, excluding the bank holidays of England and Wales (25 and
// 28 December, 1 January), and then with an area that closes on Christmas
// Eve as well.
func ExampleCalendar_AddWorkingDays() {
	failure, _ := isotp.ParseDate("2026-12-21")
	pol, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	fmt.Println(pol.Calendar().AddWorkingDays(failure, 10))

	area := "area: testshire\npolicy: i-SOTP\ncalendar:\n  closures:\n    - {date: 2026-12-24, reason: The offices close on Christmas Eve.}\n"
	pol, err = rules.Load(rules.National, rules.AreaBytes("testshire.yaml", []byte(area)))
	if err != nil {
		panic(err)
	}
	fmt.Println(pol.Calendar().AddWorkingDays(failure, 10))
	for _, d := range pol.Calendar().DaysOff(failure, isotp.NewDate(2027, 1, 8)) {
		fmt.Println(d.Date, d.Name)
	}
	// Output:
	// 2027-01-07
	// 2027-01-08
	// 2026-12-24 The offices close on Christmas Eve.
	// 2026-12-25 Christmas Day
	// 2026-12-28 Boxing Day (substitute day)
	// 2027-01-01 New Year's Day
}

// Release gives an evaluation's memory back for the next Evaluate once
// what is wanted has been taken from it; what was taken stays as it was.
func ExampleEvaluation_Release() {
	count := &rules.Var{Name: "count", Type: rules.IntType}
	section := rules.Section{Name: "eligibility", Inputs: []*rules.Var{count}, Effects: []string{"ineligible"}}
	policy := fstest.MapFS{"p/policy.yaml": {Data: []byte(`name: example
version: "1"
eligibility:
  rules:
    - id: enough
      description: There must be at least three.
      expression: count >= 3
      effect: ineligible
      finding: "'There are ' + string(count) + '; at least 3 are needed.'"
`)}}
	pol, err := rules.Load(rules.Dir(policy, "p"))
	if err != nil {
		panic(err)
	}
	rs, err := pol.Compile(section)
	if err != nil {
		panic(err)
	}
	var kept [][]rules.Result
	for _, n := range []int{2, 5} {
		ev, err := rs.Evaluate(context.Background(), []rules.Binding{count.Bind(rules.Int(n))})
		if err != nil {
			panic(err)
		}
		kept = append(kept, ev.Results)
		ev.Release() // ev is not used again; its Results are kept
	}
	for _, rs := range kept {
		fmt.Println(rs[0].Verdict, rs[0].Message)
	}
	// Output:
	// fail There are 2; at least 3 are needed.
	// pass There are 5; at least 3 are needed.
}
