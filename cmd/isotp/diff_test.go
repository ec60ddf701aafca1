package main

import (
	"strings"
	"testing"

	"github.com/isotp-dev/isotp/internal/golden"
)

const (
	caseload  = "../../whatif/testdata/caseload.jsonl"
	catchUps3 = "../../whatif/testdata/catchups3.yaml"
	cheshire  = "../../examples/areas/cheshire.yaml"
)

// TestDiffGolden runs the what-if on the small caseload, in text and JSON.
func TestDiffGolden(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		code, out, errOut := runCLI(t, "", "diff", "--area", catchUps3, "--format", format, caseload)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		golden.CheckString(t, "testdata/diff/catchups3."+format, golden.ScrubDigests(out))
	}
	// Two area files: Cheshire against the area that only lowers max_catch_ups.
	code, out, errOut := runCLI(t, "", "diff", "--against", catchUps3, "--area", cheshire, caseload)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.CheckString(t, "testdata/diff/against.text", golden.ScrubDigests(out))
	// Only the men who must start again; the summary is the same.
	code, out, errOut = runCLI(t, "", "diff", "--area", catchUps3, "--only", "attendance.status", caseload)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.CheckString(t, "testdata/diff/only-status.text", golden.ScrubDigests(out))
}

func TestDiffExitStatus(t *testing.T) {
	tests := []struct {
		name      string
		stdin     string
		args      []string
		code      int
		stderrHas string
		stdoutHas string
	}{
		{"changes found", "", []string{"diff", "--area", catchUps3, caseload}, exitOK, "", "6 changed"},
		{"standard input", `{"stage": "pre_sentence"}`, []string{"diff", "--area", catchUps3, "-"}, exitOK, "", "1 case read: 0 changed, 1 unchanged"},
		{"area file against national", "{}\n", []string{"diff", "--against", catchUps3, "-"}, exitOK, "", "Comparing i-SOTP 2026.1 (catchups3) with i-SOTP 2026.1 (national)"},
		{"nothing to compare", "", []string{"diff", caseload}, exitUsage, "nothing to compare", ""},
		{"no caseload", "", []string{"diff", "--area", catchUps3}, exitUsage, "wrong number of arguments", ""},
		{"missing caseload", "", []string{"diff", "--area", catchUps3, "nowhere.jsonl"}, exitUsage, "nowhere.jsonl", ""},
		{"bad area", "", []string{"diff", "--area", "../../rules/testdata/errors/area-params.yaml", caseload}, exitPolicy,
			"area-params.yaml:4:18: parameter max_catch_ups: 5 is outside its bounds", ""},
		{"bad format", "", []string{"diff", "--area", catchUps3, "--format", "csv", caseload}, exitUsage, `unknown --format "csv"`, ""},
		{"help", "", []string{"help", "diff"}, exitOK, "--against FILE", ""},
		{"only one decision", "", []string{"diff", "--area", catchUps3, "--only", "attendance.status", caseload}, exitOK, "",
			"line 2 (T02): 3 changes\n  attendance.status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstderr: %s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.stderrHas) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.stderrHas)
			}
			if !strings.Contains(out, tt.stdoutHas) {
				t.Errorf("stdout %q does not contain %q", out, tt.stdoutHas)
			}
		})
	}
}

func TestSynth(t *testing.T) {
	_, first, _ := runCLI(t, "", "synth", "--n", "50", "--seed", "9")
	_, second, _ := runCLI(t, "", "synth", "--seed", "9", "--n", "50")
	_, other, _ := runCLI(t, "", "synth", "--n", "50", "--seed", "10")
	if first != second || first == other || strings.Count(first, "\n") != 50 {
		t.Errorf("synth is not deterministic per seed, or writes the wrong number of lines")
	}
	// Its output is a caseload diff reads without errors.
	code, out, errOut := runCLI(t, first, "diff", "--area", cheshire, "--format", "json", "-")
	if code != exitOK || !strings.Contains(out, `"cases":50,`) || !strings.Contains(out, `"input_errors":0,`) {
		t.Errorf("diff of synthetic cases: exit %d, %s\n%s", code, errOut, out[max(0, len(out)-600):])
	}
	for _, args := range [][]string{
		{"synth"},
		{"synth", "--n", "-3"},
		{"synth", "--n", "3", "--as-of", "2026-13-01"},
		{"synth", "--n", "3", "extra"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
