package yamlfile

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The most characters of a source line an excerpt shows, and how many of
// them come before the column when the line is cut.
const (
	excerptWidth  = 120
	excerptBefore = 40
)

// Excerpt returns source line for display under an error at column col
// (counting bytes from 1), and the caret line to print under it: spaces, or
// tabs where the excerpt has tabs, up to the column, then "^". A line longer
// than about 120 characters is cut to that many around the column, with "…"
// where it was cut; a control character or a byte that is not UTF-8 is
// shown escaped, as Go writes it in a string (\x00, \u2028), never raw. A
// column past the end of the line puts the caret just after it; col 0 puts
// it at the start.
func Excerpt(line string, col int) (text, caret string) {
	// Each unit is one character of the line as it is shown.
	type unit struct {
		off  int    // byte offset in line
		show string // how it is shown
	}
	var units []unit
	at := -1 // the unit the column falls in
	for off := 0; off < len(line); {
		r, size := utf8.DecodeRuneInString(line[off:])
		u := unit{off: off, show: line[off : off+size]}
		switch {
		case r == utf8.RuneError && size == 1:
			u.show = `\x` + strconv.FormatUint(uint64(line[off]), 16)
			if len(u.show) == 3 {
				u.show = `\x0` + u.show[2:]
			}
		case r == '\t' || r == ' ':
		case !unicode.IsGraphic(r):
			u.show = strings.Trim(strconv.QuoteRune(r), "'")
		}
		if at < 0 && col-1 < off+size {
			at = len(units)
		}
		units = append(units, u)
		off += size
	}
	if at < 0 {
		at = len(units) // past the end
	}
	if col < 1 {
		at = 0
	}
	// The window [start, end) of units shown: the whole line when it fits,
	// else up to excerptBefore characters before the column and the rest
	// after it, moved back when the line ends first.
	w := func(i int) int { return utf8.RuneCountInString(units[i].show) }
	start, end, shown := at, at, 0
	for start > 0 && shown+w(start-1) <= excerptBefore {
		start--
		shown += w(start)
	}
	for end < len(units) && shown+w(end) <= excerptWidth {
		shown += w(end)
		end++
	}
	for start > 0 && shown+w(start-1) <= excerptWidth {
		start--
		shown += w(start)
	}
	var t, c strings.Builder
	if start > 0 {
		t.WriteString("…")
		c.WriteByte(' ')
	}
	for i, u := range units[start:end] {
		t.WriteString(u.show)
		if start+i >= at {
			continue
		}
		if u.show == "\t" {
			c.WriteByte('\t')
		} else {
			c.WriteString(strings.Repeat(" ", utf8.RuneCountInString(u.show)))
		}
	}
	if end < len(units) {
		t.WriteString("…")
	}
	c.WriteByte('^')
	return t.String(), c.String()
}
