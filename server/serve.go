package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Serve answers requests on ln until ctx is done, then shuts down: it stops
// accepting connections, lets the requests in flight finish (for up to
// Config.ShutdownTimeout; then it closes their connections), writes every
// decision log line still queued, and returns nil. While it serves, it
// watches the area file and the policy directory of the Config and reloads
// the policy when they change (see Reload). It speaks TLS when the Config
// gives a certificate. It returns an error only when it cannot serve on ln,
// or the decision log could not be written; either way the Server is closed
// when it returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		TLSConfig:         s.tls,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	watchCtx, stopWatching := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		s.watch(watchCtx)
	}()
	defer func() { stopWatching(); <-watched }()

	st := s.cur.Load()
	s.log.Info("serving", "addr", ln.Addr().String(), "tls", s.tls != nil, "token", s.cfg.Token != "",
		"policy", s.cfg.describe(), "name", st.info.Name, "version", st.info.Version, "area", st.info.Area, "digest", st.info.Digest)
	if !loopback(ln.Addr()) && (s.cfg.Token == "" || s.tls == nil) {
		s.log.Warn("serving beyond this machine without both a token and TLS: anyone who can reach the address can send cases, or read them on the wire",
			"addr", ln.Addr().String())
	}
	served := make(chan error, 1)
	go func() {
		if s.tls != nil {
			served <- hs.ServeTLS(ln, "", "")
		} else {
			served <- hs.Serve(ln)
		}
	}()
	var serveErr error
	select {
	case err := <-served:
		serveErr = err // the listener failed: shut down as if asked to
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("shutting down: finishing requests in flight", "requests", s.inflight.Load(), "wait", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		s.log.Warn("requests still running after the wait: closing their connections", "requests", s.inflight.Load())
		hs.Close()
	}
	if serveErr != nil && errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	logErr := s.close(drainGrace)
	s.log.Info("stopped")
	return errors.Join(serveErr, logErr)
}

// loopback reports whether addr is on the loopback interface only.
func loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// drainGrace bounds the wait, in Close, for handlers whose connections
// Serve had to close: they return as soon as they next read or write.
const drainGrace = time.Second
