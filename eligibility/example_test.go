package eligibility_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

func ExampleEvaluator_Decide() {
	pol, err := rules.Load(rules.National)
	if err != nil {
		panic(err)
	}
	elig, err := eligibility.New(pol) // compile once, share between goroutines
	if err != nil {
		panic(err)
	}
	c, err := isotp.DecodeCase(strings.NewReader(`{
		"as_of": "2026-11-27",
		"stage": "post_sentence",
		"offender": {"sex": "male", "date_of_birth": "1990-05-01", "risk_of_harm": "very_high", "deviance": "low"},
		"offences": [{"offence": "Criminal Justice Act 1988 s.160", "date": "2019-03-01", "internet": true}],
		"order": {"type": "licence", "supervision_months": 36}
	}`))
	if err != nil {
		panic(err)
	}
	d, err := elig.Decide(context.Background(), c)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Outcome, *d.ReferTo, d.Regime, *d.Age, *d.AgeBand)
	for _, r := range d.Rules {
		if r.Verdict != rules.Pass {
			fmt.Printf("%s: %s: %s\n", r.ID, r.Verdict, r.Message)
		}
	}
	// Output:
	// refer N-SOGP cja2003 36 adult
	// risk_of_harm: fail: He poses a Very High Risk of Harm and needs more treatment time: refer to N-SOGP.
}

func ExampleEvaluator_Decide_pending() {
	pol, _ := rules.Load(rules.National)
	elig, _ := eligibility.New(pol)
	c, _ := isotp.DecodeCase(strings.NewReader(`{
		"as_of": "2026-11-27",
		"stage": "pre_sentence",
		"offender": {"sex": "male", "risk_of_harm": "low"},
		"offences": []
	}`))
	d, _ := elig.Decide(context.Background(), c)
	fmt.Println(d.Outcome, d.Missing)
	// Output:
	// pending [offences offender.date_of_birth]
}

func ExampleDecision_WriteText() {
	pol, _ := rules.Load(rules.National)
	elig, _ := eligibility.New(pol)
	c, _ := isotp.DecodeCase(strings.NewReader(`{
		"as_of": "2026-11-27",
		"stage": "pre_sentence",
		"offender": {"sex": "male", "date_of_birth": "2009-12-01", "risk_of_harm": "low"},
		"offences": [{"offence": "possess_indecent_photograph", "date": "2025-03-01", "internet": true}]
	}`))
	d, _ := elig.Decide(context.Background(), c)
	d.Policy.Digest = "sha256:..." // the digest changes with every edit of the policy
	d.WriteText(os.Stdout)
	// Output:
	// i-SOTP eligibility: INELIGIBLE
	//   He is not eligible for i-SOTP: he does not meet min_age.
	//
	// Stage:   pre-sentence (proposal for the Pre-Sentence Report)
	// As of:   2026-11-27
	// Age:     16 (young group)
	// Regime:  Criminal Justice Act 2003 (an offence on or after its commencement)
	//
	// Rules
	//   [met]          male (if not met: ineligible)
	//       Met: the programme is for male offenders.
	//   [NOT MET]      min_age (if not met: ineligible)
	//       He is 16, under the minimum age of 17.
	//   [met]          eligible_offence (if not met: ineligible)
	//       Met: he must be convicted of at least one offence in the catalogue.
	//   [met]          internet_related (if not met: ineligible)
	//       Met: at least one of his eligible offences must be related to the use
	//       of the internet.
	//   [met]          risk_of_harm (if not met: refer)
	//       Met: he must not pose a Very High Risk of Harm.
	//   [n/a]          deviance (if not met: refer)
	//       Does not apply to this case: after post-sentence assessment, he must
	//       not be of High Deviance.
	//   [n/a]          supervision_length (if not met: ineligible)
	//       Does not apply to this case: his supervision must be long enough for
	//       the programme to be completed.
	//   [n/a]          order_type (if not met: ineligible)
	//       Does not apply to this case: his order must allow the programme: for
	//       offences before the Criminal Justice Act 2003 commencement, a
	//       Community Rehabilitation Order or a licence; for later offences, a
	//       licence or a Community Order with both a Supervision and a Programme
	//       Requirement.
	//
	// Policy:  i-SOTP 2026.1, national, sha256:...
}

// What the eligibility decision reads of a policy, besides its rules' own
// parameters: isotp diff asks this to know which changes can reach it.
func ExampleSpec() {
	spec := eligibility.Spec()
	fmt.Println("rules:", spec.Section.Name, "tables:", spec.Tables)
	for _, u := range spec.Params {
		fmt.Printf("params.%s decides %s\n", u.Name, strings.Join(u.For, ", "))
	}
	// Output:
	// rules: eligibility tables: [catalogue]
	// params.refer_programme decides refer_to, proposal
	// params.cja2003_commencement decides proposal
}

// New compiles the policy's eligibility rules once; the Evaluator is then
// safe for concurrent use.
func ExampleNew() {
	pol, err := rules.Load(rules.National, rules.AreaPath("../examples/areas/cheshire.yaml"))
	if err != nil {
		panic(err)
	}
	elig, err := eligibility.New(pol)
	if err != nil {
		panic(err)
	}
	d, err := elig.Decide(context.Background(), &isotp.Case{})
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Outcome, d.Policy.Area, len(d.Rules), "rules")
	// Output:
	// pending cheshire 9 rules
}
