package whatif

import (
	"slices"
	"strings"

	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

// fieldPrefix is where a section's rule results appear in the output.
var fieldPrefix = map[string]string{
	"eligibility": "eligibility.rules.",
	"completion":  "attendance.completion.rules.",
}

// codeReads lists, for the decisions made in Go rather than in rules, the
// differences that can reach them: the parameters the decision packages
// read for them (eligibility.New, attendance.New, assessment.New and the
// package comments) and, for the proposal, the texts it is made of.
var codeReads = map[string][]string{
	"eligibility.refer_to":           {"params.refer_programme"},
	"eligibility.regime":             {"params.cja2003_commencement"},
	"eligibility.proposal":           {"eligibility.texts.proposal_cja2003", "eligibility.texts.proposal_pre_cja2003", "params.cja2003_commencement", "params.refer_programme"},
	"attendance":                     nil,
	"attendance.status":              {"params.sessions", "params.max_catch_ups", "params.session_hours"},
	"attendance.next":                {"params.sessions", "params.max_catch_ups"},
	"attendance.catch_ups_remaining": {"params.max_catch_ups"},
	"attendance.enforcement.action":  {"params.warning_window_months"},
}

// planReach works out which decisions the differences can reach: those
// whose rules, texts or tables differ, or that read a parameter that
// differs, in their rules or in their Go code (codeReads, and the
// attendance package's New).
func (d *Differ) planReach(sa, sb map[string]*staticSection) {
	reads := [concerns][]string{
		concernEligibility: append(slices.Clone(codeReads["eligibility.regime"]), codeReads["eligibility.refer_to"]...),
		concernAttendance: {"params.sessions", "params.session_hours", "params.max_catch_ups",
			"params.warning_window_months", "params.breach_within_working_days"},
		concernAssessment: {"params.rci_threshold"},
	}
	for k, name := range sectionNames {
		c := []int{concernEligibility, concernAttendance}[k]
		for _, s := range []*staticSection{sa[name], sb[name]} {
			for _, r := range s.rules {
				reads[c] = append(reads[c], r.params...)
			}
			reads[c] = append(reads[c], s.varParams...)
		}
	}
	prefixes := [concerns][]string{
		concernEligibility: {"eligibility.", "offence_catalogue"},
		concernAttendance:  {"completion.", "outcome_codes."},
		concernAssessment:  {"assessment."},
	}
	for c := range concerns {
		for _, df := range d.diffs {
			if slices.Contains(reads[c], df.Name) || slices.ContainsFunc(prefixes[c], func(p string) bool { return strings.HasPrefix(df.Name, p) }) {
				d.reach[c] = true
			}
		}
	}
}

// planOrder numbers the decisions in the order Compare reports them.
func (d *Differ) planOrder(ba, bb []rules.Scale) {
	d.order = map[string]int{}
	add := func(fields ...string) {
		for _, f := range fields {
			if _, ok := d.order[f]; !ok {
				d.order[f] = len(d.order)
			}
		}
	}
	add("eligibility", "eligibility.outcome", "eligibility.refer_to", "eligibility.regime", "eligibility.proposal")
	add(d.ruleSecs["eligibility"]...)
	add("attendance", "attendance.status", "attendance.next", "attendance.catch_ups_remaining",
		"attendance.enforcement.action", "attendance.completion.met")
	add(d.ruleSecs["completion"]...)
	add("assessment")
	for _, b := range [][]rules.Scale{ba, bb} {
		for _, s := range b {
			add(scaleField(s.ID))
		}
	}
}

// rank is a field's place in the output.
func (d *Differ) rank(field string) int {
	if r, ok := d.order[field]; ok {
		return r
	}
	return len(d.order)
}

// planCauses works out, for every decision compared, which of the
// differences it reads.
func (d *Differ) planCauses(sa, sb map[string]*staticSection, ba, bb []rules.Scale) {
	for field, reads := range codeReads {
		d.causes[field] = d.present(reads)
	}
	for _, name := range sectionNames {
		prefix := fieldPrefix[name]
		for _, s := range []*staticSection{sa[name], sb[name]} {
			for _, r := range s.rules {
				field := prefix + r.id
				if slices.Contains(d.ruleSecs[name], field) {
					continue
				}
				d.ruleSecs[name] = append(d.ruleSecs[name], field)
				d.advisory[field] = r.effect == eligibility.EffectAdvisory || r.effect == attendance.EffectAdvisory
				reads := append(append([]string{name + ".rules." + r.id, name + ".variables"}, r.params...), s.varParams...)
				if name == "completion" {
					// The rules read the summary, which reads these.
					reads = append(reads, codeReads["attendance.status"]...)
				}
				d.causes[field] = d.present(reads)
			}
		}
	}
	for _, b := range [][]rules.Scale{ba, bb} {
		for _, s := range b {
			d.causes[scaleField(s.ID)] = d.present([]string{"assessment.scales." + s.ID, "params.rci_threshold"})
		}
	}
}

// present keeps the names that are differences, in the order of the
// differences.
func (d *Differ) present(names []string) []string {
	var idx []int
	for _, n := range names {
		if i, ok := d.diffIdx[n]; ok && !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = d.diffs[i].Name
	}
	return out
}
