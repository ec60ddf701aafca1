package groups

import (
	"fmt"

	"github.com/isotp-dev/isotp"
)

// exclude returns why referral r cannot be placed for groups starting on
// start, testing the reasons in the order the Code constants are listed;
// ok is false when he can be placed.
func (p *Planner) exclude(r *isotp.Referral, start isotp.Date) (code Code, reason string, ok bool) {
	switch r.Eligibility {
	case isotp.Ineligible:
		return Ineligible, "not eligible for " + p.info.Name + " (his eligibility decision)", true
	case isotp.Refer:
		return ReferredElsewhere, "referred to " + p.referTo + " instead of " + p.info.Name + " (his eligibility decision)", true
	case isotp.Pending:
		return EligibilityPending, "his eligibility decision is pending until missing facts are known", true
	}
	switch {
	case r.DateOfBirth.IsZero():
		return DateOfBirthUnknown, "date of birth not known, so his age group cannot be decided", true
	case r.DateOfBirth.After(start):
		return BornAfterStart, "his date of birth is after the start date: check the record", true
	}
	if age := r.DateOfBirth.AgeAt(start); age < p.params.MinAge {
		return UnderMinAge, fmt.Sprintf("aged %d at the start date, under the minimum age of %d", age, p.params.MinAge), true
	}
	switch {
	case r.Referred.IsZero():
		return ReferralDateUnknown, "referral date not known, so his place in the referral order cannot be set", true
	case r.Referred.After(start):
		return ReferredAfterStart, fmt.Sprintf("referred on %s, after the groups start on %s: he is for a later intake", r.Referred, start), true
	}
	return "", "", false
}
