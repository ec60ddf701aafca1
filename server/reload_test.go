package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/rules"
)

// syncBuffer is a bytes.Buffer safe for concurrent use, for logs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// areaVersions are area files for the reload tests: each sets a different
// max_catch_ups, so each has its own digest; broken has an unknown
// parameter and a value out of bounds.
const (
	areaV1     = "area: test\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n"
	areaV2     = "area: test\npolicy: i-SOTP\nparams:\n  max_catch_ups: 2\n"
	areaBroken = "area: test\npolicy: i-SOTP\nparams:\n  max_catch_upz: 2\n  min_age: 12\n"
)

// writeArea replaces the file at path with text as editors do: a new file
// renamed over the old one.
func writeArea(t testing.TB, path, text string) {
	t.Helper()
	require.NoError(t, replaceFile(path, text))
}

// replaceFile writes text to path through a rename, as an editor or a
// deployment would, so that a reader never sees half a file.
func replaceFile(path, text string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// policyOf returns the digest and last reload error GET /v1/policy gives.
func policyOf(t testing.TB, ts *testServer) (string, *reloadError) {
	t.Helper()
	r := ts.get(t, "/v1/policy")
	require.Equal(t, 200, r.status)
	var p struct {
		Digest          string       `json:"digest"`
		LastReloadError *reloadError `json:"last_reload_error"`
	}
	require.NoError(t, json.Unmarshal(r.body, &p))
	return p.Digest, p.LastReloadError
}

func TestReload(t *testing.T) {
	dir := t.TempDir()
	area := filepath.Join(dir, "area.yaml")
	writeArea(t, area, areaV1)
	var log syncBuffer
	ts := newTestServer(t, Config{AreaFile: area, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	sample := readFile(t, "../examples/cases/attendance/on_track.json")
	first := ts.Digest()
	require.Equal(t, first, ts.post(t, "/v1/attendance", sample).header.Get(DigestHeader))

	// The same file again: nothing to swap.
	loadedAt := ts.cur.Load().loadedAt
	require.NoError(t, ts.Reload())
	require.Equal(t, loadedAt, ts.cur.Load().loadedAt)

	writeArea(t, area, areaV2)
	require.NoError(t, ts.Reload())
	second := ts.Digest()
	require.NotEqual(t, first, second)
	r := ts.post(t, "/v1/attendance", sample)
	require.Equal(t, second, r.header.Get(DigestHeader))
	require.Contains(t, string(r.body), `"catch_ups_allowed": 2,`)
	digest, failure := policyOf(t, ts)
	require.Equal(t, second, digest)
	require.Nil(t, failure)

	// A broken file: the error is reported, the last good policy serves.
	writeArea(t, area, areaBroken)
	err := ts.Reload()
	var list rules.ErrorList
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 2)
	require.Equal(t, second, ts.Digest())
	require.Equal(t, second, ts.post(t, "/v1/attendance", sample).header.Get(DigestHeader))
	digest, failure = policyOf(t, ts)
	require.Equal(t, second, digest)
	require.NotNil(t, failure)
	require.Equal(t, err.Error(), failure.Message)
	require.Len(t, failure.Errors, 2)
	require.Equal(t, area+":4:3", failure.Errors[0].Position)
	require.Equal(t, area+":5:12", failure.Errors[1].Position)
	require.WithinDuration(t, time.Now(), failure.At, time.Minute)
	for _, want := range []string{"policy reload failed; the last good policy goes on serving", "at=" + area + ":4:3", "at=" + area + ":5:12"} {
		require.Contains(t, log.String(), want)
	}

	// A missing file is a failure too.
	require.NoError(t, os.Remove(area))
	require.ErrorIs(t, ts.Reload(), os.ErrNotExist)
	_, failure = policyOf(t, ts)
	require.NotNil(t, failure)
	require.Empty(t, failure.Errors)

	// Mended, it reloads and the error is gone.
	writeArea(t, area, areaV1)
	require.NoError(t, ts.Reload())
	digest, failure = policyOf(t, ts)
	require.Equal(t, first, digest)
	require.Nil(t, failure)
}

// TestInFlightFinishesOnItsPolicy: a request whose body is still arriving
// when the policy is swapped is decided under the policy in force when it
// started; the next one under the new policy.
func TestInFlightFinishesOnItsPolicy(t *testing.T) {
	dir := t.TempDir()
	area := filepath.Join(dir, "area.yaml")
	writeArea(t, area, areaV1)
	ts := newTestServer(t, Config{AreaFile: area})
	first := ts.Digest()
	sample := readFile(t, "../examples/cases/attendance/on_track.json")

	pr, pw := io.Pipe()
	done := make(chan reply, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, ts.url+"/v1/attendance", pr)
		resp, err := ts.client.Do(req)
		if err != nil {
			done <- reply{status: -1, body: []byte(err.Error())}
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		done <- reply{status: resp.StatusCode, header: resp.Header, body: body}
	}()
	_, err := pw.Write(sample[:len(sample)/2])
	require.NoError(t, err)
	require.Eventually(t, func() bool { return ts.inflight.Load() == 1 }, 10*time.Second, time.Millisecond, "the request never reached the server")

	writeArea(t, area, areaV2)
	require.NoError(t, ts.Reload())
	second := ts.Digest()
	require.NotEqual(t, first, second)

	_, err = pw.Write(sample[len(sample)/2:])
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	r := <-done
	require.Equal(t, 200, r.status, "%s", r.body)
	require.Equal(t, first, r.header.Get(DigestHeader))
	require.Contains(t, string(r.body), `"digest": "`+first+`"`)
	require.Contains(t, string(r.body), `"catch_ups_allowed": 3,`)

	r = ts.post(t, "/v1/attendance", sample)
	require.Equal(t, second, r.header.Get(DigestHeader))
	require.Contains(t, string(r.body), `"catch_ups_allowed": 2,`)
}

// serving runs s.Serve on a loopback listener until the test ends, and
// returns its base URL and a function that stops it and returns Serve's
// error.
func serving(t testing.TB, s *Server) (string, func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	var once sync.Once
	var serveErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case serveErr = <-served:
			case <-time.After(30 * time.Second):
				serveErr = errors.New("Serve did not return")
			}
			record(t, s)
		})
		return serveErr
	}
	t.Cleanup(func() { stop() })
	return "http://" + ln.Addr().String(), stop
}

// TestWatchReloads: Serve reloads when the area file is replaced, and
// reports a broken one while the last good policy serves.
func TestWatchReloads(t *testing.T) {
	dir := t.TempDir()
	area := filepath.Join(dir, "area.yaml")
	writeArea(t, area, areaV1)
	var log syncBuffer
	s, err := New(Config{AreaFile: area, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	require.NoError(t, err)
	url, stop := serving(t, s)
	ts := &testServer{Server: s, url: url, client: http.DefaultClient}
	first := s.Digest()
	watching(t, &log)

	// Other files in the directory are no reason to reload.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644))
	time.Sleep(3 * settle)
	require.Equal(t, 0.0, counterValue(t, s, "isotp_policy_reloads_total", "ok"))

	writeArea(t, area, areaV2)
	require.Eventually(t, func() bool { return s.Digest() != first }, 20*time.Second, 10*time.Millisecond, "no reload after the area file changed")
	second := s.Digest()
	require.Equal(t, second, ts.get(t, "/readyz").header.Get(DigestHeader))

	writeArea(t, area, areaBroken)
	require.Eventually(t, func() bool { _, f := policyOf(t, ts); return f != nil }, 20*time.Second, 10*time.Millisecond, "no failed reload reported")
	require.Equal(t, second, s.Digest())

	// Written in place (not renamed), mended: reloaded.
	require.NoError(t, os.WriteFile(area, []byte(areaV1), 0o644))
	require.Eventually(t, func() bool { _, f := policyOf(t, ts); return f == nil && s.Digest() == first }, 20*time.Second, 10*time.Millisecond)
	require.NoError(t, stop())
}

// watching waits until the log says that the files are being watched.
func watching(t testing.TB, log *syncBuffer) {
	t.Helper()
	require.Eventually(t, func() bool { return strings.Contains(log.String(), "watching for changes") }, 10*time.Second, time.Millisecond)
}

// counterValue returns the value of the counter name with the label value
// given, or 0.
func counterValue(t testing.TB, s *Server, name, label string) float64 {
	t.Helper()
	families, err := s.metrics.reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if label == "" || l.GetValue() == label {
					return m.GetCounter().GetValue()
				}
			}
			if label == "" {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}

// TestWatchPolicyDir: with national rule files of its own (--policy), Serve
// reloads when one of them changes.
func TestWatchPolicyDir(t *testing.T) {
	dir := t.TempDir()
	files, err := filepath.Glob("../rules/national/*.yaml")
	require.NoError(t, err)
	for _, f := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), readFile(t, f), 0o644))
	}
	var log syncBuffer
	s, err := New(Config{PolicyDir: dir, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	require.NoError(t, err)
	_, stop := serving(t, s)
	watching(t, &log)
	require.Equal(t, "2026.1", s.cur.Load().info.Version)
	policy := filepath.Join(dir, "policy.yaml")
	writeArea(t, policy, strings.Replace(string(readFile(t, policy)), `version: "2026.1"`, `version: "2026.2-draft"`, 1))
	require.Eventually(t, func() bool { return s.cur.Load().info.Version == "2026.2-draft" }, 20*time.Second, 10*time.Millisecond)
	require.NoError(t, stop())
}
