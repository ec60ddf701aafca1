// Package textwrap fills text to a width for the plain-text views of
// decisions. Widths are display widths, as a terminal shows the text: a
// letter with a combining accent ("é" written as e and U+0301) takes one
// column, an East Asian wide character ("名") two, a zero-width joiner none.
// Display width is measured by grapheme cluster with github.com/rivo/uniseg,
// which follows Unicode's segmentation rules (UAX #29) and East Asian Width
// (UAX #11).
//
// Text from a case (an id, a name) may hold characters that reorder or hide
// what a person reads; Visible writes them as marks, "<U+202E>", and every
// view for people passes its text through it. Wrap does so itself, so that
// its widths are those of the marks.
package textwrap

import (
	"strings"

	"github.com/rivo/uniseg"
)

// Wrap breaks s into lines of at most width columns (a longer word gets a
// line of its own). The first line starts with prefix; later lines are
// indented by as many spaces as prefix is wide, so that a prefix such as
// "  - " hangs. White space in s is collapsed, and the characters Visible
// marks are marked. An empty s gives "".
func Wrap(s string, width int, prefix string) string {
	prefix = Visible(prefix)
	return Hang(s, width, prefix, strings.Repeat(" ", Width(prefix)))
}

// Hang is Wrap with one prefix for the first line and another for the
// lines after it: Hang(s, 78, "  ", "    ") indents the continuation
// under the text rather than under the prefix.
func Hang(s string, width int, first, rest string) string {
	s, first, rest = Visible(s), Visible(first), Visible(rest)
	var b strings.Builder
	line, lineWidth, lead := first, Width(first), Width(first)
	for _, word := range strings.Fields(s) {
		w := Width(word)
		if lineWidth > lead && lineWidth+1+w > width {
			b.WriteString(line + "\n")
			line, lineWidth = rest, Width(rest)
			lead = lineWidth
		}
		if lineWidth > lead {
			line += " "
			lineWidth++
		}
		line += word
		lineWidth += w
	}
	if lineWidth > lead {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// Width returns the number of columns s takes on a terminal.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return uniseg.StringWidth(s)
		}
	}
	return len(s) // ASCII: a column a byte (the views have no control characters)
}

// Pad returns s followed by spaces to make it width columns wide; s is
// returned as it is when it is already as wide or wider. Tables use it to
// line up columns whose cells hold text of any script.
func Pad(s string, width int) string {
	if n := width - Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}
