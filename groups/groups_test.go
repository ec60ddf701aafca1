package groups_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
)

// Under national policy: groups of 8 to 10, young under 21, minimum age 17,
// young men too few for a group offered one-to-one delivery.
func TestFormSizes(t *testing.T) {
	p := planner(t, "")
	tests := []struct {
		name   string
		in     *isotp.Intake
		want   outcome
		reason string
	}{
		{
			name: "nobody referred",
			in:   intake(start),
			want: outcome{},
		},
		{
			name:   "young exactly min",
			in:     intake(start, men("Y", 8, youngDOB, 0)),
			want:   outcome{Groups: young(ids("Y", 1, 8))},
			reason: "a last group forms with min_group_size members",
		},
		{
			name: "young one under min",
			in:   intake(start, men("Y", 7, youngDOB, 0)),
			want: outcome{Individual: ids("Y", 1, 7)},
		},
		{
			name: "young exactly max",
			in:   intake(start, men("Y", 10, youngDOB, 0)),
			want: outcome{Groups: young(ids("Y", 1, 10))},
		},
		{
			name:   "young max+1",
			in:     intake(start, men("Y", 11, youngDOB, 0)),
			want:   outcome{Groups: young(ids("Y", 1, 10)), Individual: ids("Y", 11, 11)},
			reason: "the last referred is left over and cannot form a group of one",
		},
		{
			name:   "13 young: a group of 10 and 3 left over",
			in:     intake(start, men("Y", 13, youngDOB, 0)),
			want:   outcome{Groups: young(ids("Y", 1, 10)), Individual: ids("Y", 11, 13)},
			reason: "groups are filled to the maximum first; 3 are too few for a second",
		},
		{
			name: "young max+min: two groups",
			in:   intake(start, men("Y", 18, youngDOB, 0)),
			want: outcome{Groups: young(ids("Y", 1, 10), ids("Y", 11, 18))},
		},
		{
			name:   "young max+min-1",
			in:     intake(start, men("Y", 17, youngDOB, 0)),
			want:   outcome{Groups: young(ids("Y", 1, 10)), Individual: ids("Y", 11, 17)},
			reason: "filling to the maximum first leaves 7, though 9 and 8 would have seated all: the design pins filling",
		},
		{
			name: "adults exactly min",
			in:   intake(start, men("A", 8, adultDOB, 0)),
			want: outcome{Groups: adult(ids("A", 1, 8))},
		},
		{
			name: "adults one under min wait",
			in:   intake(start, men("A", 7, adultDOB, 0)),
			want: outcome{Waiting: ids("A", 1, 7)},
		},
		{
			name: "adults exactly max",
			in:   intake(start, men("A", 10, adultDOB, 0)),
			want: outcome{Groups: adult(ids("A", 1, 10))},
		},
		{
			name: "adults max+1",
			in:   intake(start, men("A", 11, adultDOB, 0)),
			want: outcome{Groups: adult(ids("A", 1, 10)), Waiting: ids("A", 11, 11)},
		},
		{
			name: "28 adults: 10, 10 and 8",
			in:   intake(start, men("A", 28, adultDOB, 0)),
			want: outcome{Groups: adult(ids("A", 1, 10), ids("A", 11, 20), ids("A", 21, 28))},
		},
		{
			name:   "both bands, young groups listed first",
			in:     intake(start, men("A", 12, adultDOB, 0), men("Y", 9, youngDOB, 3)),
			want:   outcome{Groups: gs(young(ids("Y", 1, 9)), adult(ids("A", 1, 10))), Waiting: ids("A", 11, 12)},
			reason: "bands never mix while the young men can form their own group",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := form(t, p, tt.in)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestFormFallbacks(t *testing.T) {
	// 3 young men referred on days 0, 5 and 9; 9 adults on days 1 to 9.
	threeYoung := []isotp.Referral{
		{ID: "Y01", DateOfBirth: youngDOB, Referred: firstDay},
		{ID: "Y02", DateOfBirth: youngDOB, Referred: firstDay.AddDays(5)},
		{ID: "Y03", DateOfBirth: youngDOB, Referred: firstDay.AddDays(9)},
	}
	nineAdults := men("A", 9, adultDOB, 1)
	tests := []struct {
		name   string
		params string
		in     *isotp.Intake
		want   outcome
		reason string
	}{
		{
			name:   "individual",
			params: "  young_fallback: individual\n",
			in:     intake(start, threeYoung, nineAdults),
			want:   outcome{Groups: adult(ids("A", 1, 9)), Individual: ids("Y", 1, 3)},
		},
		{
			name:   "wait",
			params: "  young_fallback: wait\n",
			in:     intake(start, threeYoung, nineAdults),
			want:   outcome{Groups: adult(ids("A", 1, 9)), Waiting: ids("Y", 1, 3)},
		},
		{
			name:   "adult_group: they join in their own referral order",
			params: "  young_fallback: adult_group\n",
			in:     intake(start, threeYoung, nineAdults),
			want: outcome{
				Groups:  adult([]string{"Y01", "A01", "A02", "A03", "A04", "A05", "Y02", "A06", "A07", "A08"}),
				Waiting: []string{"A09", "Y03"},
			},
			reason: "Y02 ties with A05 and Y03 with A09 on the referral date: ids decide; A09 and Y03 are left over",
		},
		{
			name:   "adult_group: young men make an adult group possible",
			params: "  young_fallback: adult_group\n",
			in:     intake(start, threeYoung, men("A", 5, adultDOB, 1)),
			want:   outcome{Groups: adult([]string{"Y01", "A01", "A02", "A03", "A04", "A05", "Y02", "Y03"})},
			reason: "5 adults alone wait; with 3 young men they are 8",
		},
		{
			name:   "adult_group: too few even together, all wait",
			params: "  young_fallback: adult_group\n",
			in:     intake(start, threeYoung, men("A", 2, adultDOB, 1)),
			want:   outcome{Waiting: []string{"Y01", "A01", "A02", "Y02", "Y03"}},
		},
		{
			name:   "adult_group: a young group forms, its leftovers join",
			params: "  young_fallback: adult_group\n",
			in:     intake(start, men("Y", 12, youngDOB, 0), men("A", 8, adultDOB, 20)),
			want: outcome{
				Groups: gs(young(ids("Y", 1, 10)), adult(cat(ids("Y", 11, 12), ids("A", 1, 8)))),
			},
		},
		{
			name:   "wait: waiting list merges both bands in referral order",
			params: "  young_fallback: wait\n",
			in:     intake(start, threeYoung, men("A", 2, adultDOB, 1)),
			want:   outcome{Waiting: []string{"Y01", "A01", "A02", "Y02", "Y03"}},
		},
		{
			name:   "no young men left over: the fallback does nothing",
			params: "  young_fallback: wait\n",
			in:     intake(start, men("Y", 10, youngDOB, 0)),
			want:   outcome{Groups: young(ids("Y", 1, 10))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := form(t, planner(t, tt.params), tt.in)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestFormBirthdays checks ages are taken at the start date, birthdays on it
// counting, and 29 February birthdays falling on 1 March in other years.
func TestFormBirthdays(t *testing.T) {
	// Men 1..8 set the band of man 0 by whether he makes a group of 8 with
	// seven young or seven adult companions; with national policy young
	// leftovers are offered one-to-one delivery, adult leftovers wait.
	tests := []struct {
		name  string
		start isotp.Date
		dob   isotp.Date
		want  string // "young", "adult" or a Code
	}{
		{"21st birthday on the start date", start, isotp.NewDate(2005, time.March, 2), "adult"},
		{"21st birthday the day after", start, isotp.NewDate(2005, time.March, 3), "young"},
		{"17th birthday on the start date", start, isotp.NewDate(2009, time.March, 2), "young"},
		{"17th birthday the day after", start, isotp.NewDate(2009, time.March, 3), groups.UnderMinAge.String()},
		{"born 29 February, 28 February in a common year", isotp.NewDate(2025, time.February, 28), isotp.NewDate(2004, time.February, 29), "young"},
		{"born 29 February, 1 March in a common year", isotp.NewDate(2025, time.March, 1), isotp.NewDate(2004, time.February, 29), "adult"},
		{"17 on 1 March in a common year after a 29 February birth", isotp.NewDate(2025, time.March, 1), isotp.NewDate(2008, time.February, 29), "young"},
		{"not yet 17 on 28 February after a 29 February birth", isotp.NewDate(2025, time.February, 28), isotp.NewDate(2008, time.February, 29), groups.UnderMinAge.String()},
		{"born on the start date", start, start, groups.UnderMinAge.String()},
		{"born after the start date", start, start.AddDays(1), groups.BornAfterStart.String()},
	}
	p := planner(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			man := isotp.Referral{ID: "M", DateOfBirth: tt.dob, Referred: tt.start.AddDays(-100)}
			companions := func(dob isotp.Date) []isotp.Referral {
				out := men("C", 7, dob, 0)
				for i := range out {
					out[i].Referred = tt.start.AddDays(-50 + i)
				}
				return out
			}
			yDOB := isotp.NewDate(tt.start.Year-18, time.June, 1)
			aDOB := isotp.NewDate(tt.start.Year-40, time.June, 1)
			withYoung := form(t, p, intake(tt.start, []isotp.Referral{man}, companions(yDOB)))
			withAdults := form(t, p, intake(tt.start, []isotp.Referral{man}, companions(aDOB)))
			got := "undecided"
			switch {
			case withYoung.NotGrouped["M"] != 0:
				got = withYoung.NotGrouped["M"].String()
			case len(withYoung.Groups) == 1 && len(withAdults.Groups) == 0 && withYoung.Groups[0].Band == groups.Young:
				got = "young"
			case len(withAdults.Groups) == 1 && len(withYoung.Groups) == 0 && withAdults.Groups[0].Band == groups.Adult:
				got = "adult"
			}
			if got != tt.want {
				t.Errorf("born %s, start %s: got %s, want %s", tt.dob, tt.start, got, tt.want)
			}
		})
	}
}

func TestFormNotGrouped(t *testing.T) {
	p := planner(t, "")
	ref := start.AddDays(-30)
	in := intake(start,
		[]isotp.Referral{
			{ID: "eligible", DateOfBirth: adultDOB, Referred: ref, Eligibility: isotp.Eligible},
			{ID: "no-outcome", DateOfBirth: adultDOB, Referred: ref},
			{ID: "ineligible", DateOfBirth: adultDOB, Referred: ref, Eligibility: isotp.Ineligible},
			{ID: "refer", DateOfBirth: adultDOB, Referred: ref, Eligibility: isotp.Refer},
			{ID: "pending", DateOfBirth: adultDOB, Referred: ref, Eligibility: isotp.Pending},
			{ID: "no-dob", Referred: ref},
			{ID: "no-dob-ineligible", Referred: ref, Eligibility: isotp.Ineligible},
			{ID: "sixteen", DateOfBirth: isotp.NewDate(2009, time.June, 1), Referred: ref},
			{ID: "no-referral-date", DateOfBirth: adultDOB},
			{ID: "referred-on-start", DateOfBirth: adultDOB, Referred: start},
			{ID: "referred-after-start", DateOfBirth: adultDOB, Referred: start.AddDays(1)},
		})
	want := outcome{
		Waiting: []string{"eligible", "no-outcome", "referred-on-start"},
		NotGrouped: map[string]groups.Code{
			"ineligible":           groups.Ineligible,
			"refer":                groups.ReferredElsewhere,
			"pending":              groups.EligibilityPending,
			"no-dob":               groups.DateOfBirthUnknown,
			"no-dob-ineligible":    groups.Ineligible,
			"sixteen":              groups.UnderMinAge,
			"no-referral-date":     groups.ReferralDateUnknown,
			"referred-after-start": groups.ReferredAfterStart,
		},
	}
	if diff := cmp.Diff(want, form(t, p, in), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestFormOrder checks that ties on the referral date go by id and that the
// order of referrals in the input never matters.
func TestFormOrder(t *testing.T) {
	p := planner(t, "")
	day := start.AddDays(-20)
	var refs []isotp.Referral
	for _, id := range []string{"K", "C", "Q", "A", "M", "E", "O", "G", "I", "S", "B"} {
		refs = append(refs, isotp.Referral{ID: id, DateOfBirth: adultDOB, Referred: day})
	}
	refs = append(refs, isotp.Referral{ID: "Z", DateOfBirth: adultDOB, Referred: day.AddDays(-1)})
	want := outcome{
		Groups:  adult([]string{"Z", "A", "B", "C", "E", "G", "I", "K", "M", "O"}),
		Waiting: []string{"Q", "S"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		shuffled := append([]isotp.Referral(nil), refs...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if diff := cmp.Diff(want, form(t, p, intake(start, shuffled)), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("shuffle %d: mismatch (-want +got):\n%s", i, diff)
		}
	}
}

func TestFormErrors(t *testing.T) {
	p := planner(t, "")
	tests := []struct {
		name     string
		in       *isotp.Intake
		wantPath string
	}{
		{"no start", &isotp.Intake{Referrals: men("A", 1, adultDOB, 0)}, "start"},
		{"duplicate id", intake(start, men("A", 3, adultDOB, 0), men("A", 1, adultDOB, 0)), "referrals[3].id"},
		{"empty id", intake(start, []isotp.Referral{{DateOfBirth: adultDOB}}), "referrals[0].id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Form(context.Background(), tt.in)
			var ie *isotp.InputError
			if !errors.As(err, &ie) || ie.Path != tt.wantPath || !errors.Is(err, isotp.ErrInvalidInput) {
				t.Fatalf("Form error = %v, want an input error at %q", err, tt.wantPath)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Form(ctx, intake(start)); !errors.Is(err, context.Canceled) {
		t.Errorf("Form with a cancelled context: error %v, want context.Canceled", err)
	}
}

func TestFormDoesNotModifyInput(t *testing.T) {
	p := planner(t, "  young_fallback: adult_group\n")
	in := intake(start, men("Y", 3, youngDOB, 5), men("A", 9, adultDOB, 0))
	before := append([]isotp.Referral(nil), in.Referrals...)
	form(t, p, in)
	if diff := cmp.Diff(before, in.Referrals); diff != "" {
		t.Errorf("Form changed its input (-before +after):\n%s", diff)
	}
}

func TestFormConcurrent(t *testing.T) {
	p := planner(t, "  young_fallback: adult_group\n")
	in := intake(start, men("Y", 13, youngDOB, 0), men("A", 27, adultDOB, 3))
	want := form(t, p, in)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				plan, err := p.Form(context.Background(), in)
				if err != nil {
					t.Error(err)
					return
				}
				if len(plan.Groups) != len(want.Groups) {
					t.Errorf("concurrent Form: %d groups, want %d", len(plan.Groups), len(want.Groups))
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestFormYoungBandEmpty checks an area that raises min_age to adult_min_age:
// nobody is young, and the notes do not describe an impossible age range.
func TestFormYoungBandEmpty(t *testing.T) {
	p := planner(t, "  min_age: 21\n")
	plan, err := p.Form(context.Background(), intake(start, men("Y", 2, youngDOB, 0), men("A", 8, adultDOB, 0)))
	require.NoError(t, err)
	want := outcome{Groups: adult(ids("A", 1, 8)), NotGrouped: map[string]groups.Code{"Y01": groups.UnderMinAge, "Y02": groups.UnderMinAge}}
	got := outcome{Groups: plan.Groups, NotGrouped: map[string]groups.Code{}}
	for _, ng := range plan.NotGrouped {
		got.NotGrouped[ng.ID] = ng.Code
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if len(plan.Notes) != 1 {
		t.Errorf("notes = %q, want only the adult note", plan.Notes)
	}
}
