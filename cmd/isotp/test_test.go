package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/isotp-dev/isotp/internal/golden"
)

const policyTests = "../../policytest/testdata"

func TestTestCommand(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		code      int
		stdoutHas string
		stderrHas string
	}{
		{name: "the shipped tests pass", args: []string{"test", "../../rules/tests", "../../examples/areas"},
			code: exitOK, stdoutHas: " passed, 0 failed\n"},
		{name: "a failing test", args: []string{"test", policyTests + "/failing"},
			code: exitPolicy, stdoutHas: "\n1 passed, 10 failed\n"},
		{name: "verbose lists passing tests", args: []string{"test", "-v", policyTests + "/passing"},
			code: exitOK, stdoutHas: "--- PASS: eligible ("},
		{name: "a policy that does not load", args: []string{"test", policyTests + "/badarea"},
			code: exitPolicy, stdoutHas: "bad-area.yaml:4:18: parameter max_catch_ups"},
		{name: "an invalid test file", args: []string{"test", policyTests + "/invalid/expect.yaml"},
			code: exitUsage, stderrHas: `expect.yaml:6:9: expect.eligibility: unknown field "outcom"`},
		{name: "national tests under an area fail where the area differs",
			args: []string{"test", "--area", "../../examples/areas/cheshire.yaml", "../../rules/tests"},
			code: exitPolicy, stdoutHas: "Rule coverage under area cheshire"},
		{name: "an area other than the file's", args: []string{"test", "--area", "../../examples/areas/illustrative-norms.yaml", "../../examples/areas/cheshire_test.yaml"},
			code: exitUsage, stderrHas: "cheshire_test.yaml:11:7: area: the tests in this file are for"},
		{name: "a missing area file", args: []string{"test", "--area", "nowhere.yaml", policyTests + "/passing"},
			code: exitUsage, stderrHas: "reading area file"},
		{name: "no paths", args: []string{"test"}, code: exitUsage, stderrHas: "wrong number of arguments"},
		{name: "no such path", args: []string{"test", "nowhere"}, code: exitUsage, stderrHas: "nowhere"},
		{name: "a directory without tests", args: []string{"test", "testdata/eligibility"}, code: exitUsage, stderrHas: "no test files (*_test.yaml) found"},
		{name: "a national working copy", args: []string{"test", "--policy", "../../rules/national", "../../rules/tests"},
			code: exitOK, stdoutHas: " passed, 0 failed\n"},
		{name: "bad format", args: []string{"test", "--format", "xml", policyTests + "/passing"}, code: exitUsage, stderrHas: `unknown --format "xml"`},
		{name: "listed in help", args: []string{"help"}, code: exitOK, stdoutHas: "isotp test        [--policy DIR] [--area FILE]"},
		{name: "a case outside the test file's folder", args: []string{"test", policyTests + "/paths/tree/escapes_test.yaml"},
			code: exitUsage, stderrHas: "escapes_test.yaml:7:11: case: ../outside/secret.json leads out of this test file's folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.stdoutHas) {
				t.Errorf("stdout does not contain %q:\n%s", tt.stdoutHas, out)
			}
			if !strings.Contains(errOut, tt.stderrHas) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderrHas, errOut)
			}
			// The files testdata/paths names outside its tree hold this.
			if strings.Contains(out+errOut, "SECRET") || strings.Contains(out+errOut, "root:") {
				t.Errorf("the output quotes a file the tests may not read:\n%s%s", out, errOut)
			}
		})
	}
}

// TestTestCommandGolden runs the national tests under the sample area: the
// report shows which national expectations the area's overrides change.
func TestTestCommandGolden(t *testing.T) {
	code, out, errOut := runCLI(t, "", "test", "--area", "../../examples/areas/cheshire.yaml", "../../rules/tests")
	if code != exitPolicy {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.CheckString(t, "testdata/test/national-under-cheshire.text", golden.ScrubDigests(out))
}

func TestTestCommandJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "", "test", "--format", "json", policyTests+"/failing")
	if code != exitPolicy {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Tests []struct {
			Name   string `json:"name"`
			Passed bool   `json:"passed"`
		} `json:"tests"`
		Policies []struct {
			Coverage []struct {
				Section string `json:"section"`
				Tests   int    `json:"tests"`
			} `json:"coverage"`
		} `json:"policies"`
		Passed int `json:"passed"`
		Failed int `json:"failed"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if rep.Passed != 1 || rep.Failed != 10 || len(rep.Tests) != 11 || len(rep.Policies) != 1 || len(rep.Policies[0].Coverage) != 2 {
		t.Errorf("report %+v: want 11 tests (1 passed, 10 failed) and coverage of two sections under one policy", rep)
	}
}
