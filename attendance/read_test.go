package attendance

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// TestReadOrder checks that read puts events in the order of compareEvents
// and drops repeats, whatever order they are recorded in, both when their
// keys can be packed and when a date cannot be (read then compares the
// events themselves).
func TestReadOrder(t *testing.T) {
	s := national(t)
	tests := []struct {
		name   string
		events []isotp.SessionEvent
	}{
		{"a history with repeats under other codes", concat(
			weekly(t, 1, 12, "attended"),
			events(t, "3 2026-01-19 ATTC", "4 2026-01-26 ATSS", "5 2026-02-02 UAAB", "5 2026-02-02 unacceptable_absence",
				"5 2026-02-04 catch_up", "6 2026-02-09 catch_up", "7 2026-02-16 AAME", "7 2026-02-16 RSSR"))},
		{"a date past what a key holds", concat(
			weekly(t, 1, 6, "attended"),
			[]isotp.SessionEvent{{Session: 7, Date: isotp.NewDate(5_000_000, 1, 2), Outcome: "attended"},
				{Session: 7, Date: isotp.NewDate(5_000_000, 1, 2), Outcome: "ATTC"},
				{Session: 8, Date: isotp.NewDate(5_000_000, 1, 1), Outcome: "UAAB"}},
			events(t, "2 2026-01-12 ATTC", "3 2026-01-19 catch_up"))},
		{"a day past what a key holds", concat(
			weekly(t, 1, 6, "attended"),
			[]isotp.SessionEvent{{Session: 2, Date: isotp.NewDate(2026, 1, 40), Outcome: "AAME"}},
			events(t, "2 2026-01-12 ATTC"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := wantOrder(t, s, tt.events)
			r := rand.New(rand.NewPCG(1, 2))
			for range 20 {
				shuffled := slices.Clone(tt.events)
				r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				rec, err := s.read(&isotp.Case{Attendance: &isotp.Attendance{Sessions: shuffled}}, false, getScratch(), nil)
				require.NoError(t, err)
				var got []readEvent
				for j := range rec.n() {
					e := rec.event(j)
					got = append(got, readEvent{e.session, e.date, e.outcome, shuffled[e.i].Outcome})
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// A readEvent is an event as read gives it, with its code.
type readEvent struct {
	Session int
	Date    isotp.Date
	Outcome isotp.SessionOutcome
	Code    string
}

// wantOrder is the order of package comment step 3 the simple way: every
// event resolved, sorted with compareEvents, repeats of a session, date
// and outcome dropped after the first.
func wantOrder(t *testing.T, s *Summarizer, evs []isotp.SessionEvent) []readEvent {
	var all []event
	for i, ev := range evs {
		o, ok := s.pol.SessionOutcome(ev.Outcome)
		require.True(t, ok, ev.Outcome)
		all = append(all, event{session: ev.Session, date: ev.Date, i: int32(i), outcome: o})
	}
	slices.SortFunc(all, func(a, b event) int { return compareEvents(evs, a, b) })
	all = slices.CompactFunc(all, func(a, b event) bool {
		return a.session == b.session && a.date == b.date && a.outcome == b.outcome
	})
	var out []readEvent
	for _, e := range all {
		out = append(out, readEvent{e.session, e.date, e.outcome, evs[e.i].Outcome})
	}
	return out
}

// TestCutDates checks the lists of meetings and warnings as read gives
// them: sorted, without the days after the as-of date, the case's own list
// left as it was.
func TestCutDates(t *testing.T) {
	asOf := date(t, "2026-03-01")
	after := func(d isotp.Date) bool { return d.After(asOf) }
	tests := []struct {
		name      string
		dates     []isotp.Date
		want      []isotp.Date
		wantFound int
	}{
		{"not known", nil, nil, 0},
		{"none", []isotp.Date{}, []isotp.Date{}, 0},
		{"in order", dates(t, "2026-01-05", "2026-02-02", "2026-03-01"), dates(t, "2026-01-05", "2026-02-02", "2026-03-01"), 0},
		{"out of order", dates(t, "2026-02-02", "2026-01-05", "2026-01-19"), dates(t, "2026-01-05", "2026-01-19", "2026-02-02"), 0},
		{"after the as-of date", dates(t, "2026-01-05", "2026-03-02", "2026-02-02"), dates(t, "2026-01-05", "2026-02-02"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			given := slices.Clone(tt.dates)
			var findings []Finding
			got := cutDates(tt.dates, after, "meeting", &findings, new(note), asOf)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(given, tt.dates); diff != "" {
				t.Errorf("the case's list changed (-before +after):\n%s", diff)
			}
			if len(findings) != tt.wantFound {
				t.Errorf("got %d findings, want %d", len(findings), tt.wantFound)
			}
		})
	}
}

// TestOutcomeSpellings checks that the summarizer resolves every outcome
// code of the policy, the area's among them, and every pinned outcome, as
// the policy does, without asking it.
func TestOutcomeSpellings(t *testing.T) {
	s := withArea(t, "area: testshire\npolicy: i-SOTP\noutcome_codes:\n  LOCAL_SICK: acceptable_absence\n")
	want := map[string]isotp.SessionOutcome{}
	for _, oc := range s.pol.OutcomeCodes() {
		want[oc.Code] = oc.Outcome
	}
	for _, o := range []isotp.SessionOutcome{isotp.Attended, isotp.AcceptableAbsence, isotp.UnacceptableAbsence, isotp.FailedToComply, isotp.CatchUp} {
		want[o.String()] = o
	}
	require.Equal(t, isotp.AcceptableAbsence, want["LOCAL_SICK"])
	if diff := cmp.Diff(want, s.outcomes); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestSortKeys checks that keys come out in order, short lists and long,
// shuffled, sorted and reversed, with repeats.
func TestSortKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 100 {
		for _, shape := range []string{"shuffled", "sorted", "reversed"} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = r.Uint64N(uint64(n/2 + 1))
			}
			switch shape {
			case "sorted":
				slices.Sort(keys)
			case "reversed":
				slices.Sort(keys)
				slices.Reverse(keys)
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			sortKeys(keys)
			if diff := cmp.Diff(want, keys); diff != "" {
				t.Fatalf("%d keys, %s: mismatch (-want +got):\n%s", n, shape, diff)
			}
		}
	}
}
