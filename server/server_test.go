package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/rules"
)

const cheshire = "../examples/areas/cheshire.yaml"

// TestAuth: with a token, every path under /v1 needs it, known or not, and
// the probes and metrics do not.
func TestAuth(t *testing.T) {
	ts := newTestServer(t, Config{Token: "s3cret-token"})
	sample := readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json")
	tests := []struct {
		name, method, path, auth string
		status                   int
		challenge                string
	}{
		{"no header", "POST", "/v1/eligibility", "", 401, `Bearer realm="isotp"`},
		{"wrong token", "POST", "/v1/eligibility", "Bearer s3cret-tokeN", 401, `Bearer realm="isotp", error="invalid_token"`},
		{"a prefix of the token", "POST", "/v1/eligibility", "Bearer s3cret", 401, `Bearer realm="isotp", error="invalid_token"`},
		{"another scheme", "POST", "/v1/eligibility", "Basic czNjcmV0LXRva2Vu", 401, `Bearer realm="isotp"`},
		{"no token after the scheme", "POST", "/v1/eligibility", "Bearer", 401, `Bearer realm="isotp"`},
		{"the token", "POST", "/v1/eligibility", "Bearer s3cret-token", 200, ""},
		{"the scheme in lower case", "POST", "/v1/eligibility", "bearer s3cret-token", 200, ""},
		{"the policy", "GET", "/v1/policy", "", 401, `Bearer realm="isotp"`},
		{"the description", "GET", "/v1/openapi.json", "", 401, `Bearer realm="isotp"`},
		{"a schema", "GET", "/v1/case.schema.json", "", 401, `Bearer realm="isotp"`},
		{"an unknown path under /v1 is not told apart", "GET", "/v1/nothing", "", 401, `Bearer realm="isotp"`},
		{"/v1 itself", "GET", "/v1", "", 401, `Bearer realm="isotp"`},
		{"a wrong method under /v1", "GET", "/v1/groups", "", 401, `Bearer realm="isotp"`},
		{"health needs none", "GET", "/healthz", "", 200, ""},
		{"readiness needs none", "GET", "/readyz", "", 200, ""},
		{"metrics need none", "GET", "/metrics", "", 200, ""},
		{"an unknown path elsewhere", "GET", "/v2/eligibility", "", 404, ""},
	}
	for path, rt := range ts.routes { // every path under /v1 needs it
		if rt.auth {
			tests = append(tests, struct {
				name, method, path, auth string
				status                   int
				challenge                string
			}{"no token for " + path, rt.method, path, "", 401, `Bearer realm="isotp"`})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body []byte
			if tt.method == "POST" {
				body = sample
			}
			r := ts.do(t, tt.method, tt.path, body, "Authorization", tt.auth)
			require.Equal(t, tt.status, r.status, "%s", r.body)
			require.Equal(t, tt.challenge, r.header.Get("WWW-Authenticate"))
			if tt.status == 401 {
				require.Equal(t, "unauthorized", r.errorBody(t).Code)
				require.Empty(t, r.header.Get(DigestHeader), "a 401 says nothing of the policy")
			}
		})
	}
}

func TestProbes(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.get(t, "/healthz")
	require.Equal(t, 200, r.status)
	require.JSONEq(t, `{"status": "ok"}`, string(r.body))
	r = ts.get(t, "/readyz")
	require.Equal(t, 200, r.status)
	require.JSONEq(t, `{"status": "ready", "digest": "`+ts.Digest()+`"}`, string(r.body))

	// While Serve stops (before Close), it is not ready, but a request that
	// has reached its handler is still decided: Serve lets the requests in
	// flight finish, and their lines are logged before it closes.
	ts.draining.Store(true) // as Serve does when it begins to stop
	r = ts.get(t, "/readyz")
	require.Equal(t, 503, r.status)
	require.Equal(t, "shutting_down", r.errorBody(t).Code)
	require.Equal(t, 200, ts.post(t, "/v1/eligibility", readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json")).status)

	// Once closing, it is not ready, takes no decisions, and still says so.
	require.NoError(t, ts.Close())
	r = ts.get(t, "/readyz")
	require.Equal(t, 503, r.status)
	require.Equal(t, "shutting_down", r.errorBody(t).Code)
	for _, path := range []string{"/v1/eligibility", "/v1/attendance", "/v1/assessment", "/v1/groups", "/v1/report"} {
		r = ts.post(t, path, []byte(`{}`))
		require.Equal(t, 503, r.status, path)
	}
	require.Equal(t, 200, ts.get(t, "/healthz").status)
}

// TestPolicy: GET /v1/policy gives the policy in force and its
// parameters, as isotp params --format json lists them.
func TestPolicy(t *testing.T) {
	before := time.Now()
	ts := newTestServer(t, Config{AreaFile: cheshire})
	pol, err := rules.Load(rules.National, rules.AreaPath(cheshire))
	require.NoError(t, err)
	r := ts.get(t, "/v1/policy")
	require.Equal(t, 200, r.status)
	require.Equal(t, pol.Info().Digest, r.header.Get(DigestHeader))
	var got struct {
		rules.Info
		AreaFile        string          `json:"area_file"`
		LoadedAt        time.Time       `json:"loaded_at"`
		Parameters      json.RawMessage `json:"parameters"`
		LastReloadError *reloadError    `json:"last_reload_error"`
	}
	require.NoError(t, json.Unmarshal(r.body, &got))
	require.Equal(t, pol.Info(), got.Info)
	require.Equal(t, cheshire, got.AreaFile)
	require.Nil(t, got.LastReloadError)
	require.False(t, got.LoadedAt.Before(before.Truncate(time.Second)), "loaded at %v, before the test started at %v", got.LoadedAt, before)
	want, err := json.Marshal(pol.Params())
	require.NoError(t, err)
	require.JSONEq(t, string(want), string(got.Parameters))
	require.Contains(t, string(r.body), `"name": "max_catch_ups",`+"\n      \"type\": \"int\",\n      \"value\": 3")
}

// TestNewRefuses: New reports a policy with errors as an ErrorList, and
// problems with its Config plainly.
func TestNewRefuses(t *testing.T) {
	_, err := New(Config{AreaFile: "../rules/testdata/errors/area-params.yaml"})
	var list rules.ErrorList
	require.ErrorAs(t, err, &list)
	require.ErrorIs(t, err, rules.ErrInvalidPolicy)

	_, err = New(Config{AreaFile: "no-such-area.yaml"})
	require.ErrorIs(t, err, os.ErrNotExist)

	_, err = New(Config{TLSCertFile: "cert.pem"})
	require.Error(t, err)

	_, err = New(Config{TLSCertFile: "no-such-cert.pem", TLSKeyFile: "no-such-key.pem"})
	require.ErrorIs(t, err, os.ErrNotExist)
}

// TestMetrics: requests by path, method and status, latencies, outcomes
// per decision and reloads, in the server's own registry.
func TestMetrics(t *testing.T) {
	dir := t.TempDir()
	area := filepath.Join(dir, "area.yaml")
	require.NoError(t, os.WriteFile(area, readFile(t, cheshire), 0o644))
	ts := newTestServer(t, Config{AreaFile: area})
	other := newTestServer(t, Config{})
	for _, f := range samples(t, "eligibility") {
		require.Equal(t, 200, ts.post(t, "/v1/eligibility", readFile(t, f)).status)
	}
	ts.post(t, "/v1/eligibility", []byte(`{"offender": {"sex": "mael"}}`))
	ts.get(t, "/nowhere")
	require.NoError(t, ts.Reload())
	require.NoError(t, os.WriteFile(area, []byte("area: broken\n"), 0o644))
	require.Error(t, ts.Reload())
	r := ts.get(t, "/metrics")
	require.Equal(t, 200, r.status)
	text := string(r.body)
	for _, want := range []string{
		`isotp_http_requests_total{method="POST",path="/v1/eligibility",status="200"} 7`,
		`isotp_http_requests_total{method="POST",path="/v1/eligibility",status="400"} 1`,
		`isotp_http_requests_total{method="GET",path="unmatched",status="404"} 1`,
		`isotp_http_request_duration_seconds_count{path="/v1/eligibility"} 8`,
		`isotp_decisions_total{decision="eligibility",outcome="eligible"} 3`,
		`isotp_decisions_total{decision="eligibility",outcome="ineligible"} 3`, // cheshire needs 30 months of supervision, more than the pending case has
		`isotp_decisions_total{decision="eligibility",outcome="refer"} 1`,
		`isotp_policy_reloads_total{result="failed"} 1`,
		`isotp_policy_reloads_total{result="ok"} 1`,
		`isotp_policy_info{area="cheshire",digest="` + ts.Digest() + `",name="i-SOTP",version="2026.1"} 1`,
		`isotp_http_requests_in_flight 1`, // the scrape itself
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("the metrics lack %s", want)
		}
	}
	if !strings.Contains(text, "\ngo_goroutines ") || !strings.Contains(text, "\nprocess_cpu_seconds_total ") {
		t.Error("the metrics lack the Go and process collectors")
	}
	// The other server counts apart: its registry is its own.
	if strings.Contains(string(other.get(t, "/metrics").body), `path="/v1/eligibility"`) {
		t.Error("a second server counts the first one's requests")
	}
}

// TestDecisionErrorMapping: errors the tests cannot provoke through a
// request, a cost limit reached and the server's own failure, are answered
// as the description says.
func TestDecisionErrorMapping(t *testing.T) {
	ev := &rules.EvalError{Section: "eligibility", Kind: "variable", Name: "age", Pos: rules.Position{File: "a.yaml", Line: 3, Column: 9}, Problem: "it failed"}
	status, e := decisionError(ev)
	require.Equal(t, 422, status)
	if diff := cmp.Diff(&apiError{Code: "evaluation_failed", Message: ev.Error(), Section: "eligibility", Kind: "variable", Name: "age", Position: "a.yaml:3:9"}, e); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	status, e = decisionError(errors.New("no memory"))
	require.Equal(t, 500, status)
	require.Equal(t, "internal", e.Code)
}

// TestAnswersAreWhole: an answer is sent with its length, and says that it
// must not be cached.
func TestAnswersAreWhole(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.post(t, "/v1/eligibility", readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json"))
	require.Equal(t, "no-store", r.header.Get("Cache-Control"))
	require.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"))
	require.Equal(t, len(r.body), atoi(t, r.header.Get("Content-Length")))
	require.True(t, bytes.HasSuffix(r.body, []byte("}\n")))
}

func atoi(t testing.TB, s string) int {
	t.Helper()
	var n int
	for _, c := range s {
		require.True(t, c >= '0' && c <= '9', "not a number: %q", s)
		n = n*10 + int(c-'0')
	}
	return n
}
