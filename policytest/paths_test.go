package policytest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
)

// secrets are text in the files under testdata/paths/outside, in the case
// files under testdata/paths/tree/cases whose content must not be quoted,
// and in /etc/passwd. No message may hold any of them.
var secrets = []string{"SECRET", "hunter2", "AKIA", "password", "root:"}

// TestPathsStayInTheFolder: a test file names case and area files in its
// own folder or below it. An absolute path, a .. that leads out, or a
// symbolic link to a file outside is an error at the value, and nothing of
// the file reaches a message; nor does the content of a case file inside
// the folder that is not a valid case. What each error says is in
// testdata/paths/errors.golden.
func TestPathsStayInTheFolder(t *testing.T) {
	var out strings.Builder
	for _, name := range []string{"escapes_test.yaml", "area-outside_test.yaml", "area-absolute_test.yaml", "area-link_test.yaml"} {
		_, err := Load(filepath.Join("testdata/paths/tree", name))
		var list ErrorList
		if !errors.Is(err, ErrInvalidTest) || !errors.As(err, &list) {
			t.Fatalf("%s: Load = %v, want an ErrorList", name, err)
		}
		for _, e := range list {
			if e.Pos.Line == 0 || e.Pos.Column == 0 {
				t.Errorf("%s: not at a line and column", e)
			}
			for _, s := range secrets {
				if strings.Contains(e.Detail(), s) {
					t.Errorf("%s: the error quotes %q from another file:\n%s", name, s, e.Detail())
				}
			}
			out.WriteString(e.Detail() + "\n")
		}
	}
	golden.CheckString(t, "testdata/paths/errors.golden", golden.ScrubDigests(out.String()))
}

// TestPathsInsideTheFolder: a path that stays in the folder may be written
// with folders, ./, a .. that does not lead out, and a symbolic link to a
// file inside, for the case and the area file alike.
func TestPathsInsideTheFolder(t *testing.T) {
	s, err := Load("testdata/paths/tree/inside_test.yaml")
	require.NoError(t, err)
	rep, err := s.Run(context.Background(), Config{})
	require.NoError(t, err)
	if rep.Passed != 3 || rep.Failed != 0 {
		t.Errorf("%d passed, %d failed, want 3 passed\n%s", rep.Passed, rep.Failed, text(t, rep, false))
	}
	if len(rep.Policies) != 1 || rep.Policies[0].Policy.Area != "insideshire" {
		t.Errorf("policies %+v, want the area insideshire", rep.Policies)
	}
}

// TestAreaReadOnce: the area file a test file names is read when the test
// file is, so that what runs is what was checked, even if the path is
// changed in between to lead elsewhere.
func TestAreaReadOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a_test.yaml": "area: area.yaml\ntests:\n  - name: eligible\n    case: eligible.json\n    expect: {eligibility: {outcome: eligible}}\n",
		"area.yaml":   "area: firstshire\npolicy: i-SOTP\n",
		"eligible.json": `{"as_of": "2026-11-27", "stage": "pre_sentence",
			"offender": {"id": "T1", "sex": "male", "date_of_birth": "1990-05-01", "risk_of_harm": "medium", "deviance": "low"},
			"offences": [{"offence": "possess_indecent_photograph", "date": "2019-03-01", "internet": true}]}`,
	})
	s, err := Load(filepath.Join(dir, "a_test.yaml"))
	require.NoError(t, err)
	if err := os.WriteFile(filepath.Join(dir, "area.yaml"), []byte("area: secondshire\npolicy: i-SOTP\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Run(context.Background(), Config{})
	require.NoError(t, err)
	if len(rep.Policies) != 1 || rep.Policies[0].Policy.Area != "firstshire" {
		t.Errorf("policies %+v, want the area as it was read, firstshire", rep.Policies)
	}
}

// TestCaseFileErrorAtDecision: an input error a decision finds in a case
// file (here a score for a scale the battery does not have) names the
// case file's line and column, not the value found there.
func TestCaseFileErrorAtDecision(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a_test.yaml": "tests:\n  - name: odd scale\n    case: case.json\n    expect: {assessment: {scales: {fantasy: unchanged}}}\n",
		"case.json": `{"as_of": "2026-09-25",
 "offender": {"id": "T1", "sex": "male"},
 "assessment": {"pre": {"date": "2025-12-15", "scores": {"fantasy": 16}},
  "post": {"date": "2026-09-21", "scores": {"fantasy": 16, "hunter2_SECRET": 3}}}}
`,
	})
	rep := run(t, Config{}, filepath.Join(dir, "a_test.yaml"))
	if len(rep.Tests) != 1 || rep.Tests[0].Passed {
		t.Fatalf("tests %+v, want one failing", rep.Tests)
	}
	got := rep.Tests[0].Error
	if strings.Contains(got, "hunter2") {
		t.Errorf("the error quotes the case file: %s", got)
	}
	if want := "case file case.json:4:78:"; !strings.Contains(got, want) {
		t.Errorf("error %q does not place the value at %s", got, want)
	}
}
