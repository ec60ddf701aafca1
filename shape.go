package isotp

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file words what an error says about a bad date without quoting it:
// a value in the wrong place may be a date of birth, a name or an id. Errors
// describe its shape (looks like DD/MM/YYYY) or its length instead. (An
// unknown enumeration spelling is worded by internal/enum, and a value of
// the wrong type or size by internal/jsonread, to the same rule.)

// sizeOf describes a string by its length: "a string of 12 bytes". A string
// the tokenizer cut (see maxStringLen) is "of more than" that.
func sizeOf(b []byte) string {
	if len(b) > maxStringLen {
		return "a string of more than " + strconv.Itoa(maxStringLen) + " bytes"
	}
	return "a string of " + strconv.Itoa(len(b)) + " bytes"
}

// maxShape is the longest text whose shape an error describes; a longer one
// is described by its length.
const maxShape = 32

// badDate is the error message for a string that is not a date written
// YYYY-MM-DD. It says what the string looks like: DD/MM/YYYY for three
// groups of digits in a familiar order, a date and time for an ISO 8601
// timestamp, else the text with each digit written 9 and each letter x.
func badDate(b []byte) string {
	const want = "; want YYYY-MM-DD"
	switch {
	case len(b) == 0:
		return "invalid date: an empty string" + want
	case len(b) > maxShape:
		return "invalid date: " + sizeOf(b) + want
	case len(b) > 10 && (b[10] == 'T' || b[10] == ' ') && isYMD(b[:10]):
		return "invalid date: looks like a date and time; want the date alone, YYYY-MM-DD"
	}
	if s, ok := dayMonthYear(b); ok {
		return "invalid date: looks like " + s + want
	}
	var s strings.Builder
	digit, letter := false, false
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r >= '0' && r <= '9':
			s.WriteByte('9')
			digit = true
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			s.WriteByte('x')
			letter = true
		case r >= ' ' && r < 0x7f:
			s.WriteRune(r) // space and punctuation
		default:
			s.WriteByte('?')
		}
	}
	switch {
	case digit && letter:
		s.WriteString(" (9 a digit, x a letter)")
	case digit:
		s.WriteString(" (9 a digit)")
	case letter:
		s.WriteString(" (x a letter)")
	}
	return "invalid date: looks like " + s.String() + want
}

// isYMD reports whether b is written YYYY-MM-DD, whatever the digits.
func isYMD(b []byte) bool {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return false
	}
	_, ok1 := digitBytes(b[0:4])
	_, ok2 := digitBytes(b[5:7])
	_, ok3 := digitBytes(b[8:10])
	return ok1 && ok2 && ok3
}

// dayMonthYear names the parts of three groups of digits joined by one
// separator (- / . or space), when their lengths give the order: YYYY-M-D
// with the year first, DD/MM/YYYY or DD/MM/YY with the year last (day
// first, as dates are written in England and Wales).
func dayMonthYear(b []byte) (string, bool) {
	var n [3]int // the length of each group
	var sep byte
	groups := 0
	for i, c := range b {
		digit := c >= '0' && c <= '9'
		after := i > 0 && b[i-1] >= '0' && b[i-1] <= '9' // c follows a digit
		switch {
		case digit && !after:
			if groups == 3 {
				return "", false
			}
			groups++
			n[groups-1]++
		case digit:
			n[groups-1]++
		case !after || sep != 0 && c != sep || !strings.ContainsRune("-/. ", rune(c)):
			return "", false
		default:
			sep = c
		}
	}
	if groups != 3 || n[2] == 0 || !(b[len(b)-1] >= '0' && b[len(b)-1] <= '9') {
		return "", false
	}
	parts := func(first, second, third string) string {
		return strings.Repeat(first, n[0]) + string(sep) + strings.Repeat(second, n[1]) + string(sep) + strings.Repeat(third, n[2])
	}
	switch {
	case n[0] == 4 && n[1] <= 2 && n[2] <= 2:
		return parts("Y", "M", "D"), true
	case n[0] <= 2 && n[1] <= 2 && (n[2] == 4 || n[2] == 2):
		return parts("D", "M", "Y"), true
	}
	return "", false
}
