package server

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/schema"
)

// TestMain runs the tests, then, when they all ran and passed, checks that
// the statuses they saw the server answer are the ones the OpenAPI
// description gives, path by path and method by method, both ways.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && !testing.Short() {
		if problems := checkCoverage(); len(problems) > 0 {
			fmt.Fprintln(os.Stderr, "The statuses the tests saw and the OpenAPI description differ:")
			for _, p := range problems {
				fmt.Fprintln(os.Stderr, "  "+p)
			}
			code = 1
		}
	}
	os.Exit(code)
}

// An answer is one (path label, method, status) the server answered.
type answer struct {
	path, method string
	status       int
}

var seen = struct {
	sync.Mutex
	answers map[answer]bool
}{answers: map[answer]bool{}}

// record adds every answer s counted in its metrics to seen.
func record(t testing.TB, s *Server) {
	families, err := s.metrics.reg.Gather()
	require.NoError(t, err)
	seen.Lock()
	defer seen.Unlock()
	for _, f := range families {
		if f.GetName() != "isotp_http_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			var a answer
			for _, l := range m.GetLabel() {
				switch l.GetName() {
				case "path":
					a.path = l.GetValue()
				case "method":
					a.method = l.GetValue()
				case "status":
					a.status, _ = strconv.Atoi(l.GetValue())
				}
			}
			seen.answers[a] = true
		}
	}
}

// testServer is a Server behind a real listener on 127.0.0.1.
type testServer struct {
	*Server
	url    string
	client *http.Client
	token  string
}

// newTestServer starts a Server for cfg behind httptest's listener on
// loopback. Its answers are recorded for the coverage check when the test
// ends, and the Server closed.
func newTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	s, err := New(cfg)
	require.NoError(t, err)
	hs := httptest.NewServer(s)
	ts := &testServer{Server: s, url: hs.URL, client: hs.Client(), token: cfg.Token}
	t.Cleanup(func() {
		hs.Close()
		s.Close()
		record(t, s)
	})
	return ts
}

// A reply is an answer as the tests read it.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// errorBody decodes the body of an error answer.
func (r reply) errorBody(t testing.TB) apiError {
	t.Helper()
	var e struct{ Error apiError }
	require.NoError(t, json.Unmarshal(r.body, &e), "error body %s", r.body)
	return e.Error
}

// do sends a request, with the server's token when it has one and
// auth is true, and checks the answer against the OpenAPI description.
func (ts *testServer) do(t testing.TB, method, path string, body []byte, header ...string) reply {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, bytes.NewReader(body))
	require.NoError(t, err)
	if ts.token != "" {
		req.Header.Set("Authorization", "Bearer "+ts.token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	resp, err := ts.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	r := reply{status: resp.StatusCode, header: resp.Header, body: data}
	checkDescribed(t, req, r)
	return r
}

func (ts *testServer) post(t testing.TB, path string, body []byte) reply {
	t.Helper()
	return ts.do(t, http.MethodPost, path, body)
}

func (ts *testServer) get(t testing.TB, path string) reply {
	t.Helper()
	return ts.do(t, http.MethodGet, path, nil)
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// samples returns the sample files of a kind: examples/cases/<kind>/*.json.
func samples(t testing.TB, kind string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "examples", "cases", kind, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, kind)
	return files
}

// The OpenAPI description, as JSON data and as schemas to validate with.
type openapiDoc struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	schemas  sync.Map // location -> *jsonschema.Schema
}

var openapi = loadOpenAPI()

func loadOpenAPI() *openapiDoc {
	o := &openapiDoc{compiler: jsonschema.NewCompiler()}
	if err := json.Unmarshal(schema.OpenAPI, &o.doc); err != nil {
		panic(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.OpenAPI))
	if err != nil {
		panic(err)
	}
	if err := o.compiler.AddResource(openapiURL, doc); err != nil {
		panic(err)
	}
	entries, _ := schema.FS.ReadDir(".")
	for _, e := range entries {
		data, _ := schema.FS.ReadFile(e.Name())
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			panic(err)
		}
		if err := o.compiler.AddResource(schemaBase+e.Name(), doc); err != nil {
			panic(err)
		}
	}
	return o
}

// openapi.json sits beside the JSON Schemas, whose $ids are under
// schemaBase, so its relative references resolve to them.
const (
	schemaBase = "https://github.com/isotp-dev/isotp/schema/"
	openapiURL = schemaBase + "openapi.json"
)

// lookup follows a JSON pointer's tokens from v.
func lookup(v any, tokens ...string) (any, bool) {
	for _, tok := range tokens {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[tok]; !ok {
			return nil, false
		}
	}
	return v, true
}

func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// describedResponse finds the response the description gives for the
// answer: the operation's, or the x-isotp sections' for other methods and
// unlisted paths. It returns the response's JSON pointer, after references.
func describedResponse(path, method string, status int) (string, map[string]any, bool) {
	code := strconv.Itoa(status)
	var ptr []string
	if _, listed := lookup(openapi.doc, "paths", path); !listed {
		ptr = []string{"x-isotp-unmatched-paths", "responses", code}
	} else if _, ok := lookup(openapi.doc, "paths", path, strings.ToLower(method)); ok {
		ptr = []string{"paths", path, strings.ToLower(method), "responses", code}
	} else {
		ptr = []string{"x-isotp-other-methods", "responses", code}
	}
	v, ok := lookup(openapi.doc, ptr...)
	if !ok {
		return "", nil, false
	}
	resp := v.(map[string]any)
	if ref, ok := resp["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/responses/")
		resp = openapi.doc["components"].(map[string]any)["responses"].(map[string]any)[name].(map[string]any)
		ptr = []string{"components", "responses", name}
	}
	var esc []string
	for _, tok := range ptr {
		esc = append(esc, escape(tok))
	}
	return "#/" + strings.Join(esc, "/"), resp, true
}

// checkDescribed checks that the description gives the answer r to req:
// its status, its content type, its headers, and a body that validates
// against the schema given.
func checkDescribed(t testing.TB, req *http.Request, r reply) {
	t.Helper()
	ptr, resp, ok := describedResponse(req.URL.Path, req.Method, r.status)
	if !ok {
		t.Errorf("%s %s answered %d, which the OpenAPI description does not give", req.Method, req.URL.Path, r.status)
		return
	}
	for name := range asMap(resp["headers"]) {
		if r.header.Get(name) == "" {
			t.Errorf("%s %s %d: no %s header, which the description gives", req.Method, req.URL.Path, r.status, name)
		}
	}
	content := asMap(resp["content"])
	ct := r.header.Get("Content-Type")
	media, ok := content[ct]
	if !ok { // a media type's parameters need not be described (Prometheus adds its format's version)
		base, _, _ := mime.ParseMediaType(ct)
		media, ok = content[base]
	}
	if !ok {
		t.Errorf("%s %s %d: content type %q, which the description does not give (it gives %v)", req.Method, req.URL.Path, r.status, ct, keys(content))
		return
	}
	if req.Method == http.MethodHead || !strings.Contains(ct, "json") || asMap(media)["schema"] == nil {
		return
	}
	loc := openapiURL + ptr + "/content/" + escape(ct) + "/schema"
	sch, ok := openapi.schemas.Load(loc)
	if !ok {
		c, err := openapi.compiler.Compile(loc)
		require.NoError(t, err, loc)
		sch, _ = openapi.schemas.LoadOrStore(loc, c)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	require.NoError(t, err, "%s %s: the body is not JSON", req.Method, req.URL.Path)
	if err := sch.(*jsonschema.Schema).Validate(v); err != nil {
		t.Errorf("%s %s %d: the body does not validate against the description:\n%v", req.Method, req.URL.Path, r.status, err)
	}
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkCoverage compares the answers seen with the description: each seen
// must be described (checkDescribed holds that too), and each described
// must have been seen, but those no request can give (x-isotp-unexpected).
func checkCoverage() []string {
	var problems []string
	seen.Lock()
	defer seen.Unlock()
	for a := range seen.answers {
		if _, _, ok := describedResponse(a.path, a.method, a.status); !ok && a.path != unmatched {
			problems = append(problems, fmt.Sprintf("answered %s %s %d, not described", a.method, a.path, a.status))
		}
	}
	saw := func(match func(answer) bool) bool {
		for a := range seen.answers {
			if match(a) {
				return true
			}
		}
		return false
	}
	for path, item := range asMap(openapi.doc["paths"]) {
		for method, op := range asMap(item) {
			for code := range asMap(asMap(op)["responses"]) {
				status, _ := strconv.Atoi(code)
				if !saw(func(a answer) bool {
					return a.path == path && a.method == strings.ToUpper(method) && a.status == status
				}) {
					problems = append(problems, fmt.Sprintf("described %s %s %s, never answered in the tests", strings.ToUpper(method), path, code))
				}
			}
		}
	}
	for code := range asMap(asMap(openapi.doc["x-isotp-unmatched-paths"])["responses"]) {
		status, _ := strconv.Atoi(code)
		if !saw(func(a answer) bool { return a.path == unmatched && a.status == status }) {
			problems = append(problems, "described "+code+" for unlisted paths, never answered in the tests")
		}
	}
	for code := range asMap(asMap(openapi.doc["x-isotp-other-methods"])["responses"]) {
		status, _ := strconv.Atoi(code)
		if !saw(func(a answer) bool {
			_, listed := lookup(openapi.doc, "paths", a.path, strings.ToLower(a.method))
			return a.path != unmatched && !listed && a.status == status
		}) {
			problems = append(problems, "described "+code+" for other methods, never answered in the tests")
		}
	}
	slices.Sort(problems)
	return problems
}
