package rules

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

func TestNationalOutcomeCodes(t *testing.T) {
	pol, err := Load(National)
	if err != nil {
		t.Fatal(err)
	}
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
	if err != nil {
		t.Fatal(err)
	}
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

func TestOutcomeCodeErrors(t *testing.T) {
	tests := []struct {
		name string
		area string
		want []string
	}{
		{
			name: "an area redefining a national code",
			area: "area: x\npolicy: i-SOTP\noutcome_codes:\n  ATTC: acceptable_absence\n",
			want: []string{`area.yaml:4:3: outcome code "ATTC" is national policy (national/attendance.yaml:`},
		},
		{
			name: "an unknown outcome",
			area: "area: x\npolicy: i-SOTP\noutcome_codes:\n  X1: attnded\n",
			want: []string{`area.yaml:4:7: outcome code "X1": unknown outcome "attnded" (want attended, acceptable_absence, unacceptable_absence, failed_to_comply or catch_up)`},
		},
		{
			name: "a code spelling a pinned outcome",
			area: "area: x\npolicy: i-SOTP\noutcome_codes:\n  attended: attended\n",
			want: []string{`area.yaml:4:3: outcome code "attended" is a session outcome itself`},
		},
		{
			name: "a code with a space",
			area: "area: x\npolicy: i-SOTP\noutcome_codes:\n  \"AT TC\": attended\n",
			want: []string{`area.yaml:4:3: outcome code "AT TC": want letters, digits and underscores`},
		},
		{
			name: "an outcome that is not text",
			area: "area: x\npolicy: i-SOTP\noutcome_codes:\n  X1: [attended]\n",
			want: []string{`area.yaml:4:7: outcome code X1: want text, got a list`},
		},
		{
			name: "not a mapping",
			area: "area: x\npolicy: i-SOTP\noutcome_codes: [ATTC]\n",
			want: []string{`area.yaml:3:16: outcome_codes: want a mapping, got a list`},
		},
		{
			name: "the same code twice",
			area: "area: x\npolicy: i-SOTP\noutcome_codes:\n  X1: attended\n  X1: attended\n",
			want: []string{`area.yaml:5:3: outcome_codes: duplicate key "X1"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(National, AreaBytes("area.yaml", []byte(tt.area)))
			checkErrors(t, err, tt.want)
		})
	}
}

// TestOutcomeCodesAcrossNationalFiles checks that two national files may not
// both define a code.
func TestOutcomeCodesAcrossNationalFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"p/a.yaml": {Data: []byte("name: t\nversion: \"1\"\noutcome_codes:\n  X1: attended\n")},
		"p/b.yaml": {Data: []byte("outcome_codes:\n  X1: catch_up\n")},
	}
	_, err := Load(Dir(fsys, "p"))
	checkErrors(t, err, []string{`p/b.yaml:2:3: outcome code "X1" is already defined at p/a.yaml:4:3`})
}

// checkErrors checks that err is an ErrorList whose errors start with want.
func checkErrors(t *testing.T, err error, want []string) {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) || !errors.Is(err, ErrInvalidPolicy) {
		t.Fatalf("got %v, want an ErrorList", err)
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors (%v), want %d", len(list), err, len(want))
	}
	for i, e := range list {
		if !strings.HasPrefix(e.Error(), want[i]) {
			t.Errorf("error %d:\n got %s\nwant %s...", i, e, want[i])
		}
	}
}
