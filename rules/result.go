package rules

import "github.com/isotp-dev/isotp/internal/enum"

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
	// Explanation is set only when evaluating with the Explain option.
	Explanation *Explanation `json:"explanation,omitempty"`
}
