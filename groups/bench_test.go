package groups_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// BenchmarkForm forms groups from 1,000 referrals: about a fifth young, a
// few not groupable, referral dates spread over a year with ties, in no
// particular order.
func BenchmarkForm(b *testing.B) {
	p := planner(b, "  young_fallback: adult_group\n")
	in := &isotp.Intake{Start: start}
	for i := range 1000 {
		dob := isotp.NewDate(1960+i%30, time.Month(1+i%12), 1+i%28)
		if i%5 == 0 {
			dob = isotp.NewDate(2006+i%3, time.Month(1+i%12), 1+i%28)
		}
		r := isotp.Referral{ID: fmt.Sprintf("R%04d", (i*7919)%1000), DateOfBirth: dob, Referred: start.AddDays(-1 - (i*37)%365)}
		if i%97 == 0 {
			r.DateOfBirth = isotp.Date{}
		}
		in.Referrals = append(in.Referrals, r)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Form(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeAndForm adds decoding the 1,000 referrals from JSON.
func BenchmarkDecodeAndForm(b *testing.B) {
	p := planner(b, "")
	var js []byte
	js = append(js, `{"start": "2026-03-02", "referrals": [`...)
	for i := range 1000 {
		if i > 0 {
			js = append(js, ',')
		}
		js = fmt.Appendf(js, `{"id": "R%04d", "date_of_birth": "%d-%02d-%02d", "referred": "%s", "eligibility": "eligible"}`,
			(i*7919)%1000, 1960+i%48, 1+i%12, 1+i%28, start.AddDays(-1-(i*37)%365))
	}
	js = append(js, "]}"...)
	ctx := context.Background()
	b.SetBytes(int64(len(js)))
	b.ReportAllocs()
	for b.Loop() {
		in, err := isotp.DecodeIntake(bytes.NewReader(js))
		require.NoError(b, err)
		if _, err := p.Form(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
