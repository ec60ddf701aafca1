package server

import (
	"crypto/sha256"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// DigestHeader is the response header that names the digest of the policy a
// request was answered under.
const DigestHeader = "X-Isotp-Policy-Digest"

// Defaults for the zero fields of a Config.
const (
	DefaultShutdownTimeout   = 10 * time.Second
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultReadTimeout       = 30 * time.Second // a body of 8 MB at some 300 KB/s
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 2 * time.Minute
	DefaultMaxHeaderBytes    = 16 << 10
	DefaultDecisionLogQueue  = 4096
)

// Config says what a Server serves and how. The zero Config serves the
// embedded national policy to anyone, with no decision log.
type Config struct {
	// PolicyDir is a directory of national rule files to read instead of
	// the embedded national policy; "" for the embedded one.
	PolicyDir string
	// AreaFile is the area file to overlay on the national policy; "" for
	// none.
	AreaFile string

	// DecisionLog receives one JSON line per request to a decision or the
	// report; nil for none. It is written from one goroutine, and flushed
	// whenever the queue empties and by Close.
	DecisionLog io.Writer
	// LogInput adds each request's body (the case) to its decision log
	// line. Without it the log holds only the body's sha256.
	LogInput bool
	// DecisionLogQueue is the number of lines held for the writer; zero
	// means DefaultDecisionLogQueue.
	DecisionLogQueue int

	// Token, when not empty, is the bearer token every request under /v1
	// must present.
	Token string
	// TLSCertFile and TLSKeyFile, both or neither, make Serve speak TLS
	// with that certificate and key (PEM files).
	TLSCertFile, TLSKeyFile string

	// Timeouts and limits of the http.Server that Serve runs; a zero value
	// takes the default above.
	ShutdownTimeout   time.Duration // how long Serve waits for requests in flight when it stops
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int

	// Logger receives the server's own log: start, reloads, policy errors,
	// shutdown, failures of the decision log. It never holds case data.
	// Nil discards it.
	Logger *slog.Logger
}

// A Server answers the HTTP API under one policy at a time. Make one with
// New; it is safe for concurrent use. Close it (or let Serve return) to
// write the last of the decision log.
type Server struct {
	cfg     Config
	log     *slog.Logger
	token   [sha256.Size]byte // sha256 of cfg.Token, compared in constant time
	tls     *tls.Config
	metrics *metrics
	dlog    *decisionLog // nil without a decision log
	routes  map[string]*route

	cur      atomic.Pointer[state]       // the policy in force
	failure  atomic.Pointer[reloadError] // the last reload's error, nil once a reload succeeds
	reloadMu sync.Mutex                  // one reload at a time

	inflight  atomic.Int64 // requests being answered
	draining  atomic.Bool  // Serve is stopping, or Close was called: not ready
	closing   atomic.Bool  // Close has begun: decisions are refused
	closeOnce sync.Once
}

// New loads and compiles the policy cfg names, every decision of the
// registry and the report, and returns a Server answering under it. A
// policy with errors is a rules.ErrorList (errors.Is rules.ErrInvalidPolicy)
// reporting every problem at file:line:col; a missing file, an unreadable
// TLS certificate or an inconsistent Config is another error.
func New(cfg Config) (*Server, error) {
	cfg = withDefaults(cfg)
	if (cfg.TLSCertFile == "") != (cfg.TLSKeyFile == "") {
		return nil, fmt.Errorf("server: TLS needs both a certificate and a key file")
	}
	s := &Server{cfg: cfg, log: cfg.Logger, metrics: newMetrics()}
	if cfg.Token != "" {
		s.token = sha256.Sum256([]byte(cfg.Token))
	}
	if cfg.TLSCertFile != "" {
		cert, err := tls.LoadX509KeyPair(cfg.TLSCertFile, cfg.TLSKeyFile)
		if err != nil {
			return nil, fmt.Errorf("server: reading the TLS certificate and key: %w", err)
		}
		s.tls = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	st, err := load(cfg)
	if err != nil {
		return nil, err
	}
	s.cur.Store(st)
	s.metrics.policyInForce(st)
	s.routes = s.makeRoutes()
	if cfg.DecisionLog != nil {
		s.dlog = newDecisionLog(cfg.DecisionLog, cfg.DecisionLogQueue, s.metrics, s.log)
	}
	s.metrics.queue(s.dlog)
	s.metrics.inFlight(&s.inflight)
	return s, nil
}

func withDefaults(cfg Config) Config {
	set := func(d *time.Duration, def time.Duration) {
		if *d == 0 {
			*d = def
		}
	}
	set(&cfg.ShutdownTimeout, DefaultShutdownTimeout)
	set(&cfg.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	set(&cfg.ReadTimeout, DefaultReadTimeout)
	set(&cfg.WriteTimeout, DefaultWriteTimeout)
	set(&cfg.IdleTimeout, DefaultIdleTimeout)
	if cfg.MaxHeaderBytes == 0 {
		cfg.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if cfg.DecisionLogQueue <= 0 {
		cfg.DecisionLogQueue = DefaultDecisionLogQueue
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// Digest returns the digest of the policy in force.
func (s *Server) Digest() string { return s.cur.Load().info.Digest }

// Close stops taking requests (each later one is answered 503), waits for
// those being answered, up to Config.ShutdownTimeout, and writes every
// decision log line still queued. It returns the decision log's last write
// error, if any. Calling it again does nothing.
func (s *Server) Close() error { return s.close(s.cfg.ShutdownTimeout) }

// close is Close, waiting up to wait for requests being answered.
func (s *Server) close(wait time.Duration) error {
	var err error
	s.closeOnce.Do(func() {
		s.draining.Store(true)
		s.closing.Store(true)
		if !s.waitIdle(wait) {
			s.log.Warn("requests still running at close; their decision log lines are counted as lost",
				"requests", s.inflight.Load())
		}
		if s.dlog != nil {
			err = s.dlog.close()
		}
	})
	return err
}

// waitIdle waits until no request is being answered, or d has passed. It
// reports whether none is.
func (s *Server) waitIdle(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for s.inflight.Load() > 0 {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}
