package policytest

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseFile reads arbitrary bytes as a test file: it must never panic,
// and a file it accepts must have tests, each with a case.
func FuzzParseFile(f *testing.F) {
	for _, dir := range []string{"testdata/invalid", "testdata/failing", "../rules/tests"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs ErrorList
		file := parseFile(&errs, "testdata/failing/fuzz_test.yaml", data)
		if file == nil {
			if len(errs) == 0 {
				t.Fatal("a file was refused without an error")
			}
			return
		}
		if len(errs) > 0 || len(file.Tests) == 0 {
			t.Fatalf("accepted with %d errors and %d tests", len(errs), len(file.Tests))
		}
		for _, tt := range file.Tests {
			if tt.Case == nil || tt.Name == "" {
				t.Fatalf("test %+v accepted without a name or a case", tt)
			}
		}
	})
}
