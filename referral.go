package isotp

import (
	"fmt"
	"strconv"
)

// An Intake is the list of men referred for i-SOTP groups that start on one
// date: the typed form of the groups input file. Decode one with
// DecodeIntake; one built in Go should pass Check before use.
type Intake struct {
	Start     Date       `json:"start"` // the day the groups start; ages are taken on it
	Referrals []Referral `json:"referrals"`
}

// A Referral is one man referred to the programme and waiting for a group.
// ID is required and unique within an intake; the other fields may be
// unknown (the zero value), which keeps him out of any group rather than
// guessing.
type Referral struct {
	ID          string      `json:"id"`
	DateOfBirth Date        `json:"date_of_birth,omitzero"`
	Referred    Date        `json:"referred,omitzero"` // the day he was referred; it sets his place in the queue
	Eligibility Eligibility `json:"eligibility,omitzero"`
}

// Eligibility is the outcome of a referral's eligibility decision, when the
// referral carries one. The spellings are those of the eligibility
// decision's outcome. The zero value means the referral carries none.
type Eligibility uint8

const (
	EligibilityUnknown Eligibility = iota // absent or null: the referral carries no outcome
	Eligible                              // "eligible"
	Ineligible                            // "ineligible"
	Refer                                 // "refer": referred to another programme instead
	Pending                               // "pending": facts are missing to decide
)

var eligibilities = spellings[Eligibility]("eligibility outcome", "eligible", "ineligible", "refer", "pending").ListChoices()

// String returns the JSON spelling, or "" for the zero value.
func (v Eligibility) String() string { return eligibilities.String(v) }

// MarshalText writes the JSON spelling; the zero value cannot be written.
func (v Eligibility) MarshalText() ([]byte, error) { return eligibilities.MarshalText(v) }

// MarshalJSON writes the JSON spelling, or null for the zero value.
func (v Eligibility) MarshalJSON() ([]byte, error) { return eligibilities.JSON(v) }

// UnmarshalText reads a JSON spelling: eligible, ineligible, refer or pending.
func (v *Eligibility) UnmarshalText(b []byte) error { return eligibilities.UnmarshalText(v, b) }

// Check reports the first problem that makes the intake unusable, as an
// *InputError naming its JSON path: no start date, a referral without an id
// or with the id of an earlier one, an impossible date, an eligibility
// outcome out of range, or more referrals or a longer id than the limits
// (MaxReferrals, MaxIDLen) allow. Unknown dates of birth and referral dates are not
// problems here: group formation lists those men with the reason.
func (in *Intake) Check() error {
	if in.Start.IsZero() {
		return &InputError{Path: "start", Msg: "required: ages are taken at the start date"}
	}
	if !in.Start.IsValid() {
		return &InputError{Path: "start", Msg: "invalid date: " + in.Start.problem()}
	}
	if len(in.Referrals) > MaxReferrals {
		return &InputError{Path: referralPath(MaxReferrals), Msg: fmt.Sprintf("more than %d referrals", MaxReferrals), Err: ErrTooLarge}
	}
	seen := make(map[string]int, len(in.Referrals))
	for i := range in.Referrals {
		r := &in.Referrals[i]
		if err := r.check(i); err != nil {
			return err
		}
		if j, dup := seen[r.ID]; dup {
			return &InputError{Path: referralPath(i) + ".id", Msg: fmt.Sprintf("duplicate id: referrals[%d] has the same id", j)}
		}
		seen[r.ID] = i
	}
	return nil
}

func referralPath(i int) string { return "referrals[" + strconv.Itoa(i) + "]" }

func (r *Referral) check(i int) error {
	if r.ID != "" && len(r.ID) <= MaxIDLen && r.DateOfBirth.IsValid() && r.Referred.IsValid() && (r.Eligibility == EligibilityUnknown || eligibilities.Valid(r.Eligibility)) {
		return nil
	}
	path := referralPath(i)
	switch {
	case r.ID == "":
		return &InputError{Path: path + ".id", Msg: "required"}
	case len(r.ID) > MaxIDLen:
		return &InputError{Path: path + ".id", Msg: fmt.Sprintf("longer than %d bytes", MaxIDLen), Err: ErrTooLarge}
	case !r.DateOfBirth.IsZero() && !r.DateOfBirth.IsValid():
		return &InputError{Path: path + ".date_of_birth", Msg: "invalid date: " + r.DateOfBirth.problem()}
	case !r.Referred.IsZero() && !r.Referred.IsValid():
		return &InputError{Path: path + ".referred", Msg: "invalid date: " + r.Referred.problem()}
	case r.Eligibility != EligibilityUnknown && !eligibilities.Valid(r.Eligibility):
		return &InputError{Path: path + ".eligibility", Msg: fmt.Sprintf("invalid eligibility outcome %d", uint8(r.Eligibility))}
	}
	return nil
}
