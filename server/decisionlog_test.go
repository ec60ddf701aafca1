package server

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"
)

// A case whose every value is easy to find in a log.
const secretCase = `{"as_of": "2026-11-27", "stage": "pre_sentence",
 "offender": {"id": "SECRET-ID-4711", "sex": "male", "date_of_birth": "1961-02-03", "risk_of_harm": "low"},
 "offences": [{"offence": "possess_indecent_photograph", "date": "2019-03-01", "internet": true}]}`

// readLog parses the decision log's lines.
func readLog(t testing.TB, text string) []logLine {
	t.Helper()
	var lines []logLine
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var l logLine
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&l), "line %q", sc.Text())
		lines = append(lines, l)
	}
	require.NoError(t, sc.Err())
	return lines
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestDecisionLog: one line per request to a decision or the report, with
// the body's hash and never the case; other requests give none.
func TestDecisionLog(t *testing.T) {
	var log syncBuffer
	start := time.Now()
	ts := newTestServer(t, Config{DecisionLog: &log, AreaFile: "testdata/fragile.yaml"})
	bad := `{"offender": {"sex": "mael", "id": "SECRET-ID-4711"}}`
	fails := `{"offender": {"id": "A123"}}`
	ts.post(t, "/v1/eligibility", []byte(secretCase))
	ts.post(t, "/v1/eligibility?explain=true", []byte(secretCase))
	ts.post(t, "/v1/eligibility", []byte(bad))
	ts.post(t, "/v1/eligibility", []byte(fails))
	ts.post(t, "/v1/eligibility?explain=maybe", []byte(secretCase))
	reportCase := string(readFile(t, "../examples/cases/report/completed.json"))
	ts.post(t, "/v1/report?format=md", []byte(reportCase))
	ts.get(t, "/v1/policy")
	ts.get(t, "/v1/eligibility")
	require.NoError(t, ts.Close())

	text := log.String()
	for _, secret := range []string{"SECRET-ID-4711", "1961-02-03", "mael", "possess_indecent_photograph", "SAMPLE-2"} {
		require.NotContains(t, text, secret, "the decision log holds case data")
	}
	digest := ts.Digest()
	want := []logLine{
		{Decision: "eligibility", Status: 200, Outcome: "eligible", Policy: digest, Input: sha(secretCase)},
		{Decision: "eligibility", Status: 200, Outcome: "eligible", Policy: digest, Input: sha(secretCase)},
		{Decision: "eligibility", Status: 400, Error: "invalid_input", Policy: digest, Input: sha(bad)},
		{Decision: "eligibility", Status: 422, Error: "evaluation_failed", Policy: digest, Input: sha(fails)},
		{Decision: "eligibility", Status: 400, Error: "invalid_query", Policy: digest},
		{Decision: "report", Format: "md", Status: 200, Outcome: "completed", Policy: digest, Input: sha(reportCase)},
	}
	got := readLog(t, text)
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(logLine{}, "Time", "DurationMS")); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	for _, l := range got {
		require.False(t, l.Time.Before(start.Add(-time.Second)) || l.Time.After(time.Now()), "time %v", l.Time)
		require.Equal(t, time.UTC, l.Time.Location())
		require.Greater(t, l.DurationMS, 0.0)
	}
	require.Equal(t, float64(len(want)), counterValue(t, ts.Server, "isotp_decision_log_lines_total", ""))
}

// TestDecisionLogInput: with LogInput, each line holds the case.
func TestDecisionLogInput(t *testing.T) {
	var log syncBuffer
	ts := newTestServer(t, Config{DecisionLog: &log, LogInput: true})
	ts.post(t, "/v1/eligibility", []byte(secretCase))
	ts.post(t, "/v1/eligibility", []byte(`{"broken`))
	require.NoError(t, ts.Close())
	lines := readLog(t, log.String())
	require.Len(t, lines, 2)
	require.JSONEq(t, secretCase, string(lines[0].Case))
	require.Nil(t, lines[1].Case, "a body that is not JSON is not put in the line")
	require.Equal(t, sha(`{"broken`), lines[1].Input)
}

// blockingWriter holds every write until released.
type blockingWriter struct {
	release chan struct{}
	entered chan struct{} // closed once a write has begun
	once    sync.Once
	buf     syncBuffer
}

func newBlockingWriter() *blockingWriter {
	return &blockingWriter{release: make(chan struct{}), entered: make(chan struct{})}
}

func (w *blockingWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.entered) })
	<-w.release
	return w.buf.Write(p)
}

// TestDecisionLogBackpressure: when the writer cannot keep up and the
// queue is full, requests wait for room; no line is lost.
func TestDecisionLogBackpressure(t *testing.T) {
	w := newBlockingWriter()
	ts := newTestServer(t, Config{DecisionLog: w, DecisionLogQueue: 2})
	release := sync.OnceFunc(func() { close(w.release) })
	t.Cleanup(release) // before the server closes, should the test stop early
	// The first decision's line is taken from the queue and its write
	// blocks: from then on the queue only fills. (Sent all at once, the
	// writer could take every line into its buffer before its first write,
	// and no request would ever wait.)
	require.Equal(t, 200, ts.post(t, "/v1/eligibility", []byte(secretCase)).status)
	select {
	case <-w.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the decision log was never written")
	}
	const n = 24
	var wg sync.WaitGroup
	statuses := make([]int, n-1)
	for i := range n - 1 {
		wg.Go(func() { statuses[i] = ts.post(t, "/v1/eligibility", []byte(secretCase)).status })
	}
	// Full queue, and a request waiting for room in it (counted once it
	// waits, which may come a little after the queue fills).
	require.Eventually(t, func() bool {
		return len(ts.dlog.lines) == 2 && counterValue(t, ts.Server, "isotp_decision_log_waits_total", "") > 0
	}, 10*time.Second, time.Millisecond, "no request waited for room in the queue")
	release()
	wg.Wait()
	require.NoError(t, ts.Close())
	for _, s := range statuses {
		require.Equal(t, 200, s)
	}
	require.Len(t, readLog(t, w.buf.String()), n)
	require.Greater(t, counterValue(t, ts.Server, "isotp_decision_log_waits_total", ""), 0.0)
	require.Equal(t, 0.0, counterValue(t, ts.Server, "isotp_decision_log_lost_total", ""))
}

// failingWriter fails every write.
type failingWriter struct{}

var errDiskFull = errors.New("no space left on device")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// TestDecisionLogWriteFailure: a log that cannot be written loses lines,
// counted and logged; decisions go on being made.
func TestDecisionLogWriteFailure(t *testing.T) {
	var log syncBuffer
	ts := newTestServer(t, Config{DecisionLog: failingWriter{}, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	for range 3 {
		require.Equal(t, 200, ts.post(t, "/v1/eligibility", []byte(secretCase)).status)
	}
	require.ErrorIs(t, ts.Close(), errDiskFull)
	require.Equal(t, 3.0, counterValue(t, ts.Server, "isotp_decision_log_lost_total", ""))
	require.GreaterOrEqual(t, counterValue(t, ts.Server, "isotp_decision_log_write_errors_total", ""), 1.0)
	require.Equal(t, 1, strings.Count(log.String(), "writing the decision log failed"), "logged once while failing:\n%s", log.String())
	require.NotContains(t, log.String(), "SECRET")
}
