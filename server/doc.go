// Package server serves isotp's decisions over HTTP, for callers that are
// not written in Go. It is what `isotp serve` runs. A request carries the
// case (or the intake of referrals) the command would read, and the answer
// is what the command prints with --format json, byte for byte:
//
//	POST /v1/eligibility, /v1/attendance, /v1/assessment     a case file
//	POST /v1/groups                                          a referrals file
//	POST /v1/report?format=text|md|html|json[&large_print=true]   a case file
//	GET  /v1/policy        the policy in force, its parameters, the last failed reload
//	GET  /v1/openapi.json  the OpenAPI 3.1 description (schema/openapi.json)
//	GET  /healthz, /readyz, /metrics
//
// One route is made for each decision of the registry (package decisions);
// the OpenAPI description shipped in package schema describes every path
// and status the server answers, and the tests hold the two together.
//
// # Errors
//
// Nothing a caller sends makes the server fail: a case it cannot read is a
// 400 whose body names the JSON path and what was expected, in the words of
// the command's message ({"error": {"code": "invalid_input", "path":
// "offender.sex", "message": "offender.sex: unknown sex \"mael\""}}); a body
// over the limit of its kind (isotp.MaxCaseBytes, isotp.MaxIntakeBytes), or
// a list or text over the limits of package isotp, is a 413; a body sent
// compressed (Content-Encoding), or as a type that is not JSON in UTF-8
// (Content-Type other than none, application/json, text/json or a +json
// type), is a 415, before any of it is read; a rule that
// fails on the case, or is stopped at its cost limit, is a 422 naming the
// rule and where it is written. Every error body has the same shape, and no
// error quotes the case.
//
// # Policy and reloads
//
// New loads and compiles the policy once. Reload (on SIGHUP, and when
// Serve sees the area file or a rule file change) loads and compiles the
// new policy beside the old one and swaps it in atomically: a request
// decides under the policy in force when it started, even if a reload
// happens while its body is still arriving, and every answer names that
// policy's digest in the X-Isotp-Policy-Digest header as well as in its JSON.
// A reload that fails leaves the last good policy serving; GET /v1/policy
// and the log report the failure, with every problem at file:line:col, until
// a reload succeeds.
//
// # Decision log
//
// With Config.DecisionLog, each request to a decision or the report gives
// one JSON line: the time, the decision, the status, the outcome, the
// policy's digest, the duration and the sha256 of the request body, and the
// body itself only with Config.LogInput. Lines are written by one goroutine
// from a queue, so that a request never waits for the disk. When the queue
// is full the request waits for room (backpressure) rather than drop a line
// of the audit trail: the wait is counted in /metrics. Close, and so the end
// of Serve, writes every line still queued before it returns.
//
// # Security
//
// With Config.Token, every request under /v1 needs the header
// "Authorization: Bearer TOKEN" (compared in constant time), or is answered
// 401 with a WWW-Authenticate challenge; /healthz, /readyz and /metrics are
// open, for probes and scrapers, and say nothing of any case. Serve sets
// read, write and idle timeouts and a header size limit, serves TLS when
// given a certificate, and reads no body past its limit. The server's own
// log (Config.Logger) never holds case data: it records starts, reloads,
// policy errors and shutdowns.
//
// # Concurrency
//
// A Server is safe for concurrent use; it is an http.Handler, and Reload and
// Close may be called from any goroutine.
package server
