package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/server"
)

// TestRun runs the example as it runs by default, against a service it
// starts itself, and compares what it prints with testdata/output.txt.
func TestRun(t *testing.T) {
	docs, err := samples()
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, "", "", docs))
	golden.CheckString(t, filepath.Join("testdata", "output.txt"), golden.ScrubDigests(out.String()))
}

// TestRunWithToken calls a service that needs a token: with it the answers
// are the same; without it, or with another, the service refuses.
func TestRunWithToken(t *testing.T) {
	srv, err := server.New(server.Config{Token: "letmein"})
	require.NoError(t, err)
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	docs, err := samples()
	require.NoError(t, err)

	var want, got bytes.Buffer
	require.NoError(t, run(context.Background(), &want, "", "", docs))
	require.NoError(t, run(context.Background(), &got, hs.URL, "letmein", docs))
	require.Equal(t, want.String(), got.String())

	for _, token := range []string{"", "letmeout"} {
		err := run(context.Background(), &got, hs.URL, token, docs[:1])
		var se *statusError
		require.True(t, errors.As(err, &se), "token %q: %v", token, err)
		require.Equal(t, http.StatusUnauthorized, se.Status)
	}
}
