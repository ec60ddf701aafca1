// Package textwrap fills text to a width for the plain-text views of
// decisions.
package textwrap

import "strings"

// Wrap breaks s into lines of at most width characters (a longer word gets a
// line of its own). The first line starts with prefix; later lines are
// indented by as many spaces, so that a prefix such as "  - " hangs. White
// space in s is collapsed. An empty s gives "".
func Wrap(s string, width int, prefix string) string {
	var b strings.Builder
	line := prefix
	hang := strings.Repeat(" ", len(prefix))
	for _, word := range strings.Fields(s) {
		if len(line) > len(prefix) && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = hang
		}
		if len(line) > len(prefix) {
			line += " "
		}
		line += word
	}
	if len(line) > len(prefix) {
		b.WriteString(line + "\n")
	}
	return b.String()
}
