package rules

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/golden"
)

func TestNationalOutcomeCodes(t *testing.T) {
	pol, err := Load(National)
	require.NoError(t, err)
	// nDelius codes by whether he attended and whether he complied.
	want := map[string]isotp.SessionOutcome{
		"ATTC": isotp.Attended, "ATSS": isotp.Attended,
		"AFTC": isotp.FailedToComply, "ATSH": isotp.FailedToComply,
		"UAAB": isotp.UnacceptableAbsence,
		"AAAA": isotp.AcceptableAbsence, "AAME": isotp.AcceptableAbsence, "AARE": isotp.AcceptableAbsence,
		"AASD": isotp.AcceptableAbsence, "AAHO": isotp.AcceptableAbsence, "AAEM": isotp.AcceptableAbsence,
		"AAFC": isotp.AcceptableAbsence, "AACL": isotp.AcceptableAbsence, "AARC": isotp.AcceptableAbsence,
		"RSSR": isotp.AcceptableAbsence, "RSOF": isotp.AcceptableAbsence,
	}
	got := map[string]isotp.SessionOutcome{}
	for _, c := range pol.OutcomeCodes() {
		got[c.Code] = c.Outcome
		if c.Source != "national" || c.Pos.Line == 0 {
			t.Errorf("code %s: source %q at %s, want national with a position", c.Code, c.Source, c.Pos)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestSessionOutcome(t *testing.T) {
	pol, err := Load(National, AreaBytes("area.yaml", []byte("area: x\npolicy: i-SOTP\noutcome_codes:\n  X_SICK: acceptable_absence\n")))
	require.NoError(t, err)
	tests := []struct {
		in     string
		want   isotp.SessionOutcome
		ok     bool
		reason string
	}{
		{"attended", isotp.Attended, true, "a pinned spelling"},
		{"catch_up", isotp.CatchUp, true, ""},
		{"UAAB", isotp.UnacceptableAbsence, true, "a national code"},
		{"X_SICK", isotp.AcceptableAbsence, true, "an area's code"},
		{"uaab", 0, false, "codes match exactly as written"},
		{"Attended", 0, false, "so do pinned spellings"},
		{"attnded", 0, false, ""},
		{"", 0, false, ""},
	}
	for _, tt := range tests {
		got, ok := pol.SessionOutcome(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SessionOutcome(%q) = %v, %v; want %v, %v (%s)", tt.in, got, ok, tt.want, tt.ok, tt.reason)
		}
	}
	codes := pol.OutcomeCodes()
	last := codes[len(codes)-1]
	if last.Code != "X_SICK" || last.Source != "area.yaml" || last.Pos.String() != "area.yaml:4:3" {
		t.Errorf("last code %+v, want X_SICK from area.yaml:4:3 (codes are sorted)", last)
	}
}

// TestOutcomeCodeErrors: each mistake in outcome codes is an error at its
// place; the messages are in testdata/outcome_code_errors.golden.
func TestOutcomeCodeErrors(t *testing.T) {
	tests := []struct {
		name string
		area string
		want []string // the errors' positions
	}{
		{"an area redefining a national code", "area: x\npolicy: i-SOTP\noutcome_codes:\n  ATTC: acceptable_absence\n", []string{"area.yaml:4:3"}},
		{"an unknown outcome", "area: x\npolicy: i-SOTP\noutcome_codes:\n  X1: attnded\n", []string{"area.yaml:4:7"}},
		{"a code spelling a pinned outcome", "area: x\npolicy: i-SOTP\noutcome_codes:\n  attended: attended\n", []string{"area.yaml:4:3"}},
		{"a code with a space", "area: x\npolicy: i-SOTP\noutcome_codes:\n  \"AT TC\": attended\n", []string{"area.yaml:4:3"}},
		{"an outcome that is not text", "area: x\npolicy: i-SOTP\noutcome_codes:\n  X1: [attended]\n", []string{"area.yaml:4:7"}},
		{"not a mapping", "area: x\npolicy: i-SOTP\noutcome_codes: [ATTC]\n", []string{"area.yaml:3:16"}},
		{"the same code twice", "area: x\npolicy: i-SOTP\noutcome_codes:\n  X1: attended\n  X1: attended\n", []string{"area.yaml:5:3"}},
	}
	var messages strings.Builder
	for _, tt := range tests {
		_, err := Load(National, AreaBytes("area.yaml", []byte(tt.area)))
		checkErrors(t, &messages, tt.name, err, tt.want)
	}
	fsys := fstest.MapFS{
		"p/a.yaml": {Data: []byte("name: t\nversion: \"1\"\noutcome_codes:\n  X1: attended\n")},
		"p/b.yaml": {Data: []byte("outcome_codes:\n  X1: catch_up\n")},
	}
	_, err := Load(Dir(fsys, "p"))
	checkErrors(t, &messages, "two national files defining one code", err, []string{"p/b.yaml:2:3"})
	golden.CheckString(t, "testdata/outcome_code_errors.golden", messages.String())
}

// checkErrors checks that err is an ErrorList with errors at the positions
// want, and writes them under name to messages.
func checkErrors(t *testing.T, messages *strings.Builder, name string, err error, want []string) {
	t.Helper()
	var list ErrorList
	require.ErrorAs(t, err, &list, name)
	require.ErrorIs(t, err, ErrInvalidPolicy, name)
	var got []string
	fmt.Fprintf(messages, "# %s\n", name)
	for _, e := range list {
		got = append(got, e.Pos.String())
		messages.WriteString(e.Detail() + "\n")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: error positions mismatch (-want +got):\n%s", name, diff)
	}
}
