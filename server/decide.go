package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/rules"
)

// statusClientGone is recorded, in the metrics and the decision log, for a
// request whose client went away before its decision was made; no answer
// reaches anyone (nginx's 499).
const statusClientGone = 499

// decisionHandler answers POST /v1/<decision>: the body is the case (or the
// intake) the command reads, the answer the JSON it prints. A decision made
// by rules from a case takes ?explain=true, as the command takes --explain.
func (s *Server) decisionHandler(d *decisions.Decision, params []string) func(http.ResponseWriter, *http.Request, time.Time) {
	return func(w http.ResponseWriter, r *http.Request, start time.Time) {
		st := s.cur.Load() // the policy this request decides under, to the end
		line := &logLine{Decision: d.Name(), Policy: st.info.Digest}
		defer s.logDecision(line, start)
		w.Header().Set(DigestHeader, st.info.Digest)
		if !s.open(w, line) {
			return
		}
		q, ok := query(w, r, line, params)
		if !ok {
			return
		}
		var opts []rules.EvalOption
		if explain, ok := boolParam(w, q, "explain", line); !ok {
			return
		} else if explain {
			opts = append(opts, rules.Explain())
		}
		m := st.deciders[d.Name()]
		var res decisions.Result
		var err error
		if d.Input() == decisions.FromIntake {
			var in *isotp.Intake
			if in, ok = readBody(s, w, r, line, isotp.MaxIntakeBytes, "an intake of referrals", isotp.DecodeIntake); !ok {
				return
			}
			res, err = m.DecideIntake(r.Context(), in)
		} else {
			var c *isotp.Case
			if c, ok = readBody(s, w, r, line, isotp.MaxCaseBytes, "a case", isotp.DecodeCase); !ok {
				return
			}
			res, err = m.Decide(r.Context(), c, opts...)
		}
		if err != nil {
			s.failed(w, r, line, err)
			return
		}
		line.Outcome = d.Outcome(res)
		s.metrics.decisions.WithLabelValues(d.Name(), line.Outcome).Inc()
		line.Status = http.StatusOK
		writeJSON(w, http.StatusOK, res)
	}
}

// decisionQuery returns the query parameters POST /v1/<d> takes: explain,
// for a decision made by rules from a case, as the command's --explain.
func decisionQuery(d *decisions.Decision) []string {
	if d.Input() == decisions.FromCase && d.Spec().Section != nil {
		return []string{"explain"}
	}
	return nil
}

// reportQuery are the query parameters of POST /v1/report.
var reportQuery = []string{"format", "large_print"}

// reportFormats are the formats of POST /v1/report, the first the default
// as for the command, with their content types.
var reportFormats = []struct{ name, contentType string }{
	{"text", "text/plain; charset=utf-8"},
	{"md", "text/markdown; charset=utf-8"},
	{"html", "text/html; charset=utf-8"},
	{"json", "application/json"},
}

// reportCSP lets the report's page, which is self-contained (inline style
// and inline SVG charts), show and do nothing else.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

// serveReport answers POST /v1/report?format=text|md|html|json
// [&large_print=true]: the Post-Programme Report for the case in the body,
// as `isotp report` writes it.
func (s *Server) serveReport(w http.ResponseWriter, r *http.Request, start time.Time) {
	st := s.cur.Load()
	line := &logLine{Decision: "report", Policy: st.info.Digest}
	defer s.logDecision(line, start)
	w.Header().Set(DigestHeader, st.info.Digest)
	if !s.open(w, line) {
		return
	}
	q, ok := query(w, r, line, reportQuery)
	if !ok {
		return
	}
	format := reportFormats[0]
	if v, given := q["format"]; given {
		i := slices.IndexFunc(reportFormats, func(f struct{ name, contentType string }) bool { return f.name == v[0] })
		if i < 0 {
			var names []string
			for _, f := range reportFormats {
				names = append(names, f.name)
			}
			badQuery(w, line, "format", fmt.Sprintf("unknown format %q (want %s)", v[0], strings.Join(names, ", ")))
			return
		}
		format = reportFormats[i]
	}
	line.Format = format.name
	large, ok := boolParam(w, q, "large_print", line)
	if !ok {
		return
	}
	if large && format.name != "html" {
		badQuery(w, line, "large_print", "large_print needs format=html")
		return
	}
	c, ok := readBody(s, w, r, line, isotp.MaxCaseBytes, "a case", isotp.DecodeCase)
	if !ok {
		return
	}
	rep, err := st.reporter.Report(r.Context(), c)
	if err != nil {
		s.failed(w, r, line, err)
		return
	}
	if att, ok := decisions.Lookup("attendance"); ok {
		line.Outcome = att.Outcome(rep.Attendance)
	}
	s.metrics.decisions.WithLabelValues("report", line.Outcome).Inc()
	line.Status = http.StatusOK
	if format.name == "json" {
		writeJSON(w, http.StatusOK, rep)
		return
	}
	b := getBuffer()
	defer putBuffer(b)
	switch format.name {
	case "md":
		err = rep.WriteMarkdown(b)
	case "html":
		err = rep.WriteHTML(b, report.HTMLOptions{LargePrint: large})
		w.Header().Set("Content-Security-Policy", reportCSP)
	default:
		err = rep.WriteText(b)
	}
	if err != nil {
		line.Status, line.Error = http.StatusInternalServerError, codeInternal
		writeError(w, http.StatusInternalServerError, &apiError{Code: codeInternal, Message: "the report could not be written: " + err.Error()})
		return
	}
	writeBody(w, http.StatusOK, format.contentType, b.Bytes())
}

// open reports whether the server takes decisions, and otherwise, once
// Close has begun, answers 503: a decision made then could not be logged.
// While Serve is stopping, before Close, the requests it lets finish are
// answered: a request that has reached its handler is decided.
func (s *Server) open(w http.ResponseWriter, line *logLine) bool {
	if !s.closing.Load() {
		return true
	}
	line.Status, line.Error = http.StatusServiceUnavailable, codeShuttingDown
	writeError(w, http.StatusServiceUnavailable, &apiError{Code: codeShuttingDown, Message: "the server is shutting down"})
	return false
}

// query returns the request's query parameters, answering 400 for one not
// in allowed, or given twice.
func query(w http.ResponseWriter, r *http.Request, line *logLine, allowed []string) (url.Values, bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		badQuery(w, line, "", "the query string is not valid URL encoding")
		return nil, false
	}
	for name, v := range q {
		if !slices.Contains(allowed, name) {
			want := "none"
			if len(allowed) > 0 {
				want = strings.Join(allowed, ", ")
			}
			badQuery(w, line, name, fmt.Sprintf("unknown query parameter %q (this path takes %s)", name, want))
			return nil, false
		}
		if len(v) > 1 {
			badQuery(w, line, name, fmt.Sprintf("query parameter %q given %d times", name, len(v)))
			return nil, false
		}
	}
	return q, true
}

// boolParam reads the query parameter name as true or false (absent:
// false), answering 400 for any other value.
func boolParam(w http.ResponseWriter, q url.Values, name string, line *logLine) (bool, bool) {
	v, given := q[name]
	if !given {
		return false, true
	}
	switch v[0] {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	badQuery(w, line, name, fmt.Sprintf("%s must be true or false", name))
	return false, false
}

func badQuery(w http.ResponseWriter, line *logLine, param, msg string) {
	line.Status, line.Error = http.StatusBadRequest, codeInvalidQuery
	writeError(w, http.StatusBadRequest, &apiError{Code: codeInvalidQuery, Message: msg, Parameter: param})
}

// readBody decodes the request body with decode, reading no more than limit
// bytes and one, and hashing (and, with LogInput, keeping) what it reads
// for the decision log. A body sent compressed, or as a type that is not
// JSON, is answered 415 before any of it is read (mediaError); a body over
// limit, 413, whatever it holds; a body the decoder refuses, 400 or 413 as
// decisionError says.
func readBody[T any](s *Server, w http.ResponseWriter, r *http.Request, line *logLine, limit int64, what string,
	decode func(io.Reader) (T, error)) (T, bool) {
	var zero T
	if e := mediaError(r.Header); e != nil {
		line.Status, line.Error = http.StatusUnsupportedMediaType, e.Code
		w.Header().Set("Accept-Encoding", "identity") // RFC 9110 15.5.16: the codings taken
		writeError(w, http.StatusUnsupportedMediaType, e)
		return zero, false
	}
	tooLarge := func() (T, bool) {
		path := ""
		msg := fmt.Sprintf("the request body is longer than %d bytes, the most %s may have", limit, what)
		line.Status, line.Error = http.StatusRequestEntityTooLarge, codeTooLarge
		writeError(w, http.StatusRequestEntityTooLarge, &apiError{Code: codeTooLarge, Message: msg, Path: &path})
		return zero, false
	}
	if r.ContentLength > limit {
		return tooLarge()
	}
	b := &body{r: http.MaxBytesReader(w, r.Body, limit+1), hash: sha256.New()}
	if s.cfg.LogInput {
		b.keep = new(bytes.Buffer)
	}
	v, err := decode(b)
	_, rest := io.Copy(io.Discard, b) // what the decoder left, so that the hash is of the whole body
	if b.n > limit || errors.As(rest, new(*http.MaxBytesError)) {
		return tooLarge()
	}
	if rest == nil {
		line.Input = hex.EncodeToString(b.hash.Sum(nil))
		if b.keep != nil && json.Valid(b.keep.Bytes()) {
			line.Case = json.RawMessage(b.keep.Bytes())
		}
	}
	if err != nil {
		s.failed(w, r, line, err)
		return zero, false
	}
	return v, true
}

// body reads a request body, counting and hashing what it reads.
type body struct {
	r    io.Reader
	n    int64
	hash hash.Hash
	keep *bytes.Buffer
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	b.hash.Write(p[:n])
	if b.keep != nil {
		b.keep.Write(p[:n])
	}
	return n, err
}

// failed answers a request whose body could not be decoded or whose
// decision could not be made.
func (s *Server) failed(w http.ResponseWriter, r *http.Request, line *logLine, err error) {
	if r.Context().Err() != nil && errors.Is(err, context.Canceled) {
		line.Status, line.Error = statusClientGone, "client_gone"
		w.WriteHeader(statusClientGone)
		return
	}
	status, e := decisionError(err)
	line.Status, line.Error = status, e.Code
	if status == http.StatusInternalServerError {
		s.log.Error("a decision failed", "decision", line.Decision, "error", err.Error())
	}
	writeError(w, status, e)
}

// logDecision sends the request's line to the decision log, if there is
// one, with its time and duration.
func (s *Server) logDecision(line *logLine, start time.Time) {
	if s.dlog == nil {
		return
	}
	now := time.Now()
	line.Time = now.UTC()
	line.DurationMS = float64(now.Sub(start).Microseconds()) / 1000
	s.dlog.add(line)
}
