package policytest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
	"github.com/stretchr/testify/require"
)

// TestInvalidFiles loads each malformed test file under testdata/invalid and
// compares the errors, with their source lines, to its golden file.
func TestInvalidFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid test files: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			_, err := Load(file)
			if !errors.Is(err, ErrInvalidTest) {
				t.Fatalf("Load: %v, want an error matching ErrInvalidTest", err)
			}
			if errors.Is(err, rules.ErrInvalidPolicy) {
				t.Errorf("Load: %v matches rules.ErrInvalidPolicy; a bad test file is not a bad policy", err)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load: %T, want an ErrorList", err)
			}
			var b strings.Builder
			for _, e := range list {
				b.WriteString(e.Detail() + "\n")
			}
			golden.CheckString(t, "testdata/invalid/"+name+".errors", golden.ScrubDigests(b.String()))
		})
	}
}

func TestFind(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a_test.yaml":             "",
		"b.yaml":                  "",
		"sub/c_test.yaml":         "",
		"testdata/d_test.yaml":    "",
		".hidden/e_test.yaml":     "",
		"_skipped/f_test.yaml":    "",
		"sub/deeper/g_test.yaml":  "",
		"empty/nothing.yaml":      "",
		"explicit/not-a-test.yml": "",
	})
	rel := func(names []string) []string {
		for i, n := range names {
			names[i], _ = filepath.Rel(dir, n)
			names[i] = filepath.ToSlash(names[i])
		}
		return names
	}
	tests := []struct {
		name    string
		paths   []string
		want    []string
		wantErr bool
		reason  string
	}{
		{name: "directory", paths: []string{dir},
			want:   []string{"a_test.yaml", "sub/c_test.yaml", "sub/deeper/g_test.yaml"},
			reason: "testdata, dot and underscore directories are skipped, as the go tool skips them"},
		{name: "a file is taken whatever its name", paths: []string{filepath.Join(dir, "explicit/not-a-test.yml")},
			want: []string{"explicit/not-a-test.yml"}},
		{name: "each file once", paths: []string{filepath.Join(dir, "a_test.yaml"), dir},
			want: []string{"a_test.yaml", "sub/c_test.yaml", "sub/deeper/g_test.yaml"}},
		{name: "a directory without tests", paths: []string{filepath.Join(dir, "empty")}, wantErr: true},
		{name: "no such path", paths: []string{filepath.Join(dir, "nowhere")}, wantErr: true},
		{name: "no paths", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := find(tt.paths)
			if (err != nil) != tt.wantErr {
				t.Fatalf("find: error %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, rel(got)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

// TestInlineCaseStrictness checks that a case written in YAML is read as
// strictly as the same case in a JSON file.
func TestInlineCaseStrictness(t *testing.T) {
	tests := []struct {
		name   string
		yaml   string // the case: mapping, indented for the file
		json   string // the same case as JSON
		reason string
	}{
		{name: "unquoted dates", yaml: "{as_of: 2026-11-27, offender: {date_of_birth: 1990-05-01}}",
			json: `{"as_of": "2026-11-27", "offender": {"date_of_birth": "1990-05-01"}}`},
		{name: "null and absent", yaml: "{offender: {sex: null, date_of_birth: }}",
			json: `{"offender": {"sex": null, "date_of_birth": null}}`},
		{name: "numbers", yaml: "{order: {supervision_months: 24}}",
			json: `{"order": {"supervision_months": 24}}`},
		{name: "a number written in hex", yaml: "{order: {supervision_months: 0x18}}",
			json:   `{"order": {"supervision_months": 24}}`,
			reason: "YAML's own spellings of numbers are converted; JSON-style numbers pass through unchanged"},
		{name: "empty lists stay apart from null", yaml: "{offences: [], order: {requirements: null}}",
			json: `{"offences": [], "order": {"requirements": null}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"c.json": tt.json,
				"x_test.yaml": "tests:\n  - name: inline\n    case: " + tt.yaml +
					"\n    expect: {eligibility: {outcome: pending}}\n  - name: file\n    case: c.json\n    expect: {eligibility: {outcome: pending}}\n",
			})
			s, err := Load(dir)
			require.NoError(t, err)
			tests := s.Files[0].Tests
			if diff := cmp.Diff(tests[1].Case, tests[0].Case); diff != "" {
				t.Errorf("inline case differs from the case file (-file +inline):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

func TestWithOverlay(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"c.json": `{"stage": "pre_sentence", "offender": {"id": "A1", "sex": "male", "date_of_birth": "1990-05-01"},
			"offences": [{"offence": "possess_indecent_photograph", "internet": true}]}`,
		"x_test.yaml": `tests:
  - name: overlay
    case: c.json
    with:
      offender: {sex: null, risk_of_harm: high}
      offences: [{offence: other_offence}]
    expect: {eligibility: {outcome: ineligible}}
`,
	})
	s, err := Load(dir)
	require.NoError(t, err)
	c := s.Files[0].Tests[0].Case
	got := []string{c.Stage.String(), c.Offender.ID, c.Offender.Sex.String(), c.Offender.DateOfBirth.String(), c.Offender.RiskOfHarm.String(), c.Offences[0].Offence}
	want := []string{"pre_sentence", "A1", "", "1990-05-01", "high", "other_offence"} // "": sex unknown
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged case mismatch (-want +got):\n%s\nmappings merge field by field, null unsets, a list replaces the list", diff)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := writeFiles(t, map[string]string{"x_test.yaml": "tests: []\n"})
	if err := os.Chmod(filepath.Join(dir, "x_test.yaml"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.ReadFile(filepath.Join(dir, "x_test.yaml")); err == nil {
		t.Skip("running with permission to read any file")
	}
	_, err := Load(dir)
	if err == nil || errors.Is(err, ErrInvalidTest) {
		t.Errorf("Load of an unreadable file: %v, want a plain error", err)
	}
}
