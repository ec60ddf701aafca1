package rules

import (
	"slices"
	"time"

	"github.com/rickar/cal/v2/gb"

	"github.com/isotp-dev/isotp"
)

// The library that gives the regular bank holidays of England and Wales, by
// rule, for any year. A test holds this to go.mod.
const (
	calendarModule  = "github.com/rickar/cal/v2"
	calendarVersion = "v2.1.13"
)

// The years whose days off are worked out when a policy is loaded; a day
// outside them is worked out when it is asked about.
const (
	spanFirst = 1950
	spanLast  = 2150
)

// A Calendar says which days are working days under a policy: Monday to
// Friday, except the bank holidays of England and Wales and the closure days
// of the area in force. The regular bank holidays (New Year's Day, Good
// Friday, Easter Monday, the early May, spring and summer bank holidays,
// Christmas Day and Boxing Day, each with its substitute day) come by rule
// from github.com/rickar/cal/v2/gb, for any year; the one-off days appointed
// by Royal Proclamation (a jubilee, a state funeral, a coronation) are
// listed in the national policy with their source, for the years it says it
// has checked; an area file may add the days its offices close. An area may
// only add days off: it cannot make a bank holiday a working day.
//
// A Calendar is immutable and safe for concurrent use. Its days off are
// worked out once, when the policy is loaded, for the years 1950 to 2150;
// asking about one is a look-up.
type Calendar struct {
	off      []uint64 // bit i: the day i days after 1 January spanFirst is not a working day
	days     []CalendarDay
	oneOff   []CalendarDay
	closures []CalendarDay
	checked  [2]int // the first and last year whose one-off days are listed; zero when none
}

// A CalendarDay is a weekday that is not a working day: a bank holiday or an
// area's closure day.
type CalendarDay struct {
	Date isotp.Date `json:"date"`
	// Name says what the day is: "Christmas Day", "Boxing Day (substitute
	// day)", "Bank holiday for the State Funeral of Queen Elizabeth II"; for
	// a closure day, the reason the area gives.
	Name string `json:"name"`
	// Closure is true for an area's closure day, false for a bank holiday.
	Closure bool `json:"closure"`
	// Source is where the day comes from: the proclamation or announcement
	// of a one-off bank holiday, or the area file of a closure day; empty
	// for a regular bank holiday, which comes by rule.
	Source string   `json:"source,omitempty"`
	Pos    Position `json:"-"` // where a one-off or closure day is declared
}

// CalendarCoverage says what a calendar knows, for a policy author or a
// reader of a deadline to check it against.
type CalendarCoverage struct {
	// Region is the bank holidays': "England and Wales".
	Region string `json:"region"`
	// Rules is the library, and its version, whose rules give the regular
	// bank holidays.
	Rules string `json:"rules"`
	// CheckedFrom and CheckedTo are the years whose one-off bank holidays
	// the national policy lists, checked against the published list; both
	// zero when it lists none. For other years only the regular bank
	// holidays are known.
	CheckedFrom int `json:"checked_from"`
	CheckedTo   int `json:"checked_to"`
	// OneOffDays are the one-off bank holidays the national policy lists,
	// in date order.
	OneOffDays []CalendarDay `json:"one_off_days"`
	// Closures are the area's closure days, in date order.
	Closures []CalendarDay `json:"closures"`
}

// Calendar returns the working-day calendar in force: the bank holidays of
// England and Wales and the area's closure days.
func (p *Policy) Calendar() *Calendar {
	p.trace.table(WorkingDays)
	return p.calendar
}

// IsWorkingDay reports whether d is a working day: Monday to Friday, and
// neither a bank holiday in England and Wales nor one of the area's closure
// days.
func (c *Calendar) IsWorkingDay(d isotp.Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if i := c.index(d); i >= 0 {
		return c.off[i/64]&(1<<(i%64)) == 0
	}
	_, off := c.slowDayOff(d)
	return !off
}

// AddWorkingDays returns the date n working days after d, counting from the
// day after d: with n = 10, the tenth working day after d. n below 1 gives
// d.
func (c *Calendar) AddWorkingDays(d isotp.Date, n int) isotp.Date {
	for n > 0 {
		d = d.AddDays(1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// DaysOff returns the weekdays from from to to, both included, that are not
// working days, in date order.
func (c *Calendar) DaysOff(from, to isotp.Date) []CalendarDay {
	var out []CalendarDay
	for y := from.Year; y <= to.Year; y++ {
		for _, day := range c.yearDays(y) {
			if !day.Date.Before(from) && !day.Date.After(to) {
				out = append(out, day)
			}
		}
	}
	return out
}

// Checked reports whether the national policy has checked the one-off bank
// holidays of d's year: for other years only the regular bank holidays, and
// the area's closure days, are known.
func (c *Calendar) Checked(d isotp.Date) bool {
	return c.checked[0] != 0 && d.Year >= c.checked[0] && d.Year <= c.checked[1]
}

// Coverage says where the calendar's days come from and for which years its
// one-off days are known.
func (c *Calendar) Coverage() CalendarCoverage {
	return CalendarCoverage{
		Region:      "England and Wales",
		Rules:       calendarModule + "/gb " + calendarVersion,
		CheckedFrom: c.checked[0],
		CheckedTo:   c.checked[1],
		OneOffDays:  append([]CalendarDay{}, c.oneOff...),
		Closures:    append([]CalendarDay{}, c.closures...),
	}
}

// HasClosures reports whether the area in force adds closure days.
func (c *Calendar) HasClosures() bool { return len(c.closures) > 0 }

// index returns d's bit in c.off, or -1 outside the years worked out.
func (c *Calendar) index(d isotp.Date) int64 {
	if d.Year < spanFirst || d.Year > spanLast {
		return -1
	}
	return int64(d.DaysSince(isotp.NewDate(spanFirst, time.January, 1)))
}

// yearDays returns the days off of year y, in date order.
func (c *Calendar) yearDays(y int) []CalendarDay {
	if y >= spanFirst && y <= spanLast {
		lo, _ := slices.BinarySearchFunc(c.days, isotp.NewDate(y, time.January, 1), func(d CalendarDay, t isotp.Date) int { return d.Date.Compare(t) })
		hi, _ := slices.BinarySearchFunc(c.days, isotp.NewDate(y+1, time.January, 1), func(d CalendarDay, t isotp.Date) int { return d.Date.Compare(t) })
		return c.days[lo:hi]
	}
	return mergeDays(bankHolidays(y), c.oneOff, c.closures, y)
}

// slowDayOff looks d up outside the years worked out at load.
func (c *Calendar) slowDayOff(d isotp.Date) (CalendarDay, bool) {
	for _, day := range c.yearDays(d.Year) {
		if day.Date == d {
			return day, true
		}
	}
	return CalendarDay{}, false
}

// newCalendar works out the days off of the years spanFirst to spanLast.
// oneOff and closures must each be in date order.
func newCalendar(oneOff, closures []CalendarDay, checked [2]int) *Calendar {
	c := &Calendar{oneOff: oneOff, closures: closures, checked: checked}
	start := isotp.NewDate(spanFirst, time.January, 1)
	end := isotp.NewDate(spanLast+1, time.January, 1)
	c.off = make([]uint64, (end.DaysSince(start)+63)/64)
	for y := spanFirst; y <= spanLast; y++ {
		c.days = append(c.days, mergeDays(bankHolidays(y), oneOff, closures, y)...)
	}
	for _, day := range c.days {
		i := day.Date.DaysSince(start)
		c.off[i/64] |= 1 << (i % 64)
	}
	return c
}

// mergeDays returns the days off of year y: the regular bank holidays, the
// one-off days (which name a day the rules also give in the rules' place)
// and the closure days, in date order, weekdays only.
func mergeDays(regular, oneOff, closures []CalendarDay, y int) []CalendarDay {
	out := slices.Clone(regular)
	for _, list := range [][]CalendarDay{oneOff, closures} {
		for _, day := range list {
			if day.Date.Year != y {
				continue
			}
			if i := slices.IndexFunc(out, func(r CalendarDay) bool { return r.Date == day.Date }); i >= 0 {
				out[i] = day
				continue
			}
			out = append(out, day)
		}
	}
	slices.SortFunc(out, func(a, b CalendarDay) int { return a.Date.Compare(b.Date) })
	return out
}

// bankHolidays returns the regular bank holidays of England and Wales in
// year y, as the library's rules give them, each on the day it is observed.
func bankHolidays(y int) []CalendarDay {
	var out []CalendarDay
	for _, h := range gb.Holidays {
		actual, observed := h.Calc(y)
		if observed.IsZero() {
			continue
		}
		name := h.Name
		if n, ok := holidayNames[name]; ok {
			name = n
		}
		if !sameDay(actual, observed) {
			name += " (substitute day)"
		}
		out = append(out, CalendarDay{Date: isotp.NewDate(observed.Year(), observed.Month(), observed.Day()), Name: name})
	}
	slices.SortFunc(out, func(a, b CalendarDay) int { return a.Date.Compare(b.Date) })
	// When Christmas Day is a Sunday, the library moves it to Monday 26th
	// and Boxing Day to Tuesday 27th; the published list calls the Monday
	// Boxing Day and the Tuesday Christmas Day's substitute. The days are
	// the same.
	for i := 0; i+1 < len(out); i++ {
		if out[i].Name == "Christmas Day (substitute day)" && out[i].Date.Day == 26 && out[i+1].Name == "Boxing Day (substitute day)" {
			out[i].Name, out[i+1].Name = "Boxing Day", "Christmas Day (substitute day)"
		}
	}
	return out
}

// holidayNames are the names the published list of bank holidays gives
// where the library's differ.
var holidayNames = map[string]string{
	"Early May":           "Early May bank holiday",
	"Spring Bank Holiday": "Spring bank holiday",
	"Summer Bank Holiday": "Summer bank holiday",
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}
