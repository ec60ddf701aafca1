package yamlfile

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("a", 100) + "X" + strings.Repeat("b", 200)
	tests := []struct {
		name        string
		line        string
		col         int
		text, caret string
		reason      string
	}{
		{name: "short", line: "a: [1", col: 4, text: "a: [1", caret: "   ^"},
		{name: "first column", line: "a: 1", col: 1, text: "a: 1", caret: "^"},
		{name: "past the end", line: "b: [", col: 5, text: "b: [", caret: "    ^"},
		{name: "column 0", line: "a: 1", col: 0, text: "a: 1", caret: "^"},
		{name: "tab before the column", line: "\t- x: 1", col: 4, text: "\t- x: 1", caret: "\t  ^",
			reason: "the caret line keeps the tab, so that it lines up however tabs are shown"},
		{name: "non-ASCII before the column", line: "a: café: b", col: 9, text: "a: café: b", caret: "       ^",
			reason: "the column counts bytes; é is one character"},
		{name: "inside a character", line: "a: é", col: 5, text: "a: é", caret: "   ^"},
		{name: "NUL", line: "a: x\x00y", col: 5, text: `a: x\x00y`, caret: "    ^"},
		{name: "after escapes", line: "\x1b[1m: 1", col: 5, text: `\x1b[1m: 1`, caret: "       ^",
			reason: "the caret stays under its character after the escape"},
		{name: "not UTF-8", line: "a: caf\xe9", col: 7, text: `a: caf\xe9`, caret: "      ^"},
		{name: "line separator", line: "a: x\u2028y", col: 8, text: `a: x\u2028y`, caret: "          ^"},
		{name: "long, cut on both sides", line: long, col: 101,
			text:  "…" + strings.Repeat("a", 40) + "X" + strings.Repeat("b", 79) + "…",
			caret: strings.Repeat(" ", 41) + "^"},
		{name: "long, at the start", line: long, col: 1,
			text: strings.Repeat("a", 100) + "X" + strings.Repeat("b", 19) + "…", caret: "^"},
		{name: "long, at the end", line: long, col: 302,
			text:   "…" + strings.Repeat("b", 120),
			caret:  strings.Repeat(" ", 121) + "^",
			reason: "past the end of a long line: the excerpt is its last 120 characters"},
		{name: "long and escaped", line: strings.Repeat("\x00", 100), col: 50,
			text:   "…" + strings.Repeat(`\x00`, 30) + "…",
			caret:  strings.Repeat(" ", 1+40) + "^",
			reason: "the width counts characters shown, not characters in the line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, caret := Excerpt(tt.line, tt.col)
			if diff := cmp.Diff([]string{tt.text, tt.caret}, []string{text, caret}); diff != "" {
				t.Errorf("Excerpt mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}
