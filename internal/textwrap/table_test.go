package textwrap

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTable(t *testing.T) {
	tests := []struct {
		name   string
		width  int
		fill   int
		rows   [][]string
		want   string
		reason string
	}{
		{"fits", 78, 3, [][]string{{"2 March 2026", "session 9", "failed to comply", "formal warning"}},
			"  2 March 2026  session 9  failed to comply  formal warning\n", ""},
		{"the fill column wraps under itself", 60, 3, [][]string{
			{"17 August 2026", "session 12", "unacceptable absence", "formal warning"},
			{"21 December 2026", "session 30", "unacceptable absence", "breach action by 7 January 2027"}},
			"  17 August 2026    session 12  unacceptable absence  formal\n" +
				"                                                      warning\n" +
				"  21 December 2026  session 30  unacceptable absence  breach\n" +
				"                                                      action\n" +
				"                                                      by 7\n" +
				"                                                      January\n" +
				"                                                      2027\n",
			"the column keeps its minimum of 6, and a line may go over"},
		{"a first column wraps", 30, 0, [][]string{{"SCALE", "PRE"}, {"Emotional congruence with children", "19"}},
			"  SCALE                    PRE\n  Emotional congruence     19\n  with children\n", ""},
		{"wide characters and marks", 40, 0, [][]string{{"名前 名前", "x"}, {"A1\u202eB", "y"}},
			"  名前 名前    x\n  A1<U+202E>B  y\n", "widths are display widths, of the marks"},
		{"short rows", 78, 1, [][]string{{"a", "b", "c"}, {"dd"}}, "  a   b  c\n  dd\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Table("  ", tt.width, tt.fill, tt.rows)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s%s", diff, tt.reason)
			}
			if tt.name == "the fill column wraps under itself" {
				return
			}
			for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if Width(line) > tt.width || utf8.RuneCountInString(line) > tt.width {
					t.Errorf("line %q is over %d columns", line, tt.width)
				}
			}
		})
	}
}

func TestHang(t *testing.T) {
	got := Hang("Emotional congruence with children (a lower score is better):", 40, "  ", "    ")
	want := "  Emotional congruence with children (a\n    lower score is better):\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
