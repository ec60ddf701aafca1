package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// maxTextWidth is the widest a line of the text for people may be.
const maxTextWidth = 78

// TestTextWidth runs every example case (examples/cases/**) through every
// text the command prints for people (eligibility, with and without
// --explain, attendance, assessment, the report, groups for the referral
// files), under the national policy and each example area, and fails on any
// line over 78 characters (counted in runes, not bytes).
func TestTextWidth(t *testing.T) {
	var cases, intakes []string
	err := filepath.WalkDir("../../examples/cases", func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() || filepath.Ext(path) != ".json":
		case filepath.Base(filepath.Dir(path)) == "groups":
			intakes = append(intakes, path)
		default:
			cases = append(cases, path)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	require.NotEmpty(t, intakes)
	areas, err := filepath.Glob("../../examples/areas/*.yaml")
	require.NoError(t, err)
	policies := [][]string{nil}
	for _, a := range areas {
		if !strings.HasSuffix(a, "_test.yaml") {
			policies = append(policies, []string{"--area", a})
		}
	}
	require.Greater(t, len(policies), 1, "no example areas")

	var runs [][]string
	for _, area := range policies {
		for _, file := range cases {
			cmds := [][]string{
				{"eligibility", "--format", "text"},
				{"eligibility", "--format", "text", "--explain"},
				{"assessment", "--format", "text"},
			}
			if hasAttendance(t, file) { // the attendance summary and the report need the record
				cmds = append(cmds, []string{"attendance", "--format", "text"}, []string{"report", "--format", "text"})
			}
			for _, cmd := range cmds {
				runs = append(runs, append(append(cmd, area...), file))
			}
		}
		for _, file := range intakes {
			runs = append(runs, append(append([]string{"groups", "--format", "text"}, area...), file))
		}
	}
	for _, args := range runs {
		name := strings.Join(args, " ")
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", args...)
			require.Equal(t, exitOK, code, errOut)
			for i, line := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(line); n > maxTextWidth {
					t.Errorf("line %d is %d characters, over %d:\n%s", i+1, n, maxTextWidth, line)
				}
			}
		})
	}
}

// hasAttendance reports whether the case file has an attendance record.
func hasAttendance(t *testing.T, file string) bool {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var c struct {
		Attendance json.RawMessage `json:"attendance"`
	}
	require.NoError(t, json.Unmarshal(data, &c))
	return c.Attendance != nil
}
