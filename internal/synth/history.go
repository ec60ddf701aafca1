package synth

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/isotp-dev/isotp"
)

// programmeSessions is the national number of sessions (params.sessions,
// fixed nationally).
const programmeSessions = 35

// missesOver is how many group sessions a man misses over the whole
// programme, by weight: most miss none or one; a tenth miss exactly four
// (the national limit of catch-ups, one more than an area that lowers
// max_catch_ups to 3 allows); one in ten miss five or more.
var missesOver = weighted([]int{0, 1, 2, 3, 4, 5, 6}, []int{35, 20, 14, 11, 10, 6, 4})

// A missKind is how he missed a session, with the spellings a case may
// record it under.
type missKind struct {
	outcome string   // the pinned spelling
	codes   []string // nDelius outcome codes for it
	reasons []string // reasons an officer records, for acceptable absences
}

var (
	attendedKind   = missKind{outcome: "attended", codes: []string{"ATTC", "ATTC", "ATTC", "ATTC", "ATTC", "ATTC", "ATTC", "ATSS"}}
	acceptable     = missKind{outcome: "acceptable_absence", codes: []string{"AAME", "AAME", "AAHO", "AAEM", "AAFC", "AACL", "AAAA", "RSSR"}, reasons: []string{"medical", "medical", "holiday", "employment", "family", "court"}}
	unacceptable   = missKind{outcome: "unacceptable_absence", codes: []string{"UAAB"}}
	failed         = missKind{outcome: "failed_to_comply", codes: []string{"AFTC", "ATSH"}}
	missKinds      = weighted([]missKind{acceptable, unacceptable, failed}, []int{65, 25, 10})
	catchUpOutcome = "catch_up" // catch-ups have no nDelius code of their own
)

// history gives a post-sentence case an attendance record, and a man who
// has been on the programme his assessments. The eligibility parts of c are
// read, never changed.
func (g *Generator) history(r *rand.Rand, c *isotp.Case) {
	if c.Stage != isotp.PostSentence || r.IntN(10) == 0 {
		return
	}
	asOf := g.AsOf
	// The first group session is two to eight weeks after the order starts.
	var first isotp.Date
	if c.Order != nil && !c.Order.Start.IsZero() {
		first = c.Order.Start.AddDays(14 + r.IntN(43))
	} else {
		first = asOf.AddDays(-r.IntN(400))
	}
	held := 0 // group sessions held by the as-of date, one a week
	if !first.After(asOf) {
		held = min(programmeSessions, asOf.DaysSince(first)/7+1)
	}
	codes := r.IntN(10) < 3 // 30% of records come from case management with nDelius codes
	spell := func(k missKind) string {
		if codes {
			return k.codes[r.IntN(len(k.codes))]
		}
		return k.outcome
	}

	// Which sessions he misses, and how.
	k := missesOver(r)
	missed := map[int]missKind{}
	for _, s := range r.Perm(programmeSessions)[:k] {
		missed[s+1] = missKinds(r)
	}
	// After the fifth miss he is taken off the group within two weeks.
	if k >= 5 {
		order := sortedKeys(missed)
		held = min(held, order[4]+r.IntN(3))
	}

	a := &isotp.Attendance{Sessions: []isotp.SessionEvent{}}
	var failures []isotp.Date
	for s := 1; s <= held; s++ {
		day := first.AddDays(7 * (s - 1))
		kind, miss := missed[s]
		if !miss {
			a.Sessions = append(a.Sessions, isotp.SessionEvent{Session: s, Date: day, Outcome: spell(attendedKind)})
			continue
		}
		ev := isotp.SessionEvent{Session: s, Date: day, Outcome: spell(kind)}
		if kind.reasons != nil && !codes && r.IntN(2) == 0 {
			ev.Reason = kind.reasons[r.IntN(len(kind.reasons))]
		}
		a.Sessions = append(a.Sessions, ev)
		if kind.outcome != acceptable.outcome {
			failures = append(failures, day)
		}
		// An individual catch-up follows, one to five days later, before
		// the next group session; for the latest session it may still be
		// due, and a few are never done.
		cu := day.AddDays(1 + r.IntN(5))
		switch {
		case cu.After(asOf):
		case s == held && r.IntN(2) == 0:
		case r.IntN(30) == 0:
		default:
			a.Sessions = append(a.Sessions, isotp.SessionEvent{Session: s, Date: cu, Outcome: catchUpOutcome})
		}
	}
	if len(a.Sessions) > 2 && r.IntN(100) == 0 {
		// The same event keyed in twice.
		a.Sessions = append(a.Sessions, a.Sessions[r.IntN(len(a.Sessions))])
	}
	slices.SortStableFunc(a.Sessions, func(x, y isotp.SessionEvent) int { return x.Date.Compare(y.Date) })

	a.Warnings = g.warnings(r, first, failures)
	if r.IntN(40) != 0 {
		a.OffenderManagerContacts = contacts(r, first, asOf)
	}
	if r.IntN(12) != 0 {
		a.BetweenSessionWork = work(r, held)
	}
	c.Attendance = a

	last := first.AddDays(7 * (programmeSessions - 1))
	switch {
	case held == 0:
		if r.IntN(2) == 0 {
			c.Assessment = &isotp.Assessment{Pre: scores(r, first.AddDays(-7-r.IntN(22)), nil)}
		}
	case held < programmeSessions || last.AddDays(7).After(asOf):
		if r.IntN(10) < 7 {
			c.Assessment = &isotp.Assessment{Pre: scores(r, preDate(r, first), nil)}
		}
	default:
		pre := scores(r, preDate(r, first), nil)
		as := &isotp.Assessment{Pre: pre}
		if r.IntN(10) != 0 {
			post := last.AddDays(7 + r.IntN(22))
			if post.After(asOf) {
				post = asOf
			}
			as.Post = scores(r, post, pre)
		}
		c.Assessment = as
	}
}

// warnings are the warnings his record shows: mostly none before the
// programme, sometimes one given under an earlier order (within the
// twelve months before his first session, or longer ago), and for
// failures on the programme, often the warning letter a few days after.
// A few records do not say (nil): prior warnings unknown.
func (g *Generator) warnings(r *rand.Rand, first isotp.Date, failures []isotp.Date) []isotp.Date {
	if r.IntN(35) == 0 {
		return nil
	}
	w := []isotp.Date{}
	switch n := r.IntN(100); {
	case n < 12:
		w = append(w, first.AddDays(-30-r.IntN(300)))
	case n < 17:
		w = append(w, first.AddDays(-400-r.IntN(500)))
	}
	for _, f := range failures {
		if r.IntN(2) == 0 {
			w = append(w, weekdaysAfter(f, 1+r.IntN(3)))
		}
	}
	return w
}

// contacts are his meetings with his Offender Manager, from a fortnight
// before the first session to the as-of date: mostly every one to three
// weeks, a quarter of gaps close to the usual 28-day limit (22 to 28
// days), three in a hundred over it.
func contacts(r *rand.Rand, first, asOf isotp.Date) []isotp.Date {
	out := []isotp.Date{}
	for d := first.AddDays(-14 + r.IntN(7)); !d.After(asOf); {
		out = append(out, d)
		switch n := r.IntN(100); {
		case n < 72:
			d = d.AddDays(7 + r.IntN(15))
		case n < 97:
			d = d.AddDays(22 + r.IntN(7))
		default:
			d = d.AddDays(29 + r.IntN(7))
		}
	}
	return out
}

// work records the between-session work for each session held: done for
// 95 sessions in 100, not done for 3, not recorded either way for 2.
func work(r *rand.Rand, held int) []isotp.Work {
	out := make([]isotp.Work, 0, held)
	for s := 1; s <= held; s++ {
		w := isotp.Work{Session: s}
		if n := r.IntN(100); n >= 2 {
			done := n >= 5
			w.Completed = &done
		}
		out = append(out, w)
	}
	return out
}

// preDate is the day of the pre-programme assessment: one to four weeks
// before the first session, and for one man in twenty, late.
func preDate(r *rand.Rand, first isotp.Date) isotp.Date {
	if r.IntN(20) == 0 {
		return first.AddDays(1 + r.IntN(10))
	}
	return first.AddDays(-7 - r.IntN(22))
}

func sortedKeys(m map[int]missKind) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// weighted returns a function drawing one of choices with the given
// weights.
func weighted[T any](choices []T, weights []int) func(*rand.Rand) T {
	total := 0
	for _, w := range weights {
		total += w
	}
	return func(r *rand.Rand) T {
		n := r.IntN(total)
		for i, w := range weights {
			if n < w {
				return choices[i]
			}
			n -= w
		}
		return choices[len(choices)-1]
	}
}

// weekdaysAfter returns the date n weekdays (Monday to Friday) after d: an
// invented warning, given a few days after the failure it is for.
func weekdaysAfter(d isotp.Date, n int) isotp.Date {
	for n > 0 {
		d = d.AddDays(1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}
