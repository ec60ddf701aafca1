package assessment_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/rules"
)

// BenchmarkAssess assesses a case with scores on all fourteen national
// scales, every one with sd, reliability and norms from an area file, and
// 35 session events to check the timing against.
func BenchmarkAssess(b *testing.B) {
	var area strings.Builder
	area.WriteString("area: bench\npolicy: i-SOTP\nassessment:\n  scales:\n")
	pol, err := rules.Load(rules.National)
	require.NoError(b, err)
	pre := &isotp.Scores{Date: isotp.NewDate(2025, 12, 15), Scores: map[string]float64{}}
	post := &isotp.Scores{Date: isotp.NewDate(2026, 9, 20), Scores: map[string]float64{}}
	for i, s := range pol.Battery() {
		fmt.Fprintf(&area, "    - {id: %s, sd: 10, reliability: 0.8, functional: {mean: %d, sd: 5}, dysfunctional: {mean: %d, sd: 10}}\n",
			s.ID, map[bool]int{true: 35, false: 20}[s.HigherIsBetter], map[bool]int{true: 20, false: 35}[s.HigherIsBetter])
		pre.Scores[s.ID], post.Scores[s.ID] = float64(30+i), float64(22+i)
	}
	pol, err = rules.Load(rules.National, rules.AreaBytes("bench.yaml", []byte(area.String())))
	require.NoError(b, err)
	a, err := assessment.New(pol)
	require.NoError(b, err)
	att := &isotp.Attendance{}
	for i := range 35 {
		att.Sessions = append(att.Sessions, isotp.SessionEvent{Session: i + 1, Date: isotp.NewDate(2026, 1, 5).AddDays(7 * i), Outcome: "attended"})
	}
	c := &isotp.Case{Attendance: att, Assessment: &isotp.Assessment{Pre: pre, Post: post}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res, err := a.Assess(ctx, c)
		if err != nil || len(res.Scales) != 14 {
			b.Fatal(err)
		}
	}
}
