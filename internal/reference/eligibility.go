// Package reference is a hand-written Go implementation of the national
// policy's rules, kept beside the CEL engine as a differential test oracle
// and as the speed baseline in benchmarks. It hard-codes the national
// parameters; it knows nothing of area files.
package reference

import (
	"strings"

	"github.com/isotp-dev/isotp"
)

// National parameter values the reference is written for.
const (
	MinAge               = 17
	AdultMinAge          = 21
	MinSupervisionMonths = 24
	ReferProgramme       = "N-SOGP"
)

// Commencement is the Criminal Justice Act 2003 commencement date.
var Commencement = isotp.NewDate(2005, 4, 4)

// tri is a three-valued truth value.
type tri uint8

const (
	no tri = iota
	yes
	unknown
)

func and(a, b tri) tri {
	switch {
	case a == no || b == no:
		return no
	case a == unknown || b == unknown:
		return unknown
	}
	return yes
}

func or(a, b tri) tri {
	switch {
	case a == yes || b == yes:
		return yes
	case a == unknown || b == unknown:
		return unknown
	}
	return no
}

func not(a tri) tri {
	switch a {
	case yes:
		return no
	case no:
		return yes
	}
	return unknown
}

func of(b bool) tri {
	if b {
		return yes
	}
	return no
}

// RuleResult is one rule's verdict: "pass", "fail", "unknown" or
// "not_applicable"; an unknown rule's Possible results are those it could
// have once its missing facts are known, joined by "|" in the order pass,
// fail, not_applicable.
type RuleResult struct {
	ID, Verdict, Effect string
	Possible            string
}

// Decision is the reference's eligibility decision.
type Decision struct {
	Outcome string // eligible, ineligible, refer, pending
	Regime  string // cja2003, pre_cja2003, unknown
	Age     int
	AgeOK   bool
	AgeBand string // young, adult or ""
	Rules   []RuleResult
}

var catalogue = map[string]bool{}

func init() {
	for _, name := range []string{
		"take_make_indecent_photograph", "Taking or making indecent photographs of children", "Protection of Children Act 1978 s.1(1)(a)",
		"possess_indecent_photograph", "Possession of an indecent photograph of a child", "Criminal Justice Act 1988 s.160",
		"cause_incite_child_prostitution_pornography", "Causing or inciting child prostitution or pornography", "Sexual Offences Act 2003 s.48",
		"Causing or inciting sexual exploitation of a child",
		"control_child_prostitution_pornography", "Controlling a child prostitute or a child involved in pornography", "Sexual Offences Act 2003 s.49",
		"Controlling a child in relation to sexual exploitation",
		"arrange_facilitate_child_prostitution_pornography", "Arranging or facilitating child prostitution or pornography", "Sexual Offences Act 2003 s.50",
		"Arranging or facilitating sexual exploitation of a child",
	} {
		catalogue[normalise(name)] = true
	}
}

func normalise(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

func inCatalogue(o *isotp.Offence) tri {
	if o.Offence == "" {
		return unknown
	}
	if catalogue[o.Offence] {
		return yes
	}
	return of(catalogue[normalise(o.Offence)])
}

func dateOnOrAfter(d, c isotp.Date) tri {
	if d.IsZero() {
		return unknown
	}
	return of(!d.Before(c))
}

func exists(offences []isotp.Offence, pred func(o *isotp.Offence) tri) tri {
	r := no
	for i := range offences {
		r = or(r, pred(&offences[i]))
		if r == yes {
			return yes
		}
	}
	return r
}

// Decide applies the national eligibility rules to c.
//
// A rule left unknown by a missing fact could still have only some results.
// Of the facts the national rules read, only the stage is read by more than
// one rule (deviance, supervision_length and order_type apply only after
// sentence), so when it is missing Decide works the rules out in two
// worlds, before sentence (where those three do not apply) and after it.
// Every other missing fact is read by one rule only, and a rule it leaves
// unknown could pass or fail whatever the others are: each such rule
// reads its facts through conditions that can go either way (a missing
// enumeration or flag has a value that passes and one that fails; a
// missing date, number or name can be anything). The outcome is decided
// when every world gives the same one, its rules' results combined freely
// within a world; otherwise it is pending.
func Decide(c *isotp.Case) Decision {
	if c.Stage != isotp.StageUnknown {
		d := decide(c, c.Stage == isotp.PostSentence)
		d.Outcome = outcomeOf([][]RuleResult{d.Rules})
		for i := range d.Rules {
			if d.Rules[i].Verdict == "unknown" {
				d.Rules[i].Possible = "pass|fail"
			}
		}
		return d
	}
	pre, post := decide(c, false), decide(c, true)
	d := post // the rules that do not read the stage are the same in both
	d.Outcome = outcomeOf([][]RuleResult{pre.Rules, post.Rules})
	for i := range d.Rules {
		a, b := pre.Rules[i].Verdict, post.Rules[i].Verdict
		switch {
		case a == "not_applicable":
			d.Rules[i].Verdict = "unknown"
			d.Rules[i].Possible = join(b, "not_applicable")
		case a == "unknown":
			d.Rules[i].Possible = "pass|fail"
		}
	}
	return d
}

// join writes the possible results of a rule that does not apply in one
// world and is v in the other.
func join(v, other string) string {
	if v == "unknown" {
		return "pass|fail|" + other
	}
	return v + "|" + other
}

// outcomeOf returns the outcome when the rules could have any of the
// results given for them in each world: each verdict stands for itself, and
// unknown for pass or fail.
func outcomeOf(worlds [][]RuleResult) string {
	seen := map[string]bool{}
	for _, rs := range worlds {
		var mayFail, mustFail [2]bool // ineligible, refer
		for _, r := range rs {
			k := 0
			switch r.Effect {
			case "ineligible":
			case "refer":
				k = 1
			default:
				continue
			}
			mayFail[k] = mayFail[k] || r.Verdict == "fail" || r.Verdict == "unknown"
			mustFail[k] = mustFail[k] || r.Verdict == "fail"
		}
		if mayFail[0] {
			seen["ineligible"] = true
		}
		if !mustFail[0] {
			if mayFail[1] {
				seen["refer"] = true
			}
			if !mustFail[1] {
				seen["eligible"] = true
			}
		}
	}
	if len(seen) != 1 {
		return "pending"
	}
	for o := range seen {
		return o
	}
	return "pending"
}

// decide applies the rules with the stage taken as after sentence when
// post, before it otherwise; the outcome is left to the caller.
func decide(c *isotp.Case, postSentence bool) Decision {
	var d Decision
	off := c.Offender
	if off == nil {
		off = &isotp.Offender{}
	}
	order := c.Order
	if order == nil {
		order = &isotp.Order{}
	}
	if !off.DateOfBirth.IsZero() && !c.AsOf.IsZero() {
		d.Age, d.AgeOK = off.DateOfBirth.AgeAt(c.AsOf), true
		d.AgeBand = "adult"
		if d.Age < AdultMinAge {
			d.AgeBand = "young"
		}
	}
	listed := of(len(c.Offences) > 0)
	if c.Offences == nil {
		listed = unknown
	}

	// regime
	d.Regime = "unknown"
	if listed == yes {
		// cja2003 when an eligible offence is on or after the
		// commencement, or none is eligible and any is; pre_cja2003 when
		// that cannot hold whatever the missing facts are. Offences all
		// on or after it make it cja2003 whichever are eligible, and so
		// does one on or after it when none before it is eligible.
		eligibleAfter := exists(c.Offences, func(o *isotp.Offence) tri { return and(inCatalogue(o), dateOnOrAfter(o.Date, Commencement)) })
		anyEligible := exists(c.Offences, func(o *isotp.Offence) tri { return inCatalogue(o) })
		anyAfter := exists(c.Offences, func(o *isotp.Offence) tri { return dateOnOrAfter(o.Date, Commencement) })
		allAfter := not(exists(c.Offences, func(o *isotp.Offence) tri { return not(dateOnOrAfter(o.Date, Commencement)) }))
		// One on or after it with every one before it not eligible:
		// whether the later ones are eligible or not.
		noneEligibleBefore := not(exists(c.Offences, func(o *isotp.Offence) tri { return and(not(dateOnOrAfter(o.Date, Commencement)), inCatalogue(o)) }))
		switch or(or(or(eligibleAfter, allAfter), and(not(anyEligible), anyAfter)), and(anyAfter, noneEligibleBefore)) {
		case yes:
			d.Regime = "cja2003"
		case no:
			d.Regime = "pre_cja2003"
		}
	}
	post := of(postSentence)
	add := func(id, effect string, applies, unknownWhen, holds tri) {
		v := "pass"
		switch {
		case applies == no:
			v = "not_applicable"
		case applies == unknown || unknownWhen != no || holds == unknown:
			v = "unknown"
		case holds == no:
			v = "fail"
		}
		d.Rules = append(d.Rules, RuleResult{ID: id, Verdict: v, Effect: effect})
	}

	sex := unknown
	if off.Sex != isotp.SexUnknown {
		sex = of(off.Sex == isotp.Male)
	}
	add("male", "ineligible", yes, no, sex)

	age := unknown
	if d.AgeOK {
		age = of(d.Age >= MinAge)
	}
	add("min_age", "ineligible", yes, no, age)

	add("eligible_offence", "ineligible", yes, not(listed), exists(c.Offences, inCatalogue))
	add("internet_related", "ineligible", yes, not(listed), exists(c.Offences, func(o *isotp.Offence) tri {
		internet := unknown
		if o.Internet != nil {
			internet = of(*o.Internet)
		}
		return and(inCatalogue(o), internet)
	}))

	risk := unknown
	if off.RiskOfHarm != isotp.RiskUnknown {
		risk = of(off.RiskOfHarm != isotp.RiskVeryHigh)
	}
	add("risk_of_harm", "refer", yes, no, risk)

	dev := unknown
	if off.Deviance != isotp.DevianceUnknown {
		dev = of(off.Deviance != isotp.DevianceHigh)
	}
	add("deviance", "refer", post, no, dev)

	months := unknown
	if order.SupervisionMonths != nil {
		months = of(*order.SupervisionMonths >= MinSupervisionMonths)
	}
	add("supervision_length", "ineligible", post, no, months)

	typ := func(t isotp.OrderType) tri {
		if order.Type == isotp.OrderTypeUnknown {
			return unknown
		}
		return of(order.Type == t)
	}
	regime := func(r string) tri {
		if d.Regime == "unknown" {
			return unknown
		}
		return of(d.Regime == r)
	}
	has := func(r isotp.Requirement) tri {
		if order.Requirements == nil {
			return unknown
		}
		for _, x := range order.Requirements {
			if x == r {
				return yes
			}
		}
		return no
	}
	orderOK := or(typ(isotp.Licence),
		or(and(regime("pre_cja2003"), typ(isotp.CommunityRehabilitationOrder)),
			and(and(regime("cja2003"), typ(isotp.CommunityOrder)), and(has(isotp.SupervisionRequirement), has(isotp.ProgrammeRequirement)))))
	add("order_type", "ineligible", post, no, orderOK)
	return d
}
