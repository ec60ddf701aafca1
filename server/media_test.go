package server

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/golden"
)

// TestMediaTypes: a body is read when it is sent as it is and as JSON in
// UTF-8, and otherwise answered 415, through the handler; the messages are
// in testdata/media.txt (go test -update rewrites it).
func TestMediaTypes(t *testing.T) {
	s, err := New(Config{})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	sample := readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json")
	long := strings.Repeat("x", 200)
	tests := []struct {
		name   string
		header []string // header names and values, in pairs; a name given twice is sent twice
		status int
		reason string
	}{
		{"no content type", nil, 200, ""},
		{"application/json", []string{"Content-Type", "application/json"}, 200, ""},
		{"with charset utf-8", []string{"Content-Type", "application/json; charset=utf-8"}, 200, ""},
		{"charset in capitals, quoted", []string{"Content-Type", `Application/JSON; charset="UTF-8"`}, 200, "types and charsets are case-insensitive"},
		{"other parameters", []string{"Content-Type", "application/json; profile=case"}, 200, "parameters other than charset do not change what is read"},
		{"text/json", []string{"Content-Type", "text/json"}, 200, ""},
		{"a +json type", []string{"Content-Type", "application/vnd.isotp.case+json; charset=utf-8"}, 200, ""},
		{"problem+json", []string{"Content-Type", "application/problem+json"}, 200, ""},
		{"empty content type", []string{"Content-Type", ""}, 200, "an empty header says no more than none"},
		{"identity", []string{"Content-Encoding", "identity"}, 200, ""},
		{"identity, in capitals", []string{"Content-Encoding", "Identity"}, 200, ""},

		{"form", []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "what curl -d sends by default"},
		{"text/plain", []string{"Content-Type", "text/plain"}, 415, ""},
		{"multipart", []string{"Content-Type", "multipart/form-data; boundary=xyz"}, 415, ""},
		{"xml", []string{"Content-Type", "application/xml"}, 415, ""},
		{"bare +json", []string{"Content-Type", "application/+json"}, 415, "a suffix with no name before it is no type"},
		{"jsonl", []string{"Content-Type", "application/jsonl"}, 415, ""},
		{"latin-1", []string{"Content-Type", "application/json; charset=iso-8859-1"}, 415, ""},
		{"utf-16", []string{"Content-Type", "text/json; charset=UTF-16"}, 415, ""},
		{"a long charset", []string{"Content-Type", "application/json; charset=" + long}, 415, "not echoed"},
		{"not a media type", []string{"Content-Type", "json"}, 415, ""},
		{"a long type", []string{"Content-Type", "application/" + long}, 415, "not echoed"},
		{"two content types", []string{"Content-Type", "application/json", "Content-Type", "text/plain"}, 415, ""},
		{"gzip", []string{"Content-Encoding", "gzip"}, 415, ""},
		{"gzip and JSON", []string{"Content-Type", "application/json", "Content-Encoding", "gzip"}, 415, "the encoding is checked first"},
		{"br", []string{"Content-Encoding", "br"}, 415, ""},
		{"identity then deflate", []string{"Content-Encoding", "identity, deflate"}, 415, ""},
		{"a second encoding header", []string{"Content-Encoding", "identity", "Content-Encoding", "zstd"}, 415, ""},
		{"a long encoding", []string{"Content-Encoding", long}, 415, "not echoed"},
		{"an encoding that is no token", []string{"Content-Encoding", "gzip;q=1"}, 415, "not echoed"},
	}
	var all strings.Builder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/v1/eligibility", bytes.NewReader(sample))
			for i := 0; i+1 < len(tt.header); i += 2 {
				req.Header.Add(tt.header[i], tt.header[i+1])
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			require.Equal(t, tt.status, w.Code, "%s (%s)", w.Body, tt.reason)
			require.Equal(t, s.Digest(), w.Header().Get(DigestHeader))
			if tt.status == 200 {
				return
			}
			r := reply{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
			e := r.errorBody(t)
			require.Equal(t, codeUnsupportedMediaType, e.Code)
			require.Equal(t, "identity", w.Header().Get("Accept-Encoding"))
			require.Equal(t, "application/json", w.Header().Get("Content-Type"))
			require.NotContains(t, e.Message, long, "a long header value is echoed")
			fmt.Fprintf(&all, "# %s\n%s\n", tt.name, e.Message)
		})
	}
	golden.CheckString(t, "testdata/media.txt", all.String())
}

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, err := zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// TestMediaTypesServed: through a real listener, every path that reads a
// body answers 415 to a gzip body and to a form, as the description says;
// the metrics count them and the decision log has their lines, without the
// body's hash (none of it is read).
func TestMediaTypesServed(t *testing.T) {
	var log syncBuffer
	ts := newTestServer(t, Config{DecisionLog: &log})
	sample := readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json")
	var paths []string
	for path, rt := range ts.routes {
		if rt.method == http.MethodPost {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	require.Contains(t, paths, "/v1/report")
	var want []logLine
	for _, path := range paths {
		r := ts.do(t, http.MethodPost, path, gzipped(t, sample), "Content-Encoding", "gzip", "Content-Type", "application/json")
		require.Equal(t, http.StatusUnsupportedMediaType, r.status, "%s: %s", path, r.body)
		require.Equal(t, codeUnsupportedMediaType, r.errorBody(t).Code)
		r = ts.do(t, http.MethodPost, path, sample, "Content-Type", "application/x-www-form-urlencoded")
		require.Equal(t, http.StatusUnsupportedMediaType, r.status, "%s: %s", path, r.body)
		line := logLine{Decision: strings.TrimPrefix(path, "/v1/"), Status: 415, Error: codeUnsupportedMediaType, Policy: ts.Digest()}
		if path == "/v1/report" {
			line.Format = "text" // the query is read first, and the format is the default
		}
		want = append(want, line, line)
	}
	// The same body, sent as JSON, is decided.
	r := ts.do(t, http.MethodPost, "/v1/eligibility", sample, "Content-Type", "application/json; charset=utf-8")
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	want = append(want, logLine{Decision: "eligibility", Status: 200, Outcome: "eligible", Policy: ts.Digest(), Input: sha(string(sample))})

	require.Equal(t, float64(2*len(paths)), requestsWithStatus(t, ts.Server, http.StatusUnsupportedMediaType))
	require.NoError(t, ts.Close())
	if diff := cmp.Diff(want, readLog(t, log.String()), cmpopts.IgnoreFields(logLine{}, "Time", "DurationMS")); diff != "" {
		t.Errorf("decision log mismatch (-want +got):\n%s", diff)
	}
}

// requestsWithStatus sums isotp_http_requests_total over the requests
// answered with status.
func requestsWithStatus(t testing.TB, s *Server, status int) float64 {
	t.Helper()
	families, err := s.metrics.reg.Gather()
	require.NoError(t, err)
	var n float64
	for _, f := range families {
		if f.GetName() != "isotp_http_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "status" && l.GetValue() == strconv.Itoa(status) {
					n += m.GetCounter().GetValue()
				}
			}
		}
	}
	return n
}
