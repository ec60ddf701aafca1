package isotp_test

import (
	"testing"
	"time"

	"github.com/isotp-dev/isotp"
)

func d(s string) isotp.Date {
	v, err := isotp.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		wantErr bool
	}{
		{"2005-04-04", false},
		{"2024-02-29", false},
		{"2025-02-29", true}, // not a leap year
		{"1900-02-29", true}, // century, not a leap year
		{"2000-02-29", false},
		{"2026-13-01", true},
		{"2026-00-10", true},
		{"2026-04-31", true},
		{"0000-01-01", true},
		{"2026-1-01", true},
		{"26-01-01", true},
		{"2026/01/01", true},
		{"2026-01-01T00:00:00Z", true},
		{"", true},
		{"２０２６-01-01", true},
	}
	for _, tt := range tests {
		got, err := isotp.ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got)
		}
	}
}

func TestAgeAt(t *testing.T) {
	tests := []struct {
		name, dob, at string
		want          int
		reason        string
	}{
		{"day before 17th birthday", "2009-11-28", "2026-11-27", 16, ""},
		{"17th birthday", "2009-11-27", "2026-11-27", 17, "a person attains an age at the start of the anniversary"},
		{"day after", "2009-11-26", "2026-11-27", 17, ""},
		{"leap-day birthday, common year, 28 Feb", "2008-02-29", "2025-02-28", 16, "the birthday falls on 1 March in common years"},
		{"leap-day birthday, common year, 1 Mar", "2008-02-29", "2025-03-01", 17, ""},
		{"leap-day birthday, leap year, 29 Feb", "2008-02-29", "2024-02-29", 16, "16th birthday on 29 Feb 2024"},
		{"leap-day birthday, leap year, 28 Feb", "2008-02-29", "2024-02-28", 15, ""},
		{"before birth", "2010-01-01", "2009-12-31", -1, ""},
		{"same day", "2010-01-01", "2010-01-01", 0, ""},
		{"21st birthday", "2005-06-15", "2026-06-15", 21, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d(tt.dob).AgeAt(d(tt.at)); got != tt.want {
				t.Errorf("AgeAt = %d, want %d %s", got, tt.want, tt.reason)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from   string
		n      int
		want   string
		reason string
	}{
		{"2025-03-15", 12, "2026-03-15", ""},
		{"2024-02-29", 12, "2025-03-01", "no 29 Feb in 2025: a 12-month period beginning 29 Feb 2024 ends on 28 Feb 2025"},
		{"2024-02-29", 48, "2028-02-29", ""},
		{"2026-01-31", 1, "2026-03-01", "no 31 Feb"},
		{"2026-01-31", 2, "2026-03-31", ""},
		{"2026-12-15", 1, "2027-01-15", ""},
		{"2026-01-15", -1, "2025-12-15", ""},
		{"2026-03-31", -1, "2026-03-01", "no 31 Feb: rolls forward"},
		{"2026-05-10", 0, "2026-05-10", ""},
	}
	for _, tt := range tests {
		if got := d(tt.from).AddMonths(tt.n); got != d(tt.want) {
			t.Errorf("%s.AddMonths(%d) = %s, want %s %s", tt.from, tt.n, got, tt.want, tt.reason)
		}
	}
}

func TestMonthsSince(t *testing.T) {
	tests := []struct {
		to, from string
		want     int
	}{
		{"2026-03-15", "2025-03-15", 12},
		{"2026-03-14", "2025-03-15", 11},
		{"2025-02-28", "2024-02-29", 11},
		{"2025-03-01", "2024-02-29", 12},
		{"2024-01-01", "2024-01-01", 0},
		{"2023-12-31", "2024-01-01", -1},
		{"2022-01-01", "2024-01-01", -24},
	}
	for _, tt := range tests {
		if got := d(tt.to).MonthsSince(d(tt.from)); got != tt.want {
			t.Errorf("%s.MonthsSince(%s) = %d, want %d", tt.to, tt.from, got, tt.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		from   string
		n      int
		want   string
		reason string
	}{
		{"2026-11-23", 10, "2026-12-07", "Monday + 10 working days skips two weekends"},
		{"2026-11-27", 1, "2026-11-30", "Friday + 1 is the next Monday"},
		{"2026-11-28", 1, "2026-11-30", "Saturday + 1 is Monday"},
		{"2026-11-29", 5, "2026-12-04", "Sunday + 5 is Friday"},
		{"2026-11-25", 0, "2026-11-25", ""},
	}
	for _, tt := range tests {
		if got := d(tt.from).AddWorkingDays(tt.n); got != d(tt.want) {
			t.Errorf("%s.AddWorkingDays(%d) = %s, want %s (%s)", tt.from, tt.n, got, tt.want, tt.reason)
		}
	}
}

// TestDayArithmetic checks the day-number conversion against the standard
// library over every day from 1600 to 2400.
func TestDayArithmetic(t *testing.T) {
	start := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	base := isotp.NewDate(1600, time.January, 1)
	for i := 0; i < 292200; i += 7 {
		tm := start.AddDate(0, 0, i)
		want := isotp.NewDate(tm.Year(), tm.Month(), tm.Day())
		if got := base.AddDays(i); got != want {
			t.Fatalf("AddDays(%d) = %s, want %s", i, got, want)
		}
		if got := want.Weekday(); got != tm.Weekday() {
			t.Fatalf("%s.Weekday() = %s, want %s", want, got, tm.Weekday())
		}
		if got := want.DaysSince(base); got != i {
			t.Fatalf("%s.DaysSince = %d, want %d", want, got, i)
		}
	}
}

func TestDateJSON(t *testing.T) {
	var got isotp.Date
	if err := got.UnmarshalText([]byte("2019-03-01")); err != nil || got != d("2019-03-01") {
		t.Fatalf("UnmarshalText = %v, %v", got, err)
	}
	if _, err := (isotp.Date{}).MarshalText(); err == nil {
		t.Error("MarshalText of the zero Date succeeded; it must fail (omit it instead)")
	}
	if s := (isotp.Date{}).String(); s != "unknown" {
		t.Errorf("zero Date String = %q", s)
	}
}

func TestDateLong(t *testing.T) {
	if got := d("2005-04-04").Long(); got != "4 April 2005" {
		t.Errorf("Long = %q", got)
	}
	if got := (isotp.Date{}).Long(); got != "unknown" {
		t.Errorf("zero Long = %q", got)
	}
}
