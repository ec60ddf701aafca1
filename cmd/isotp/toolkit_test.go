package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// cliCase is one command line, its exit status and what its outputs hold.
type cliCase struct {
	name      string
	stdin     string
	args      []string
	code      int
	stdoutHas string
	stderrHas string
}

func runCases(t *testing.T, tests []cliCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.stdoutHas) {
				t.Errorf("stdout does not contain %q:\n%s", tt.stdoutHas, out)
			}
			if !strings.Contains(errOut, tt.stderrHas) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderrHas, errOut)
			}
		})
	}
}

const (
	sampleCase   = "../../examples/cases/eligibility/pending-missing-facts.json"
	eligibleCase = "../../examples/cases/eligibility/eligible-pre-sentence.json"
)

func TestVersion(t *testing.T) {
	runCases(t, []cliCase{
		{name: "text", args: []string{"version"}, stdoutHas: "national policy: i-SOTP 2026.1, sha256:"},
		{name: "the build", args: []string{"version"}, stdoutHas: "built with go"},
		{name: "--version", args: []string{"--version"}, stdoutHas: "isotp "},
		{name: "with an area", args: []string{"version", "--area", cheshire}, stdoutHas: "with area cheshire: sha256:"},
		{name: "no arguments", args: []string{"version", "x"}, code: exitUsage, stderrHas: "wrong number of arguments"},
	})
	code, out, _ := runCLI(t, "", "version", "--format", "json", "--area", cheshire)
	require.Equal(t, exitOK, code)
	var b buildInfo
	require.NoError(t, json.Unmarshal([]byte(out), &b))
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	if diff := cmp.Diff(pol.Info(), b.National); diff != "" {
		t.Errorf("national mismatch (-want +got):\n%s", diff)
	}
	require.NotNil(t, b.Area)
	require.Equal(t, "cheshire", b.Area.Area)
	require.NotEmpty(t, b.Go)
}

// TestVersionLine: a development build says so, with its revision when
// the build recorded one.
func TestVersionLine(t *testing.T) {
	tests := []struct {
		b    buildInfo
		want string
	}{
		{buildInfo{Version: "(devel)"}, "isotp development build"},
		{buildInfo{Version: "(devel)", Revision: "0123456789abcdef", Time: "2026-12-01T10:00:00Z", Modified: true},
			"isotp development build, revision 0123456789ab of 2026-12-01T10:00:00Z with local changes"},
		{buildInfo{Version: "v1.2.0"}, "isotp v1.2.0"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, tt.b.versionLine())
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "", "rules", "--area", cheshire)
	require.Equal(t, exitOK, code, errOut)
	golden.CheckString(t, "testdata/rules/cheshire.text", out)
	code, out, _ = runCLI(t, "", "rules", "--format", "json", "--area", cheshire)
	require.Equal(t, exitOK, code)
	var list []ruleListing
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	byID := map[string]ruleListing{}
	for _, r := range list {
		byID[r.Section+"."+r.ID] = r
	}
	require.Equal(t, ruleListing{Section: "eligibility", ID: "offender_id_recorded", Effect: "advisory", Origin: "area",
		File: cheshire, Line: byID["eligibility.offender_id_recorded"].Line, Description: "Cheshire asks for the offender's case-management id to be recorded."},
		byID["eligibility.offender_id_recorded"])
	require.Equal(t, "national", byID["eligibility.male"].Origin)
	require.Equal(t, "national/eligibility.yaml", byID["eligibility.male"].File)
	runCases(t, []cliCase{
		{name: "a bad area", args: []string{"rules", "--area", "../../rules/testdata/errors/area-params.yaml"}, code: exitPolicy, stderrHas: "outside its bounds"},
		{name: "help has an example", args: []string{"rules", "-h"}, stderrHas: "Example:\n  isotp rules --area"},
	})
}

func TestEval(t *testing.T) {
	runCases(t, []cliCase{
		{name: "a value", args: []string{"eval", "--case", eligibleCase, "age >= params.min_age"}, stdoutHas: "true (bool)\ncost: "},
		{name: "unknown names the missing fact", args: []string{"eval", "--case", sampleCase, "age"},
			stdoutHas: "unknown (int)\nmissing:\n  - offender.date_of_birth\n"},
		{name: "parameters without a case", args: []string{"eval", "params.min_age + 1"}, stdoutHas: "18 (int)"},
		{name: "an area's parameters", args: []string{"eval", "--area", cheshire, "params.max_catch_ups"}, stdoutHas: "3 (int)"},
		{name: "a list", args: []string{"eval", "--case", eligibleCase, "offences.map(o, o.offence)"}, stdoutHas: `["possess_indecent_photograph"] (list(string))`},
		{name: "a date", args: []string{"eval", "--case", eligibleCase, "add_days(as_of, 1)"}, stdoutHas: `date("2026-11-28") (date)`},
		{name: "the completion section", args: []string{"eval", "--section", "completion", "--case", "../../examples/cases/attendance/completed.json", "summary.catch_ups <= params.max_catch_ups"},
			stdoutHas: "true (bool)"},
		{name: "the case on standard input", stdin: `{"offences": [{"offence": "x"}]}`, args: []string{"eval", "--case", "-", "offences.exists(o, o.internet)"},
			stdoutHas: "unknown (bool)\nmissing:\n  - offences[0].internet\n"},
		{name: "a type error at its column", args: []string{"eval", "offender.sexx == 'male'"}, code: exitPolicy,
			stderrHas: "expression:1:9: undefined field 'sexx'\n    offender.sexx == 'male'\n            ^\nisotp eval: 1 error(s) in the expression"},
		{name: "not the section's", args: []string{"eval", "--section", "completion", "offender"}, code: exitPolicy, stderrHas: "undeclared reference to 'offender'"},
		{name: "a failure", args: []string{"eval", "1 / (params.min_age - 17)"}, code: exitPolicy, stderrHas: "it divides by zero"},
		{name: "an unknown section", args: []string{"eval", "--section", "eligibilty", "true"}, code: exitUsage,
			stderrHas: `unknown --section "eligibilty" (want eligibility or completion)`},
		{name: "an invalid case", stdin: `{"offender": {"sex": "mael"}}`, args: []string{"eval", "--case", "-", "true"}, code: exitUsage,
			stderrHas: `standard input: offender.sex: unknown sex "mael"`},
		{name: "no expression", args: []string{"eval"}, code: exitUsage, stderrHas: "wrong number of arguments"},
		{name: "an empty expression", args: []string{"eval", " "}, code: exitPolicy, stderrHas: "no expression given"},
		{name: "too costly", args: []string{"eval", "--case", eligibleCase, "offences.all(a, offences.all(b, offences.all(c, offences.all(d, a.offence + b.offence + c.offence + d.offence != ''))))"},
			code: exitPolicy, stderrHas: "expression is too costly"},
	})
	code, out, errOut := runCLI(t, "", "eval", "--format", "json", "--case", sampleCase, "offender.sex == 'male' && age >= 17")
	require.Equal(t, exitOK, code, errOut)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	delete(got, "cost")
	want := map[string]any{"expression": "offender.sex == 'male' && age >= 17", "section": "eligibility", "type": "bool",
		"known": false, "value": nil, "literal": "unknown", "missing": []any{"offender.date_of_birth"},
		"estimate": float64(5), "limit": float64(rules.ExpressionCostLimit)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("eval --format json mismatch (-want +got):\n%s", diff)
	}
}

func TestDiffOnlyAndStdin(t *testing.T) {
	area, err := os.ReadFile(catchUps3)
	require.NoError(t, err)
	runCases(t, []cliCase{
		{name: "a misspelt decision", args: []string{"diff", "--area", catchUps3, "--only", "atendance.status", caseload}, code: exitUsage,
			stderrHas: `--only "atendance.status": no such decision (want assessment, attendance, eligibility`},
		{name: "the area on standard input", stdin: string(area), args: []string{"diff", "--area", "-", "--only", "attendance", caseload},
			stdoutHas: "attendance.status"},
		{name: "two standard inputs", args: []string{"diff", "--area", "-", "-"}, code: exitUsage, stderrHas: "only one file argument may be -"},
	})
}

func TestTestFlags(t *testing.T) {
	runCases(t, []cliCase{
		{name: "--run picks tests by name", args: []string{"test", "-v", "--run", "catch-ups? (are|is) allowed", "../../examples/areas"},
			stdoutHas: "--- PASS: three catch-ups are allowed"},
		{name: "--run picks tests by file", args: []string{"test", "--run", `illustrative-norms_test\.yaml/`, "../../examples/areas"},
			stdoutHas: "\n2 passed, 0 failed\n"},
		{name: "--run matching nothing", args: []string{"test", "--run", "no such test", "../../rules/tests"}, code: exitUsage, stderrHas: "matches no test"},
		{name: "--run not a regexp", args: []string{"test", "--run", "(", "../../rules/tests"}, code: exitUsage, stderrHas: "--run: error parsing regexp"},
		{name: "--threshold met", args: []string{"test", "--threshold", "10", "../../rules/tests"}, stdoutHas: "Rule coverage: "},
		{name: "--threshold missed", args: []string{"test", "--threshold", "100", "--run", "catch", "../../rules/tests"}, code: exitPolicy,
			stderrHas: "is below the threshold of 100%"},
		{name: "--threshold out of range", args: []string{"test", "--threshold", "101", "../../rules/tests"}, code: exitUsage, stderrHas: "want a percentage"},
	})
	code, out, _ := runCLI(t, "", "test", "--format", "json", "--run", "three catch-ups", "../../examples/areas")
	require.Equal(t, exitOK, code)
	var rep struct {
		Tests        []struct{ Name string }
		RuleCoverage float64 `json:"rule_coverage"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Len(t, rep.Tests, 1)
	require.Equal(t, "three catch-ups are allowed", rep.Tests[0].Name)
}

func TestCheckJSON(t *testing.T) {
	code, out, _ := runCLI(t, "", "check", "--format", "json", "../../examples/areas/cheshire.yaml", "../../rules/testdata/errors/area-cel.yaml")
	require.Equal(t, exitPolicy, code)
	golden.CheckString(t, "testdata/check/two-areas.json", golden.ScrubDigests(out))
}

// TestCompletion checks the bash script's syntax with bash -n, and what it
// completes: the commands, a command's flags, and the values of --format,
// --section and --only.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, out, errOut := runCLI(t, "", "completion", shell)
		require.Equal(t, exitOK, code, errOut)
		for _, c := range commands {
			require.Contains(t, out, c.name, "%s script lacks command %s", shell, c.name)
		}
		golden.CheckString(t, "testdata/completion/isotp."+shell, out)
	}
	runCases(t, []cliCase{{name: "an unknown shell", args: []string{"completion", "tcsh"}, code: exitUsage, stderrHas: `unknown shell "tcsh"`}})
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to check the script with")
	}
	_, script, _ := runCLI(t, "", "completion", "bash")
	file := filepath.Join(t.TempDir(), "isotp.bash")
	require.NoError(t, os.WriteFile(file, []byte(script), 0o644))
	out, err := exec.Command(bash, "-n", file).CombinedOutput()
	require.NoError(t, err, "bash -n: %s", out)
	complete := func(words ...string) []string {
		t.Helper()
		line := "isotp " + strings.Join(words, " ")
		prog := `source "$1"; COMP_WORDS=(` + line + `); COMP_CWORD=` + strconv.Itoa(len(words)) + `; _isotp; printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command(bash, "-c", prog, "bash", file)
		cmd.Dir = t.TempDir()
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return strings.Fields(string(out))
	}
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"ev"}, []string{"eval"}},
		{[]string{"diff", "--only", ""}, []string{"eligibility", "attendance", "assessment"}},
		{[]string{"eval", "--section", ""}, []string{"eligibility", "completion"}},
		{[]string{"eligibility", "--format", ""}, []string{"json", "text"}},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}},
		{[]string{"fmt", "--ch"}, []string{"--check"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, complete(tt.words...)); diff != "" {
			t.Errorf("completing %q mismatch (-want +got):\n%s", tt.words, diff)
		}
	}
}

// shippedYAML lists the YAML files the project ships for people to read
// and copy: the national rule files and their tests, the sample areas and
// their tests, and the test data that documents the formats.
func shippedYAML(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"../../rules/national/*.yaml", "../../rules/tests/*.yaml", "../../examples/areas/*.yaml",
		"../../policytest/testdata/passing/*.yaml", "../../policytest/testdata/coverage/*.yaml",
		"../../policytest/testdata/failing/*.yaml", "../../whatif/testdata/*.yaml",
	} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, m, pattern)
		files = append(files, m...)
	}
	return files
}

// TestShippedFilesFormatted keeps every shipped YAML file laid out as
// isotp fmt lays it out.
func TestShippedFilesFormatted(t *testing.T) {
	files := shippedYAML(t)
	code, out, errOut := runCLI(t, "", append([]string{"fmt", "--check"}, files...)...)
	if code != exitOK {
		t.Errorf("isotp fmt --check: exit %d; run isotp fmt -w on these:\n%s%s", code, out, errOut)
	}
}

func TestFmt(t *testing.T) {
	dir := t.TempDir()
	messy := "# yaml-language-server: $schema=../../schema/area-file.schema.json\npolicy: 'i-SOTP'   # for\narea:    x\nparams:\n    max_catch_ups: 3\n"
	tidy := "# yaml-language-server: $schema=../../schema/area-file.schema.json\narea: x\npolicy: i-SOTP   # for\nparams:\n  max_catch_ups: 3\n"
	file := filepath.Join(dir, "area.yaml")
	require.NoError(t, os.WriteFile(file, []byte(messy), 0o600))
	runCases(t, []cliCase{
		{name: "prints the layout", args: []string{"fmt", file}, stdoutHas: tidy},
		{name: "standard input", stdin: messy, args: []string{"fmt", "-"}, stdoutHas: tidy},
		{name: "--check lists the file and fails", args: []string{"fmt", "--check", file}, code: exitPolicy, stdoutHas: file + "\n"},
		{name: "-d shows a diff", args: []string{"fmt", "-d", file}, stdoutHas: "-policy: 'i-SOTP'   # for\n-area:    x\n+area: x\n+policy: i-SOTP   # for\n"},
		{name: "an area file without its schema line", stdin: "policy: p\narea: x\n", args: []string{"fmt", "-"}, stdoutHas: "area: x\npolicy: p\n"},
		{name: "a test file by its name", args: []string{"fmt", "../../policytest/testdata/passing"}, stdoutHas: "tests:"},
		{name: "a file it cannot lay out", stdin: "a: &x 1\nb: *x\n", args: []string{"fmt", "-"}, code: exitUsage,
			stderrHas: "isotp fmt: standard input: the file cannot be laid out: line 1: anchors and aliases are not allowed"},
		{name: "no such file", args: []string{"fmt", "nowhere.yaml"}, code: exitUsage, stderrHas: "nowhere.yaml"},
		{name: "-w and standard input", args: []string{"fmt", "-w", "-"}, code: exitUsage, stderrHas: "-w cannot rewrite standard input"},
		{name: "no files", args: []string{"fmt"}, code: exitUsage, stderrHas: "wrong number of arguments"},
	})
	require.NoError(t, os.Chmod(file, 0o640))
	code, _, errOut := runCLI(t, "", "fmt", "-w", dir)
	require.Equal(t, exitOK, code, errOut)
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, tidy, string(got))
	fi, err := os.Stat(file)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o640), fi.Mode().Perm(), "-w keeps the file's permissions")
	code, out, _ := runCLI(t, "", "fmt", "--check", dir)
	require.Equal(t, exitOK, code)
	require.Empty(t, out)
}

// TestFmtKeepsThePolicy: an area file laid out loads to the same policy as
// the file as written: parameters, rules and variables, where each is
// written aside (its line moves).
func TestFmtKeepsThePolicy(t *testing.T) {
	messy := `# yaml-language-server: $schema=../../schema/area-file.schema.json
eligibility:
    rules:
    -   effect: advisory
        expression: >-
            has(offender.id)
              && offender.id != ''
        id: offender_id_recorded   # the id
        description: "The offender's id must be recorded."
    variables:
    - expression: "age + 1"
      name: next_age
params:
    young_fallback: 'adult_group'
    max_catch_ups: 3
policy: "i-SOTP"
area: cheshire
`
	code, tidy, errOut := runCLI(t, messy, "fmt", "-")
	require.Equal(t, exitOK, code, errOut)
	require.NotEqual(t, messy, tidy)
	type loaded struct {
		Params    []rules.Param
		Rules     []rules.RuleInfo
		Variables []rules.VariableInfo
	}
	load := func(src string) loaded {
		t.Helper()
		pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(src)))
		require.NoError(t, err)
		var l loaded
		for _, p := range pol.Params() {
			p.Pos = rules.Position{}
			l.Params = append(l.Params, p)
		}
		for _, s := range []string{"eligibility", "completion"} {
			for _, r := range pol.Rules(s) {
				r.Pos = rules.Position{}
				l.Rules = append(l.Rules, r)
			}
			for _, v := range pol.Variables(s) {
				v.Pos = rules.Position{}
				l.Variables = append(l.Variables, v)
			}
		}
		return l
	}
	if diff := cmp.Diff(load(messy), load(tidy)); diff != "" {
		t.Errorf("policy mismatch (-as written +laid out):\n%s", diff)
	}
}
