package policytest_test

import (
	"context"
	"fmt"
	"os"

	"github.com/isotp-dev/isotp/policytest"
)

func Example() {
	suite, err := policytest.Load("testdata/passing")
	if err != nil {
		panic(err)
	}
	rep, err := suite.Run(context.Background(), policytest.Config{})
	if err != nil {
		panic(err)
	}
	rep.WriteText(os.Stdout, true)
	// Output:
	// --- PASS: eligible (testdata/passing/passing_test.yaml:3:5)
	// --- PASS: a woman is ineligible (testdata/passing/passing_test.yaml:7:5)
	//
	// Rule coverage under the national policy, i-SOTP 2026.1:
	//   eligibility  8 rules, 2 tests: pass 5/8, fail 1/8, unknown 0/8, not_applicable 3/8
	//   completion   4 rules, not tested
	//   Results reached, by rule:
	//     rule                                          pass  fail  unknown   n/a
	//     eligibility.male                                 1     1        0     0
	//     eligibility.min_age                              2     0        0     0
	//     eligibility.eligible_offence                     2     0        0     0
	//     eligibility.internet_related                     2     0        0     0
	//     eligibility.risk_of_harm                         2     0        0     0
	//     eligibility.deviance                             0     0        0     2
	//     eligibility.supervision_length                   0     0        0     2
	//     eligibility.order_type                           0     0        0     2
	//
	// Rule coverage: 8.3% (1 of 12 rules seen both to pass and to fail)
	//
	// 2 passed, 0 failed
}

func ExampleLoad_errors() {
	_, err := policytest.Load("testdata/invalid/expect.yaml")
	if list, ok := err.(policytest.ErrorList); ok {
		fmt.Println(list[0])
		fmt.Println(len(list), "errors")
	}
	// Output:
	// testdata/invalid/expect.yaml:6:9: expect.eligibility: unknown field "outcom" (want one of age, age_band, missing, outcome, proposal, proposal_contains, proposal_if_pre_sentence, proposal_if_pre_sentence_contains, refer_to, regime, regime_reason_contains, rules)
	// 18 errors
}

func ExampleSuite_Run() {
	suite, err := policytest.Load("testdata/coverage")
	if err != nil {
		panic(err)
	}
	rep, err := suite.Run(context.Background(), policytest.Config{})
	if err != nil {
		panic(err)
	}
	for _, t := range rep.Tests {
		for _, m := range t.Mismatches {
			fmt.Printf("%s: %s: want %s, got %s\n", t.Name, m.Field, m.Want, m.Got)
		}
	}
	for _, s := range rep.Policies[0].Coverage {
		for _, r := range s.Rules {
			if r.Area {
				fmt.Printf("%s (from %s): pass %d, fail %d\n", r.ID, rep.Policies[0].Policy.Area, r.Pass, r.Fail)
			}
		}
	}
	fmt.Printf("%d passed, %d failed\n", rep.Passed, rep.Failed)
	// Output:
	// a wrong expectation still counts: eligibility.outcome: want refer, got eligible
	// offender_id_recorded (from testshire): pass 3, fail 1
	// 3 passed, 1 failed
}
