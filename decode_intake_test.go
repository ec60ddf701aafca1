package isotp_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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
			if err != nil {
				t.Fatalf("DecodeIntake: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeIntakeErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantPath string
		reason   string
	}{
		{name: "empty input", in: ``, wantPath: ""},
		{name: "not an object", in: `[]`, wantPath: ""},
		{name: "syntax", in: `{"start": "2026-03-02",`, wantPath: ""},
		{name: "trailing data", in: `{"start": "2026-03-02", "referrals": []} {}`, wantPath: ""},
		{name: "unknown field", in: `{"start": "2026-03-02", "referrals": [], "area": "x"}`, wantPath: "area"},
		{name: "duplicate key", in: `{"start": "2026-03-02", "start": "2026-03-03", "referrals": []}`, wantPath: "start"},
		{name: "no start", in: `{"referrals": []}`, wantPath: "start", reason: "ages are taken at the start date"},
		{name: "null start", in: `{"start": null, "referrals": []}`, wantPath: "start"},
		{name: "no referrals", in: `{"start": "2026-03-02"}`, wantPath: "referrals"},
		{name: "referrals not an array", in: `{"start": "2026-03-02", "referrals": {}}`, wantPath: "referrals"},
		{name: "null referral", in: `{"start": "2026-03-02", "referrals": [null]}`, wantPath: "referrals[0]"},
		{name: "impossible date", in: `{"start": "2026-03-02", "referrals": [{"id": "a"}, {"id": "b"}, {"id": "c"},
			{"id": "d", "date_of_birth": "1990-02-30"}]}`, wantPath: "referrals[3].date_of_birth"},
		{name: "date as a number", in: `{"start": "2026-03-02", "referrals": [{"id": "a", "referred": 20260101}]}`,
			wantPath: "referrals[0].referred"},
		{name: "missing id", in: `{"start": "2026-03-02", "referrals": [{"id": "a"}, {"date_of_birth": "1990-01-01"}]}`,
			wantPath: "referrals[1].id"},
		{name: "empty id", in: `{"start": "2026-03-02", "referrals": [{"id": ""}]}`, wantPath: "referrals[0].id"},
		{name: "numeric id", in: `{"start": "2026-03-02", "referrals": [{"id": 7}]}`, wantPath: "referrals[0].id"},
		{name: "duplicate id", in: `{"start": "2026-03-02", "referrals": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}`,
			wantPath: "referrals[2].id", reason: "the second is the error, naming the first"},
		{name: "unknown eligibility", in: `{"start": "2026-03-02", "referrals": [{"id": "a", "eligibility": "eligble"}]}`,
			wantPath: "referrals[0].eligibility"},
		{name: "unknown referral field", in: `{"start": "2026-03-02", "referrals": [{"id": "a", "age": 19}]}`,
			wantPath: "referrals[0].age"},
		{name: "duplicate referral key", in: `{"start": "2026-03-02", "referrals": [{"id": "a", "id": "b"}]}`,
			wantPath: "referrals[0].id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := isotp.DecodeIntake(strings.NewReader(tt.in))
			var ie *isotp.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("DecodeIntake error = %v, want an *isotp.InputError", err)
			}
			if !errors.Is(err, isotp.ErrInvalidInput) {
				t.Errorf("errors.Is(err, ErrInvalidInput) = false for %v", err)
			}
			if ie.Path != tt.wantPath {
				t.Errorf("error path = %q, want %q (%s); error: %v", ie.Path, tt.wantPath, tt.reason, err)
			}
		})
	}
}

// TestDecodeEmptyKey checks that an empty object key, which is valid JSON,
// is reported as an unknown field rather than crashing the path printer.
func TestDecodeEmptyKey(t *testing.T) {
	for _, in := range []string{`{"": 1}`, `{"offender": {"": 1}}`} {
		_, err := isotp.DecodeCase(strings.NewReader(in))
		if !errors.Is(err, isotp.ErrInvalidInput) {
			t.Errorf("DecodeCase(%s) error = %v, want an input error", in, err)
		}
	}
	_, err := isotp.DecodeIntake(strings.NewReader(`{"start": "2026-03-02", "referrals": [{"": 0}]}`))
	var ie *isotp.InputError
	if !errors.As(err, &ie) || ie.Path != `referrals[0][""]` {
		t.Errorf("DecodeIntake error = %v, want an input error at referrals[0][\"\"]", err)
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
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				return
			}
			var ie *isotp.InputError
			if !errors.As(err, &ie) || ie.Path != tt.wantPath {
				t.Fatalf("Check() = %v, want an *isotp.InputError at %q", err, tt.wantPath)
			}
		})
	}
}

func TestEligibilityJSON(t *testing.T) {
	for _, v := range []isotp.Eligibility{isotp.Eligible, isotp.Ineligible, isotp.Refer, isotp.Pending} {
		b, err := v.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText: %v", v, err)
		}
		var back isotp.Eligibility
		if err := back.UnmarshalText(b); err != nil || back != v {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, v)
		}
	}
	if b, err := isotp.EligibilityUnknown.MarshalJSON(); err != nil || string(b) != "null" {
		t.Errorf("EligibilityUnknown.MarshalJSON() = %s, %v; want null", b, err)
	}
}

func ExampleDecodeIntake() {
	in, err := isotp.DecodeIntake(strings.NewReader(`{
		"start": "2026-03-02",
		"referrals": [
			{"id": "R1", "date_of_birth": "2006-05-01", "referred": "2026-01-05"},
			{"id": "R2", "date_of_birth": null, "referred": "2026-01-06", "eligibility": "eligible"}
		]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range in.Referrals {
		if r.DateOfBirth.IsZero() {
			fmt.Printf("%s: date of birth unknown, eligibility %q\n", r.ID, r.Eligibility)
			continue
		}
		fmt.Printf("%s: aged %d at the start, eligibility %q\n", r.ID, r.DateOfBirth.AgeAt(in.Start), r.Eligibility)
	}

	_, err = isotp.DecodeIntake(strings.NewReader(`{"start": "2026-03-02", "referrals": [{"id": "R1"}, {"id": "R1"}]}`))
	fmt.Println(err)
	// Output:
	// R1: aged 19 at the start, eligibility ""
	// R2: date of birth unknown, eligibility "eligible"
	// referrals[1].id: duplicate id: referrals[0] has the same id
}
