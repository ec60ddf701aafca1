// Package golden compares what a test produced with a file kept under
// testdata, and rewrites the file instead when the tests run with -update:
//
//	go test ./... -update
//
// It is for tests only; the one -update flag it registers serves every
// package whose tests import it.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// Updating reports whether the tests run with -update, for tests that
// regenerate files other than through Check.
func Updating() bool { return *update }

// Check compares got with the file at path, reporting a difference as
// "path mismatch (-want +got)". With -update it writes got to path instead,
// making the folders it needs.
func Check(t testing.TB, path string, got []byte) {
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

// CheckString is Check for text.
func CheckString(t testing.TB, path, got string) {
	t.Helper()
	Check(t, path, []byte(got))
}

var digestRE = regexp.MustCompile(`sha256:[0-9a-f]{64}`)

// ScrubDigests replaces every policy digest in s with "sha256:<digest>", so
// that a change to an unrelated rule file does not change every golden file.
func ScrubDigests(s string) string { return digestRE.ReplaceAllString(s, "sha256:<digest>") }
