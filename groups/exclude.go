package groups

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/isotp-dev/isotp"
)

// sortOut lists in plan.NotGrouped, in referral order with unknown referral
// dates last, the referrals that cannot be placed, and returns the others by
// band in referral order (steps 1 and 2 of the package comment).
func (p *Planner) sortOut(plan *Plan, in *isotp.Intake) (young, adult []candidate) {
	type excluded struct {
		ng       NotGrouped
		referred isotp.Date
	}
	var out []excluded
	for i := range in.Referrals {
		r := &in.Referrals[i]
		if code, reason, ok := p.exclude(r, in.Start); ok {
			out = append(out, excluded{NotGrouped{ID: r.ID, Code: code, Reason: reason}, r.Referred})
			continue
		}
		c := candidate{id: r.ID, day: r.Referred.DaysSince(epoch), young: r.DateOfBirth.AgeAt(in.Start) < p.params.AdultMinAge}
		if c.young {
			young = append(young, c)
		} else {
			adult = append(adult, c)
		}
	}
	slices.SortFunc(out, func(a, b excluded) int {
		if az, bz := a.referred.IsZero(), b.referred.IsZero(); az != bz {
			if az {
				return 1
			}
			return -1
		}
		if c := a.referred.Compare(b.referred); c != 0 {
			return c
		}
		return cmp.Compare(a.ng.ID, b.ng.ID)
	})
	for _, e := range out {
		plan.NotGrouped = append(plan.NotGrouped, e.ng)
	}
	slices.SortFunc(young, byReferral)
	slices.SortFunc(adult, byReferral)
	return young, adult
}

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
	return 0, "", false
}
