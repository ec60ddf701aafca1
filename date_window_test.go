package isotp

import (
	"testing"
	"time"
)

// The date arithmetic the attendance summary relies on: the 12-month
// warning window, working-day deadlines and day counts.

func TestAddMonths(t *testing.T) {
	tests := []struct {
		d      Date
		n      int
		want   Date
		reason string
	}{
		{NewDate(2026, 3, 15), 12, NewDate(2027, 3, 15), "the 12 months beginning with 15 March 2026 end on 14 March 2027"},
		{NewDate(2026, 1, 31), 1, NewDate(2026, 3, 1), "no 31 February: the month beginning with 31 January ends on 28 February"},
		{NewDate(2028, 1, 31), 1, NewDate(2028, 3, 1), "in a leap year it ends on 29 February"},
		{NewDate(2028, 2, 29), 12, NewDate(2029, 3, 1), "the 12 months beginning with 29 February 2028 end on 28 February 2029"},
		{NewDate(2028, 2, 29), 48, NewDate(2032, 2, 29), "a leap year again"},
		{NewDate(2026, 8, 31), 1, NewDate(2026, 10, 1), "no 31 September"},
		{NewDate(2026, 12, 15), 1, NewDate(2027, 1, 15), "across a year"},
		{NewDate(2026, 12, 31), 2, NewDate(2027, 3, 1), "the 2 months beginning with 31 December 2026 end on 28 February 2027"},
		{NewDate(2026, 5, 10), 0, NewDate(2026, 5, 10), ""},
		{NewDate(2026, 1, 15), -1, NewDate(2025, 12, 15), "backwards across a year"},
	}
	for _, tt := range tests {
		if got := tt.d.AddMonths(tt.n); got != tt.want {
			t.Errorf("%s.AddMonths(%d) = %s, want %s (%s)", tt.d, tt.n, got, tt.want, tt.reason)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{NewDate(2026, 3, 2), 1, NewDate(2026, 3, 3)},   // Monday -> Tuesday
		{NewDate(2026, 3, 6), 1, NewDate(2026, 3, 9)},   // Friday -> Monday
		{NewDate(2026, 3, 7), 1, NewDate(2026, 3, 9)},   // Saturday -> Monday
		{NewDate(2026, 3, 8), 1, NewDate(2026, 3, 9)},   // Sunday -> Monday
		{NewDate(2026, 3, 2), 10, NewDate(2026, 3, 16)}, // two weeks
		{NewDate(2026, 3, 6), 10, NewDate(2026, 3, 20)},
		{NewDate(2026, 3, 7), 10, NewDate(2026, 3, 20)},
		{NewDate(2026, 12, 31), 1, NewDate(2027, 1, 1)}, // no bank holidays
		{NewDate(2026, 3, 7), 0, NewDate(2026, 3, 7)},
	}
	for _, tt := range tests {
		if got := tt.d.AddWorkingDays(tt.n); got != tt.want {
			t.Errorf("%s (%s).AddWorkingDays(%d) = %s, want %s", tt.d, tt.d.Weekday(), tt.n, got, tt.want)
		}
	}
}

func TestWeekdayAndDays(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{NewDate(1970, 1, 1), time.Thursday},
		{NewDate(1969, 12, 31), time.Wednesday},
		{NewDate(2026, 1, 5), time.Monday},
		{NewDate(2028, 2, 29), time.Tuesday},
		{NewDate(1, 1, 1), time.Monday},
	}
	for _, tt := range tests {
		if got := tt.d.Weekday(); got != tt.want {
			t.Errorf("%s.Weekday() = %s, want %s", tt.d, got, tt.want)
		}
		tm := time.Date(tt.d.Year, tt.d.Month, tt.d.Day, 0, 0, 0, 0, time.UTC)
		if got := tm.Weekday(); got != tt.want {
			t.Errorf("the time package says %s is a %s", tt.d, got)
		}
	}
	if got := NewDate(2026, 3, 1).DaysSince(NewDate(2026, 2, 1)); got != 28 {
		t.Errorf("DaysSince across February = %d, want 28", got)
	}
	if got := NewDate(2025, 12, 1).AddDays(400).DaysSince(NewDate(2025, 12, 1)); got != 400 {
		t.Errorf("AddDays and DaysSince disagree: %d", got)
	}
}
