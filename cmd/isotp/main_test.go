package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
)

// runCLI runs the command line args with stdin and returns the exit status
// and outputs.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}, args)
	return code, out.String(), errOut.String()
}

const casesDir = "../../examples/cases/eligibility"

// TestEligibilitySamples decides every sample case, in JSON and in text.
func TestEligibilitySamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(casesDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			for _, format := range []string{"json", "text"} {
				code, out, errOut := runCLI(t, "", "eligibility", "--format", format, file)
				if code != exitOK {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				golden.CheckString(t, "testdata/eligibility/"+name+"."+format, golden.ScrubDigests(out))
			}
		})
	}
}

func TestExplainGolden(t *testing.T) {
	file := filepath.Join(casesDir, "pending-missing-facts.json")
	for _, format := range []string{"json", "text"} {
		code, out, errOut := runCLI(t, "", "eligibility", "--explain", "--format", format, file)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		golden.CheckString(t, "testdata/eligibility/explain/pending-missing-facts."+format, golden.ScrubDigests(out))
	}
}

func TestExitStatus(t *testing.T) {
	sample := filepath.Join(casesDir, "eligible-pre-sentence.json")
	tests := []struct {
		name      string
		stdin     string
		args      []string
		code      int
		stderrHas string
		stdoutHas string
	}{
		{"decision made", "", []string{"eligibility", sample}, exitOK, "", `"outcome": "eligible"`},
		{"flags after the case", "", []string{"eligibility", sample, "--format", "text"}, exitOK, "", "ELIGIBLE"},
		{"stdin", `{"stage": "pre_sentence", "offender": {"sex": "female"}}`, []string{"eligibility", "-"}, exitOK, "", `"outcome": "ineligible"`},
		{"invalid case names the path", `{"offender": {"sex": "mael"}}`, []string{"eligibility", "-"}, exitUsage,
			`isotp eligibility: standard input: offender.sex: unknown sex "mael"`, ""},
		{"missing file", "", []string{"eligibility", "no-such.json"}, exitUsage, "no-such.json", ""},
		{"no case", "", []string{"eligibility"}, exitUsage, "wrong number of arguments", ""},
		{"bad format", "", []string{"eligibility", "--format", "xml", sample}, exitUsage, `unknown --format "xml"`, ""},
		{"unknown flag", "", []string{"eligibility", "--areas", "x", sample}, exitUsage, "flag provided but not defined", ""},
		{"unknown command", "", []string{"eligibilty"}, exitUsage, `unknown command "eligibilty"`, ""},
		{"no command", "", nil, exitUsage, "", "Usage:"},
		{"help", "", []string{"help"}, exitOK, "", "isotp eligibility"},
		{"command help", "", []string{"eligibility", "--help"}, exitOK, "Usage: isotp eligibility", ""},
		{"policy error", "", []string{"eligibility", "--area", "../../rules/testdata/errors/area-params.yaml", sample}, exitPolicy,
			"area-params.yaml:4:18: parameter max_catch_ups: 5 is outside its bounds", ""},
		{"area file missing", "", []string{"eligibility", "--area", "nowhere.yaml", sample}, exitUsage, "reading area file", ""},
		{"check ok", "", []string{"check"}, exitOK, "", "ok: i-SOTP"},
		{"check the sample area", "", []string{"check", "--area", "../../examples/areas/cheshire.yaml"}, exitOK, "", "(cheshire)"},
		{"check reports CEL errors", "", []string{"check", "--area", "../../rules/testdata/errors/area-cel.yaml"}, exitPolicy,
			"area-cel.yaml:7:27: undefined field 'sexx'", ""},
		{"check a policy directory", "", []string{"check", "--policy", "../../rules/national"}, exitOK, "", "ok: i-SOTP"},
		{"check a missing directory", "", []string{"check", "--policy", "nowhere"}, exitUsage, "reading policy directory", ""},
		{"check a missing area file", "", []string{"check", "nowhere.yaml"}, exitUsage, "nowhere.yaml", ""},
		{"check a folder of area files", "", []string{"check", "../../examples/areas"}, exitOK, "", "cheshire.yaml: ok: i-SOTP"},
		{"check several area files, one bad", "", []string{"check", "../../examples/areas/cheshire.yaml", "../../rules/testdata/errors/area-params.yaml"}, exitPolicy,
			"isotp check: ../../rules/testdata/errors/area-params.yaml: 6 error(s) in the policy", "cheshire.yaml: ok"},
		{"check an area on standard input", "area: x\npolicy: i-SOTP\n", []string{"check", "--area", "-"}, exitOK, "", "ok: i-SOTP 2026.1 (x)"},
		{"only one standard input", "", []string{"check", "--area", "-", "-"}, exitUsage, "only one file argument may be -", ""},
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

func TestParams(t *testing.T) {
	code, out, errOut := runCLI(t, "", "params", "--area", "../../examples/areas/cheshire.yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.CheckString(t, "testdata/params/cheshire.text", golden.ScrubDigests(out))
	code, out, _ = runCLI(t, "", "params", "--format", "json")
	if code != exitOK || !strings.Contains(out, `"name": "max_catch_ups"`) {
		t.Errorf("params --format json: exit %d\n%s", code, out)
	}
}

// TestParamsCalendar checks that params shows the calendar deadlines are
// counted by, in text and JSON: the source of the regular bank holidays,
// the years checked, the one-off days and an area's closure days.
func TestParamsCalendar(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"national.text", []string{"params"}},
		{"national.json", []string{"params", "--format", "json"}},
		{"closures.text", []string{"params", "--area", "testdata/params/closures.yaml"}},
		{"closures.json", []string{"params", "--area", "testdata/params/closures.yaml", "--format", "json"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			require.Equal(t, exitOK, code, errOut)
			golden.CheckString(t, "testdata/params/"+tt.name, golden.ScrubDigests(out))
		})
	}
}

// TestDeterministic runs the same decision twice and compares the bytes,
// digest included.
func TestDeterministic(t *testing.T) {
	args := []string{"eligibility", "--area", "../../examples/areas/cheshire.yaml", filepath.Join(casesDir, "pending-missing-facts.json")}
	_, first, _ := runCLI(t, "", args...)
	_, second, _ := runCLI(t, "", args...)
	if first != second || golden.ScrubDigests(first) == first {
		t.Errorf("outputs differ or carry no digest:\n%s\n%s", first, second)
	}
}
