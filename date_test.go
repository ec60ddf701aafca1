package isotp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// The tests of Date, one for each of its functions, in the order of
// date.go.

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
		reason  string
	}{
		{"2005-04-04", false, ""},
		{"2024-02-29", false, ""},
		{"2025-02-29", true, "not a leap year"},
		{"1900-02-29", true, "a century, not a leap year"},
		{"2000-02-29", false, "a leap year: divisible by 400"},
		{"2026-13-01", true, ""},
		{"2026-00-10", true, ""},
		{"2026-04-31", true, ""},
		{"0000-01-01", true, "year 0 is the zero Date's"},
		{"9999-12-31", false, ""},
		{"2026-1-01", true, ""},
		{"26-01-01", true, ""},
		{"2026/01/01", true, ""},
		{"2026-01-01T00:00:00Z", true, ""},
		{"", true, ""},
		{"２０２６-01-01", true, "digits are ASCII"},
	}
	for _, tt := range tests {
		got, err := isotp.ParseDate(tt.in)
		if tt.wantErr {
			require.Error(t, err, "ParseDate(%q): %s", tt.in, tt.reason)
			continue
		}
		require.NoError(t, err, "ParseDate(%q)", tt.in)
		require.Equal(t, tt.in, got.String())
		require.True(t, got.IsValid())
	}
}

// TestDateUnmarshalText checks that UnmarshalText reads what ParseDate
// reads, and refuses a bad date with the decoders' error for it (a file
// under testdata/errors/case named date-*.json holds each).
func TestDateUnmarshalText(t *testing.T) {
	var got isotp.Date
	require.NoError(t, got.UnmarshalText([]byte("2019-03-01")))
	require.Equal(t, d("2019-03-01"), got)

	files, err := filepath.Glob("testdata/errors/case/date-*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		_, decErr := isotp.DecodeCase(strings.NewReader(string(data)))
		ie := wantInputError(t, decErr)
		require.Equal(t, "offender.date_of_birth", ie.Path, f)
		text := strings.TrimSuffix(strings.TrimPrefix(string(data), `{"offender": {"date_of_birth": "`), `"}}`)
		var v isotp.Date
		err = v.UnmarshalText([]byte(text))
		require.Error(t, err, f)
		require.Equal(t, ie.Msg, err.Error(), "%s: UnmarshalText's error is the decoder's", f)
		require.True(t, v.IsZero(), "%s: a bad date leaves the Date alone", f)
	}
}

func TestDateMarshalText(t *testing.T) {
	b, err := d("2019-03-01").MarshalText()
	require.NoError(t, err)
	require.Equal(t, "2019-03-01", string(b))
	for _, bad := range []isotp.Date{{}, isotp.NewDate(2025, 2, 29), isotp.NewDate(10000, 1, 1)} {
		_, err := bad.MarshalText()
		require.Error(t, err, "MarshalText of %v: the zero Date and invalid dates cannot be written (omit them instead)", bad)
	}
}

func TestDateString(t *testing.T) {
	require.Equal(t, "2005-04-04", d("2005-04-04").String())
	require.Equal(t, "0001-01-09", isotp.NewDate(1, 1, 9).String())
	require.Equal(t, "unknown", isotp.Date{}.String())
}

func TestDateLong(t *testing.T) {
	require.Equal(t, "4 April 2005", d("2005-04-04").Long())
	require.Equal(t, "unknown", isotp.Date{}.Long())
	require.Equal(t, "on unknown", string(isotp.Date{}.AppendLong([]byte("on "))))
}

// TestDateWritten holds String, Long and AppendLong, which write the usual dates
// without fmt, to what fmt writes, for those and for dates outside the
// usual ranges (a Date made in Go need not be valid).
func TestDateWritten(t *testing.T) {
	dates := []isotp.Date{
		{Year: 1, Month: 1, Day: 1}, {Year: 9999, Month: 12, Day: 31}, {Year: 2026, Month: 9, Day: 30},
		{Year: 2025, Month: 2, Day: 29}, {Year: 10000, Month: 1, Day: 1}, {Year: 0, Month: 3, Day: 4},
		{Year: -5, Month: 1, Day: 1}, {Year: 2026, Month: 13, Day: 1}, {Year: 2026, Month: 0, Day: 1},
		{Year: 2026, Month: 1, Day: 32}, {Year: 2026, Month: 1, Day: 0}, {Year: 2026, Month: 1, Day: -1},
		{Year: 999, Month: 12, Day: 31}, {Year: 1000, Month: 1, Day: 1},
	}
	for y := 1990; y <= 2030; y += 7 {
		for m := time.January; m <= time.December; m++ {
			for day := 1; day <= 31; day += 3 {
				dates = append(dates, isotp.Date{Year: y, Month: m, Day: day})
			}
		}
	}
	for _, dt := range dates {
		require.Equal(t, fmt.Sprintf("%04d-%02d-%02d", dt.Year, int(dt.Month), dt.Day), dt.String(), "%#v", dt)
		require.Equal(t, fmt.Sprintf("%d %s %d", dt.Day, dt.Month, dt.Year), dt.Long(), "%#v", dt)
		require.Equal(t, fmt.Sprintf("on %d %s %d", dt.Day, dt.Month, dt.Year), string(dt.AppendLong([]byte("on "))), "%#v", dt)
		if dt.IsValid() {
			b, err := dt.MarshalText()
			require.NoError(t, err)
			require.Equal(t, dt.String(), string(b))
		}
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-01-05", "2026-01-05", 0},
		{"2026-01-05", "2026-01-06", -1},
		{"2026-02-01", "2026-01-31", 1},
		{"2025-12-31", "2026-01-01", -1},
	}
	for _, tt := range tests {
		a, b := d(tt.a), d(tt.b)
		require.Equal(t, tt.want, a.Compare(b), "%s.Compare(%s)", a, b)
		require.Equal(t, tt.want < 0, a.Before(b), "%s.Before(%s)", a, b)
		require.Equal(t, tt.want > 0, a.After(b), "%s.After(%s)", a, b)
	}
}

// TestDayArithmetic checks AddDays, DaysSince and Weekday against the
// standard library over every seventh day from 1600 to 2400, and at a few
// days of note.
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
	weekdays := []struct {
		d    isotp.Date
		want time.Weekday
	}{
		{isotp.NewDate(1970, 1, 1), time.Thursday},
		{isotp.NewDate(1969, 12, 31), time.Wednesday},
		{isotp.NewDate(2026, 1, 5), time.Monday},
		{isotp.NewDate(2028, 2, 29), time.Tuesday},
		{isotp.NewDate(1, 1, 1), time.Monday},
	}
	for _, tt := range weekdays {
		require.Equal(t, tt.want, tt.d.Weekday(), "%s", tt.d)
	}
	require.Equal(t, 28, isotp.NewDate(2026, 3, 1).DaysSince(isotp.NewDate(2026, 2, 1)), "across February")
	require.Equal(t, isotp.NewDate(2025, 11, 21), isotp.NewDate(2025, 12, 1).AddDays(-10))
}

// TestAddMonths holds the month arithmetic of the 12-month warning window:
// the n months beginning with d end the day before d.AddMonths(n).
func TestAddMonths(t *testing.T) {
	tests := []struct {
		from   string
		n      int
		want   string
		reason string
	}{
		{"2025-03-15", 12, "2026-03-15", "the 12 months beginning with 15 March 2025 end on 14 March 2026"},
		{"2024-02-29", 12, "2025-03-01", "no 29 Feb in 2025: the 12 months beginning with 29 Feb 2024 end on 28 Feb 2025"},
		{"2024-02-29", 48, "2028-02-29", "a leap year again"},
		{"2026-01-31", 1, "2026-03-01", "no 31 February: the month beginning with 31 January ends on 28 February"},
		{"2028-01-31", 1, "2028-03-01", "in a leap year it ends on 29 February"},
		{"2026-01-31", 2, "2026-03-31", ""},
		{"2026-08-31", 1, "2026-10-01", "no 31 September"},
		{"2026-12-15", 1, "2027-01-15", "across a year"},
		{"2026-12-31", 2, "2027-03-01", "the 2 months beginning with 31 December 2026 end on 28 February 2027"},
		{"2026-01-15", -1, "2025-12-15", "backwards across a year"},
		{"2026-03-31", -1, "2026-03-01", "no 31 February: rolls forward"},
		{"2026-05-10", 0, "2026-05-10", ""},
	}
	for _, tt := range tests {
		require.Equal(t, d(tt.want), d(tt.from).AddMonths(tt.n), "%s.AddMonths(%d): %s", tt.from, tt.n, tt.reason)
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
		require.Equal(t, tt.want, d(tt.dob).AgeAt(d(tt.at)), "%s: %s", tt.name, tt.reason)
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
		require.Equal(t, tt.want, d(tt.to).MonthsSince(d(tt.from)), "%s.MonthsSince(%s)", tt.to, tt.from)
	}
}
