package eligibility_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

func evaluator(t testing.TB, area string) *eligibility.Evaluator {
	t.Helper()
	var opts []rules.Option
	if area != "" {
		opts = append(opts, rules.AreaBytes("area.yaml", []byte(area)))
	}
	pol, err := rules.Load(rules.National, opts...)
	require.NoError(t, err)
	e, err := eligibility.New(pol)
	require.NoError(t, err)
	return e
}

// base is an eligible post-sentence case; tests change one thing at a time.
const base = `{
  "as_of": "2026-11-27",
  "stage": "post_sentence",
  "offender": {"id": "A1", "sex": "male", "date_of_birth": "1990-05-01", "risk_of_harm": "medium", "deviance": "low"},
  "offences": [{"offence": "possess_indecent_photograph", "date": "2019-03-01", "internet": true}],
  "order": {"type": "community_order", "start": "2020-01-01", "supervision_months": 36, "requirements": ["supervision", "programme"]}
}`

// edit decodes base, applies change and returns the case.
func edit(t testing.TB, change func(c *isotp.Case)) *isotp.Case {
	t.Helper()
	c, err := isotp.DecodeCase(strings.NewReader(base))
	require.NoError(t, err)
	if change != nil {
		change(c)
	}
	return c
}

func date(s string) isotp.Date {
	d, err := isotp.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

func decide(t testing.TB, e *eligibility.Evaluator, c *isotp.Case) *eligibility.Decision {
	t.Helper()
	d, err := e.Decide(context.Background(), c)
	require.NoError(t, err)
	return d
}

func verdict(d *eligibility.Decision, id string) string {
	for _, r := range d.Rules {
		if r.ID == id {
			return r.Verdict.String()
		}
	}
	return "absent"
}

// TestRules changes one fact at a time and checks the rule it concerns and
// the outcome.
func TestRules(t *testing.T) {
	e := evaluator(t, "")
	tests := []struct {
		name    string
		change  func(c *isotp.Case)
		rule    string
		verdict string
		outcome string
		reason  string
	}{
		{"eligible", nil, "male", "pass", "eligible", ""},
		{"female", func(c *isotp.Case) { c.Offender.Sex = isotp.Female }, "male", "fail", "ineligible", ""},
		{"sex unknown", func(c *isotp.Case) { c.Offender.Sex = isotp.SexUnknown }, "male", "unknown", "pending", ""},

		{"aged 17 today", func(c *isotp.Case) { c.Offender.DateOfBirth = date("2009-11-27") }, "min_age", "pass", "eligible", "17th birthday on the as-of date"},
		{"17 tomorrow", func(c *isotp.Case) { c.Offender.DateOfBirth = date("2009-11-28") }, "min_age", "fail", "ineligible", "still 16"},
		{"leap-day birthday, 17 on 1 March", func(c *isotp.Case) {
			c.Offender.DateOfBirth, c.AsOf = date("2008-02-29"), date("2025-03-01")
		}, "min_age", "pass", "eligible", "in a common year the birthday is taken as 1 March"},
		{"leap-day birthday, 16 on 28 February", func(c *isotp.Case) {
			c.Offender.DateOfBirth, c.AsOf = date("2008-02-29"), date("2025-02-28")
		}, "min_age", "fail", "ineligible", ""},
		{"date of birth unknown", func(c *isotp.Case) { c.Offender.DateOfBirth = isotp.Date{} }, "min_age", "unknown", "pending", ""},
		{"as-of unknown", func(c *isotp.Case) { c.AsOf = isotp.Date{} }, "min_age", "unknown", "pending", "no clock is read: without an as-of date age is unknown"},

		{"offence not in catalogue", func(c *isotp.Case) { c.Offences[0].Offence = "burglary" }, "eligible_offence", "fail", "ineligible", ""},
		{"offence by statute", func(c *isotp.Case) { c.Offences[0].Offence = "Criminal Justice Act 1988 s.160" }, "eligible_offence", "pass", "eligible", "aliases name catalogue offences"},
		{"offence by current title", func(c *isotp.Case) {
			c.Offences[0].Offence = "Arranging or facilitating sexual exploitation of a child"
		}, "eligible_offence", "pass", "eligible", ""},
		{"no offences listed", func(c *isotp.Case) { c.Offences = []isotp.Offence{} }, "eligible_offence", "unknown", "pending", "none listed is unknown, not ineligible"},
		{"offences absent", func(c *isotp.Case) { c.Offences = nil }, "eligible_offence", "unknown", "pending", ""},
		{"offence id unknown, another eligible", func(c *isotp.Case) {
			c.Offences = append(c.Offences, isotp.Offence{Date: date("2019-01-01")})
		}, "eligible_offence", "pass", "eligible", "one catalogue offence suffices"},
		{"only offence id unknown", func(c *isotp.Case) { c.Offences[0].Offence = "" }, "eligible_offence", "unknown", "pending", ""},

		{"not internet", func(c *isotp.Case) { c.Offences[0].Internet = ptr(false) }, "internet_related", "fail", "ineligible", ""},
		{"internet unknown", func(c *isotp.Case) { c.Offences[0].Internet = nil }, "internet_related", "unknown", "pending", ""},
		{"internet on a non-catalogue offence only", func(c *isotp.Case) {
			c.Offences[0].Internet = ptr(false)
			c.Offences = append(c.Offences, isotp.Offence{Offence: "harassment", Date: date("2019-01-01"), Internet: ptr(true)})
		}, "internet_related", "fail", "ineligible", "the internet offence must be an eligible one"},
		{"one internet, one unknown", func(c *isotp.Case) {
			c.Offences = append(c.Offences, isotp.Offence{Offence: "take_make_indecent_photograph", Date: date("2019-01-01")})
		}, "internet_related", "pass", "eligible", "some true decides"},
		{"one false, one unknown", func(c *isotp.Case) {
			c.Offences[0].Internet = ptr(false)
			c.Offences = append(c.Offences, isotp.Offence{Offence: "take_make_indecent_photograph", Date: date("2019-01-01")})
		}, "internet_related", "unknown", "pending", "none true and some unknown"},

		{"very high risk", func(c *isotp.Case) { c.Offender.RiskOfHarm = isotp.RiskVeryHigh }, "risk_of_harm", "fail", "refer", ""},
		{"high risk", func(c *isotp.Case) { c.Offender.RiskOfHarm = isotp.RiskHigh }, "risk_of_harm", "pass", "eligible", "only Very High is referred"},
		{"risk unknown", func(c *isotp.Case) { c.Offender.RiskOfHarm = isotp.RiskUnknown }, "risk_of_harm", "unknown", "pending", ""},

		{"high deviance post-sentence", func(c *isotp.Case) { c.Offender.Deviance = isotp.DevianceHigh }, "deviance", "fail", "refer", ""},
		{"high deviance pre-sentence", func(c *isotp.Case) {
			c.Offender.Deviance, c.Stage = isotp.DevianceHigh, isotp.PreSentence
		}, "deviance", "not_applicable", "eligible", "deviance follows post-sentence assessment"},
		{"deviance unknown post-sentence", func(c *isotp.Case) { c.Offender.Deviance = isotp.DevianceUnknown }, "deviance", "unknown", "pending", ""},
		{"stage unknown", func(c *isotp.Case) { c.Stage = isotp.StageUnknown }, "deviance", "unknown", "eligible",
			"before sentence the post-sentence rules do not apply, after it they pass: eligible either way"},
		{"stage unknown, high deviance", func(c *isotp.Case) { c.Stage, c.Offender.Deviance = isotp.StageUnknown, isotp.DevianceHigh }, "deviance", "unknown", "pending",
			"eligible before sentence, referred after it"},
		{"stage unknown, 18 months", func(c *isotp.Case) { c.Stage, c.Order.SupervisionMonths = isotp.StageUnknown, ptr(18) }, "supervision_length", "unknown", "pending",
			"eligible before sentence, ineligible after it"},
		{"stage unknown, a woman", func(c *isotp.Case) { c.Stage, c.Offender.Sex = isotp.StageUnknown, isotp.Female }, "male", "fail", "ineligible",
			"ineligible whatever the stage"},
		{"stage unknown, very high risk", func(c *isotp.Case) { c.Stage, c.Offender.RiskOfHarm = isotp.StageUnknown, isotp.RiskVeryHigh }, "risk_of_harm", "fail", "refer",
			"referred whatever the stage: the post-sentence rules pass after it"},
		{"stage and order unknown", func(c *isotp.Case) { c.Stage, c.Order = isotp.StageUnknown, nil }, "order_type", "unknown", "pending",
			"after sentence, the order could fail its rules"},

		{"24 months", func(c *isotp.Case) { c.Order.SupervisionMonths = ptr(24) }, "supervision_length", "pass", "eligible", "exactly the minimum"},
		{"23 months", func(c *isotp.Case) { c.Order.SupervisionMonths = ptr(23) }, "supervision_length", "fail", "ineligible", ""},
		{"months unknown", func(c *isotp.Case) { c.Order.SupervisionMonths = nil }, "supervision_length", "unknown", "pending", ""},
		{"months pre-sentence", func(c *isotp.Case) {
			c.Order.SupervisionMonths, c.Stage = ptr(6), isotp.PreSentence
		}, "supervision_length", "not_applicable", "eligible", "post-sentence only"},
		{"no order post-sentence", func(c *isotp.Case) { c.Order = nil }, "order_type", "unknown", "pending", ""},

		{"offence 3 April 2005, community order", func(c *isotp.Case) { c.Offences[0].Date = date("2005-04-03") }, "order_type", "fail", "ineligible",
			"before the 2003 Act's commencement a community order cannot carry the programme"},
		{"offence 4 April 2005, community order", func(c *isotp.Case) { c.Offences[0].Date = date("2005-04-04") }, "order_type", "pass", "eligible",
			"the Act commenced on 4 April 2005 (SI 2005/950), not the leaflet's 1 April"},
		{"offence 3 April 2005, CRO", func(c *isotp.Case) {
			c.Offences[0].Date, c.Order.Type = date("2005-04-03"), isotp.CommunityRehabilitationOrder
		}, "order_type", "pass", "eligible", ""},
		{"offence 2019, CRO", func(c *isotp.Case) { c.Order.Type = isotp.CommunityRehabilitationOrder }, "order_type", "fail", "ineligible", ""},
		{"licence, any regime", func(c *isotp.Case) {
			c.Order.Type, c.Order.Requirements = isotp.Licence, nil
		}, "order_type", "pass", "eligible", ""},
		{"licence, regime unknown", func(c *isotp.Case) {
			c.Order.Type, c.Offences[0].Date = isotp.Licence, isotp.Date{}
		}, "order_type", "pass", "eligible", "a licence allows the programme under either regime"},
		{"community order, regime unknown", func(c *isotp.Case) { c.Offences[0].Date = isotp.Date{} }, "order_type", "unknown", "pending", ""},
		{"community order without programme requirement", func(c *isotp.Case) {
			c.Order.Requirements = []isotp.Requirement{isotp.SupervisionRequirement}
		}, "order_type", "fail", "ineligible", ""},
		{"community order, requirements unknown", func(c *isotp.Case) { c.Order.Requirements = nil }, "order_type", "unknown", "pending", ""},
		{"community order, no requirements", func(c *isotp.Case) { c.Order.Requirements = []isotp.Requirement{} }, "order_type", "fail", "ineligible", ""},
		{"regime from eligible offences only", func(c *isotp.Case) {
			c.Offences[0].Date = date("2005-01-01")
			c.Offences = append(c.Offences, isotp.Offence{Offence: "burglary", Date: date("2010-01-01"), Internet: ptr(false)})
		}, "order_type", "fail", "ineligible", "the later non-catalogue offence does not make the regime cja2003"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, e, edit(t, tt.change))
			if got := verdict(d, tt.rule); got != tt.verdict {
				t.Errorf("%s = %s, want %s (%s)", tt.rule, got, tt.verdict, tt.reason)
			}
			if got := d.Outcome.String(); got != tt.outcome {
				t.Errorf("outcome = %s, want %s (%s)", got, tt.outcome, tt.reason)
			}
		})
	}
}

// TestPrecedence checks the outcome order: ineligible failure, ineligible
// unknown, refer failure, refer unknown, eligible.
func TestPrecedence(t *testing.T) {
	e := evaluator(t, "")
	female := func(c *isotp.Case) { c.Offender.Sex = isotp.Female }
	noDOB := func(c *isotp.Case) { c.Offender.DateOfBirth = isotp.Date{} }
	veryHigh := func(c *isotp.Case) { c.Offender.RiskOfHarm = isotp.RiskVeryHigh }
	noRisk := func(c *isotp.Case) { c.Offender.RiskOfHarm = isotp.RiskUnknown }
	all := func(fs ...func(*isotp.Case)) func(*isotp.Case) {
		return func(c *isotp.Case) {
			for _, f := range fs {
				f(c)
			}
		}
	}
	tests := []struct {
		name   string
		change func(*isotp.Case)
		want   eligibility.Outcome
	}{
		{"ineligible beats pending", all(female, noDOB), eligibility.Ineligible},
		{"ineligible beats refer", all(female, veryHigh), eligibility.Ineligible},
		{"pending (ineligible rule unknown) beats refer", all(noDOB, veryHigh), eligibility.Pending},
		{"refer beats pending (refer rule unknown)", all(veryHigh, func(c *isotp.Case) { c.Offender.Deviance = isotp.DevianceUnknown }), eligibility.Refer},
		{"refer rule unknown is pending", noRisk, eligibility.Pending},
		{"a refer rule that cannot fail does not hold it back", func(c *isotp.Case) { c.Stage = isotp.StageUnknown }, eligibility.Eligible},
		{"eligible", nil, eligibility.Eligible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decide(t, e, edit(t, tt.change)).Outcome; got != tt.want {
				t.Errorf("outcome = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecisionFields(t *testing.T) {
	e := evaluator(t, "")
	tests := []struct {
		name   string
		change func(*isotp.Case)
		check  func(t *testing.T, d *eligibility.Decision)
	}{
		{"refer names the programme", func(c *isotp.Case) { c.Offender.RiskOfHarm = isotp.RiskVeryHigh }, func(t *testing.T, d *eligibility.Decision) {
			if d.ReferTo == nil || *d.ReferTo != "N-SOGP" {
				t.Errorf("refer_to = %v, want N-SOGP", d.ReferTo)
			}
			if d.Proposal != nil {
				t.Error("post-sentence decisions carry no proposal")
			}
		}},
		{"young band under 21", func(c *isotp.Case) { c.Offender.DateOfBirth = date("2005-11-28") }, func(t *testing.T, d *eligibility.Decision) {
			if *d.Age != 20 || *d.AgeBand != "young" {
				t.Errorf("age %d band %s, want 20 young", *d.Age, *d.AgeBand)
			}
		}},
		{"adult from 21", func(c *isotp.Case) { c.Offender.DateOfBirth = date("2005-11-27") }, func(t *testing.T, d *eligibility.Decision) {
			if *d.Age != 21 || *d.AgeBand != "adult" {
				t.Errorf("age %d band %s, want 21 adult", *d.Age, *d.AgeBand)
			}
		}},
		{"unknown age is null", func(c *isotp.Case) { c.Offender.DateOfBirth = isotp.Date{} }, func(t *testing.T, d *eligibility.Decision) {
			if d.Age != nil || d.AgeBand != nil {
				t.Error("age and band must be null when the date of birth is unknown")
			}
			if diff := cmp.Diff([]string{"offender.date_of_birth"}, d.Missing); diff != "" {
				t.Errorf("missing mismatch (-want +got):\n%s", diff)
			}
		}},
		{"pre-sentence cja2003 proposal", func(c *isotp.Case) { c.Stage = isotp.PreSentence }, func(t *testing.T, d *eligibility.Decision) {
			want := `A Community Order with a Supervision Requirement of at least 24 months and a Programme Requirement to attend a "Sex Offender Treatment Programme of up to 60 sessions".`
			if d.Proposal == nil || *d.Proposal != want {
				t.Errorf("proposal = %v\nwant %s", d.Proposal, want)
			}
		}},
		{"pre-sentence pre-2005 proposal", func(c *isotp.Case) { c.Stage, c.Offences[0].Date = isotp.PreSentence, date("2004-12-31") }, func(t *testing.T, d *eligibility.Decision) {
			want := `A Community Rehabilitation Order of at least 24 months with a condition to attend a "Sex Offender Treatment Programme of up to 60 sessions".`
			if d.Proposal == nil || *d.Proposal != want || d.Regime != eligibility.RegimePreCJA2003 {
				t.Errorf("proposal = %v (regime %s)\nwant %s", d.Proposal, d.Regime, want)
			}
		}},
		{"pre-sentence, regime unknown: both proposals", func(c *isotp.Case) { c.Stage, c.Offences[0].Date = isotp.PreSentence, isotp.Date{} }, func(t *testing.T, d *eligibility.Decision) {
			if d.Outcome != eligibility.Eligible || d.Regime != eligibility.RegimeUnknown || d.Proposal == nil ||
				!strings.Contains(*d.Proposal, "on or after 4 April 2005: A Community Order") ||
				!strings.Contains(*d.Proposal, "before 4 April 2005: A Community Rehabilitation Order") {
				t.Errorf("outcome %s regime %s proposal %v", d.Outcome, d.Regime, d.Proposal)
			}
		}},
		{"pre-sentence refer carries a proposal", func(c *isotp.Case) { c.Stage, c.Offender.RiskOfHarm = isotp.PreSentence, isotp.RiskVeryHigh }, func(t *testing.T, d *eligibility.Decision) {
			if d.Outcome != eligibility.Refer || d.Proposal == nil {
				t.Errorf("outcome %s proposal %v", d.Outcome, d.Proposal)
			}
		}},
		{"pre-sentence ineligible has no proposal", func(c *isotp.Case) { c.Stage, c.Offender.Sex = isotp.PreSentence, isotp.Female }, func(t *testing.T, d *eligibility.Decision) {
			if d.Proposal != nil {
				t.Errorf("proposal %v", *d.Proposal)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, decide(t, e, edit(t, tt.change))) })
	}
}

func TestAreaOverrides(t *testing.T) {
	tests := []struct {
		name    string
		area    string
		change  func(*isotp.Case)
		rule    string
		verdict string
	}{
		{"raised minimum age", "params:\n  min_age: 18\n", func(c *isotp.Case) { c.Offender.DateOfBirth = date("2009-01-01") }, "min_age", "fail"},
		{"raised supervision", "params:\n  min_supervision_months: 36\n", func(c *isotp.Case) { c.Order.SupervisionMonths = ptr(30) }, "supervision_length", "fail"},
		{"added rule", "eligibility:\n  rules:\n    - id: local_id\n      description: A local rule.\n      expression: has(offender.id)\n      effect: ineligible\n",
			func(c *isotp.Case) { c.Offender.ID = "" }, "local_id", "fail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := evaluator(t, "area: cheshire\npolicy: i-SOTP\n"+tt.area)
			d := decide(t, e, edit(t, tt.change))
			if got := verdict(d, tt.rule); got != tt.verdict {
				t.Errorf("%s = %s, want %s", tt.rule, got, tt.verdict)
			}
			if d.Policy.Area != "cheshire" {
				t.Errorf("policy area = %s", d.Policy.Area)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	e := evaluator(t, "")
	c := edit(t, func(c *isotp.Case) { c.Offences[0].Internet = nil })
	d, err := e.Decide(context.Background(), c, rules.Explain())
	require.NoError(t, err)
	var got *rules.Explanation
	for _, r := range d.Rules {
		if r.ID == "internet_related" {
			got = r.Explanation
		}
	}
	want := &rules.Explanation{
		UnknownWhen: "offences.size() == 0",
		Expression:  "offences.exists(o, in_catalogue(o.offence) && o.internet)",
		Read: []rules.Fact{
			{Path: "offences", Value: "a list of 1"},
			{Path: "offences[0].offence", Value: "'possess_indecent_photograph'"},
			{Path: "offences[0].internet", Value: "not known"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("explanation mismatch (-want +got):\n%s", diff)
	}
	if len(d.Variables) != 3 || d.Variables[0].Name != "age" || d.Variables[0].Value != "36" {
		t.Errorf("variables = %+v", d.Variables)
	}
	plain, _ := e.Decide(context.Background(), c)
	if plain.Rules[0].Explanation != nil || plain.Variables != nil {
		t.Error("a decision made without Explain carries explanations")
	}
}

// TestPossibleResults: an unknown rule lists the results it could have;
// the decision is pending only where they could change the outcome.
func TestPossibleResults(t *testing.T) {
	e := evaluator(t, "")
	tests := []struct {
		name    string
		change  func(*isotp.Case)
		want    map[string]string // rule id: possible results, for the unknown rules
		missing []string
		outcome eligibility.Outcome
	}{
		{"nothing missing", nil, map[string]string{}, []string{}, eligibility.Eligible},
		{"stage missing", func(c *isotp.Case) { c.Stage = isotp.StageUnknown },
			map[string]string{"deviance": "pass|not_applicable", "supervision_length": "pass|not_applicable", "order_type": "pass|not_applicable"},
			[]string{"stage"}, eligibility.Eligible},
		{"stage and deviance missing", func(c *isotp.Case) { c.Stage, c.Offender.Deviance = isotp.StageUnknown, isotp.DevianceUnknown },
			map[string]string{"deviance": "pass|fail|not_applicable", "supervision_length": "pass|not_applicable", "order_type": "pass|not_applicable"},
			[]string{"stage"}, eligibility.Pending},
		{"sex missing", func(c *isotp.Case) { c.Offender.Sex = isotp.SexUnknown },
			map[string]string{"male": "pass|fail"}, []string{"offender.sex"}, eligibility.Pending},
		{"order type missing", func(c *isotp.Case) { c.Order.Type = isotp.OrderTypeUnknown },
			map[string]string{"order_type": "pass|fail"}, []string{"order.type"}, eligibility.Pending},
		{"a woman of unknown age", func(c *isotp.Case) { c.Offender.Sex, c.Offender.DateOfBirth = isotp.Female, isotp.Date{} },
			map[string]string{"min_age": "pass|fail"}, []string{"offender.date_of_birth"}, eligibility.Ineligible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, e, edit(t, tt.change))
			got := map[string]string{}
			for _, r := range d.Rules {
				if r.Verdict == rules.Unknown {
					got[r.ID] = rules.VerdictsOf(r.Possible...).String()
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("possible results mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.missing, d.Missing); diff != "" {
				t.Errorf("missing mismatch (-want +got):\n%s", diff)
			}
			if d.Outcome != tt.outcome {
				t.Errorf("outcome = %s, want %s", d.Outcome, tt.outcome)
			}
		})
	}
}

// TestProposalIfPreSentence: with the stage missing and the outcome decided,
// the proposal is not made (a consumer cannot take it as made), but given
// for the case that this is before sentence.
func TestProposalIfPreSentence(t *testing.T) {
	e := evaluator(t, "")
	tests := []struct {
		name   string
		change func(*isotp.Case)
		want   string // in ProposalIfPreSentence; "" for none
	}{
		{"stage missing, eligible", func(c *isotp.Case) { c.Stage = isotp.StageUnknown }, "A Community Order with a Supervision Requirement of at least 24 months"},
		{"stage missing, referred", func(c *isotp.Case) { c.Stage, c.Offender.RiskOfHarm = isotp.StageUnknown, isotp.RiskVeryHigh }, "A Community Order"},
		{"stage missing, pending", func(c *isotp.Case) { c.Stage, c.Offender.Deviance = isotp.StageUnknown, isotp.DevianceHigh }, ""},
		{"stage missing, ineligible", func(c *isotp.Case) { c.Stage, c.Offender.Sex = isotp.StageUnknown, isotp.Female }, ""},
		{"before sentence", func(c *isotp.Case) { c.Stage = isotp.PreSentence }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, e, edit(t, tt.change))
			if d.Stage == isotp.StageUnknown && d.Proposal != nil {
				t.Errorf("proposal %q with the stage not known", *d.Proposal)
			}
			got := ""
			if d.ProposalIfPreSentence != nil {
				got = *d.ProposalIfPreSentence
			}
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("proposal if pre-sentence = %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// TestImpossibleDates: a date of birth or an offence after the date of the
// decision is an input error naming the fact, without quoting the date.
func TestImpossibleDates(t *testing.T) {
	e := evaluator(t, "")
	tests := []struct {
		name   string
		change func(*isotp.Case)
		path   string // "" for no error
	}{
		{"born the day after", func(c *isotp.Case) { c.Offender.DateOfBirth = date("2026-11-28") }, "offender.date_of_birth"},
		{"born on the day", func(c *isotp.Case) { c.Offender.DateOfBirth = date("2026-11-27") }, ""},
		{"offence the day after", func(c *isotp.Case) { c.Offences[0].Date = date("2026-11-28") }, "offences[0].date"},
		{"second offence after", func(c *isotp.Case) {
			c.Offences = append(c.Offences, isotp.Offence{Offence: "burglary", Date: date("2030-01-01")})
		}, "offences[1].date"},
		{"offence on the day", func(c *isotp.Case) { c.Offences[0].Date = date("2026-11-27") }, ""},
		{"no as-of date: nothing to compare", func(c *isotp.Case) { c.AsOf, c.Offender.DateOfBirth = isotp.Date{}, date("2099-01-01") }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Decide(context.Background(), edit(t, tt.change))
			if tt.path == "" {
				require.NoError(t, err)
				return
			}
			var ie *isotp.InputError
			require.ErrorAs(t, err, &ie)
			require.ErrorIs(t, err, isotp.ErrInvalidInput)
			if ie.Path != tt.path {
				t.Errorf("path = %s, want %s", ie.Path, tt.path)
			}
			if strings.Contains(err.Error(), "20") {
				t.Errorf("the error quotes a date: %v", err)
			}
		})
	}
}

// TestRegimeReason: the regime line says why, over the eligible offences,
// and what it cannot be worked out without.
func TestRegimeReason(t *testing.T) {
	e := evaluator(t, "")
	tests := []struct {
		name   string
		change func(*isotp.Case)
		want   string
	}{
		{"an eligible offence since the Act", nil,
			`His eligible offence "Possession of an indecent photograph of a child" (1 March 2019) was committed on or after the Criminal Justice Act 2003 came into force on 4 April 2005.`},
		{"before the Act", func(c *isotp.Case) { c.Offences[0].Date = date("2004-01-01") },
			"His eligible offences were all committed before the Criminal Justice Act 2003 came into force on 4 April 2005."},
		{"a later offence that does not count", func(c *isotp.Case) {
			c.Offences[0].Date = date("2004-01-01")
			c.Offences = append(c.Offences, isotp.Offence{Offence: "burglary", Date: date("2010-01-01")})
		}, "His eligible offences were all committed before the Criminal Justice Act 2003 came into force on 4 April 2005. His later offences, which are not ones for which i-SOTP is accredited, do not count."},
		{"no eligible offence", func(c *isotp.Case) { c.Offences[0].Offence = "burglary" },
			"His offence (1 March 2019) was committed on or after the Criminal Justice Act 2003 came into force on 4 April 2005. None of his offences is one for which i-SOTP is accredited, so all of them count."},
		{"no offence recorded", func(c *isotp.Case) { c.Offences = []isotp.Offence{} }, "No offence is recorded."},
		{"offences not recorded", func(c *isotp.Case) { c.Offences = nil }, "His offences are not recorded."},
		{"the offence's name missing", func(c *isotp.Case) { c.Offences[0].Offence = "" },
			"His offence (1 March 2019) was committed on or after the Criminal Justice Act 2003 came into force on 4 April 2005."},
		{"the offence's name missing, before the Act", func(c *isotp.Case) {
			c.Offences[0].Offence, c.Offences[0].Date = "", date("2004-01-01")
		}, "His offences were all committed before the Criminal Justice Act 2003 came into force on 4 April 2005."},
		{"an eligible offence since the Act, another's name missing", func(c *isotp.Case) {
			c.Offences = append(c.Offences, isotp.Offence{Date: date("2001-01-01")})
		}, `His eligible offence "Possession of an indecent photograph of a child" (1 March 2019) was committed on or after the Criminal Justice Act 2003 came into force on 4 April 2005.`},
		{"names missing on both sides of the Act", func(c *isotp.Case) {
			c.Offences[0].Offence = ""
			c.Offences = append(c.Offences, isotp.Offence{Date: date("2001-01-01")})
		}, "It cannot be worked out without knowing what his first offence was and what his second offence was."},
		{"a date missing", func(c *isotp.Case) {
			c.Offences = append(c.Offences, isotp.Offence{Offence: "possess_indecent_photograph"})
			c.Offences[0].Date = date("2004-01-01")
		}, "It cannot be worked out without knowing the date of his second offence."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decide(t, e, edit(t, tt.change)).RegimeReason; got != tt.want {
				t.Errorf("regime reason =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestRegimeWithAnOffenceUnnamed: an offence whose name is missing may or
// may not be eligible, so the regime waits for it only where that could
// change it: offences all on one side of the commencement decide it
// whichever of them count.
func TestRegimeWithAnOffenceUnnamed(t *testing.T) {
	e := evaluator(t, "")
	unnamed := func(d string) isotp.Offence { return isotp.Offence{Date: date(d)} }
	named := func(id, d string) isotp.Offence { return isotp.Offence{Offence: id, Date: date(d)} }
	tests := []struct {
		name     string
		offences []isotp.Offence
		want     eligibility.Regime
	}{
		{"one unnamed, before", []isotp.Offence{unnamed("2004-01-01")}, eligibility.RegimePreCJA2003},
		{"one unnamed, since", []isotp.Offence{unnamed("2019-03-01")}, eligibility.RegimeCJA2003},
		{"unnamed and not eligible, all before", []isotp.Offence{unnamed("2004-01-01"), named("burglary", "2003-05-01")}, eligibility.RegimePreCJA2003},
		{"unnamed and not eligible, all since", []isotp.Offence{unnamed("2019-03-01"), named("burglary", "2010-05-01")}, eligibility.RegimeCJA2003},
		{"eligible before, unnamed before", []isotp.Offence{named("possess_indecent_photograph", "2004-01-01"), unnamed("2003-01-01")}, eligibility.RegimePreCJA2003},
		{"eligible since, unnamed before", []isotp.Offence{named("possess_indecent_photograph", "2019-03-01"), unnamed("2003-01-01")}, eligibility.RegimeCJA2003},
		{"eligible before, unnamed since", []isotp.Offence{named("possess_indecent_photograph", "2004-01-01"), unnamed("2019-03-01")}, eligibility.RegimeUnknown},
		{"eligible before, not eligible and undated", []isotp.Offence{named("possess_indecent_photograph", "2004-01-01"), {Offence: "burglary"}}, eligibility.RegimePreCJA2003},
		{"eligible and undated", []isotp.Offence{{Offence: "possess_indecent_photograph"}, unnamed("2019-03-01")}, eligibility.RegimeUnknown},
		// Eligible or not, the later offence decides it: if it is, it is
		// an eligible offence since; if not, none is eligible and all count.
		{"not eligible before, unnamed since", []isotp.Offence{named("burglary", "2003-05-01"), unnamed("2019-03-01")}, eligibility.RegimeCJA2003},
		{"not eligible before, eligible and unnamed since", []isotp.Offence{named("burglary", "2003-05-01"), named("possess_indecent_photograph", "2012-01-01"), unnamed("2019-03-01")}, eligibility.RegimeCJA2003},
		{"unnamed before, unnamed since", []isotp.Offence{unnamed("2003-05-01"), unnamed("2019-03-01")}, eligibility.RegimeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(t, e, edit(t, func(c *isotp.Case) { c.Offences = tt.offences }))
			require.Equal(t, tt.want, d.Regime)
		})
	}
}

// TestSummary: the first line of the text says what was found, in the
// rules' own words, never their ids.
func TestSummary(t *testing.T) {
	e := evaluator(t, "")
	tests := []struct {
		name   string
		change func(*isotp.Case)
		want   string
	}{
		{"eligible", nil, "He meets every eligibility requirement for i-SOTP."},
		{"not internet", func(c *isotp.Case) { c.Offences[0].Internet = ptr(false) },
			"He is not eligible for i-SOTP. None of his eligible offences was related to the use of the internet."},
		{"two failures", func(c *isotp.Case) { c.Offences[0].Internet, c.Order.SupervisionMonths = ptr(false), ptr(18) },
			"He is not eligible for i-SOTP. None of his eligible offences was related to the use of the internet. He has 18 months of supervision; at least 24 are needed."},
		{"pending", func(c *isotp.Case) { c.Offender.DateOfBirth, c.Offender.RiskOfHarm = isotp.Date{}, isotp.RiskUnknown },
			"No decision can be made without knowing his date of birth and his Risk of Harm."},
		{"decided with the stage missing", func(c *isotp.Case) { c.Stage = isotp.StageUnknown },
			"He meets every eligibility requirement for i-SOTP. Some facts are not recorded (listed below), but whatever they are, the outcome is the same."},
		{"referred", func(c *isotp.Case) { c.Offender.RiskOfHarm = isotp.RiskVeryHigh },
			"He should be referred to N-SOGP instead of i-SOTP. He poses a Very High Risk of Harm and needs more treatment time than i-SOTP gives, so he is referred to N-SOGP."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			require.NoError(t, decide(t, e, edit(t, tt.change)).WriteText(&b))
			lines := strings.SplitN(b.String(), "\n\n", 2)[0]
			got := strings.Join(strings.Fields(strings.SplitN(lines, "\n", 2)[1]), " ")
			if got != tt.want {
				t.Errorf("summary =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
