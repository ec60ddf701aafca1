package eligibility

import (
	"fmt"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// A Decision is the eligibility decision for one case, with every rule's
// result and the policy it was made under. Its JSON form is the pinned
// output of `isotp eligibility`.
type Decision struct {
	Programme string         `json:"programme"` // the policy's programme name, "i-SOTP"
	Stage     isotp.Stage    `json:"stage"`     // null when the case does not say
	AsOf      isotp.Date     `json:"as_of,omitzero"`
	Outcome   Outcome        `json:"outcome"`
	ReferTo   *string        `json:"refer_to"` // the programme he is referred to; null unless Outcome is Refer
	Regime    Regime         `json:"regime"`
	Age       *int           `json:"age"`      // whole years at AsOf; null when not known
	AgeBand   *string        `json:"age_band"` // young or adult; null when not known
	Proposal  *string        `json:"proposal"` // Pre-Sentence Report proposal, pre-sentence eligible or refer only
	Rules     []rules.Result `json:"rules"`
	Missing   []string       `json:"missing"` // facts, as JSON paths, that would let a pending decision be made
	Policy    rules.Info     `json:"policy"`
	// Variables shows how age, age_band and regime were worked out; only
	// when decided with rules.Explain().
	Variables []rules.VariableExplanation `json:"variables,omitempty"`
}

// An Outcome is the eligibility decision.
type Outcome uint8

const (
	Eligible   Outcome = iota + 1 // "eligible": he meets every rule
	Ineligible                    // "ineligible": a rule with effect ineligible fails
	Refer                         // "refer": he goes to another programme (ReferTo)
	Pending                       // "pending": facts are missing; see Missing
)

var outcomeNames = [...]string{"", "eligible", "ineligible", "refer", "pending"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// MarshalText writes the outcome's JSON spelling.
func (o Outcome) MarshalText() ([]byte, error) {
	if o == 0 || int(o) >= len(outcomeNames) {
		return nil, fmt.Errorf("invalid outcome %d", uint8(o))
	}
	return []byte(o.String()), nil
}

// UnmarshalText reads an outcome's JSON spelling.
func (o *Outcome) UnmarshalText(b []byte) error {
	for i := 1; i < len(outcomeNames); i++ {
		if outcomeNames[i] == string(b) {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("unknown outcome %q (want eligible, ineligible, refer or pending)", b)
}

// A Regime is the sentencing regime his offences fall under.
type Regime string

const (
	RegimeCJA2003    Regime = "cja2003"     // an offence on or after the Criminal Justice Act 2003 commencement
	RegimePreCJA2003 Regime = "pre_cja2003" // every offence before it
	RegimeUnknown    Regime = "unknown"     // offence dates missing, or no offences listed
)
