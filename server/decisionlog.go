package server

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"time"
)

// A logLine is one line of the decision log. It holds the case only when
// the server runs with Config.LogInput.
type logLine struct {
	Time       time.Time       `json:"time"` // when the answer was given (wall clock: the decision itself is as of the case's as_of)
	Decision   string          `json:"decision"`
	Format     string          `json:"format,omitempty"` // the report's format
	Status     int             `json:"status"`
	Outcome    string          `json:"outcome,omitempty"` // as decisions.Decision.Outcome words it; absent when no decision was made
	Error      string          `json:"error,omitempty"`   // the error's code when no decision was made
	Policy     string          `json:"policy_digest"`
	DurationMS float64         `json:"duration_ms"`
	Input      string          `json:"input_sha256,omitempty"` // of the request body; absent when it was not read whole
	Case       json.RawMessage `json:"input,omitempty"`        // the body, with LogInput, when it was a JSON document read whole
}

// A decisionLog writes lines from a queue on one goroutine. A request
// waits for room when the queue is full rather than lose a line.
type decisionLog struct {
	lines   chan *logLine
	done    chan struct{}
	m       *metrics
	log     *slog.Logger
	mu      sync.RWMutex // held for reading while adding, for writing while closing
	closed  bool
	lastErr error // written by the writer goroutine, read after done
}

func newDecisionLog(w io.Writer, queue int, m *metrics, log *slog.Logger) *decisionLog {
	l := &decisionLog{lines: make(chan *logLine, queue), done: make(chan struct{}), m: m, log: log}
	go l.run(w)
	return l
}

// add queues line, waiting for room when the queue is full. A line added
// after close is counted as lost.
func (l *decisionLog) add(line *logLine) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		l.m.logLost.Inc()
		return
	}
	select {
	case l.lines <- line:
		return
	default:
	}
	l.m.logWaits.Inc() // counted as the wait begins, so that a full queue shows at once
	start := time.Now()
	l.lines <- line
	l.m.logWaitTime.Add(time.Since(start).Seconds())
}

// close writes every queued line, flushes and stops the writer. It returns
// the last write error, if any.
func (l *decisionLog) close() error {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.lines)
	}
	l.mu.Unlock()
	<-l.done
	return l.lastErr
}

// run writes lines until the queue is closed, flushing whenever it is
// empty. A failed write is logged (once until writes succeed again) and its
// lines counted as lost; the writer goes on with the next line.
func (l *decisionLog) run(w io.Writer) {
	defer close(l.done)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	pending := 0 // lines in bw not yet flushed
	failing := false
	fail := func(err error) {
		l.m.logErrors.Inc()
		l.m.logLost.Add(float64(pending))
		pending = 0
		l.lastErr = err
		if !failing {
			l.log.Error("writing the decision log failed; lines are being lost", "error", err.Error())
			failing = true
		}
		bw.Reset(w)
	}
	flush := func() {
		if pending == 0 {
			return
		}
		n := pending
		if err := bw.Flush(); err != nil {
			fail(err)
			return
		}
		l.m.logLines.Add(float64(n))
		pending = 0
		if failing {
			l.log.Info("writing the decision log works again")
			failing = false
			l.lastErr = nil
		}
	}
	for line := range l.lines {
		pending++
		if err := enc.Encode(line); err != nil {
			fail(err)
			continue
		}
		if len(l.lines) == 0 {
			flush()
		}
	}
	flush()
}
