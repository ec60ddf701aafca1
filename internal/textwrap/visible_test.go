package textwrap

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// The characters Visible marks, as its documentation lists them.
var hiddenChars = []rune{
	0x061c, 0x200e, 0x200f, // the marks
	0x202a, 0x202b, 0x202c, 0x202d, 0x202e, // embeddings and overrides
	0x2066, 0x2067, 0x2068, 0x2069, // isolates
	0x2028, 0x2029, // line and paragraph separators
}

func TestVisible(t *testing.T) {
	tests := []struct {
		name, s, want string
		reason        string
	}{
		{"ALM", "A\u061cB", "A<U+061C>B", ""},
		{"LRM", "A\u200eB", "A<U+200E>B", ""},
		{"RLM", "A\u200fB", "A<U+200F>B", ""},
		{"LRE", "A\u202aB", "A<U+202A>B", ""},
		{"RLE", "A\u202bB", "A<U+202B>B", ""},
		{"PDF", "A\u202cB", "A<U+202C>B", ""},
		{"LRO", "A\u202dB", "A<U+202D>B", ""},
		{"RLO", "A\u202eB", "A<U+202E>B", "the override that reverses what follows it"},
		{"LRI", "A\u2066B", "A<U+2066>B", ""},
		{"RLI", "A\u2067B", "A<U+2067>B", ""},
		{"FSI", "A\u2068B", "A<U+2068>B", ""},
		{"PDI", "A\u2069B", "A<U+2069>B", ""},
		{"line separator", "A\u2028B", "A<U+2028>B", ""},
		{"paragraph separator", "A\u2029B", "A<U+2029>B", ""},
		{"NUL", "A\x00B", "A<U+0000>B", ""},
		{"carriage return", "A\rB", "A<U+000D>B", "it could overwrite the line on a terminal"},
		{"escape", "A\x1b[2JB", "A<U+001B>[2JB", "the start of a terminal escape sequence"},
		{"DEL", "A\x7fB", "A<U+007F>B", ""},
		{"C1 control", "A\u0085B\u009bC", "A<U+0085>B<U+009B>C", ""},
		{"at both ends", "\u202eA123\u202c", "<U+202E>A123<U+202C>", ""},
		{"one after another", "\u2067\u202e\u2069", "<U+2067><U+202E><U+2069>", ""},
		{"an id reversed", "A123\u202egpj.exe", "A123<U+202E>gpj.exe", "reads as A123exe.jpg where it is not marked"},

		{"plain", "A123", "A123", ""},
		{"empty", "", "", ""},
		{"tab and newline", "a\tb\nc", "a\tb\nc", "the views write them themselves"},
		{"letters of other scripts", "Siân Łódź 名前 مرحبا שלום", "Siân Łódź 名前 مرحبا שלום", "right-to-left letters are text, not controls"},
		{"zero-width joiner", "a\u200db", "a\u200db", "part of names and emoji"},
		{"typography after U+2000", "1–2 ‘quoted’ … €", "1–2 ‘quoted’ … €", "lead byte 0xE2, nothing to mark"},
		{"no-break space", "a\u00a0b", "a\u00a0b", "lead byte 0xC2, not a C1 control"},
		{"Arabic letters", "\u0628\u061b", "\u0628\u061b", "lead byte 0xD8, not U+061C"},
		{"bytes that are not UTF-8", "a\xffb\xe2\x80", "a\xffb\xe2\x80", "kept as they are"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Visible(tt.s)); diff != "" {
				t.Errorf("Visible(%q) mismatch (-want +got):\n%s%s", tt.s, diff, tt.reason)
			}
			wantHTML := strings.NewReplacer("<U+", "&lt;U+", ">", "&gt;").Replace(tt.want)
			if tt.want == tt.s {
				wantHTML = tt.s
			}
			if diff := cmp.Diff(wantHTML, VisibleHTML(tt.s)); diff != "" {
				t.Errorf("VisibleHTML(%q) mismatch (-want +got):\n%s", tt.s, diff)
			}
			if again := Visible(Visible(tt.s)); again != Visible(tt.s) {
				t.Errorf("Visible is not idempotent on %q: %q", tt.s, again)
			}
		})
	}
}

// TestHidden: Hidden holds exactly the characters listed, and the control
// characters but tab and newline, over every rune; the fast path lets none
// of them through.
func TestHidden(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		want := r < 0x20 && r != '\t' && r != '\n' || 0x7f <= r && r <= 0x9f
		for _, h := range hiddenChars {
			want = want || r == h
		}
		if Hidden(r) != want {
			t.Errorf("Hidden(%U) = %v, want %v", r, !want, want)
		}
		if want && !utf8.ValidRune(r) {
			continue
		}
		if want && !mayHide(string(r)) {
			t.Errorf("mayHide(%U) = false: the fast path would keep it", r)
		}
	}
}

// TestVisibleKeepsPlainText: text with nothing to mark is returned as it
// is, without being copied.
func TestVisibleKeepsPlainText(t *testing.T) {
	s := strings.Repeat("He has completed all 35 sessions – 70 hours. ", 20)
	if n := testing.AllocsPerRun(100, func() { _ = Visible(s) }); n != 0 {
		t.Errorf("Visible allocated %v times for text with nothing to mark", n)
	}
}

// TestWrapMarks: Wrap marks the characters first, and fills the marks to
// the width.
func TestWrapMarks(t *testing.T) {
	got := Wrap("Case A123\u202e456 and case B\u2067789\u2069 are noted here.", 24, "  ")
	want := "  Case A123<U+202E>456\n  and case\n  B<U+2067>789<U+2069>\n  are noted here.\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if Width(line) > 24 && !strings.Contains(line, "B<U+2067>") {
			t.Errorf("line %q is %d columns wide, over 24", line, Width(line))
		}
	}
}
