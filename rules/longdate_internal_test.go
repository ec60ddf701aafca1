package rules

import (
	"testing"
	"time"

	"github.com/isotp-dev/isotp"
)

// TestAppendLongDate holds appendLongDate to Date.Long, on the days of
// years from the first to the last four-digit one and on dates no calendar
// has, appended after text already there.
func TestAppendLongDate(t *testing.T) {
	dates := []isotp.Date{
		{}, {Year: 1, Month: 1, Day: 1}, {Year: 999, Month: 12, Day: 31}, {Year: 1000, Month: 1, Day: 1},
		{Year: 9999, Month: 12, Day: 31}, {Year: 10000, Month: 1, Day: 1}, {Year: 2005, Month: 13, Day: 4},
		{Year: 2005, Month: 4, Day: 0}, {Year: 2005, Month: 4, Day: 32}, {Year: -1, Month: 4, Day: 4},
		{Year: 2005, Month: 2, Day: 31},
	}
	for d := isotp.NewDate(1999, time.December, 25); d.Year < 2002; d = d.AddDays(1) {
		dates = append(dates, d)
	}
	for _, d := range dates {
		got := string(appendLongDate([]byte("on "), d))
		if want := "on " + d.Long(); got != want {
			t.Errorf("appendLongDate(%#v) = %q, want %q", d, got, want)
		}
	}
}
