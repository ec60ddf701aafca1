package textwrap

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name, s, prefix string
		width           int
		want            string
	}{
		{"empty", "", "  ", 20, ""},
		{"fits", "one two three", "  ", 20, "  one two three\n"},
		{"breaks", "one two three four five", "  ", 14, "  one two\n  three four\n  five\n"},
		{"hanging prefix", "a finding about sessions", "  - ", 14, "  - a finding\n    about\n    sessions\n"},
		{"long word", "unbreakablewordlongerthanwidth x", "", 10, "unbreakablewordlongerthanwidth\nx\n"},
		{"white space", "  spaced\n\tout  ", "", 20, "spaced out\n"},
		// Each accented letter here is two code points (e and U+0301), one
		// column: the line is 15 columns (25 bytes), and it holds.
		{"combining marks", "re\u0301 re\u0301e\u0301e\u0301 cafe\u0301 ok", "", 15, "re\u0301 re\u0301e\u0301e\u0301 cafe\u0301 ok\n"},
		{"precomposed letters", "Siân Gwénaëlle Ćwikła Łódź", "", 20, "Siân Gwénaëlle\nĆwikła Łódź\n"},
		// Wide characters take two columns each: 名前 is 4 columns.
		{"wide characters", "名前 名前 名前 名前", "", 9, "名前 名前\n名前 名前\n"},
		{"wide prefix hangs by its width", "one two three", "名: ", 12, "名: one two\n    three\n"},
		{"zero-width joiner", "a\u200db c", "", 3, "a\u200db\nc\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Wrap(tt.s, tt.width, tt.prefix); got != tt.want {
				t.Errorf("Wrap(%q, %d, %q) =\n%q\nwant\n%q", tt.s, tt.width, tt.prefix, got, tt.want)
			}
			for _, line := range strings.Split(strings.TrimSuffix(Wrap(tt.s, tt.width, tt.prefix), "\n"), "\n") {
				if Width(line) > tt.width && !strings.Contains(tt.name, "long word") {
					t.Errorf("line %q is %d columns wide, over %d", line, Width(line), tt.width)
				}
			}
		})
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"é", 1},       // precomposed
		{"e\u0301", 1}, // e and a combining acute accent
		{"名前", 4},
		{"ｱ", 1}, // halfwidth katakana
		{"a\u200db", 2},
	}
	for _, tt := range tests {
		if got := Width(tt.s); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestPad(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"ab", 4, "ab  "},
		{"e\u0301", 3, "e\u0301  "},
		{"名前", 6, "名前  "},
		{"toolong", 3, "toolong"},
	}
	for _, tt := range tests {
		if got := Pad(tt.s, tt.width); got != tt.want {
			t.Errorf("Pad(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}
