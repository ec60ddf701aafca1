package policytest

import (
	"strconv"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
	"go.yaml.in/yaml/v3"
)

// The values an expectation may name, as the decisions spell them in JSON.
var (
	outcomeChoices  = enum.Spellings[eligibility.Outcome]()
	regimeChoices   = enum.Spellings[eligibility.Regime]()
	ageBandChoices  = []string{"young", "adult"} // the rules' variable age_band, a string
	statusChoices   = enum.Spellings[attendance.Status]()
	actionChoices   = enum.Spellings[attendance.Action]()
	nextChoices     = enum.Spellings[attendance.NextKind]()
	findingChoices  = enum.Spellings[attendance.FindingCode]()
	categoryChoices = enum.Spellings[assessment.Category]()
)

func nullString(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// eligibility reads expect.eligibility: the fields of an eligibility
// decision (isotp eligibility --format json).
func (p *expecter) eligibility(n *yaml.Node) {
	const e = "eligibility"
	p.r.fields(n, "expect.eligibility", map[string]func(k, v *yaml.Node){
		"outcome": func(_, v *yaml.Node) {
			p.enum(e+".outcome", v, outcomeChoices, false, func(o *outcome) string { return o.elig.Outcome.String() })
		},
		"refer_to": func(_, v *yaml.Node) {
			p.optText(e+".refer_to", v, func(o *outcome) *string { return o.elig.ReferTo })
		},
		"regime": func(_, v *yaml.Node) {
			p.enum(e+".regime", v, regimeChoices, false, func(o *outcome) string { return o.elig.Regime.String() })
		},
		"age": func(_, v *yaml.Node) {
			p.optInteger(e+".age", v, func(o *outcome) *int { return o.elig.Age })
		},
		"age_band": func(_, v *yaml.Node) {
			p.enum(e+".age_band", v, ageBandChoices, true, func(o *outcome) string { return nullString(o.elig.AgeBand) })
		},
		"proposal": func(_, v *yaml.Node) {
			p.optText(e+".proposal", v, func(o *outcome) *string { return o.elig.Proposal })
		},
		"proposal_contains": func(_, v *yaml.Node) {
			p.contains(e+".proposal", v, func(o *outcome) *string { return o.elig.Proposal })
		},
		"proposal_if_pre_sentence": func(_, v *yaml.Node) {
			p.optText(e+".proposal_if_pre_sentence", v, func(o *outcome) *string { return o.elig.ProposalIfPreSentence })
		},
		"proposal_if_pre_sentence_contains": func(_, v *yaml.Node) {
			p.contains(e+".proposal_if_pre_sentence", v, func(o *outcome) *string { return o.elig.ProposalIfPreSentence })
		},
		"regime_reason_contains": func(_, v *yaml.Node) {
			p.contains(e+".regime_reason", v, func(o *outcome) *string { return &o.elig.RegimeReason })
		},
		"missing": func(_, v *yaml.Node) {
			p.set(e+".missing", v, nil, func(o *outcome) []string { return o.elig.Missing })
		},
		"rules": func(_, v *yaml.Node) {
			p.ruleResults(e+".rules", v, func(o *outcome) []rules.Result { return o.elig.Rules })
		},
	})
}

// attendance reads expect.attendance: the fields of an attendance summary
// (isotp attendance --format json), completion included.
func (p *expecter) attendance(n *yaml.Node) {
	const a = "attendance"
	p.r.fields(n, "expect.attendance", map[string]func(k, v *yaml.Node){
		"status": func(_, v *yaml.Node) {
			p.enum(a+".status", v, statusChoices, false, func(o *outcome) string { return o.att.Status.String() })
		},
		"sessions_completed": func(_, v *yaml.Node) {
			p.integer(a+".sessions_completed", v, func(o *outcome) int { return o.att.SessionsCompleted })
		},
		"catch_ups": func(_, v *yaml.Node) {
			p.integer(a+".catch_ups", v, func(o *outcome) int { return o.att.CatchUps })
		},
		"catch_ups_remaining": func(_, v *yaml.Node) {
			p.integer(a+".catch_ups_remaining", v, func(o *outcome) int { return o.att.CatchUpsRemaining })
		},
		"catch_ups_allowed": func(_, v *yaml.Node) {
			p.integer(a+".catch_ups_allowed", v, func(o *outcome) int { return o.att.CatchUpsAllowed })
		},
		"outstanding": func(_, v *yaml.Node) {
			p.ints(a+".outstanding", v, func(o *outcome) []int { return o.att.Outstanding })
		},
		"hours_completed": func(_, v *yaml.Node) {
			p.integer(a+".hours_completed", v, func(o *outcome) int { return o.att.HoursCompleted })
		},
		"next":        func(_, v *yaml.Node) { p.next(v) },
		"enforcement": func(_, v *yaml.Node) { p.enforcement(v) },
		"findings": func(_, v *yaml.Node) {
			p.set(a+".findings", v, findingChoices, func(o *outcome) []string {
				codes := make([]string, len(o.att.Findings))
				for i, f := range o.att.Findings {
					codes[i] = f.Code.String()
				}
				return codes
			})
		},
		"completion": func(_, v *yaml.Node) { p.completion(v) },
	})
}

// next reads attendance.next: null (nothing next: completed or restart
// required) or {kind, session}.
func (p *expecter) next(n *yaml.Node) {
	const f = "attendance.next"
	if isNull(n) {
		p.exact(f, n, "null", func(o *outcome) string {
			if o.att.Next == nil {
				return "null"
			}
			return o.att.Next.Kind.String() + " session " + strconv.Itoa(o.att.Next.Session)
		})
		return
	}
	p.r.fields(n, f, map[string]func(k, v *yaml.Node){
		"kind": func(_, v *yaml.Node) {
			p.enum(f+".kind", v, nextChoices, false, func(o *outcome) string {
				if o.att.Next == nil {
					return "null"
				}
				return o.att.Next.Kind.String()
			})
		},
		"session": func(_, v *yaml.Node) {
			p.optInteger(f+".session", v, func(o *outcome) *int {
				if o.att.Next == nil {
					return nil
				}
				return &o.att.Next.Session
			})
		},
	})
}

func (p *expecter) enforcement(n *yaml.Node) {
	const f = "attendance.enforcement"
	p.r.fields(n, f, map[string]func(k, v *yaml.Node){
		"action": func(_, v *yaml.Node) {
			p.enum(f+".action", v, actionChoices, false, func(o *outcome) string { return o.att.Enforcement.Action.String() })
		},
		"breach_by": func(_, v *yaml.Node) {
			p.optDate(f+".breach_by", v, func(o *outcome) *isotp.Date { return o.att.Enforcement.BreachBy })
		},
		"failures": func(_, v *yaml.Node) {
			p.integer(f+".failures", v, func(o *outcome) int { return len(o.att.Enforcement.Failures) })
		},
	})
}

func (p *expecter) completion(n *yaml.Node) {
	const f = "attendance.completion"
	p.r.fields(n, f, map[string]func(k, v *yaml.Node){
		"met": func(_, v *yaml.Node) {
			p.boolean(f+".met", v, func(o *outcome) bool { return o.att.Completion.Met })
		},
		"undecided": func(_, v *yaml.Node) {
			p.set(f+".undecided", v, nil, func(o *outcome) []string { return o.att.Completion.Undecided })
		},
		"missing": func(_, v *yaml.Node) {
			p.set(f+".missing", v, nil, func(o *outcome) []string { return o.att.Completion.Missing })
		},
		"rules": func(_, v *yaml.Node) {
			p.ruleResults(f+".rules", v, func(o *outcome) []rules.Result { return o.att.Completion.Rules })
		},
	})
}

// assessment reads expect.assessment: each scale's category.
func (p *expecter) assessment(n *yaml.Node) {
	p.r.fields(n, "expect.assessment", map[string]func(k, v *yaml.Node){
		"scales": func(_, v *yaml.Node) {
			for _, kv := range p.r.pairs(v, "assessment.scales") {
				id := kv[0].Value
				p.enum("assessment.scales."+id, kv[1], categoryChoices, false, func(o *outcome) string {
					for _, s := range o.asm.Scales {
						if s.ID == id {
							return s.Category.String()
						}
					}
					return "no such scale in the battery"
				})
			}
		},
	})
}
