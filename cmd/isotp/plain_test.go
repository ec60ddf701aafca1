package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
)

// TestPlainEnglish holds the default text of every sample case to plain
// English, under the national policy and under the sample area: no rule
// id, parameter name, finding code or other snake_case identifier outside
// a JSON path. The names of programmes (i-SOTP, N-SOGP) are not
// snake_case and need no allowance.
func TestPlainEnglish(t *testing.T) {
	policies := map[string][]string{
		"national": nil,
		"cheshire": {"--area", "../../examples/areas/cheshire.yaml"},
	}
	for _, decision := range []string{"eligibility", "assessment", "groups", "attendance"} {
		files, err := filepath.Glob(filepath.Join("../../examples/cases", decision, "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files, "no sample cases for %s", decision)
		for _, file := range files {
			for policy, area := range policies {
				name := decision + "/" + strings.TrimSuffix(filepath.Base(file), ".json") + "/" + policy
				t.Run(name, func(t *testing.T) {
					args := append(append([]string{decision, "--format", "text"}, area...), file)
					code, out, errOut := runCLI(t, "", args...)
					require.Equal(t, exitOK, code, errOut)
					if ids := golden.Identifiers(out); len(ids) > 0 {
						t.Errorf("the text names identifiers a reader cannot be expected to know: %s\n%s", strings.Join(ids, ", "), out)
					}
				})
			}
		}
	}
}
