package groups

import (
	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
)

// A Plan is the groups formed from one intake of referrals, with everyone
// who is not in a group and why. Its JSON form is the output of `isotp
// groups`: the pinned groups, individual and waiting lists first. Every list
// is in referral order (referral date, then id); none is null.
type Plan struct {
	Start      isotp.Date   `json:"start"`
	Groups     []Group      `json:"groups"`      // young groups first, then adult, each in the order formed
	Individual []string     `json:"individual"`  // young men offered one-to-one delivery (young_fallback individual)
	Waiting    []string     `json:"waiting"`     // men left over, waiting for a later group
	NotGrouped []NotGrouped `json:"not_grouped"` // referrals that cannot be placed, with the reason
	Notes      []string     `json:"notes"`       // what happened in each age group, in plain English
	Params     Params       `json:"params"`      // the parameters the plan was formed under
	Policy     rules.Info   `json:"policy"`
}

// A Group is one programme group: its age band and its members' ids in
// referral order. An adult group may hold young men when young_fallback is
// adult_group; the plan's notes name them.
type Group struct {
	Band    Band     `json:"band"`
	Members []string `json:"members"`
}

// A Band is an age band, from a man's age in whole years at the start date.
type Band uint8

const (
	Young Band = iota + 1 // "young": at least min_age and under adult_min_age (17 to 20 nationally)
	Adult                 // "adult": adult_min_age or over (21 and over nationally)
)

var bandNames = enum.New[Band]("band", "young", "adult").ListChoices()

func (b Band) String() string                { return bandNames.String(b) }
func (b Band) MarshalText() ([]byte, error)  { return bandNames.MarshalText(b) }
func (b *Band) UnmarshalText(t []byte) error { return bandNames.UnmarshalText(b, t) }

// A Fallback is what happens to young men who are too few to form a young
// group: the policy parameter young_fallback.
type Fallback uint8

const (
	Individual Fallback = iota + 1 // "individual": one-to-one delivery
	AdultGroup                     // "adult_group": they join the adult pool, in referral order
	Wait                           // "wait": they wait for a later young group
)

var fallbackNames = enum.New[Fallback]("young_fallback", "individual", "adult_group", "wait").ListChoices()

func (f Fallback) String() string                { return fallbackNames.String(f) }
func (f Fallback) MarshalText() ([]byte, error)  { return fallbackNames.MarshalText(f) }
func (f *Fallback) UnmarshalText(b []byte) error { return fallbackNames.UnmarshalText(f, b) }

// Params are the policy parameters group formation uses, as in force.
type Params struct {
	MaxGroupSize  int      `json:"max_group_size"`
	MinGroupSize  int      `json:"min_group_size"`
	YoungFallback Fallback `json:"young_fallback"`
	AdultMinAge   int      `json:"adult_min_age"`
	MinAge        int      `json:"min_age"`
}

// NotGrouped is a referral that cannot be placed in a group, on one-to-one
// delivery or on the waiting list, with the first reason that applies.
type NotGrouped struct {
	ID     string `json:"id"`
	Code   Code   `json:"code"`   // stable, for programs
	Reason string `json:"reason"` // for people
}

// A Code says, for programs, why a referral is not grouped. Referrals are
// tested in the order the codes are listed; the first that applies is given.
type Code uint8

const (
	Ineligible          Code = iota + 1 // "ineligible": his eligibility outcome is ineligible
	ReferredElsewhere                   // "refer": his eligibility outcome refers him to another programme
	EligibilityPending                  // "eligibility_pending": his eligibility decision is pending
	DateOfBirthUnknown                  // "date_of_birth_unknown": no date of birth: his band is never guessed
	BornAfterStart                      // "date_of_birth_after_start": the date of birth cannot be right
	UnderMinAge                         // "under_min_age": under params.min_age at the start date
	ReferralDateUnknown                 // "referral_date_unknown": his place in the referral order cannot be set
	ReferredAfterStart                  // "referred_after_start": he is for a later intake
)

var codeNames = enum.New[Code]("code", "ineligible", "refer", "eligibility_pending", "date_of_birth_unknown",
	"date_of_birth_after_start", "under_min_age", "referral_date_unknown", "referred_after_start").ListChoices()

func (c Code) String() string                { return codeNames.String(c) }
func (c Code) MarshalText() ([]byte, error)  { return codeNames.MarshalText(c) }
func (c *Code) UnmarshalText(b []byte) error { return codeNames.UnmarshalText(c, b) }
