package attendance

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// national is the summarizer for the embedded national policy.
func national(t testing.TB) *Summarizer {
	t.Helper()
	return withArea(t, "")
}

// withArea loads the national policy with an area file held in memory.
func withArea(t testing.TB, area string) *Summarizer {
	t.Helper()
	var opts []rules.Option
	if area != "" {
		opts = append(opts, rules.AreaBytes("area.yaml", []byte(area)))
	}
	pol, err := rules.Load(rules.National, opts...)
	if err != nil {
		t.Fatalf("loading policy: %v", err)
	}
	s, err := New(pol)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// date parses YYYY-MM-DD or fails the test.
func date(t testing.TB, s string) isotp.Date {
	t.Helper()
	d, err := isotp.ParseDate(s)
	require.NoError(t, err)
	return d
}

func dates(t testing.TB, ss ...string) []isotp.Date {
	out := make([]isotp.Date, len(ss))
	for i, s := range ss {
		out[i] = date(t, s)
	}
	return out
}

// events reads session events written "SESSION DATE OUTCOME", one a string.
func events(t testing.TB, lines ...string) []isotp.SessionEvent {
	t.Helper()
	out := make([]isotp.SessionEvent, 0, len(lines))
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) != 3 {
			t.Fatalf("event %q: want SESSION DATE OUTCOME", l)
		}
		n, err := strconv.Atoi(f[0])
		require.NoError(t, err)
		out = append(out, isotp.SessionEvent{Session: n, Date: date(t, f[1]), Outcome: f[2]})
	}
	return out
}

// weekly returns group sessions from..to held weekly on the Mondays from
// 2026-01-05 (session 1), all with the outcome given.
func weekly(t testing.TB, from, to int, outcome string) []isotp.SessionEvent {
	var out []isotp.SessionEvent
	for n := from; n <= to; n++ {
		out = append(out, isotp.SessionEvent{Session: n, Date: monday(t, n), Outcome: outcome})
	}
	return out
}

// monday is the day of group session n in the weekly timetable.
func monday(t testing.TB, n int) isotp.Date { return date(t, "2026-01-05").AddDays(7 * (n - 1)) }

// summarize summarises a case with the given record as of asOf.
func summarize(t testing.TB, s *Summarizer, asOf string, a *isotp.Attendance) *Summary {
	t.Helper()
	c := &isotp.Case{Attendance: a}
	if asOf != "" {
		c.AsOf = date(t, asOf)
	}
	sum, err := s.Summarize(context.Background(), c)
	if err != nil {
		t.Fatalf("Summarize: %v", err)
	}
	return sum
}

func codes(fs []Finding) []FindingCode {
	out := []FindingCode{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func concat(lists ...[]isotp.SessionEvent) []isotp.SessionEvent {
	var out []isotp.SessionEvent
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
