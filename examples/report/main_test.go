package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
)

// TestRun runs the example on its sample files, compares the text with
// testdata/output.txt and checks both pages were written with the notice
// that the norms are illustrative.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	files, err := run(context.Background(), &out,
		filepath.Join("..", "areas", "illustrative-norms.yaml"),
		filepath.Join("..", "cases", "report", "completed.json"), dir)
	require.NoError(t, err)
	got := golden.ScrubDigests(out.String())
	golden.CheckString(t, filepath.Join("testdata", "output.txt"), got)
	if !strings.Contains(got, "NOTICE: ILLUSTRATIVE NORMS.") {
		t.Error("the text report does not say its norms are illustrative")
	}
	require.Len(t, files, 2, "want two pages")
	for _, f := range files {
		page, err := os.ReadFile(f)
		require.NoError(t, err)
		if !bytes.Contains(page, []byte("<strong>Notice:</strong> ILLUSTRATIVE NORMS.")) || !bytes.Contains(page, []byte("<svg ")) {
			t.Errorf("%s lacks the notice or the charts", f)
		}
	}
}
