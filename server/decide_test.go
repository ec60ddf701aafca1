package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/rules"
)

const normsArea = "../examples/areas/illustrative-norms.yaml"

// TestDecisionsAnswerAsTheCommand posts every sample of every decision of
// the registry and compares the answer with what the library gives,
// written as the command writes it, and with the digest header.
func TestDecisionsAnswerAsTheCommand(t *testing.T) {
	ts := newTestServer(t, Config{AreaFile: normsArea})
	pol, err := rules.Load(rules.National, rules.AreaPath(normsArea))
	require.NoError(t, err)
	for _, d := range decisions.All() {
		m, err := d.New(pol)
		require.NoError(t, err)
		for _, file := range samples(t, d.Name()) {
			t.Run(d.Name()+"/"+filepath.Base(file), func(t *testing.T) {
				data := readFile(t, file)
				r := ts.post(t, "/v1/"+d.Name(), data)
				require.Equal(t, http.StatusOK, r.status, "%s", r.body)
				var res decisions.Result
				if d.Input() == decisions.FromIntake {
					in, err := isotp.DecodeIntake(bytes.NewReader(data))
					require.NoError(t, err)
					res, err = m.DecideIntake(context.Background(), in)
					require.NoError(t, err)
				} else {
					c, err := isotp.DecodeCase(bytes.NewReader(data))
					require.NoError(t, err)
					res, err = m.Decide(context.Background(), c)
					require.NoError(t, err)
				}
				var want bytes.Buffer
				require.NoError(t, decisions.WriteJSON(&want, res))
				if diff := cmp.Diff(want.String(), string(r.body)); diff != "" {
					t.Errorf("mismatch (-want +got):\n%s", diff)
				}
				require.Equal(t, pol.Info().Digest, r.header.Get(DigestHeader))
				var body struct{ Policy rules.Info }
				require.NoError(t, json.Unmarshal(r.body, &body))
				require.Equal(t, pol.Info(), body.Policy)
			})
		}
	}
}

// TestEligibilityAsTheCommandsGoldenFiles compares the answers under the
// national policy with the command's own golden files: the bytes isotp
// eligibility --format json prints, --explain included.
func TestEligibilityAsTheCommandsGoldenFiles(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, file := range samples(t, "eligibility") {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		r := ts.post(t, "/v1/eligibility", readFile(t, file))
		require.Equal(t, http.StatusOK, r.status)
		want := readFile(t, "../cmd/isotp/testdata/eligibility/"+name+".json")
		if diff := cmp.Diff(string(want), golden.ScrubDigests(string(r.body))); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
		}
	}
	r := ts.post(t, "/v1/eligibility?explain=true", readFile(t, "../examples/cases/eligibility/pending-missing-facts.json"))
	require.Equal(t, http.StatusOK, r.status)
	want := readFile(t, "../cmd/isotp/testdata/eligibility/explain/pending-missing-facts.json")
	if diff := cmp.Diff(string(want), golden.ScrubDigests(string(r.body))); diff != "" {
		t.Errorf("explain mismatch (-want +got):\n%s", diff)
	}
	r = ts.post(t, "/v1/attendance?explain=true", readFile(t, "../examples/cases/attendance/breach.json"))
	require.Equal(t, http.StatusOK, r.status)
	require.Contains(t, string(r.body), `"explanation"`)
	r = ts.post(t, "/v1/eligibility?explain=false", readFile(t, "../examples/cases/eligibility/pending-missing-facts.json"))
	require.Equal(t, http.StatusOK, r.status)
	require.NotContains(t, string(r.body), `"explanation"`)
}

// TestReport writes the sample report in every format, as the report
// package writes it.
func TestReport(t *testing.T) {
	ts := newTestServer(t, Config{AreaFile: normsArea})
	pol, err := rules.Load(rules.National, rules.AreaPath(normsArea))
	require.NoError(t, err)
	rp, err := report.New(pol)
	require.NoError(t, err)
	data := readFile(t, "../examples/cases/report/completed.json")
	c, err := isotp.DecodeCase(bytes.NewReader(data))
	require.NoError(t, err)
	rep, err := rp.Report(context.Background(), c)
	require.NoError(t, err)
	write := func(f func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		require.NoError(t, f(&b))
		return b.String()
	}
	tests := []struct {
		query, contentType, want string
	}{
		{"", "text/plain; charset=utf-8", write(func(b *bytes.Buffer) error { return rep.WriteText(b) })},
		{"?format=text", "text/plain; charset=utf-8", write(func(b *bytes.Buffer) error { return rep.WriteText(b) })},
		{"?format=md", "text/markdown; charset=utf-8", write(func(b *bytes.Buffer) error { return rep.WriteMarkdown(b) })},
		{"?format=html", "text/html; charset=utf-8", write(func(b *bytes.Buffer) error { return rep.WriteHTML(b, report.HTMLOptions{}) })},
		{"?format=html&large_print=true", "text/html; charset=utf-8", write(func(b *bytes.Buffer) error { return rep.WriteHTML(b, report.HTMLOptions{LargePrint: true}) })},
		{"?format=html&large_print=false", "text/html; charset=utf-8", write(func(b *bytes.Buffer) error { return rep.WriteHTML(b, report.HTMLOptions{}) })},
		{"?format=json", "application/json", write(func(b *bytes.Buffer) error { return decisions.WriteJSON(b, rep) })},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ts.post(t, "/v1/report"+tt.query, data)
			require.Equal(t, http.StatusOK, r.status, "%s", r.body)
			require.Equal(t, tt.contentType, r.header.Get("Content-Type"))
			require.Equal(t, pol.Info().Digest, r.header.Get(DigestHeader))
			if diff := cmp.Diff(tt.want, string(r.body)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if strings.Contains(tt.query, "html") && r.header.Get("Content-Security-Policy") == "" {
				t.Error("the page has no Content-Security-Policy")
			}
		})
	}
}

// TestErrors: every error the API gives, with its status, its code and
// the JSON path or query parameter it names; testdata/errors.txt holds the
// bodies (go test -update rewrites it).
func TestErrors(t *testing.T) {
	ts := newTestServer(t, Config{AreaFile: "testdata/fragile.yaml"})
	sample := string(readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json"))
	manyOffences := `{"offences": [` + strings.TrimSuffix(strings.Repeat(`{"offence": "x"},`, isotp.MaxOffences+1), ",") + `]}`
	var scores []string
	for i := range isotp.MaxScores + 1 {
		scores = append(scores, fmt.Sprintf(`"s%d": 1`, i))
	}
	manyScores := `{"assessment": {"pre": {"scores": {` + strings.Join(scores, ", ") + `}}}}`
	oneSession := `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "attended"}]}}`
	tests := []struct {
		name         string
		method, path string
		body         string
		status       int
		code, where  string // where: the JSON path or query parameter named
		header       string // a header the answer must have, "Name: value"
	}{
		{"unknown enum", "POST", "/v1/eligibility", `{"offender": {"sex": "mael"}}`, 400, "invalid_input", "offender.sex", ""},
		{"broken JSON", "POST", "/v1/eligibility", `{"offender": `, 400, "invalid_input", "offender", ""},
		{"not an object", "POST", "/v1/attendance", `[1]`, 400, "invalid_input", "", ""},
		{"empty body", "POST", "/v1/assessment", ``, 400, "invalid_input", "", ""},
		{"intake without start", "POST", "/v1/groups", `{"referrals": []}`, 400, "invalid_input", "start", ""},
		{"a case sent to groups", "POST", "/v1/groups", sample, 400, "invalid_input", "as_of", ""},
		{"unknown query parameter", "POST", "/v1/eligibility?explian=true", sample, 400, "invalid_query", "explian", ""},
		{"explain where there are no rules", "POST", "/v1/groups?explain=true", `{}`, 400, "invalid_query", "explain", ""},
		{"explain not a boolean", "POST", "/v1/eligibility?explain=yes", sample, 400, "invalid_query", "explain", ""},
		{"a parameter twice", "POST", "/v1/eligibility?explain=true&explain=false", sample, 400, "invalid_query", "explain", ""},
		{"bad query encoding", "POST", "/v1/eligibility?explain=%zz", sample, 400, "invalid_query", "", ""},
		{"report format", "POST", "/v1/report?format=pdf", sample, 400, "invalid_query", "format", ""},
		{"large print needs html", "POST", "/v1/report?format=md&large_print=true", sample, 400, "invalid_query", "large_print", ""},
		{"report of a bad case", "POST", "/v1/report", `{"as_of": "27/11/2026"}`, 400, "invalid_input", "as_of", ""},
		{"list over its limit", "POST", "/v1/eligibility", manyOffences, 413, "too_large", "offences[100]", ""},
		{"body over the case limit", "POST", "/v1/attendance", `{"offender": {"id": "` + strings.Repeat("x", isotp.MaxCaseBytes) + `"}}`, 413, "too_large", "", ""},
		{"assessment's scores over their limit", "POST", "/v1/assessment", manyScores, 413, "too_large", "assessment.pre.scores.s100", ""},
		{"report body over the limit", "POST", "/v1/report", strings.Repeat(" ", isotp.MaxCaseBytes+1), 413, "too_large", "", ""},
		{"intake over its limit", "POST", "/v1/groups", strings.Repeat(" ", isotp.MaxIntakeBytes+1), 413, "too_large", "", ""},
		{"a rule fails on the case", "POST", "/v1/eligibility", `{"offender": {"id": "A123"}}`, 422, "evaluation_failed", "id_check_digit", ""},
		{"a completion rule fails on the case", "POST", "/v1/attendance", oneSession, 422, "evaluation_failed", "one_session_a_week", ""},
		{"a rule fails in the report", "POST", "/v1/report?format=json", oneSession, 422, "evaluation_failed", "one_session_a_week", ""},
		{"unknown path", "GET", "/v1/eligibilty", "", 404, "not_found", "", ""},
		{"unknown path outside /v1", "GET", "/", "", 404, "not_found", "", ""},
		{"a trailing slash", "POST", "/v1/eligibility/", sample, 404, "not_found", "", ""},
		{"GET a decision", "GET", "/v1/eligibility", "", 405, "method_not_allowed", "", "Allow: POST"},
		{"POST the policy", "POST", "/v1/policy", "{}", 405, "method_not_allowed", "", "Allow: GET"},
		{"HEAD a probe", "HEAD", "/healthz", "", 405, "", "", "Allow: GET"},
		{"DELETE the report", "DELETE", "/v1/report", "", 405, "method_not_allowed", "", "Allow: POST"},
		{"PUT the metrics", "PUT", "/metrics", "", 405, "method_not_allowed", "", "Allow: GET"},
	}
	var all strings.Builder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, tt.method, tt.path, []byte(tt.body))
			require.Equal(t, tt.status, r.status, "%s", r.body)
			if tt.header != "" {
				name, value, _ := strings.Cut(tt.header, ": ")
				require.Equal(t, value, r.header.Get(name))
			}
			if strings.HasPrefix(tt.path, "/v1/") && tt.status != 404 && tt.status != 405 {
				require.Equal(t, ts.Digest(), r.header.Get(DigestHeader), "an error of a decision names its policy too")
			}
			if tt.method == "HEAD" {
				return
			}
			e := r.errorBody(t)
			require.Equal(t, tt.code, e.Code)
			where := e.Parameter + e.Name
			if e.Path != nil {
				where = *e.Path
			}
			require.Equal(t, tt.where, where)
			fmt.Fprintf(&all, "# %s: %s %s\n%d %s", tt.name, tt.method, tt.path, r.status, r.body)
		})
	}
	golden.CheckString(t, "testdata/errors.txt", all.String())
}

// TestContentLengthOverLimit: a body announced as over the limit is
// answered 413 before any of it is read.
func TestContentLengthOverLimit(t *testing.T) {
	ts := newTestServer(t, Config{})
	req, err := http.NewRequest(http.MethodPost, ts.url+"/v1/eligibility", strings.NewReader("{}"))
	require.NoError(t, err)
	req.ContentLength = isotp.MaxCaseBytes + 1
	resp, err := ts.client.Do(req)
	// The server answers before reading the body, and may close the
	// connection while the client is still sending: either is a refusal.
	if err == nil {
		defer resp.Body.Close()
		require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	}
}
