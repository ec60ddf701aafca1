package attendance

import (
	"sync/atomic"
	"time"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// The years whose working days a summarizer keeps as bits, each year
// worked out from the policy's calendar the first time a breach deadline
// falls in it. A deadline outside them is counted by the calendar itself.
const (
	workFirstYear = 1950
	workLastYear  = 2150
)

// workEpoch is the day the summarizer's day numbers count from.
var workEpoch = isotp.NewDate(workFirstYear, time.January, 1)

// yearBits holds one bit a day of a year, from 1 January: set when the
// day is not a working day.
type yearBits [6]uint64

// workdays answers the calendar's AddWorkingDays from bits, a year of them
// at a time, made the first time they are needed: counting ten working days
// then reads a few words instead of asking the calendar about each day. It
// is safe for concurrent use: two goroutines that make a year's bits at
// once make the same bits, and either's are kept.
type workdays struct {
	cal   *rules.Calendar
	years [workLastYear - workFirstYear + 1]atomic.Pointer[yearBits]
}

// year returns the bits of year y, one of the years kept, and the day
// number of its 1 January.
func (w *workdays) year(y int) (*yearBits, int) {
	jan1 := isotp.NewDate(y, time.January, 1)
	start := jan1.DaysSince(workEpoch)
	if b := w.years[y-workFirstYear].Load(); b != nil {
		return b, start
	}
	b := new(yearBits)
	for i := range yearDays(y) {
		if !w.cal.IsWorkingDay(jan1.AddDays(i)) {
			b[i/64] |= 1 << (i % 64)
		}
	}
	w.years[y-workFirstYear].Store(b)
	return b, start
}

// addWorkingDays is w.cal.AddWorkingDays(d, n): the date n working days
// after d, counting from the day after d; d when n is below 1.
func (w *workdays) addWorkingDays(d isotp.Date, n int) isotp.Date {
	if n < 1 {
		return d
	}
	if d.Year < workFirstYear || d.Year > workLastYear {
		return w.cal.AddWorkingDays(d, n)
	}
	k := d.DaysSince(workEpoch)
	y := d.Year
	bits, start := w.year(y)
	if k < start { // a day 0 of a month, read as the day before its first
		return w.cal.AddWorkingDays(d, n)
	}
	for left := n; left > 0; {
		k++
		for k-start >= yearDays(y) {
			if y++; y > workLastYear {
				return w.cal.AddWorkingDays(d, n)
			}
			bits, start = w.year(y)
		}
		if i := k - start; bits[i/64]&(1<<(i%64)) == 0 {
			left--
		}
	}
	return workEpoch.AddDays(k)
}

// yearDays returns the number of days in year y.
func yearDays(y int) int {
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 366
	}
	return 365
}
