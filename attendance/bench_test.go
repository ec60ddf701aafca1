package attendance

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// BenchmarkSummarize times a full 35-session history: two sessions missed
// and caught up, an unacceptable absence, contacts every fortnight and
// between-session work for every session, with the completion rules.
func BenchmarkSummarize(b *testing.B) {
	s := national(b)
	a := &isotp.Attendance{
		Sessions: concat(missAndCatchUp(b, 3, 7), weekly(b, 11, 19, "ATTC"),
			events(b, "20 2026-05-18 UAAB", "20 2026-05-20 catch_up"), weekly(b, 21, 35, "ATTC")),
		Warnings:                []isotp.Date{},
		OffenderManagerContacts: everyDays(b, "2026-01-05", "2026-09-04", 14),
	}
	for n := 1; n <= 35; n++ {
		a.BetweenSessionWork = append(a.BetweenSessionWork, isotp.Work{Session: n, Completed: new(true)})
	}
	c := &isotp.Case{AsOf: date(b, "2026-09-04"), Attendance: a}
	ctx := context.Background()
	sum, err := s.Summarize(ctx, c)
	require.NoError(b, err)
	if sum.Status != Completed || !sum.Completion.Met || len(sum.Findings) != 0 || sum.Enforcement.Action != ActionWarning {
		b.Fatalf("status %s, met %v, findings %v, enforcement %s: want a completed history, a warning and no findings", sum.Status, sum.Completion.Met, codes(sum.Findings), sum.Enforcement.Action)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Summarize(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}
