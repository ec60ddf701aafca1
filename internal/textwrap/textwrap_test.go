package textwrap

import "testing"

func TestWrap(t *testing.T) {
	tests := []struct {
		s, prefix string
		width     int
		want      string
	}{
		{"", "  ", 20, ""},
		{"one two three", "  ", 20, "  one two three\n"},
		{"one two three four five", "  ", 14, "  one two\n  three four\n  five\n"},
		{"a finding about sessions", "  - ", 14, "  - a finding\n    about\n    sessions\n"},
		{"unbreakablewordlongerthanwidth x", "", 10, "unbreakablewordlongerthanwidth\nx\n"},
		{"  spaced\n\tout  ", "", 20, "spaced out\n"},
	}
	for _, tt := range tests {
		if got := Wrap(tt.s, tt.width, tt.prefix); got != tt.want {
			t.Errorf("Wrap(%q, %d, %q) = %q, want %q", tt.s, tt.width, tt.prefix, got, tt.want)
		}
	}
}
