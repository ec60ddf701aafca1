package attendance

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/golden"
)

// The sample histories shipped with the examples, and the edge cases under
// testdata/cases, summarised in JSON and in text; the text must be plain
// English, naming no rule id, parameter or finding code outside a JSON
// path. The policy digest is replaced by a placeholder, so that a change to
// an unrelated national rule file does not churn every golden file.
func TestGolden(t *testing.T) {
	s := national(t)
	files, err := filepath.Glob("../examples/cases/attendance/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files, "no sample histories")
	edge, err := filepath.Glob("testdata/cases/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, edge, "no edge cases")
	files = append(files, edge...)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(file)
			require.NoError(t, err)
			defer f.Close()
			c, err := isotp.DecodeCase(f)
			require.NoError(t, err)
			sum, err := s.Summarize(context.Background(), c)
			require.NoError(t, err)
			sum.Policy.Digest = "sha256:..."
			var js bytes.Buffer
			enc := json.NewEncoder(&js)
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(sum))
			var txt bytes.Buffer
			require.NoError(t, sum.WriteText(&txt))
			golden.Check(t, filepath.Join("testdata", "golden", name+".json"), js.Bytes())
			golden.Check(t, filepath.Join("testdata", "golden", name+".txt"), txt.Bytes())
			if ids := golden.Identifiers(txt.String()); len(ids) > 0 {
				t.Errorf("the text names identifiers a reader cannot be expected to know: %s", strings.Join(ids, ", "))
			}
		})
	}
}
