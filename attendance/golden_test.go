package attendance

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// The sample histories shipped with the examples, and the edge cases under
// testdata/cases, summarised in JSON and in text. The policy digest is replaced by a placeholder, so that a change to
// an unrelated national rule file does not churn every golden file.
func TestGolden(t *testing.T) {
	s := national(t)
	files, err := filepath.Glob("../examples/cases/attendance/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample histories found: %v", err)
	}
	edge, err := filepath.Glob("testdata/cases/*.json")
	if err != nil || len(edge) == 0 {
		t.Fatalf("no edge cases found: %v", err)
	}
	files = append(files, edge...)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			c, err := isotp.DecodeCase(f)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := s.Summarize(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			sum.Policy.Digest = "sha256:..."
			var js bytes.Buffer
			enc := json.NewEncoder(&js)
			enc.SetIndent("", "  ")
			if err := enc.Encode(sum); err != nil {
				t.Fatal(err)
			}
			var txt bytes.Buffer
			if err := sum.WriteText(&txt); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "golden", name+".json"), js.Bytes())
			golden(t, filepath.Join("testdata", "golden", name+".txt"), txt.Bytes())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
