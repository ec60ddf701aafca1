package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var digest = regexp.MustCompile(`sha256:[0-9a-f]{64}`)

var update = flag.Bool("update", false, "rewrite testdata/output.txt")

// TestRun runs the example on its sample files and compares the output with
// testdata/output.txt.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), &out,
		filepath.Join("..", "areas", "illustrative-norms.yaml"),
		filepath.Join("..", "cases", "assessment", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The digest changes with every edit to the national files; the
	// output's shape is what this test is about.
	got := digest.ReplaceAllString(out.String(), "sha256:DIGEST")
	golden := filepath.Join("testdata", "output.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}
