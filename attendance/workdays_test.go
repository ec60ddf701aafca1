package attendance

import (
	"testing"
	"time"

	"github.com/isotp-dev/isotp"
)

// TestAddWorkingDays checks that the summarizer's working days count as
// the calendar's do: from every day of years around bank holidays and an
// area's closure days, over year ends, leap days, the first and last years
// kept as bits and the years either side, and days written past a month's
// end.
func TestAddWorkingDays(t *testing.T) {
	area := "area: testshire\npolicy: i-SOTP\ncalendar:\n  closures:\n    - {date: 2026-12-24, reason: Closed.}\n    - {date: 2027-01-04, reason: Closed.}\n"
	for _, s := range []*Summarizer{national(t), withArea(t, area)} {
		var from []isotp.Date
		for _, y := range []int{2000, 2024, 2026, 2027} {
			for d := isotp.NewDate(y, time.January, 1); d.Year == y; d = d.AddDays(1) {
				from = append(from, d)
			}
		}
		for _, d := range []isotp.Date{isotp.NewDate(1949, time.December, 20), isotp.NewDate(2150, time.December, 20)} {
			for i := range 20 {
				from = append(from, d.AddDays(i))
			}
		}
		from = append(from, isotp.NewDate(2026, time.February, 30), isotp.NewDate(2026, time.March, 0),
			isotp.NewDate(2026, time.January, 0), isotp.NewDate(1950, time.January, 0), isotp.NewDate(2150, time.December, 40),
			isotp.NewDate(9999, time.December, 20), isotp.Date{})
		for _, d := range from {
			for _, n := range []int{-1, 0, 1, 2, 10, 30} {
				if got, want := s.work.addWorkingDays(d, n), s.cal.AddWorkingDays(d, n); got != want {
					t.Fatalf("%d working days after %+v: got %+v, want %+v", n, d, got, want)
				}
			}
		}
	}
}
