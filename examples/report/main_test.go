package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var digest = regexp.MustCompile(`sha256:[0-9a-f]{64}`)

var update = flag.Bool("update", false, "rewrite testdata/output.txt")

// TestRun runs the example on its sample files, compares the text with
// testdata/output.txt and checks both pages were written with the notice
// that the norms are illustrative.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	files, err := run(context.Background(), &out,
		filepath.Join("..", "areas", "illustrative-norms.yaml"),
		filepath.Join("..", "cases", "report", "completed.json"), dir)
	if err != nil {
		t.Fatal(err)
	}
	got := digest.ReplaceAllString(out.String(), "sha256:DIGEST")
	golden := filepath.Join("testdata", "output.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(got, "NOTICE: ILLUSTRATIVE NORMS.") {
		t.Error("the text report does not say its norms are illustrative")
	}
	if len(files) != 2 {
		t.Fatalf("wrote %v, want two pages", files)
	}
	for _, f := range files {
		page, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(page, []byte("<strong>Notice:</strong> ILLUSTRATIVE NORMS.")) || !bytes.Contains(page, []byte("<svg ")) {
			t.Errorf("%s lacks the notice or the charts", f)
		}
	}
}
