package server

import (
	"net/http"
	"time"
)

// health is the body of GET /healthz and of a ready GET /readyz.
type health struct {
	Status string `json:"status"`           // "ok" or "ready"
	Digest string `json:"digest,omitempty"` // /readyz: the policy in force
}

// serveHealth answers GET /healthz: the process is alive and answering.
func (s *Server) serveHealth(w http.ResponseWriter, _ *http.Request, _ time.Time) {
	writeJSON(w, http.StatusOK, health{Status: "ok"})
}

// serveReady answers GET /readyz: 200 while a policy is in force and the
// server takes decisions, 503 once it is shutting down, so that a load
// balancer sends it no more.
func (s *Server) serveReady(w http.ResponseWriter, _ *http.Request, _ time.Time) {
	if s.draining.Load() {
		writeError(w, http.StatusServiceUnavailable, &apiError{Code: codeShuttingDown, Message: "the server is shutting down"})
		return
	}
	st := s.cur.Load()
	w.Header().Set(DigestHeader, st.info.Digest)
	writeJSON(w, http.StatusOK, health{Status: "ready", Digest: st.info.Digest})
}

// servePolicy answers GET /v1/policy: the policy in force, its parameters,
// when it was loaded, and the error of the last reload if it failed.
func (s *Server) servePolicy(w http.ResponseWriter, _ *http.Request, _ time.Time) {
	st := s.cur.Load()
	w.Header().Set(DigestHeader, st.info.Digest)
	writeJSON(w, http.StatusOK, s.policyStatus(st))
}
