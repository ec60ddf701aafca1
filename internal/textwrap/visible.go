package textwrap

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Visible returns s with every character that could reorder, hide or
// overwrite text shown to a person written as a visible mark, "<U+202E>",
// so that an id or name from a case cannot make a document read other
// than it is written. The characters marked are:
//
//   - the bidirectional formatting characters (Unicode's UAX #9): the
//     marks U+061C ARABIC LETTER MARK, U+200E LEFT-TO-RIGHT MARK and
//     U+200F RIGHT-TO-LEFT MARK, the embeddings and overrides U+202A to
//     U+202E, and the isolates U+2066 to U+2069;
//   - the control characters, U+0000 to U+001F and U+007F to U+009F, but
//     tab and newline, which the views lay out themselves (a carriage
//     return or an escape sequence could overwrite a line on a terminal);
//   - the line and paragraph separators U+2028 and U+2029.
//
// Every other character, a zero-width joiner in a name among them, is kept
// as it is. Text without any of these is returned as it is. JSON output
// keeps values as given: Visible is for text, Markdown and HTML only.
func Visible(s string) string {
	return mark(s, "<", ">")
}

// VisibleHTML is Visible for HTML text or an attribute's value: each mark
// is written "&lt;U+202E&gt;", so that the page shows what Visible's text
// shows.
func VisibleHTML(s string) string {
	return mark(s, "&lt;", "&gt;")
}

// Hidden reports whether Visible marks r.
func Hidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n'
	case r < 0x7f:
		return false
	case r <= 0x9f:
		return true
	}
	switch r {
	case 0x061c, 0x200e, 0x200f, 0x2028, 0x2029:
		return true
	}
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}

func mark(s, open, close string) string {
	if !mayHide(s) {
		return s
	}
	var b []byte
	last := 0
	for i, r := range s {
		if !Hidden(r) {
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(b, s[last:i]...)
		b = append(b, open...)
		b = append(b, "U+"...)
		hex := strings.ToUpper(strconv.FormatInt(int64(r), 16))
		b = append(b, "0000"[len(hex):]...) // every rune marked is under U+10000
		b = append(b, hex...)
		b = append(b, close...)
		last = i + utf8.RuneLen(r)
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// mayHide reports whether s holds a byte that can begin a character Hidden
// marks: a control byte (not tab or newline), the lead byte of a C1
// control (0xC2), of U+061C (0xD8), or of the marks from U+2000 (0xE2).
// Most text holds none, and is returned at once.
func mayHide(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20:
			if c != '\t' && c != '\n' {
				return true
			}
		case c == 0x7f, c == 0xc2, c == 0xd8, c == 0xe2:
			return true
		}
	}
	return false
}
