package eligibility

import (
	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
)

// A Decision is the eligibility decision for one case, with every rule's
// result and the policy it was made under. Its JSON form is the pinned
// output of `isotp eligibility`.
type Decision struct {
	Programme string      `json:"programme"` // the policy's programme name, "i-SOTP"
	Stage     isotp.Stage `json:"stage"`     // null when the case does not say
	AsOf      isotp.Date  `json:"as_of,omitzero"`
	Outcome   Outcome     `json:"outcome"`
	ReferTo   *string     `json:"refer_to"` // the programme he is referred to; null unless Outcome is Refer
	Regime    Regime      `json:"regime"`
	// RegimeReason says in a sentence or two why the regime is what it is,
	// or what it cannot be worked out without: "His eligible offence
	// "Possession of an indecent photograph of a child" (1 March 2019) was
	// committed on or after the Criminal Justice Act 2003 came into force
	// on 4 April 2005." Empty when decided rules.WithoutMessages.
	RegimeReason string  `json:"regime_reason"`
	Age          *int    `json:"age"`      // whole years at AsOf; null when not known
	AgeBand      *string `json:"age_band"` // young or adult; null when not known
	// Proposal is the proposal for the Pre-Sentence Report: before sentence,
	// when he is eligible or referred; null otherwise, and when the stage
	// is not known.
	Proposal *string `json:"proposal"`
	// ProposalIfPreSentence is, when the stage is not known and he is
	// eligible or referred whatever it is, the proposal the Pre-Sentence
	// Report would make if this is before sentence; null otherwise.
	ProposalIfPreSentence *string        `json:"proposal_if_pre_sentence"`
	Rules                 []rules.Result `json:"rules"`
	// Missing lists the facts, as JSON paths, whose absence left a rule
	// unknown: the facts a pending decision waits for, or, when the
	// outcome is decided, facts that cannot change it.
	Missing []string   `json:"missing"`
	Policy  rules.Info `json:"policy"`
	// Variables shows how age, age_band and regime were worked out; only
	// when decided with rules.Explain().
	Variables []rules.VariableExplanation `json:"variables,omitempty"`
}

// An Outcome is the eligibility decision. The zero Outcome is not one.
type Outcome uint8

const (
	Eligible   Outcome = iota + 1 // "eligible": he meets every rule
	Ineligible                    // "ineligible": a rule with effect ineligible fails
	Refer                         // "refer": he goes to another programme (ReferTo)
	Pending                       // "pending": missing facts could change the outcome; see Missing
)

var outcomeNames = enum.New[Outcome]("outcome", "eligible", "ineligible", "refer", "pending").ListChoices()

func (o Outcome) String() string                { return outcomeNames.String(o) }
func (o Outcome) MarshalText() ([]byte, error)  { return outcomeNames.MarshalText(o) }
func (o *Outcome) UnmarshalText(b []byte) error { return outcomeNames.UnmarshalText(o, b) }

// A Regime is the sentencing regime his offences fall under, as the
// eligibility rules' variable regime spells it. The zero Regime is not one.
type Regime uint8

const (
	RegimeCJA2003    Regime = iota + 1 // "cja2003": an offence on or after the Criminal Justice Act 2003 commencement
	RegimePreCJA2003                   // "pre_cja2003": every offence before it
	RegimeUnknown                      // "unknown": no offence listed, or a fact it needs missing (see RegimeReason)
)

var regimeNames = enum.New[Regime]("regime", "cja2003", "pre_cja2003", "unknown").ListChoices()

func (r Regime) String() string                { return regimeNames.String(r) }
func (r Regime) MarshalText() ([]byte, error)  { return regimeNames.MarshalText(r) }
func (r *Regime) UnmarshalText(b []byte) error { return regimeNames.UnmarshalText(r, b) }
