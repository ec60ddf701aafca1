package isotp

import "github.com/isotp-dev/isotp/internal/enum"

// The enumerations of the case format (and Eligibility, of the intake file)
// share one style: a typed value whose zero value means "not known"; String
// returns the JSON spelling ("" for not known); MarshalText writes it and
// refuses the zero value (the JSON field tags leave it out); MarshalJSON
// writes null for it; and UnmarshalText refuses any spelling it does not
// know, naming the kind of value and quoting the spelling only when it looks
// like one (see the package's Privacy section).

// spellings returns the spellings of an enumeration of the case format,
// whose errors describe a text the decoders cut (see maxStringLen) as
// longer than that.
func spellings[T ~uint8](kind string, names ...string) *enum.Set[T] {
	return enum.New[T](kind, names...).MaxText(maxStringLen)
}

// Stage is the point in the criminal process at which a case is assessed.
type Stage uint8

const (
	StageUnknown Stage = iota // not known: absent or null
	PreSentence               // "pre_sentence": proposing a sentence in a Pre-Sentence Report
	PostSentence              // "post_sentence": allocating a sentenced offender
)

var stages = spellings[Stage]("stage", "pre_sentence", "post_sentence")

// Sex is the offender's sex as recorded.
type Sex uint8

const (
	SexUnknown Sex = iota // not known: absent or null
	Male                  // "male"
	Female                // "female"
)

var sexes = spellings[Sex]("sex", "male", "female")

// RiskOfHarm is the OASys Risk of Serious Harm level.
type RiskOfHarm uint8

const (
	RiskUnknown  RiskOfHarm = iota // not known: absent or null
	RiskLow                        // "low"
	RiskMedium                     // "medium"
	RiskHigh                       // "high"
	RiskVeryHigh                   // "very_high": imminent risk of serious harm
)

var risks = spellings[RiskOfHarm]("risk of harm", "low", "medium", "high", "very_high")

// Deviance is the psychometric deviance band from post-sentence assessment.
type Deviance uint8

const (
	DevianceUnknown Deviance = iota // not known: absent or null
	DevianceLow                     // "low"
	DevianceHigh                    // "high"
)

var deviances = spellings[Deviance]("deviance", "low", "high")

// OrderType is the kind of sentence or release the offender is subject to.
type OrderType uint8

const (
	OrderTypeUnknown             OrderType = iota // not known: absent or null
	CommunityOrder                                // "community_order": Criminal Justice Act 2003 s.177
	CommunityRehabilitationOrder                  // "community_rehabilitation_order": the pre-2005 order
	Licence                                       // "licence": release on licence from custody
)

var orderTypes = spellings[OrderType]("order type", "community_order", "community_rehabilitation_order", "licence")

// Requirement is a requirement attached to a community order.
type Requirement uint8

const (
	RequirementUnknown     Requirement = iota // not known: absent or null
	SupervisionRequirement                    // "supervision"
	ProgrammeRequirement                      // "programme"
)

var requirements = spellings[Requirement]("requirement", "supervision", "programme")

// SessionOutcome is what a recorded session event means for the programme.
// Case files may also carry case-management codes (nDelius ATTC, UAAB, ...)
// that the policy maps onto these.
type SessionOutcome uint8

const (
	OutcomeUnknown      SessionOutcome = iota // not known: absent or null
	Attended                                  // "attended"
	AcceptableAbsence                         // "acceptable_absence"
	UnacceptableAbsence                       // "unacceptable_absence"
	FailedToComply                            // "failed_to_comply": attended but did not comply
	CatchUp                                   // "catch_up": an individual catch-up for a missed session
)

var outcomes = spellings[SessionOutcome]("outcome", "attended", "acceptable_absence", "unacceptable_absence", "failed_to_comply", "catch_up")

// String returns the JSON spelling, or "" for the zero value.
func (v Stage) String() string { return stages.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v Stage) MarshalText() ([]byte, error) { return stages.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v Stage) MarshalJSON() ([]byte, error) { return stages.JSON(v) }

// UnmarshalText reads a JSON spelling.
func (v *Stage) UnmarshalText(b []byte) error { return stages.UnmarshalText(v, b) }

// String returns the JSON spelling, or "" for the zero value.
func (v Sex) String() string { return sexes.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v Sex) MarshalText() ([]byte, error) { return sexes.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v Sex) MarshalJSON() ([]byte, error) { return sexes.JSON(v) }

// UnmarshalText reads a JSON spelling.
func (v *Sex) UnmarshalText(b []byte) error { return sexes.UnmarshalText(v, b) }

// String returns the JSON spelling, or "" for the zero value.
func (v RiskOfHarm) String() string { return risks.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v RiskOfHarm) MarshalText() ([]byte, error) { return risks.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v RiskOfHarm) MarshalJSON() ([]byte, error) { return risks.JSON(v) }

// UnmarshalText reads a JSON spelling.
func (v *RiskOfHarm) UnmarshalText(b []byte) error { return risks.UnmarshalText(v, b) }

// String returns the JSON spelling, or "" for the zero value.
func (v Deviance) String() string { return deviances.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v Deviance) MarshalText() ([]byte, error) { return deviances.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v Deviance) MarshalJSON() ([]byte, error) { return deviances.JSON(v) }

// UnmarshalText reads a JSON spelling.
func (v *Deviance) UnmarshalText(b []byte) error { return deviances.UnmarshalText(v, b) }

// String returns the JSON spelling, or "" for the zero value.
func (v OrderType) String() string { return orderTypes.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v OrderType) MarshalText() ([]byte, error) { return orderTypes.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v OrderType) MarshalJSON() ([]byte, error) { return orderTypes.JSON(v) }

// UnmarshalText reads a JSON spelling.
func (v *OrderType) UnmarshalText(b []byte) error { return orderTypes.UnmarshalText(v, b) }

// String returns the JSON spelling, or "" for the zero value.
func (v Requirement) String() string { return requirements.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v Requirement) MarshalText() ([]byte, error) { return requirements.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v Requirement) MarshalJSON() ([]byte, error) { return requirements.JSON(v) }

// UnmarshalText reads a JSON spelling.
func (v *Requirement) UnmarshalText(b []byte) error { return requirements.UnmarshalText(v, b) }

// String returns the JSON spelling, or "" for the zero value.
func (v SessionOutcome) String() string { return outcomes.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v SessionOutcome) MarshalText() ([]byte, error) { return outcomes.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v SessionOutcome) MarshalJSON() ([]byte, error) { return outcomes.JSON(v) }

// UnmarshalText reads a JSON spelling.
func (v *SessionOutcome) UnmarshalText(b []byte) error { return outcomes.UnmarshalText(v, b) }

// ParseSessionOutcome returns the pinned outcome spelled s, or false.
func ParseSessionOutcome(s string) (SessionOutcome, bool) { return outcomes.Lookup(s) }
