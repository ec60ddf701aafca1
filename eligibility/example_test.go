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
	// risk_of_harm: fail: He poses a Very High Risk of Harm and needs more treatment time than i-SOTP gives, so he is referred to N-SOGP.
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

// With the stage missing, the rules that apply only after sentence could
// pass or not apply, but not fail: he is eligible whatever the stage. The
// Pre-Sentence Report proposal is not made, since it may not be before
// sentence, but given for the case that it is.
func ExampleEvaluator_Decide_stageMissing() {
	pol, _ := rules.Load(rules.National)
	elig, _ := eligibility.New(pol)
	c, _ := isotp.DecodeCase(strings.NewReader(`{
		"as_of": "2026-11-27",
		"offender": {"sex": "male", "date_of_birth": "1985-02-03", "risk_of_harm": "medium", "deviance": "low"},
		"offences": [{"offence": "possess_indecent_photograph", "date": "2019-03-28", "internet": true}],
		"order": {"type": "licence", "supervision_months": 36}
	}`))
	d, _ := elig.Decide(context.Background(), c)
	fmt.Println(d.Outcome, d.Missing, d.Proposal == nil)
	for _, r := range d.Rules {
		if r.Verdict == rules.Unknown {
			fmt.Println(r.ID, r.Possible)
		}
	}
	fmt.Println(*d.ProposalIfPreSentence)
	// Output:
	// eligible [stage] true
	// deviance [pass not_applicable]
	// supervision_length [pass not_applicable]
	// order_type [pass not_applicable]
	// A Community Order with a Supervision Requirement of at least 24 months and a Programme Requirement to attend a "Sex Offender Treatment Programme of up to 60 sessions".
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
	//   He is not eligible for i-SOTP. He is 16; the minimum age is 17.
	//
	// Stage:   before sentence (a proposal for the Pre-Sentence Report)
	// As of:   27 November 2026
	// Age:     16 (in a group for young men)
	// Regime:  the Criminal Justice Act 2003
	//          His eligible offence "Possession of an indecent photograph of a
	//          child" (1 March 2025) was committed on or after the Criminal Justice
	//          Act 2003 came into force on 4 April 2005.
	//
	// What was found
	//   [met]        He is male.
	//   [NOT MET]    He is 16; the minimum age is 17.
	//   [met]        His offence "Possession of an indecent photograph of a child"
	//                (1 March 2025) is one for which i-SOTP is accredited.
	//   [met]        His offence "Possession of an indecent photograph of a child"
	//                (1 March 2025) was related to the use of the internet.
	//   [met]        His Risk of Harm is assessed as low; only a Very High Risk of
	//                Harm would refer him to N-SOGP.
	//   [n/a]        Deviance is assessed after sentence; before sentence it does
	//                not count.
	//   [n/a]        The length of his supervision is considered after sentence,
	//                once his order is known.
	//   [n/a]        The type of his order is considered after sentence, once his
	//                order is known.
	//
	// Policy:  i-SOTP 2026.1, national
	//   sha256:...
}

// What the eligibility decision reads of a policy, besides its rules' own
// parameters: isotp diff asks this to know which changes can reach it.
// Summary is the decision in a sentence or two, for a list of cases.
func ExampleDecision_Summary() {
	pol, _ := rules.Load(rules.National)
	elig, _ := eligibility.New(pol)
	c, _ := isotp.DecodeCase(strings.NewReader(`{
		"as_of": "2026-11-27",
		"stage": "post_sentence",
		"offender": {"sex": "male", "risk_of_harm": "medium", "deviance": "low"},
		"offences": [{"offence": "possess_indecent_photograph", "date": "2021-01-15", "internet": true}],
		"order": {"type": "licence", "supervision_months": 30}
	}`))
	d, _ := elig.Decide(context.Background(), c)
	fmt.Println(d.Outcome, "-", d.Summary())
	// Output:
	// pending - No decision can be made without knowing his date of birth.
}

func ExampleSpec() {
	spec := eligibility.Spec()
	fmt.Println("rules:", spec.Section.Name, "tables:", spec.Tables)
	for _, u := range spec.Params {
		fmt.Printf("params.%s decides %s\n", u.Name, strings.Join(u.For, ", "))
	}
	// Output:
	// rules: eligibility tables: [catalogue]
	// params.refer_programme decides refer_to, proposal, proposal_if_pre_sentence
	// params.cja2003_commencement decides proposal, proposal_if_pre_sentence
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
