package whatif

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestWindow(t *testing.T) {
	long24 := "A Community Order with a Supervision Requirement of at least 24 months and a Programme Requirement."
	long30 := "A Community Order with a Supervision Requirement of at least 30 months and a Programme Requirement."
	tests := []struct {
		name   string
		a, b   string
		wantA  string
		wantB  string
		reason string
	}{
		{"short", "pass", "fail", "pass", "fail", "short values are shown whole"},
		{"long, one word differs", long24, long30,
			"...ent of at least 24 months and a Pr...", "...ent of at least 30 months and a Pr...",
			"sixteen bytes of context either side of the difference"},
		{"long against none", long24, "(none)",
			"A Community Order with a Supervision Requirement of at least 24 months and a Pro...", "(none)",
			"a long text with nothing in common is cut after 80 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := window(tt.a, tt.b)
			if diff := cmp.Diff([2]string{tt.wantA, tt.wantB}, [2]string{a, b}); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestWindowUTF8 checks that cuts never split a UTF-8 sequence.
func TestWindowUTF8(t *testing.T) {
	for pad := range 4 {
		prefix := strings.Repeat("x", pad) + strings.Repeat("é", 40)
		a, b := window(prefix+"1"+strings.Repeat("ü", 40), prefix+"2"+strings.Repeat("ü", 40))
		if !utf8.ValidString(a) || !utf8.ValidString(b) || !strings.Contains(a, "é1ü") {
			t.Errorf("pad %d: window gave %q, %q", pad, a, b)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestCaseDiffMarks: a case's id and a rule's message from it are written
// with the characters that could reorder or hide text as marks, as every
// text for people writes them; an error line too.
func TestCaseDiffMarks(t *testing.T) {
	tests := []struct {
		name string
		cd   CaseDiff
		want string
	}{
		{"changes", CaseDiff{Line: 3, ID: "A1\u202egpj.exe", Changes: []Change{{Field: "eligibility.rules.id_noted", From: "pass", To: "fail", Note: "The case A1\u202egpj.exe is noted."}}},
			"line 3 (A1<U+202E>gpj.exe): 1 change\n" +
				"  eligibility.rules.id_noted  pass -> fail\n" +
				"                              The case A1<U+202E>gpj.exe is noted.\n"},
		{"an error", CaseDiff{Line: 4, ID: "B\u2067\u2069", ErrorKind: EvaluationError, Error: "it divides by zero"},
			"line 4 (B<U+2067><U+2069>): evaluation error: it divides by zero\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := tt.cd.WriteText(&b, nil); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
