package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/isotp-dev/isotp/rules"
	"github.com/isotp-dev/isotp/server"
)

var serveCommand = &command{
	name:    "serve",
	args:    "[--addr HOST:PORT] [--area FILE] [--decision-log FILE|-] [--token-file FILE] [--tls-cert FILE --tls-key FILE] ...",
	summary: "serve the decisions over HTTP: POST /v1/eligibility, /v1/attendance, /v1/assessment, /v1/groups, /v1/report; reloads on SIGHUP and file changes (docs/serve.md)",
	example: "isotp serve --area examples/areas/cheshire.yaml --decision-log decisions.jsonl",
}

func init() { serveCommand.run = runServe }

// defaultAddr is loopback only: serving beyond the machine is a choice.
const defaultAddr = "127.0.0.1:8181"

// runServe loads the policy, listens, and serves until SIGTERM or SIGINT;
// SIGHUP reloads the policy. Exit status: 0 after a clean shutdown; 1 when
// the policy has errors, or the decision log could not be written; 2 for
// usage errors, unreadable files and an address that cannot be listened on.
func runServe(ctx context.Context, e *env, args []string) int {
	f := newFlags(serveCommand, e)
	addr := f.String("addr", defaultAddr, "listen on `HOST:PORT` (port 0: any free port, logged at start)")
	logPath := f.String("decision-log", "", "append one JSON line per decision to `FILE` (- for standard output)")
	logInput := f.Bool("log-input", false, "with --decision-log: put each request's case in its line (the log then holds personal data)")
	certFile := f.String("tls-cert", "", "serve TLS with the certificate in `FILE` (PEM), with --tls-key")
	keyFile := f.String("tls-key", "", "the TLS private key in `FILE` (PEM)")
	tokenFile := f.String("token-file", "", "require Authorization: Bearer TOKEN under /v1, with the token in `FILE`")
	wait := f.Duration("shutdown-timeout", server.DefaultShutdownTimeout, "on SIGTERM or SIGINT, wait up to `D` for requests in flight")
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	if *logInput && *logPath == "" {
		fmt.Fprintln(e.stderr, "isotp serve: --log-input needs --decision-log")
		return exitUsage
	}
	if (*certFile == "") != (*keyFile == "") {
		fmt.Fprintln(e.stderr, "isotp serve: --tls-cert and --tls-key go together")
		return exitUsage
	}
	if *wait <= 0 {
		fmt.Fprintln(e.stderr, "isotp serve: --shutdown-timeout must be more than 0")
		return exitUsage
	}
	cfg := server.Config{
		PolicyDir: f.policy, AreaFile: f.area, LogInput: *logInput,
		TLSCertFile: *certFile, TLSKeyFile: *keyFile, ShutdownTimeout: *wait,
		Logger: slog.New(slog.NewTextHandler(e.stderr, nil)),
	}
	if *tokenFile != "" {
		token, err := readToken(*tokenFile)
		if err != nil {
			fmt.Fprintf(e.stderr, "isotp serve: %v\n", err)
			return exitUsage
		}
		cfg.Token = token
	}
	closeLog := func() error { return nil }
	if *logPath != "" {
		w, c, err := openDecisionLog(e, *logPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "isotp serve: %v\n", err)
			return exitUsage
		}
		cfg.DecisionLog, closeLog = w, c
	}
	code := serve(ctx, e, cfg, *addr)
	if err := closeLog(); err != nil {
		fmt.Fprintf(e.stderr, "isotp serve: closing the decision log: %v\n", err)
		code = max(code, exitPolicy)
	}
	return code
}

// serve makes the server cfg describes, listens on addr, and serves until
// SIGTERM or SIGINT, reloading the policy on SIGHUP. It returns the exit
// status.
func serve(ctx context.Context, e *env, cfg server.Config, addr string) int {
	srv, err := server.New(cfg)
	if err != nil {
		if errors.Is(err, rules.ErrInvalidPolicy) {
			return reportPolicyError(e, "serve", err)
		}
		fmt.Fprintf(e.stderr, "isotp serve: %v\n", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		srv.Close()
		fmt.Fprintf(e.stderr, "isotp serve: %v\n", err)
		return exitUsage
	}
	// Signals are caught before Serve logs that it is serving, so that a
	// caller who waits for that line may signal at once.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				srv.Reload() // a failure is logged, and reported at /v1/policy
			}
		}
	}()
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(e.stderr, "isotp serve: %v\n", err)
		return exitPolicy
	}
	return exitOK
}

// readToken reads the bearer token from path: the file's text without the
// white space around it, which must not be empty.
func readToken(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading the token file: %w", err)
	}
	token := strings.TrimSpace(string(data))
	switch {
	case token == "":
		return "", fmt.Errorf("the token file %s is empty", path)
	case strings.ContainsAny(token, " \t\r\n"):
		return "", fmt.Errorf("the token file %s holds more than one word: a token has no white space", path)
	}
	return token, nil
}

// openDecisionLog opens the decision log for appending (standard output for
// "-"), readable by its owner only, as it may hold personal data.
func openDecisionLog(e *env, path string) (io.Writer, func() error, error) {
	if path == "-" {
		return e.stdout, func() error { return nil }, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the decision log: %w", err)
	}
	return f, f.Close, nil
}
