package isotp

// A Case is one person's case file: the typed form of the JSON case format.
// Each decision reads the parts it needs. Every field may be unknown; the
// zero value of a field (nil pointer, zero Date, zero enum, nil slice) means
// "not known" and never false or zero. Decode a case with DecodeCase.
type Case struct {
	AsOf       Date        `json:"as_of,omitzero"` // the date the decision is made at
	Stage      Stage       `json:"stage,omitzero"`
	Offender   *Offender   `json:"offender,omitempty"`
	Offences   []Offence   `json:"offences,omitzero"` // nil: not given
	Order      *Order      `json:"order,omitempty"`
	Attendance *Attendance `json:"attendance,omitempty"`
	Assessment *Assessment `json:"assessment,omitempty"`
}

// An Offender is the person a case is about.
type Offender struct {
	ID          string     `json:"id,omitempty"`
	Sex         Sex        `json:"sex,omitzero"`
	DateOfBirth Date       `json:"date_of_birth,omitzero"`
	RiskOfHarm  RiskOfHarm `json:"risk_of_harm,omitzero"`
	Deviance    Deviance   `json:"deviance,omitzero"`
}

// An Offence is one offence of conviction. Offence is an id from the policy's
// offence catalogue, one of its aliases, or any other text for an offence
// outside the catalogue. Date is the day it was committed; an offence
// committed over a period counts as committed on its last day.
type Offence struct {
	Offence  string `json:"offence,omitempty"`
	Date     Date   `json:"date,omitzero"`
	Internet *bool  `json:"internet,omitempty"` // related to the use of the internet; nil: not known
}

// An Order is the sentence or licence the offender is, or would be, under.
type Order struct {
	Type              OrderType     `json:"type,omitzero"`
	Start             Date          `json:"start,omitzero"`
	SupervisionMonths *int          `json:"supervision_months,omitempty"`
	Requirements      []Requirement `json:"requirements,omitzero"` // nil: not known; empty: none
}

// Attendance is the participant's record on the programme.
type Attendance struct {
	Sessions                []SessionEvent `json:"sessions,omitzero"`
	Warnings                []Date         `json:"warnings,omitzero"`                  // dates of prior enforcement warnings
	OffenderManagerContacts []Date         `json:"offender_manager_contacts,omitzero"` // dates he met his Offender Manager
	BetweenSessionWork      []Work         `json:"between_session_work,omitzero"`
}

// A SessionEvent is one recorded event for a programme session: a group
// session attended or missed, or an individual catch-up for it.
type SessionEvent struct {
	Session int  `json:"session"`
	Date    Date `json:"date"`
	// Outcome is the outcome as recorded: one of the SessionOutcome spellings
	// or a case-management code that the policy maps onto one.
	Outcome string `json:"outcome"`
	Reason  string `json:"reason,omitempty"`
}

// Work records whether the between-session work for a session was done.
type Work struct {
	Session   int   `json:"session"`
	Completed *bool `json:"completed,omitempty"`
}

// Assessment holds the psychometric battery scores before and after the
// programme.
type Assessment struct {
	Pre  *Scores `json:"pre,omitempty"`
	Post *Scores `json:"post,omitempty"`
}

// Scores are one administration of the psychometric battery: scale id to raw
// score.
type Scores struct {
	Date   Date               `json:"date,omitzero"`
	Scores map[string]float64 `json:"scores,omitzero"`
}
