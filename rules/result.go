package rules

import (
	"math/bits"
	"strings"

	"github.com/isotp-dev/isotp/internal/enum"
)

// A Verdict is what one rule found for a case.
type Verdict uint8

const (
	// Pass: the rule's expression holds.
	Pass Verdict = iota + 1
	// Fail: the expression does not hold; the rule's effect applies.
	Fail
	// Unknown: facts the rule needs are missing, so it cannot be decided.
	Unknown
	// NotApplicable: the rule's applies_when is false for this case.
	NotApplicable
)

var verdictNames = enum.New[Verdict]("rule result", "pass", "fail", "unknown", "not_applicable").ListChoices()

func (v Verdict) String() string { return verdictNames.String(v) }

// Label is how text views mark the verdict: [met], [NOT MET], [not known],
// [n/a].
func (v Verdict) Label() string {
	switch v {
	case Pass:
		return "[met]"
	case Fail:
		return "[NOT MET]"
	case Unknown:
		return "[not known]"
	case NotApplicable:
		return "[n/a]"
	}
	return "[?]"
}

// MarshalText writes the verdict's JSON spelling.
func (v Verdict) MarshalText() ([]byte, error) { return verdictNames.MarshalText(v) }

// UnmarshalText reads a verdict's JSON spelling.
func (v *Verdict) UnmarshalText(b []byte) error { return verdictNames.UnmarshalText(v, b) }

// A Result is one rule's verdict on a case, with a message for a person.
type Result struct {
	ID      string   `json:"id"`
	Verdict Verdict  `json:"result"`
	Effect  string   `json:"effect"`
	Message string   `json:"message"`
	Missing []string `json:"missing,omitempty"` // facts, as JSON paths, whose absence made it unknown
	// Possible lists, for an unknown rule only, the results it could have
	// once the missing facts are known, in the order pass, fail,
	// not_applicable: at least two of them (a rule that could have only
	// one result has it). See Evaluation.Worlds.
	Possible []Verdict `json:"possible,omitempty"`
	// Explanation is set only when evaluating with the Explain option.
	Explanation *Explanation `json:"explanation,omitempty"`
}

// Verdicts is a set of verdicts: the results a rule could have. The zero
// Verdicts is the empty set.
type Verdicts uint8

// VerdictsOf returns the set of vs.
func VerdictsOf(vs ...Verdict) Verdicts {
	var s Verdicts
	for _, v := range vs {
		s |= 1 << v
	}
	return s
}

// Has reports whether v is in s.
func (s Verdicts) Has(v Verdict) bool { return s&(1<<v) != 0 }

// Within reports whether every verdict of s is in t.
func (s Verdicts) Within(t Verdicts) bool { return s&^t == 0 }

// List returns the verdicts of s in the order pass, fail, unknown,
// not_applicable; nil for the empty set.
func (s Verdicts) List() []Verdict {
	if s == 0 {
		return nil
	}
	out := make([]Verdict, 0, bits.OnesCount8(uint8(s)))
	for v := Pass; v <= NotApplicable; v++ {
		if s.Has(v) {
			out = append(out, v)
		}
	}
	return out
}

// String writes s as its verdicts' spellings joined by "|": "pass|not_applicable".
func (s Verdicts) String() string {
	var parts []string
	for _, v := range s.List() {
		parts = append(parts, v.String())
	}
	return strings.Join(parts, "|")
}

// single returns the one verdict of s, if it has exactly one.
func (s Verdicts) single() (Verdict, bool) {
	s &= VerdictsOf(Pass, Fail, Unknown, NotApplicable)
	if s == 0 || s&(s-1) != 0 {
		return 0, false
	}
	return Verdict(bits.TrailingZeros8(uint8(s))), true
}
