package rules

import (
	"regexp"
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp"
)

// An OutcomeCode maps an attendance outcome code of a case-management system
// (nDelius ATTC, UAAB, AAME, ...) onto one of the pinned session outcomes,
// so that case files exported from case management load as they are.
type OutcomeCode struct {
	Code    string               `json:"code"`
	Outcome isotp.SessionOutcome `json:"outcome"`
	Source  string               `json:"source"` // "national" or the area file's name
	Pos     Position             `json:"-"`      // where the code is defined
}

// outcomeCodeSyntax is what a code may look like: letters, digits and
// underscores, as case-management systems write them.
var outcomeCodeSyntax = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_]*$`)

// parseOutcomeCodes reads an outcome_codes mapping of code to pinned outcome
// into codes. National files may not define a code twice; an area file may
// add codes but not redefine one the national policy defines.
func parseOutcomeCodes(f *srcFile, errs *ErrorList, n *yaml.Node, codes map[string]OutcomeCode, source string) {
	for _, kv := range f.pairs(errs, n, "outcome_codes") {
		k, v := kv[0], kv[1]
		code := k.Value
		switch {
		case !outcomeCodeSyntax.MatchString(code):
			f.errorf(errs, "outcome_code", k, "outcome code %q: want letters, digits and underscores", code)
			continue
		case isPinnedOutcome(code):
			f.errorf(errs, "outcome_code", k, "outcome code %q is a session outcome itself; map codes of a case-management system onto it", code)
			continue
		}
		s, ok := f.text(errs, v, "outcome code "+code)
		if !ok {
			continue
		}
		outcome, ok := isotp.ParseSessionOutcome(s)
		if !ok {
			f.errorf(errs, "outcome_code", v, "outcome code %q: unknown outcome %q (want attended, acceptable_absence, unacceptable_absence, failed_to_comply or catch_up)", code, s)
			continue
		}
		if prev, dup := codes[code]; dup {
			if prev.Source == "national" && source != "national" {
				f.errorf(errs, "outcome_code", k, "outcome code %q is national policy (%s) and cannot be redefined by an area; an area may add codes", code, prev.Pos)
			} else {
				f.errorf(errs, "outcome_code", k, "outcome code %q is already defined at %s", code, prev.Pos)
			}
			continue
		}
		codes[code] = OutcomeCode{Code: code, Outcome: outcome, Source: source, Pos: f.pos(k.Line, k.Column)}
	}
}

func isPinnedOutcome(s string) bool {
	_, ok := isotp.ParseSessionOutcome(s)
	return ok
}

// SessionOutcome returns the session outcome that s stands for: a pinned
// outcome spelling (attended, acceptable_absence, unacceptable_absence,
// failed_to_comply, catch_up) or an outcome code the policy maps. Codes match
// exactly as written, upper and lower case included.
func (p *Policy) SessionOutcome(s string) (isotp.SessionOutcome, bool) {
	// Codes never spell a pinned outcome (the loader refuses them), so the
	// order of the two look-ups does not matter; codes come first because
	// exported cases are written in them.
	p.trace.table(OutcomeCodes)
	if c, ok := p.outcomeCodes[s]; ok {
		return c.Outcome, true
	}
	return isotp.ParseSessionOutcome(s)
}

// OutcomeCodes returns the outcome codes in force, national and the area's,
// sorted by code.
func (p *Policy) OutcomeCodes() []OutcomeCode {
	p.trace.table(OutcomeCodes)
	out := make([]OutcomeCode, 0, len(p.outcomeCodes))
	for _, c := range p.outcomeCodes {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
