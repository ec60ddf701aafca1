package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/textwrap"
)

// hiddenChars are the characters that could reorder or hide text: the
// bidirectional formatting characters, the line and paragraph separators,
// and two control characters (a JSON string may carry them escaped).
var hiddenChars = []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
	0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029, 0x1b, 0x0d}

// TestHiddenCharsMarked runs every command that writes text for people on
// a case whose offender id, and an intake whose referral ids, hold each
// hidden character, under an area whose rules quote the id in their
// findings. Every text form shows each character as a mark (<U+202E>, in
// HTML &lt;U+202E&gt;, in Markdown \<U+202E\>) and holds none of them; the
// JSON form keeps the id as given.
func TestHiddenCharsMarked(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, v any) string {
		p := filepath.Join(dir, name)
		data, ok := v.([]byte)
		if !ok {
			var err error
			data, err = json.Marshal(v)
			require.NoError(t, err)
		}
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	id := "A1" + string(hiddenChars) + "23"
	var kase map[string]any
	data, err := os.ReadFile("../../examples/cases/report/completed.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &kase))
	kase["offender"].(map[string]any)["id"] = id
	caseFile := write("case.json", kase)
	var referrals []map[string]string
	for i, r := range hiddenChars {
		referrals = append(referrals, map[string]string{"id": fmt.Sprintf("R%d%c", i, r), "date_of_birth": "1980-01-01", "referred": "2025-10-01"})
	}
	intake := write("intake.json", map[string]any{"start": "2026-03-02", "referrals": referrals})
	area := write("area.yaml", []byte(`area: marks
policy: i-SOTP
eligibility:
  rules:
    - id: id_noted
      description: The case's id is noted.
      expression: "false"
      effect: advisory
      finding: "'The case ' + offender.id + ' is noted.'"
`))

	var marks []string
	for _, r := range hiddenChars {
		marks = append(marks, fmt.Sprintf("U+%04X", r))
	}
	tests := []struct {
		name  string
		args  []string
		open  string // what a mark opens with in this form; "" where the id is not shown
		close string
	}{
		{"eligibility", []string{"eligibility", "--format", "text", "--area", area, caseFile}, "<", ">"},
		{"eligibility explained", []string{"eligibility", "--format", "text", "--explain", "--area", area, caseFile}, "<", ">"},
		{"attendance", []string{"attendance", "--format", "text", "--area", area, caseFile}, "", ""},
		{"assessment", []string{"assessment", "--format", "text", "--area", area, caseFile}, "", ""},
		{"report text", []string{"report", "--format", "text", "--area", area, caseFile}, "<", ">"},
		{"report md", []string{"report", "--format", "md", "--area", area, caseFile}, `\<`, `\>`},
		{"report html", []string{"report", "--format", "html", "--area", area, caseFile}, "&lt;", "&gt;"},
		{"report large html", []string{"report", "--format", "html", "--large-print", "--area", area, caseFile}, "&lt;", "&gt;"},
		{"groups", []string{"groups", "--format", "text", intake}, "<", ">"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			require.Equal(t, exitOK, code, errOut)
			for _, r := range hiddenChars {
				require.NotContains(t, out, string(r), "%U is written as it is", r)
			}
			if tt.open == "" {
				return
			}
			for _, m := range marks {
				require.Contains(t, out, tt.open+m+tt.close)
			}
		})
	}

	// JSON keeps the values as given.
	for _, tt := range []struct {
		args []string
		want string // a string the JSON holds
	}{
		{[]string{"eligibility", "--format", "json", "--area", area, caseFile}, "The case " + id + " is noted."},
		{[]string{"report", "--format", "json", "--area", area, caseFile}, id},
		{[]string{"groups", "--format", "json", intake}, referrals[7]["id"]},
	} {
		code, out, errOut := runCLI(t, "", tt.args...)
		require.Equal(t, exitOK, code, errOut)
		var v any
		require.NoError(t, json.Unmarshal([]byte(out), &v))
		require.Contains(t, jsonStrings(v), tt.want, "%s: the JSON does not keep the value as given", tt.args[0])
		require.NotContains(t, out, "<U+", "%s: the JSON is marked", tt.args[0])
	}
	require.Equal(t, "A1<"+strings.Join(marks, "><")+">23", textwrap.Visible(id))
}

// jsonStrings lists the strings in a decoded JSON value.
func jsonStrings(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		out = append(out, x)
	case []any:
		for _, e := range x {
			out = append(out, jsonStrings(e)...)
		}
	case map[string]any:
		for _, e := range x {
			out = append(out, jsonStrings(e)...)
		}
	}
	return out
}
