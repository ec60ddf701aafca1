// Package synth generates realistic synthetic case files, seeded and
// deterministic, for what-if runs, benchmarks and differential tests. The
// cases are invented: no real person is described, and no figure is a
// published statistic.
//
// Each case has the eligibility parts (offender, offences, order), made to
// exercise every eligibility rule: about one fact in twenty to fifty is
// missing, ages cluster at the 17 and 21 boundaries, offence dates cluster
// at the 4 April 2005 commencement. Post-sentence cases (about half) are,
// nine in ten, on the programme's books with an attendance record:
//
//   - The first group session is two to eight weeks after the order
//     starts (orders start up to 400 days before the as-of date); sessions
//     are weekly, so some have not started, most are part way and about a
//     quarter have finished.
//   - Over the whole programme a man misses 0 to 6 sessions (weights 35,
//     20, 14, 11, 10, 6, 4 in 100); a miss is an acceptable absence (65%),
//     an unacceptable absence (25%) or a failure to comply (10%). After a
//     fifth miss he leaves the group within two weeks.
//   - Each miss is caught up one to five days later, except: the latest
//     session's miss is still due half the time, and one in thirty is
//     never caught up (he continues before catching up).
//   - Three records in ten use nDelius outcome codes (ATTC, ATSS, AAME,
//     AAHO, AAEM, AAFC, AACL, AAAA, RSSR, UAAB, AFTC, ATSH), the rest the
//     pinned spellings; one in a hundred has an event keyed in twice.
//   - Prior warnings: none (80%), one within the twelve months before the
//     first session (12%), one older (5%), not recorded (3%); half of the
//     failures on the programme have a warning dated one to three weekdays
//     later.
//   - Offender Manager contacts from a fortnight before the first session:
//     gaps of 7-21 days (72%), 22-28 days (25%), 29-35 days (3%); one
//     record in forty has none recorded.
//   - Between-session work per session held: done 95%, not done 3%, not
//     recorded 2%; one record in twelve has no work list.
//
// Over 100,000 cases (seed 1) that gives, of the 44% with an attendance
// record under national policy: 9% not started, 55% in progress, 5%
// catch-up required, 27% completed, 4% restart required; 5% have exactly
// four catch-ups, so an area that lowers max_catch_ups to 3 sends about
// 2,300 men in 100,000 back to the start. Enforcement: 16% a warning, 10%
// breach action.
//
// Assessments: the pre-programme battery (the 14 national scales) for most
// men on the books, one in twenty dated late; for those who have held all
// 35 sessions, nine in ten also have the post-programme battery one to
// four weeks after the last session. Scores are invented (see scores).
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/isotp-dev/isotp"
)

// A Generator makes cases from a seed. The same seed and index always give
// the same case. A Generator is not safe for concurrent use; Case is.
type Generator struct {
	Seed uint64
	AsOf isotp.Date
}

// New returns a generator for the seed, with cases decided at asOf.
func New(seed uint64, asOf isotp.Date) *Generator { return &Generator{Seed: seed, AsOf: asOf} }

var (
	catalogueNames = []string{
		"take_make_indecent_photograph", "possess_indecent_photograph", "possess_indecent_photograph",
		"possess_indecent_photograph", "cause_incite_child_prostitution_pornography",
		"control_child_prostitution_pornography", "arrange_facilitate_child_prostitution_pornography",
		"Criminal Justice Act 1988 s.160", "Protection of Children Act 1978 s.1(1)(a)",
		"Causing or inciting sexual exploitation of a child",
	}
	otherOffences = []string{"sexual_assault", "harassment", "fraud", "voyeurism"}
	commencement  = isotp.NewDate(2005, 4, 4)
)

// Cases returns cases 0 to n-1.
func (g *Generator) Cases(n int) []*isotp.Case {
	cases := make([]*isotp.Case, n)
	for i := range cases {
		cases[i] = g.Case(i)
	}
	return cases
}

// Case returns case number i.
func (g *Generator) Case(i int) *isotp.Case {
	r := rand.New(rand.NewPCG(g.Seed, uint64(i)))
	c := &isotp.Case{AsOf: g.AsOf}
	if r.IntN(50) == 0 {
		c.AsOf = isotp.Date{}
	}
	c.Stage = pick(r, []isotp.Stage{isotp.PreSentence, isotp.PostSentence, isotp.PostSentence, isotp.StageUnknown}, 40)

	off := &isotp.Offender{ID: fmt.Sprintf("S%06d", i)}
	off.Sex = pick(r, []isotp.Sex{isotp.Male, isotp.Male, isotp.Male, isotp.Male, isotp.Male, isotp.Male, isotp.Male, isotp.Female}, 30)
	age := 16 + r.IntN(55)
	if r.IntN(8) == 0 {
		age = 16 + r.IntN(6) // around the age boundaries
	}
	off.DateOfBirth = g.AsOf.AddDays(-age*365 - r.IntN(365))
	if r.IntN(20) == 0 {
		// exactly a birthday on the as-of date
		off.DateOfBirth = isotp.NewDate(g.AsOf.Year-age, g.AsOf.Month, g.AsOf.Day)
		if !off.DateOfBirth.IsValid() {
			off.DateOfBirth = isotp.NewDate(g.AsOf.Year-age, time.March, 1)
		}
	}
	if r.IntN(25) == 0 {
		off.DateOfBirth = isotp.Date{}
	}
	off.RiskOfHarm = pick(r, []isotp.RiskOfHarm{isotp.RiskLow, isotp.RiskMedium, isotp.RiskMedium, isotp.RiskHigh, isotp.RiskVeryHigh}, 25)
	off.Deviance = pick(r, []isotp.Deviance{isotp.DevianceLow, isotp.DevianceLow, isotp.DevianceLow, isotp.DevianceHigh}, 20)
	if r.IntN(100) != 0 {
		c.Offender = off
	}

	n := 1 + r.IntN(3)
	switch r.IntN(40) {
	case 0:
		n = 0
	case 1:
		n = -1 // not given
	}
	if n >= 0 {
		c.Offences = make([]isotp.Offence, n)
	}
	for k := range max(n, 0) {
		o := &c.Offences[k]
		if r.IntN(6) == 0 {
			o.Offence = otherOffences[r.IntN(len(otherOffences))]
		} else {
			o.Offence = catalogueNames[r.IntN(len(catalogueNames))]
		}
		if r.IntN(60) == 0 {
			o.Offence = ""
		}
		switch r.IntN(10) {
		case 0:
			o.Date = commencement.AddDays(r.IntN(3) - 1) // 3, 4 or 5 April 2005
		case 1, 2:
			o.Date = commencement.AddDays(-r.IntN(3000))
		default:
			o.Date = commencement.AddDays(r.IntN(7000))
		}
		if o.Date.After(g.AsOf) {
			o.Date = g.AsOf.AddDays(-30)
		}
		if r.IntN(30) == 0 {
			o.Date = isotp.Date{}
		}
		if r.IntN(15) != 0 {
			b := r.IntN(6) != 0
			o.Internet = &b
		}
	}

	if c.Stage != isotp.PreSentence || r.IntN(3) == 0 {
		order := &isotp.Order{Start: g.AsOf.AddDays(-r.IntN(400))}
		order.Type = pick(r, []isotp.OrderType{isotp.CommunityOrder, isotp.CommunityOrder, isotp.Licence, isotp.CommunityRehabilitationOrder}, 30)
		if r.IntN(20) != 0 {
			m := []int{12, 18, 23, 24, 24, 30, 36, 36, 48}[r.IntN(9)]
			order.SupervisionMonths = &m
		}
		if order.Type == isotp.CommunityOrder || r.IntN(10) == 0 {
			switch r.IntN(12) {
			case 0:
			case 1:
				order.Requirements = []isotp.Requirement{isotp.SupervisionRequirement}
			case 2:
				order.Requirements = []isotp.Requirement{}
			default:
				order.Requirements = []isotp.Requirement{isotp.SupervisionRequirement, isotp.ProgrammeRequirement}
			}
		}
		if r.IntN(60) != 0 {
			c.Order = order
		}
	}
	g.history(r, c)
	return c
}

// pick returns a random element of choices, or the zero value (unknown) with
// probability 1/unknownOneIn.
func pick[T any](r *rand.Rand, choices []T, unknownOneIn int) T {
	if r.IntN(unknownOneIn) == 0 {
		var zero T
		return zero
	}
	return choices[r.IntN(len(choices))]
}

// Write writes cases 0 to n-1 to w as JSON Lines, one case file per line.
func (g *Generator) Write(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(g.Case(i)); err != nil {
			return err
		}
	}
	return bw.Flush()
}
