package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/report/pdf"
)

// TestNoBrowser checks that a browser that is not there is an error that
// matches ErrNoBrowser, before anything is written.
func TestNoBrowser(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-browser")
	_, err := pdf.FindBrowser(missing)
	require.ErrorIs(t, err, pdf.ErrNoBrowser)

	var out bytes.Buffer
	err = pdf.Write(context.Background(), &out, &report.Report{}, pdf.Options{Browser: missing})
	require.ErrorIs(t, err, pdf.ErrNoBrowser)
	if out.Len() != 0 {
		t.Errorf("wrote %d bytes without a browser", out.Len())
	}

	t.Setenv("PATH", t.TempDir())
	_, err = pdf.NewPrinter(context.Background(), "")
	require.ErrorIs(t, err, pdf.ErrNoBrowser, "with nothing on PATH")
}

// TestCancelled checks that a context ended before the browser starts
// stops the start.
func TestCancelled(t *testing.T) {
	if _, err := pdf.FindBrowser(""); err != nil {
		t.Skipf("no browser: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := pdf.NewPrinter(ctx, "")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("NewPrinter with a cancelled context: %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = pdf.NewPrinter(ctx, "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("NewPrinter with a context that ends while the browser starts: %v, want context.DeadlineExceeded", err)
	}
}
