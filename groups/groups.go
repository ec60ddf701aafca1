// Package groups forms i-SOTP groups from an intake of referrals, by age
// band and group size, under a loaded policy.
//
// The steps, in the order they apply:
//
//  1. A referral whose eligibility outcome is ineligible, refer or pending is
//     not grouped; one without an outcome is taken as referred, that is as
//     eligible. Nor is a referral whose date of birth is not known (his band
//     is never guessed), who is under params.min_age at the start date, whose
//     referral date is not known, or who was referred after the start date.
//     Each is listed in Plan.NotGrouped with the reason.
//  2. Every other man's age in whole years at the start date (isotp.Date.AgeAt,
//     so a man born on 29 February has his birthday on 1 March in other
//     years) puts him in the young band (under params.adult_min_age: 17 to 20
//     nationally) or the adult band.
//  3. Each band is taken in referral order: referral date, then id. Groups of
//     params.max_group_size are filled in that order; the men left over form
//     one more group only when they number at least params.min_group_size.
//     With 13 young men, a maximum of 10 and a minimum of 8, that is one
//     group of 10 and 3 left over.
//  4. Young men left over follow params.young_fallback: individual (they are
//     offered one-to-one delivery), wait (they join the waiting list), or
//     adult_group (they join the adult pool in their own referral order
//     before the adult groups are filled, and may in turn be left over).
//  5. Adult men left over wait.
//
// The same intake always gives the same plan, whatever the order of the
// referrals in it.
package groups

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// spec declares what group formation reads of a policy.
var spec = rules.Spec{
	Name: "groups",
	Params: []rules.ParamUse{
		{Name: "max_group_size", For: []string{"groups", "individual", "waiting", "notes", "params"}},
		{Name: "min_group_size", For: []string{"groups", "individual", "waiting", "notes", "params"}},
		{Name: "young_fallback", For: []string{"groups", "individual", "waiting", "notes", "params"}},
		{Name: "adult_min_age", For: []string{"groups", "individual", "waiting", "notes", "params"}},
		{Name: "min_age", For: []string{"not_grouped", "groups", "individual", "waiting", "notes", "params"}},
		{Name: "refer_programme", For: []string{"not_grouped"}}, // the wording of a referral's reason
	},
}

// Spec returns what group formation reads of a policy: its parameters. It
// has no rule section and reads no table.
func Spec() rules.Spec { return spec }

// A Planner forms groups under one policy. It is immutable and safe for
// concurrent use; make one per policy with New and keep it.
type Planner struct {
	params  Params
	referTo string
	info    rules.Info
}

// New reads the group parameters of the policy: max_group_size,
// min_group_size, young_fallback, adult_min_age, min_age, and refer_programme
// for the wording of reasons. A parameter that is missing, of the wrong type
// or unusable (a minimum group size under 1, a maximum under the minimum, an
// unknown fallback) is an error matching rules.ErrInvalidPolicy; unusable
// values are reported as a rules.ErrorList at the value's file:line:col.
// National bounds already keep an area's values usable.
func New(pol *rules.Policy) (*Planner, error) {
	if pol == nil {
		return nil, errors.New("groups: no policy given")
	}
	p := &Planner{info: pol.Info()}
	var fallback string
	for _, v := range []struct {
		name string
		int  *int
		str  *string
	}{
		{name: "max_group_size", int: &p.params.MaxGroupSize},
		{name: "min_group_size", int: &p.params.MinGroupSize},
		{name: "young_fallback", str: &fallback},
		{name: "adult_min_age", int: &p.params.AdultMinAge},
		{name: "min_age", int: &p.params.MinAge},
		{name: "refer_programme", str: &p.referTo},
	} {
		var err error
		if v.int != nil {
			*v.int, err = rules.ParamValue[int](pol, &spec, v.name)
		} else {
			*v.str, err = rules.ParamValue[string](pol, &spec, v.name)
		}
		if err != nil {
			return nil, fmt.Errorf("groups: %w: %w", rules.ErrInvalidPolicy, err)
		}
	}
	fb, known := fallbackNames.Lookup(fallback)
	p.params.YoungFallback = fb
	if err := checkParams(pol, p.params, fallback, known); err != nil {
		return nil, err
	}
	return p, nil
}

// checkParams reports parameter values group formation cannot work with,
// each at the place its value was written.
func checkParams(pol *rules.Policy, ps Params, fallback string, known bool) error {
	var errs rules.ErrorList
	bad := func(name, format string, args ...any) {
		pos := rules.Position{}
		for _, p := range pol.Params() {
			if p.Name == name {
				pos = p.Pos
			}
		}
		errs = append(errs, &rules.Error{Pos: pos, Msg: "parameter " + name + ": " + fmt.Sprintf(format, args...)})
	}
	if ps.MinGroupSize < 1 {
		bad("min_group_size", "%d: groups need at least one member", ps.MinGroupSize)
	}
	if ps.MaxGroupSize < ps.MinGroupSize {
		bad("max_group_size", "%d is under min_group_size %d", ps.MaxGroupSize, ps.MinGroupSize)
	}
	if !known {
		bad("young_fallback", "%q: want %s", fallback, fallbackNames.Choices())
	}
	return errs.Err()
}

// Params returns the parameters the planner forms groups under.
func (p *Planner) Params() Params { return p.params }

// candidate is a man to be placed in a group.
type candidate struct {
	id    string
	day   int // referral date as a day count, for sorting
	young bool
}

// epoch is the origin of candidate.day.
var epoch = isotp.NewDate(1970, time.January, 1)

// byReferral orders candidates by referral date, then id.
func byReferral(a, b candidate) int {
	if a.day != b.day {
		return cmp.Compare(a.day, b.day)
	}
	return cmp.Compare(a.id, b.id)
}

// Form forms the groups for an intake as the package comment describes. A
// nil intake, or one that fails isotp.Intake.Check, is an *isotp.InputError
// (errors.Is isotp.ErrInvalidInput); a cancelled ctx gives the context's
// error. in is not modified.
func (p *Planner) Form(ctx context.Context, in *isotp.Intake) (*Plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		return nil, &isotp.InputError{Msg: "no intake given"}
	}
	if err := in.Check(); err != nil {
		return nil, err
	}
	plan := &Plan{Start: in.Start, Groups: []Group{}, Individual: []string{}, Waiting: []string{},
		NotGrouped: []NotGrouped{}, Params: p.params, Policy: p.info}
	young, adult := p.sortOut(plan, in)
	p.place(plan, young, adult)
	return plan, nil
}

// place forms the groups from the young and adult men, each in referral
// order, and fills the plan's lists and notes (steps 3 to 5 of the package
// comment).
func (p *Planner) place(plan *Plan, young, adult []candidate) {
	ps := p.params
	n := notes{params: ps, list: []string{}}
	youngGroups, youngLeft := fill(young, ps.MaxGroupSize, ps.MinGroupSize)
	plan.addGroups(Young, youngGroups)
	var waiting []candidate
	switch ps.YoungFallback {
	case Individual:
		plan.Individual = ids(youngLeft)
	case Wait:
		waiting = append(waiting, youngLeft...)
	case AdultGroup:
		adult = append(adult, youngLeft...)
		slices.SortFunc(adult, byReferral)
	}
	n.young(len(young), youngGroups, youngLeft)

	adultGroups, adultLeft := fill(adult, ps.MaxGroupSize, ps.MinGroupSize)
	first := len(plan.Groups)
	plan.addGroups(Adult, adultGroups)
	waiting = append(waiting, adultLeft...)
	slices.SortFunc(waiting, byReferral)
	plan.Waiting = ids(waiting)
	n.adult(first, adultGroups, adultLeft)
	plan.Notes = n.list
}

// fill cuts pool, in order, into groups of max; the rest forms one more group
// only when it numbers at least min, which New keeps at 1 or more.
func fill(pool []candidate, max, min int) (groups [][]candidate, left []candidate) {
	for len(pool) >= max {
		groups = append(groups, pool[:max])
		pool = pool[max:]
	}
	if len(pool) > 0 && len(pool) >= min {
		return append(groups, pool), nil
	}
	return groups, pool
}

func (plan *Plan) addGroups(band Band, groups [][]candidate) {
	for _, g := range groups {
		plan.Groups = append(plan.Groups, Group{Band: band, Members: ids(g)})
	}
}

func ids(cs []candidate) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.id
	}
	return out
}
