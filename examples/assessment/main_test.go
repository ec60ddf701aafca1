package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
)

// TestRun runs the example on its sample files and compares the output with
// testdata/output.txt.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), &out,
		filepath.Join("..", "areas", "illustrative-norms.yaml"),
		filepath.Join("..", "cases", "assessment", "sample.json"))
	require.NoError(t, err)
	// The digest changes with every edit to the national files; the
	// output's shape is what this test is about.
	golden.CheckString(t, filepath.Join("testdata", "output.txt"), golden.ScrubDigests(out.String()))
}
