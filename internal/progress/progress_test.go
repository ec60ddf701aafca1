package progress_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/progress"
)

// TestNotATerminal: nothing is drawn on a writer that is not a terminal,
// nor when quiet, and the nil Bar does nothing.
func TestNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	for _, opts := range []progress.Options{{}, {Quiet: true, Terminal: true}} {
		b := progress.New(&buf, 100, "cases", opts)
		require.Nil(t, b)
		b.Set(50)
		b.Add(1)
		b.Describe("x")
		data, err := io.ReadAll(b.Reader(strings.NewReader("abc")))
		require.NoError(t, err)
		require.Equal(t, "abc", string(data))
		b.Finish()
	}
	require.Empty(t, buf.String())
	require.False(t, progress.IsTerminal(&buf))
}

// TestDraws: on a terminal the bar shows the percentage, the count and the
// estimate, and is cleared at the end.
func TestDraws(t *testing.T) {
	var buf bytes.Buffer
	b := progress.New(&buf, 200, "tests", progress.Options{Terminal: true, Unit: "tests", Every: time.Nanosecond})
	require.NotNil(t, b)
	b.Set(50)
	out := buf.String()
	for _, want := range []string{"tests", "25%", "50/200"} {
		require.Contains(t, out, want)
	}
	b.Finish()
	require.True(t, strings.HasSuffix(buf.String(), "\r\033[K") || strings.HasSuffix(buf.String(), "\r"), "the bar is not cleared: %q", buf.String())
}

// TestReaderCountsBytes: a bar over a reader counts the bytes read, shown
// as bytes.
func TestReaderCountsBytes(t *testing.T) {
	var buf bytes.Buffer
	b := progress.New(&buf, 4096, "caseload", progress.Options{Terminal: true, Bytes: true, Every: time.Nanosecond})
	data, err := io.ReadAll(b.Reader(strings.NewReader(strings.Repeat("x", 2048))))
	require.NoError(t, err)
	require.Len(t, data, 2048)
	require.Contains(t, buf.String(), "50%")
}
