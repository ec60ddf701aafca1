package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/server"
)

// TestServeUsage: the mistakes isotp serve refuses before it listens, and
// their exit statuses.
func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	two := filepath.Join(dir, "two")
	require.NoError(t, os.WriteFile(empty, []byte("\n"), 0o600))
	require.NoError(t, os.WriteFile(two, []byte("one two\n"), 0o600))
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	tests := []struct {
		name      string
		args      []string
		code      int
		stderrHas string
	}{
		{"log input without a log", []string{"--log-input"}, exitUsage, "--log-input needs --decision-log"},
		{"a certificate without a key", []string{"--tls-cert", "cert.pem"}, exitUsage, "--tls-cert and --tls-key go together"},
		{"no wait", []string{"--shutdown-timeout", "0s"}, exitUsage, "--shutdown-timeout must be more than 0"},
		{"no token file", []string{"--token-file", filepath.Join(dir, "nowhere")}, exitUsage, "reading the token file"},
		{"an empty token", []string{"--token-file", empty}, exitUsage, "is empty"},
		{"a token of two words", []string{"--token-file", two}, exitUsage, "holds more than one word"},
		{"a log that cannot be opened", []string{"--decision-log", filepath.Join(dir, "no", "such", "dir")}, exitUsage, "opening the decision log"},
		{"arguments", []string{"case.json"}, exitUsage, "wrong number of arguments"},
		{"a policy error", []string{"--area", "../../rules/testdata/errors/area-params.yaml"}, exitPolicy,
			"area-params.yaml:4:18: parameter max_catch_ups: 5 is outside its bounds"},
		{"no area file", []string{"--area", "nowhere.yaml"}, exitUsage, "reading area file"},
		{"no such certificate", []string{"--tls-cert", "nowhere.pem", "--tls-key", "nowhere.pem"}, exitUsage, "reading the TLS certificate"},
		{"an address in use", []string{"--addr", busy.Addr().String()}, exitUsage, "address already in use"},
		{"help", []string{"--help"}, exitOK, "Usage: isotp serve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", append([]string{"serve"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstderr: %s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.stderrHas) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.stderrHas)
			}
		})
	}
}

// buildIsotp builds the command into a temporary directory and returns the
// path of the binary.
func buildIsotp(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	bin := filepath.Join(t.TempDir(), "isotp")
	out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// A process is isotp serve running as a process of its own.
type process struct {
	cmd    *exec.Cmd
	addr   string
	token  string
	client *http.Client

	mu     sync.Mutex
	stderr []string // the lines of its log so far
	exited chan error
}

var servingAt = regexp.MustCompile(`msg=serving addr=(\S+)`)

// startServe runs bin serve with args and waits until it serves.
func startServe(t *testing.T, bin, token string, args ...string) *process {
	t.Helper()
	p := &process{token: token, exited: make(chan error, 1),
		client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}}
	p.cmd = exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := p.cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, p.cmd.Start())
	lines := make(chan struct{})
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.stderr = append(p.stderr, sc.Text())
			p.mu.Unlock()
		}
	}()
	go func() { <-lines; p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("the server's log:\n%s", p.log())
		}
	})
	m := p.waitLog(t, servingAt)
	p.addr = m[1]
	return p
}

// log returns what the server has logged so far.
func (p *process) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.stderr, "\n")
}

// waitLog waits for a line of the log that matches re and returns its
// submatches.
func (p *process) waitLog(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	var m []string
	require.Eventually(t, func() bool {
		m = re.FindStringSubmatch(p.log())
		return m != nil
	}, 30*time.Second, 10*time.Millisecond, "the server does not log %s", re)
	return m
}

// do sends a request, with the token when withToken, and reads the answer.
func (p *process) do(t *testing.T, method, path string, body []byte, withToken bool) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+p.addr+path, bytes.NewReader(body))
	require.NoError(t, err)
	if withToken {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	resp, err := p.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, data
}

// policyDigest returns the digest of the policy in force, as GET
// /v1/policy gives it, and the error of the last failed reload.
func (p *process) policyDigest(t *testing.T) (digest string, lastError json.RawMessage) {
	t.Helper()
	resp, body := p.do(t, http.MethodGet, "/v1/policy", nil, true)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	var st struct {
		Digest          string          `json:"digest"`
		LastReloadError json.RawMessage `json:"last_reload_error"`
	}
	require.NoError(t, json.Unmarshal(body, &st))
	return st.Digest, st.LastReloadError
}

// metric returns the line of /metrics that starts with name, without it.
func (p *process) metric(t *testing.T, name string) string {
	t.Helper()
	_, body := p.do(t, http.MethodGet, "/metrics", nil, false)
	for line := range strings.Lines(string(body)) {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// TestServeBinary runs the built command as a service: every decision
// answers as the command does, with the token; a SIGHUP and a change of the
// area file reload the policy, a broken area file leaves the last good one
// serving; SIGTERM lets a request in flight finish, flushes the decision
// log, and exits 0; nothing of a case reaches the server's log.
func TestServeBinary(t *testing.T) {
	bin := buildIsotp(t)
	dir := t.TempDir()
	areaText, err := os.ReadFile("../../examples/areas/cheshire.yaml")
	require.NoError(t, err)
	area := filepath.Join(dir, "area.yaml")
	require.NoError(t, os.WriteFile(area, areaText, 0o644))
	tokenFile := filepath.Join(dir, "token")
	const token = "s3cret-token"
	require.NoError(t, os.WriteFile(tokenFile, []byte(token+"\n"), 0o600))
	logFile := filepath.Join(dir, "decisions.jsonl")
	p := startServe(t, bin, token, "--area", area, "--token-file", tokenFile, "--decision-log", logFile)
	logged := map[string]int{} // the decision log lines expected, by "decision status"

	// The probes are open; /v1 needs the token.
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, body := p.do(t, http.MethodGet, path, nil, false)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", path, body)
	}
	resp, _ := p.do(t, http.MethodGet, "/v1/policy", nil, false)
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	require.Contains(t, resp.Header.Get("WWW-Authenticate"), "Bearer")
	resp, _ = p.do(t, http.MethodGet, "/v1/openapi.json", nil, true)
	require.Equal(t, http.StatusOK, resp.StatusCode)

	// Every decision, and the report, answers with the command's bytes.
	cli := func(args ...string) []byte {
		out, err := exec.Command(bin, args...).Output()
		require.NoError(t, err, "isotp %s", strings.Join(args, " "))
		return out
	}
	firstDigest, _ := p.policyDigest(t)
	for _, d := range decisions.All() {
		files, err := filepath.Glob(filepath.Join("../../examples/cases", d.Name(), "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files, d.Name())
		file := files[0]
		resp, body := p.do(t, http.MethodPost, "/v1/"+d.Name(), readSample(t, file), true)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", file, body)
		if diff := cmp.Diff(string(cli(d.Name(), "--format", "json", "--area", area, file)), string(body)); diff != "" {
			t.Errorf("POST /v1/%s %s mismatch (-command +service):\n%s", d.Name(), file, diff)
		}
		require.Equal(t, firstDigest, resp.Header.Get(server.DigestHeader))
		logged[d.Name()+" 200"]++
	}
	report := "../../examples/cases/report/completed.json"
	resp, body := p.do(t, http.MethodPost, "/v1/report?format=md", readSample(t, report), true)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	if diff := cmp.Diff(string(cli("report", "--format", "md", "--area", area, report)), string(body)); diff != "" {
		t.Errorf("POST /v1/report?format=md mismatch (-command +service):\n%s", diff)
	}
	logged["report 200"]++

	// Bad input is a 400 that names the place; the server's log never
	// holds the case.
	const secret = "X-SECRET-7781"
	resp, body = p.do(t, http.MethodPost, "/v1/eligibility", []byte(`{"offender": {"id": "`+secret+`", "sex": "mael"}}`), true)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	require.Contains(t, string(body), `"path": "offender.sex"`)
	logged["eligibility 400"]++

	// SIGHUP reloads: the same file gives the same policy.
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGHUP))
	p.waitLog(t, regexp.MustCompile(`msg="policy reloaded: unchanged"`))
	require.Equal(t, "1", p.metric(t, `isotp_policy_reloads_total{result="ok"}`))

	// A changed area file is seen and swapped in; a broken one is reported
	// and the last good policy goes on serving.
	replace := func(text string) { // as editors save: a new file renamed over the old
		tmp := filepath.Join(dir, ".area.yaml.tmp")
		require.NoError(t, os.WriteFile(tmp, []byte(text), 0o644))
		require.NoError(t, os.Rename(tmp, area))
	}
	replace(strings.Replace(string(areaText), "max_catch_ups: 3", "max_catch_ups: 2", 1))
	var secondDigest string
	require.Eventually(t, func() bool {
		secondDigest, _ = p.policyDigest(t)
		return secondDigest != firstDigest
	}, 30*time.Second, 20*time.Millisecond, "the changed area file is not reloaded")
	sample := readSample(t, "../../examples/cases/eligibility/eligible-pre-sentence.json")
	resp, _ = p.do(t, http.MethodPost, "/v1/eligibility", sample, true)
	require.Equal(t, secondDigest, resp.Header.Get(server.DigestHeader))
	logged["eligibility 200"]++

	replace("area: broken\n")
	require.Eventually(t, func() bool {
		_, lastErr := p.policyDigest(t)
		return string(lastErr) != "null"
	}, 30*time.Second, 20*time.Millisecond, "the broken area file is not reported")
	p.waitLog(t, regexp.MustCompile(`policy reload failed`))
	resp, _ = p.do(t, http.MethodPost, "/v1/eligibility", sample, true)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, secondDigest, resp.Header.Get(server.DigestHeader), "the last good policy serves")
	logged["eligibility 200"]++

	// SIGTERM with a request in flight: it is answered, new connections
	// are refused, the process exits 0 with its decision log written.
	pr, pw := io.Pipe()
	answered := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, "http://"+p.addr+"/v1/eligibility", pr)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
		if err != nil {
			answered <- -1
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	go pw.Write(sample[:1])
	require.Eventually(t, func() bool { return p.metric(t, "isotp_http_requests_in_flight") == "2" },
		30*time.Second, 10*time.Millisecond, "the slow request does not reach the server") // it, and the scrape
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	p.waitLog(t, regexp.MustCompile(`msg="shutting down`))
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", p.addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 30*time.Second, 10*time.Millisecond, "new connections are still taken")
	_, err = pw.Write(sample[1:])
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	require.Equal(t, http.StatusOK, <-answered, "the request in flight")
	logged["eligibility 200"]++
	select {
	case err := <-p.exited:
		require.NoError(t, err, "exit status")
	case <-time.After(30 * time.Second):
		t.Fatal("the server does not exit after SIGTERM")
	}
	require.Contains(t, p.log(), `msg=stopped`)
	require.NotContains(t, p.log(), secret, "the server's log holds case data")

	// The decision log: one line per decision, none lost, no case.
	data, err := os.ReadFile(logFile)
	require.NoError(t, err)
	require.NotContains(t, string(data), secret, "the decision log holds case data")
	got := map[string]int{}
	sum := sha256.Sum256(sample)
	var last map[string]any
	for line := range strings.Lines(string(data)) {
		last = nil
		require.NoError(t, json.Unmarshal([]byte(line), &last), "%s", line)
		for _, field := range []string{"time", "decision", "status", "policy_digest", "duration_ms", "input_sha256"} {
			require.Contains(t, last, field, "%s", line)
		}
		require.NotContains(t, last, "input", "without --log-input")
		got[fmt.Sprintf("%s %v", last["decision"], last["status"])]++
	}
	if diff := cmp.Diff(logged, got); diff != "" {
		t.Errorf("decision log lines mismatch (-want +got):\n%s", diff)
	}
	require.Equal(t, hex.EncodeToString(sum[:]), last["input_sha256"], "the last line is the request that was in flight")
	require.Equal(t, secondDigest, last["policy_digest"])
}

func readSample(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}
