package server

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/isotp-dev/isotp/decisions"
)

// A route is one path the server serves, with the one method it takes.
type route struct {
	path   string
	method string
	auth   bool     // under /v1: needs the token, when there is one
	query  []string // the query parameters it takes
	serve  func(w http.ResponseWriter, r *http.Request, start time.Time)
}

// makeRoutes lays out the API: the probes and metrics, then under /v1 the
// policy, the OpenAPI description and the schemas it refers to, one route
// for each decision of the registry, and the report.
func (s *Server) makeRoutes() map[string]*route {
	routes := map[string]*route{}
	add := func(method, path string, serve func(w http.ResponseWriter, r *http.Request, start time.Time), query ...string) {
		routes[path] = &route{path: path, method: method, auth: strings.HasPrefix(path, "/v1/"), query: query, serve: serve}
	}
	add(http.MethodGet, "/healthz", s.serveHealth)
	add(http.MethodGet, "/readyz", s.serveReady)
	metrics := s.metrics.handler()
	add(http.MethodGet, "/metrics", func(w http.ResponseWriter, r *http.Request, _ time.Time) { metrics.ServeHTTP(w, r) })
	add(http.MethodGet, "/v1/policy", s.servePolicy)
	add(http.MethodGet, "/v1/openapi.json", serveOpenAPI)
	for _, name := range referencedSchemas {
		add(http.MethodGet, "/v1/"+name, serveSchema(name))
	}
	for _, d := range decisions.All() {
		query := decisionQuery(d)
		add(http.MethodPost, "/v1/"+d.Name(), s.decisionHandler(d, query), query...)
	}
	add(http.MethodPost, "/v1/report", s.serveReport, reportQuery...)
	return routes
}

// ServeHTTP answers one request: it checks the token for paths under /v1,
// finds the route, and counts the answer by path and status.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inflight.Add(1)
	defer s.inflight.Add(-1)
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	rt := s.routes[r.URL.Path]
	label := unmatched
	if rt != nil {
		label = rt.path
	}
	defer func() { s.metrics.observe(label, r.Method, sw.status, time.Since(start)) }()

	h := sw.Header()
	h.Set("Cache-Control", "no-store") // answers are about people
	h.Set("X-Content-Type-Options", "nosniff")
	switch {
	case (rt == nil || rt.auth) && (r.URL.Path == "/v1" || strings.HasPrefix(r.URL.Path, "/v1/")) && !s.authorized(sw, r):
	case rt == nil:
		writeError(sw, http.StatusNotFound, &apiError{Code: codeNotFound, Message: "no such path; GET /v1/openapi.json lists the paths served"})
	case r.Method != rt.method:
		h.Set("Allow", rt.method)
		writeError(sw, http.StatusMethodNotAllowed, &apiError{Code: codeMethodNotAllowed, Message: rt.path + " takes " + rt.method})
	default:
		rt.serve(sw, r, start)
	}
}

// authorized reports whether r carries the token, when the server has one,
// and otherwise answers 401 with a challenge (RFC 6750).
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if ok && strings.EqualFold(scheme, "Bearer") {
		given := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if subtle.ConstantTimeCompare(given[:], s.token[:]) == 1 {
			return true
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="isotp", error="invalid_token"`)
	} else {
		w.Header().Set("WWW-Authenticate", `Bearer realm="isotp"`)
	}
	writeError(w, http.StatusUnauthorized, &apiError{Code: codeUnauthorized, Message: "this path needs the header Authorization: Bearer TOKEN, with the service's token"})
	return false
}

// statusWriter records the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// buffers hold answers while they are written, so that an answer is sent
// whole with its length, or not at all.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// putBuffer returns b to the pool, unless it grew past what most answers
// need (a large report page, a large plan).
func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 256<<10 {
		return
	}
	b.Reset()
	buffers.Put(b)
}

// writeBody sends body with status and content type.
func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) // a client gone away is no error of ours
}

// writeJSON sends v as JSON, written as the command writes it.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b := getBuffer()
	defer putBuffer(b)
	if err := decisions.WriteJSON(b, v); err != nil {
		writeError(w, http.StatusInternalServerError, &apiError{Code: codeInternal, Message: "the answer could not be written as JSON"})
		return
	}
	writeBody(w, status, "application/json", b.Bytes())
}
