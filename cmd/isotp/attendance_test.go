package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp/internal/golden"
)

func TestAttendanceCommand(t *testing.T) {
	const history = `{"as_of": "2026-01-20", "attendance": {"sessions": [
		{"session": 1, "date": "2026-01-05", "outcome": "ATTC"},
		{"session": 2, "date": "2026-01-12", "outcome": "UAAB"}], "warnings": []}}`
	dir := t.TempDir()
	area := filepath.Join(dir, "area.yaml")
	if err := os.WriteFile(area, []byte("area: testshire\npolicy: i-SOTP\nparams:\n  max_catch_ups: 2\noutcome_codes:\n  TS_ILL: acceptable_absence\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badArea := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badArea, []byte("area: testshire\npolicy: i-SOTP\noutcome_codes:\n  ATTC: catch_up\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantOut    []string // substrings of standard output
		wantErrOut []string // substrings of standard error
	}{
		{
			name: "json", args: []string{"attendance", "-"}, stdin: history, wantCode: exitOK,
			wantOut: []string{`"status": "catch_up_required"`, `"kind": "catch_up"`, `"action": "warning"`, `"area": "national"`},
		},
		{
			name: "text", args: []string{"attendance", "--format", "text", "-"}, stdin: history, wantCode: exitOK,
			wantOut: []string{"i-SOTP attendance: CATCH-UP REQUIRED", "    1-10   A M . . . . . . . .", "Enforcement: WARNING"},
		},
		{
			name: "an area's code and limit", args: []string{"attendance", "--area", area, "-"}, wantCode: exitOK,
			stdin:   `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "TS_ILL"}]}}`,
			wantOut: []string{`"catch_ups_allowed": 2`, `"catch_ups_remaining": 1`, `"area": "testshire"`},
		},
		{
			name: "an unknown outcome", args: []string{"attendance", "-"}, wantCode: exitUsage,
			stdin:      `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "attnded"}]}}`,
			wantErrOut: []string{`isotp attendance: standard input: attendance.sessions[0].outcome: unknown outcome "attnded"`},
		},
		{
			name: "no attendance record", args: []string{"attendance", "-"}, stdin: `{"as_of": "2026-01-01"}`, wantCode: exitUsage,
			wantErrOut: []string{"attendance: required"},
		},
		{
			name: "an area redefining a national code", args: []string{"attendance", "--area", badArea, "-"}, stdin: history, wantCode: exitPolicy,
			wantErrOut: []string{badArea + `:4:3: outcome code "ATTC" is national policy`},
		},
		{
			name: "no case", args: []string{"attendance"}, wantCode: exitUsage,
			wantErrOut: []string{"wrong number of arguments"},
		},
		{
			name: "check compiles the completion rules", args: []string{"check"}, wantCode: exitOK,
			wantOut: []string{"2 rule sections, 4 decisions"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d\nstderr: %s", code, tt.wantCode, errOut)
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(out, s) {
					t.Errorf("standard output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.wantErrOut {
				if !strings.Contains(errOut, s) {
					t.Errorf("standard error lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
}

// TestAttendanceJSONShape checks the pinned fields of the JSON output.
func TestAttendanceJSONShape(t *testing.T) {
	code, out, errOut := runCLI(t, `{"attendance": {"sessions": []}}`, "attendance", "-")
	if code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"status", "sessions_total", "sessions_completed", "catch_ups", "catch_ups_remaining",
		"outstanding", "next", "hours_completed", "enforcement", "completion", "findings", "policy"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q in %s", k, out)
		}
	}
	var enf map[string]json.RawMessage
	if err := json.Unmarshal(got["enforcement"], &enf); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"action", "failures", "warnings", "breach_by"} {
		if _, ok := enf[k]; !ok {
			t.Errorf("no enforcement.%s in %s", k, got["enforcement"])
		}
	}
}

// TestAttendanceGolden runs the command on every sample history, in text
// and JSON: its output must be the summary the attendance package's golden
// files hold for the same case (the digest masked as there).
func TestAttendanceGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "cases", "attendance", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample histories: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		for _, format := range []struct{ flag, suffix string }{{"text", ".txt"}, {"json", ".json"}} {
			t.Run(name+format.suffix, func(t *testing.T) {
				code, out, errOut := runCLI(t, "", "attendance", "--format", format.flag, file)
				if code != exitOK {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				want, err := os.ReadFile(filepath.Join("..", "..", "attendance", "testdata", "golden", name+format.suffix))
				if err != nil {
					t.Fatal(err)
				}
				got := strings.ReplaceAll(golden.ScrubDigests(out), "sha256:<digest>", "sha256:...")
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("isotp attendance differs from the library's summary (-library +command):\n%s", diff)
				}
			})
		}
	}
}
