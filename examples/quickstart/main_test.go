package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/isotp-dev/isotp/internal/golden"
)

// TestRun holds what the README's first command prints, every line within
// 78 columns.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(out.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > 78 {
			t.Errorf("line %d is %d columns: %q", i+1, n, line)
		}
	}
	golden.CheckString(t, "testdata/output.txt", golden.ScrubDigests(out.String()))
}
