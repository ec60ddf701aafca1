package isotp

import (
	"errors"
	"fmt"
)

// The enumerations below share one pattern: the zero value means "not known",
// String returns the JSON spelling ("" for not known), and UnmarshalText
// refuses any spelling it does not know, naming the kind of value (and
// quoting the spelling only when it looks like one: see enumError).

// Stage is the point in the criminal process at which a case is assessed.
type Stage uint8

const (
	StageUnknown Stage = iota
	PreSentence        // "pre_sentence": proposing a sentence in a Pre-Sentence Report
	PostSentence       // "post_sentence": allocating a sentenced offender
)

var stageNames = []string{"", "pre_sentence", "post_sentence"}

// Sex is the offender's sex as recorded.
type Sex uint8

const (
	SexUnknown Sex = iota
	Male           // "male"
	Female         // "female"
)

var sexNames = []string{"", "male", "female"}

// RiskOfHarm is the OASys Risk of Serious Harm level.
type RiskOfHarm uint8

const (
	RiskUnknown  RiskOfHarm = iota
	RiskLow                 // "low"
	RiskMedium              // "medium"
	RiskHigh                // "high"
	RiskVeryHigh            // "very_high": imminent risk of serious harm
)

var riskNames = []string{"", "low", "medium", "high", "very_high"}

// Deviance is the psychometric deviance band from post-sentence assessment.
type Deviance uint8

const (
	DevianceUnknown Deviance = iota
	DevianceLow              // "low"
	DevianceHigh             // "high"
)

var devianceNames = []string{"", "low", "high"}

// OrderType is the kind of sentence or release the offender is subject to.
type OrderType uint8

const (
	OrderTypeUnknown             OrderType = iota
	CommunityOrder                         // "community_order": Criminal Justice Act 2003 s.177
	CommunityRehabilitationOrder           // "community_rehabilitation_order": the pre-2005 order
	Licence                                // "licence": release on licence from custody
)

var orderTypeNames = []string{"", "community_order", "community_rehabilitation_order", "licence"}

// Requirement is a requirement attached to a community order.
type Requirement uint8

const (
	RequirementUnknown     Requirement = iota
	SupervisionRequirement             // "supervision"
	ProgrammeRequirement               // "programme"
)

var requirementNames = []string{"", "supervision", "programme"}

// SessionOutcome is what a recorded session event means for the programme.
// Case files may also carry case-management codes (nDelius ATTC, UAAB, ...)
// that the policy maps onto these.
type SessionOutcome uint8

const (
	OutcomeUnknown      SessionOutcome = iota
	Attended                           // "attended"
	AcceptableAbsence                  // "acceptable_absence"
	UnacceptableAbsence                // "unacceptable_absence"
	FailedToComply                     // "failed_to_comply": attended but did not comply
	CatchUp                            // "catch_up": an individual catch-up for a missed session
)

var outcomeNames = []string{"", "attended", "acceptable_absence", "unacceptable_absence", "failed_to_comply", "catch_up"}

func (v Stage) String() string          { return enumName(stageNames, v) }
func (v Sex) String() string            { return enumName(sexNames, v) }
func (v RiskOfHarm) String() string     { return enumName(riskNames, v) }
func (v Deviance) String() string       { return enumName(devianceNames, v) }
func (v OrderType) String() string      { return enumName(orderTypeNames, v) }
func (v Requirement) String() string    { return enumName(requirementNames, v) }
func (v SessionOutcome) String() string { return enumName(outcomeNames, v) }

func (v Stage) MarshalText() ([]byte, error)      { return enumText(stageNames, v, "stage") }
func (v Sex) MarshalText() ([]byte, error)        { return enumText(sexNames, v, "sex") }
func (v RiskOfHarm) MarshalText() ([]byte, error) { return enumText(riskNames, v, "risk of harm") }
func (v Deviance) MarshalText() ([]byte, error)   { return enumText(devianceNames, v, "deviance") }
func (v OrderType) MarshalText() ([]byte, error)  { return enumText(orderTypeNames, v, "order type") }
func (v Requirement) MarshalText() ([]byte, error) {
	return enumText(requirementNames, v, "requirement")
}
func (v SessionOutcome) MarshalText() ([]byte, error) { return enumText(outcomeNames, v, "outcome") }

func (v *Stage) UnmarshalText(b []byte) error { return enumParseText(stageNames, b, "stage", v) }
func (v *Sex) UnmarshalText(b []byte) error   { return enumParseText(sexNames, b, "sex", v) }
func (v *RiskOfHarm) UnmarshalText(b []byte) error {
	return enumParseText(riskNames, b, "risk of harm", v)
}
func (v *Deviance) UnmarshalText(b []byte) error {
	return enumParseText(devianceNames, b, "deviance", v)
}
func (v *OrderType) UnmarshalText(b []byte) error {
	return enumParseText(orderTypeNames, b, "order type", v)
}
func (v *Requirement) UnmarshalText(b []byte) error {
	return enumParseText(requirementNames, b, "requirement", v)
}
func (v *SessionOutcome) UnmarshalText(b []byte) error {
	return enumParseText(outcomeNames, b, "outcome", v)
}

// ParseSessionOutcome returns the pinned outcome spelled s, or false.
func ParseSessionOutcome(s string) (SessionOutcome, bool) {
	for i := 1; i < len(outcomeNames); i++ {
		if outcomeNames[i] == s {
			return SessionOutcome(i), true
		}
	}
	return OutcomeUnknown, false
}

// MarshalJSON writes the JSON spelling, or null for the zero (not known) value.
func (v Stage) MarshalJSON() ([]byte, error)          { return enumJSON(stageNames, v) }
func (v Sex) MarshalJSON() ([]byte, error)            { return enumJSON(sexNames, v) }
func (v RiskOfHarm) MarshalJSON() ([]byte, error)     { return enumJSON(riskNames, v) }
func (v Deviance) MarshalJSON() ([]byte, error)       { return enumJSON(devianceNames, v) }
func (v OrderType) MarshalJSON() ([]byte, error)      { return enumJSON(orderTypeNames, v) }
func (v Requirement) MarshalJSON() ([]byte, error)    { return enumJSON(requirementNames, v) }
func (v SessionOutcome) MarshalJSON() ([]byte, error) { return enumJSON(outcomeNames, v) }

func enumJSON[T ~uint8](names []string, v T) ([]byte, error) {
	if v == 0 {
		return []byte("null"), nil
	}
	if int(v) >= len(names) {
		return nil, fmt.Errorf("cannot marshal %T(%d)", v, uint8(v))
	}
	return []byte(`"` + names[v] + `"`), nil
}

func enumName[T ~uint8](names []string, v T) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%T(%d)", v, uint8(v))
}

func enumText[T ~uint8](names []string, v T, kind string) ([]byte, error) {
	if v == 0 || int(v) >= len(names) {
		return nil, fmt.Errorf("cannot marshal %s %d", kind, uint8(v))
	}
	return []byte(names[v]), nil
}

// enumParseText reads the spelling b of an enumeration named kind into v,
// without allocating for a known spelling.
func enumParseText[T ~uint8](names []string, b []byte, kind string, v *T) error {
	for i := 1; i < len(names); i++ {
		if names[i] == string(b) {
			*v = T(i)
			return nil
		}
	}
	return errors.New(enumError(kind, b))
}
