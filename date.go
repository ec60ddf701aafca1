package isotp

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// A Date is a civil date in the proleptic Gregorian calendar, with no time of
// day and no time zone: the day an offence was committed, a session was held
// or a decision is made "as of". It prints and parses as YYYY-MM-DD.
//
// The zero Date means "not known"; it is never a real date (year 0 is not
// accepted by ParseDate). Dates are comparable with == and ordered with
// Compare, Before and After.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d. It does not normalise: check IsValid when
// the parts come from outside the program.
func NewDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// ParseDate parses a date written YYYY-MM-DD (exactly four, two and two
// digits). It rejects days that do not exist, such as 2025-02-29. Its error
// quotes s, for text from a program or a policy file; the decoders and
// UnmarshalText describe a bad date instead, since theirs may be a date of
// birth.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.IsValid() {
		return Date{}, fmt.Errorf("invalid date %q: no such day", s)
	}
	return date, nil
}

// parseDateText is ParseDate for the bytes of a JSON string, without
// allocating for a valid date, and with an error that describes a bad date
// rather than quoting it (it may be a date of birth): "invalid date: looks
// like DD/MM/YYYY; want YYYY-MM-DD".
func parseDateText(b []byte) (Date, error) {
	if len(b) == 10 && b[4] == '-' && b[7] == '-' {
		y, ok1 := digitBytes(b[0:4])
		m, ok2 := digitBytes(b[5:7])
		d, ok3 := digitBytes(b[8:10])
		if ok1 && ok2 && ok3 {
			date := Date{Year: y, Month: time.Month(m), Day: d}
			if !date.IsValid() {
				return Date{}, errors.New("invalid date: " + date.problem())
			}
			return date, nil
		}
	}
	return Date{}, errors.New(badDate(b))
}

// problem says why d, an invalid date, is no real day, without quoting it.
func (d Date) problem() string {
	switch {
	case d.Year < 1 || d.Year > 9999:
		return "the year is not 0001 to 9999"
	case d.Month < 1 || d.Month > 12:
		return "the month is not 01 to 12"
	}
	return "no such day in that month"
}

func digitBytes(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IsZero reports whether d is the zero Date, meaning "not known".
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d names a real day between years 1 and 9999.
func (d Date) IsValid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// String returns d as YYYY-MM-DD, or "unknown" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return "unknown"
	}
	if !d.plain() {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	var buf [10]byte
	return string(d.appendISO(buf[:0]))
}

// plain reports whether d's year, month and day are within the ranges
// its two written forms are quick to write: years 1 to 9999, months 1 to
// 12 and days 1 to 31, whether or not the day exists in the month.
func (d Date) plain() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= 31
}

// appendISO appends d, plain, as YYYY-MM-DD.
func (d Date) appendISO(b []byte) []byte {
	y, m := d.Year, int(d.Month)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// Long returns d as people write it in a letter or report: "4 April 2005";
// "unknown" for the zero Date.
func (d Date) Long() string {
	var buf [24]byte // "30 September 2026" is the longest plain one
	return string(d.AppendLong(buf[:0]))
}

// AppendLong appends d.Long() to b, for a caller writing a text of its
// own: "4 April 2005", or "unknown" for the zero Date.
func (d Date) AppendLong(b []byte) []byte {
	if d.IsZero() {
		return append(b, "unknown"...)
	}
	if d.plain() && d.Year >= 1000 { // four digits: written digit by digit
		if d.Day >= 10 {
			b = append(b, byte('0'+d.Day/10))
		}
		b = append(append(append(b, byte('0'+d.Day%10), ' '), d.Month.String()...), ' ')
		y := d.Year
		return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	}
	b = strconv.AppendInt(b, int64(d.Day), 10)
	b = append(append(b, ' '), d.Month.String()...)
	return strconv.AppendInt(append(b, ' '), int64(d.Year), 10)
}

// MarshalText writes d as YYYY-MM-DD. The zero Date cannot be marshalled:
// leave it out (the JSON field tags use omitzero).
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("cannot marshal invalid date %d-%d-%d", d.Year, d.Month, d.Day)
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText parses YYYY-MM-DD, as ParseDate, but its error describes
// a bad date rather than quoting it.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := parseDateText(b)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Compare returns -1, 0 or +1 as d is before, the same day as, or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// Day 0 of the day count is 1970-01-01, a Thursday.
	return time.Weekday((d.days()%7 + 7 + 4) % 7)
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return fromDays(d.days() + int64(n)) }

// DaysSince returns the number of days from e to d: positive when d is later.
func (d Date) DaysSince(e Date) int { return int(d.days() - e.days()) }

// AddMonths returns the date n calendar months after d. When the target month
// has no such day (31 January plus one month, 29 February plus twelve), the
// result is the first day of the month after, so that a period of n months
// beginning with d always ends the day before d.AddMonths(n).
func (d Date) AddMonths(n int) Date {
	m := int(d.Month) - 1 + n
	y := d.Year + floorDiv(m, 12)
	m = m - floorDiv(m, 12)*12 + 1
	if d.Day > daysIn(y, time.Month(m)) {
		return Date{Year: y, Month: time.Month(m), Day: 1}.AddMonths(1)
	}
	return Date{Year: y, Month: time.Month(m), Day: d.Day}
}

// AgeAt returns the age in whole years, at the date at, of a person born on
// d; it is negative when at is before d. A person born on 29 February reaches
// each new age on 1 March in years that are not leap years, the usual reading
// in England and Wales.
func (d Date) AgeAt(at Date) int {
	age := at.Year - d.Year
	bm, bd := d.Month, d.Day
	if bm == time.February && bd == 29 && !isLeap(at.Year) {
		bm, bd = time.March, 1
	}
	if at.Month < bm || (at.Month == bm && at.Day < bd) {
		age--
	}
	return age
}

// MonthsSince returns the number of whole calendar months from e to d: the
// largest n with e.AddMonths(n) on or before d (negative when d is before e).
func (d Date) MonthsSince(e Date) int {
	n := (d.Year-e.Year)*12 + int(d.Month) - int(e.Month)
	for e.AddMonths(n).After(d) {
		n--
	}
	for !e.AddMonths(n + 1).After(d) {
		n++
	}
	return n
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// days returns the number of days since 1970-01-01 (Howard Hinnant's
// days_from_civil).
func (d Date) days() int64 {
	y := int64(d.Year)
	m := int64(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func fromDays(z int64) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{Year: int(y), Month: time.Month(m), Day: int(d)}
}
