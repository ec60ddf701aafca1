package groups_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/rules"
)

// start is the start date most tests use: 2 March 2026.
var start = isotp.NewDate(2026, time.March, 2)

// Dates of birth that put a man in each band at start.
var (
	youngDOB = isotp.NewDate(2007, time.June, 1)    // 18
	adultDOB = isotp.NewDate(1990, time.June, 1)    // 35
	firstDay = isotp.NewDate(2025, time.October, 1) // the first referral date
)

// men returns n referrals with ids prefix01, prefix02, ..., all born on dob,
// referred on consecutive days from the day offset days after firstDay.
func men(prefix string, n int, dob isotp.Date, offset int) []isotp.Referral {
	out := make([]isotp.Referral, n)
	for i := range out {
		out[i] = isotp.Referral{ID: fmt.Sprintf("%s%02d", prefix, i+1), DateOfBirth: dob, Referred: firstDay.AddDays(offset + i)}
	}
	return out
}

// ids returns prefix01 to prefixNN for from..to inclusive.
func ids(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("%s%02d", prefix, i))
	}
	return out
}

func intake(s isotp.Date, parts ...[]isotp.Referral) *isotp.Intake {
	in := &isotp.Intake{Start: s, Referrals: []isotp.Referral{}}
	for _, p := range parts {
		in.Referrals = append(in.Referrals, p...)
	}
	return in
}

// load loads the national policy with an area file holding params, if any.
func load(t testing.TB, params string) *rules.Policy {
	t.Helper()
	var opts []rules.Option
	if params != "" {
		opts = append(opts, rules.AreaBytes("area.yaml", []byte("area: testshire\npolicy: i-SOTP\nparams:\n"+params)))
	}
	pol, err := rules.Load(rules.National, opts...)
	if err != nil {
		t.Fatalf("rules.Load: %v", err)
	}
	return pol
}

func planner(t testing.TB, params string) *groups.Planner {
	t.Helper()
	p, err := groups.New(load(t, params))
	if err != nil {
		t.Fatalf("groups.New: %v", err)
	}
	return p
}

// outcome is the part of a plan the formation tests compare.
type outcome struct {
	Groups     []groups.Group
	Individual []string
	Waiting    []string
	NotGrouped map[string]groups.Code
}

func form(t testing.TB, p *groups.Planner, in *isotp.Intake) outcome {
	t.Helper()
	plan, err := p.Form(context.Background(), in)
	if err != nil {
		t.Fatalf("Form: %v", err)
	}
	o := outcome{Groups: plan.Groups, Individual: plan.Individual, Waiting: plan.Waiting, NotGrouped: map[string]groups.Code{}}
	for _, ng := range plan.NotGrouped {
		o.NotGrouped[ng.ID] = ng.Code
	}
	return o
}

func young(members ...[]string) []groups.Group { return band(groups.Young, members) }
func adult(members ...[]string) []groups.Group { return band(groups.Adult, members) }

func band(b groups.Band, members [][]string) []groups.Group {
	var out []groups.Group
	for _, m := range members {
		out = append(out, groups.Group{Band: b, Members: m})
	}
	return out
}

func cat(lists ...[]string) []string {
	out := []string{}
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func gs(lists ...[]groups.Group) []groups.Group {
	out := []groups.Group{}
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
