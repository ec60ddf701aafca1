package rules

import (
	"testing"
	"unicode/utf8"
)

// TestNormaliseASCII: the allocation-free normalisation gives what
// normaliseOffence gives, for ASCII names, and declines the others.
func TestNormaliseASCII(t *testing.T) {
	for _, s := range []string{
		"", " ", "fraud", "Criminal Justice Act 1988 s.160", "  Criminal \t Justice\nAct 1988  s.160  ",
		"\v\f\r", "A", "possess_indecent_photograph", "Café", "non\u00a0breaking", "x\u0085y", "İ",
	} {
		checkNormaliseASCII(t, s)
	}
}

func FuzzNormaliseASCII(f *testing.F) {
	for _, s := range []string{"Criminal  Justice Act 1988 s.160", " a\tB ", "Ⅻ"} {
		f.Add(s)
	}
	f.Fuzz(checkNormaliseASCII)
}

func checkNormaliseASCII(t *testing.T, s string) {
	t.Helper()
	var buf [8]byte // shorter than most names: appending past it must still work
	got, ok := normaliseASCII(buf[:0], s)
	ascii := true
	for i := 0; i < len(s); i++ {
		ascii = ascii && s[i] < utf8.RuneSelf
	}
	switch {
	case ok != ascii:
		t.Fatalf("normaliseASCII(%q): ok %v, want %v", s, ok, ascii)
	case ok && string(got) != normaliseOffence(s):
		t.Fatalf("normaliseASCII(%q) = %q, want %q", s, got, normaliseOffence(s))
	}
}

// TestCatalogueMemo: the names an evaluation looks up are found through
// its memo as the catalogue finds them, whether the memo still holds them
// or has let them go for later ones.
func TestCatalogueMemo(t *testing.T) {
	c := &catalogue{byName: map[string]int{}}
	for i, name := range []string{"possess_indecent_photograph", "criminal justice act 1988 s.160", "fraud_alias"} {
		c.byName[name] = i % 2
	}
	names := []string{
		"possess_indecent_photograph", "Criminal Justice Act 1988  S.160", "fraud", "", "fraud_alias",
		"possess_indecent_photograph", "harassment", "voyeurism", "Criminal Justice Act 1988  S.160", "fraud",
	}
	var m catalogueMemo
	for round := range 3 {
		for _, name := range names {
			i, ok := m.find(c, name)
			wantI, wantOK := c.find(name)
			if ok != wantOK || ok && i != wantI {
				t.Fatalf("round %d: %q through the memo: %d, %v; want %d, %v", round, name, i, ok, wantI, wantOK)
			}
		}
	}
}
