package isotp_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

func TestDecodeIntake(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *isotp.Intake
	}{
		{
			name: "every field",
			in: `{"start": "2026-03-02", "referrals": [
				{"id": "R1", "date_of_birth": "1990-05-01", "referred": "2026-01-05", "eligibility": "eligible"},
				{"id": "R2", "date_of_birth": "2007-02-28", "referred": "2026-01-06", "eligibility": "refer"}]}`,
			want: &isotp.Intake{Start: isotp.NewDate(2026, time.March, 2), Referrals: []isotp.Referral{
				{ID: "R1", DateOfBirth: isotp.NewDate(1990, time.May, 1), Referred: isotp.NewDate(2026, time.January, 5), Eligibility: isotp.Eligible},
				{ID: "R2", DateOfBirth: isotp.NewDate(2007, time.February, 28), Referred: isotp.NewDate(2026, time.January, 6), Eligibility: isotp.Refer},
			}},
		},
		{
			name: "null and absent stay unknown",
			in:   `{"referrals": [{"id": "R1", "date_of_birth": null, "eligibility": null}], "start": "2026-03-02"}`,
			want: &isotp.Intake{Start: isotp.NewDate(2026, time.March, 2), Referrals: []isotp.Referral{{ID: "R1"}}},
		},
		{
			name: "no referrals",
			in:   `{"start": "2026-03-02", "referrals": []}`,
			want: &isotp.Intake{Start: isotp.NewDate(2026, time.March, 2), Referrals: []isotp.Referral{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := isotp.DecodeIntake(strings.NewReader(tt.in))
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIntakeCheck(t *testing.T) {
	start := isotp.NewDate(2026, time.March, 2)
	tests := []struct {
		name     string
		in       isotp.Intake
		wantPath string // "" means no error
	}{
		{name: "fine", in: isotp.Intake{Start: start, Referrals: []isotp.Referral{{ID: "a"}, {ID: "b"}}}},
		{name: "nil referrals are none", in: isotp.Intake{Start: start}},
		{name: "no start", in: isotp.Intake{Referrals: []isotp.Referral{{ID: "a"}}}, wantPath: "start"},
		{name: "impossible start", in: isotp.Intake{Start: isotp.NewDate(2026, time.February, 29)}, wantPath: "start"},
		{name: "duplicate id", in: isotp.Intake{Start: start, Referrals: []isotp.Referral{{ID: "a"}, {ID: "a"}}},
			wantPath: "referrals[1].id"},
		{name: "impossible referral date", in: isotp.Intake{Start: start, Referrals: []isotp.Referral{
			{ID: "a", Referred: isotp.NewDate(2026, time.April, 31)}}}, wantPath: "referrals[0].referred"},
		{name: "eligibility out of range", in: isotp.Intake{Start: start, Referrals: []isotp.Referral{
			{ID: "a", Eligibility: isotp.Eligibility(9)}}}, wantPath: "referrals[0].eligibility"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Check()
			if tt.wantPath == "" {
				require.NoError(t, err)
				return
			}
			require.Equal(t, tt.wantPath, wantInputError(t, err).Path)
		})
	}
}
