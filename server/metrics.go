package server

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// unmatched is the path label of a request for a path the server does not
// serve, so that the label's values stay few.
const unmatched = "unmatched"

// metrics are the server's Prometheus metrics, in a registry of its own (not
// the global one), so that two Servers in one program count apart.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	decisions  *prometheus.CounterVec
	reloads    *prometheus.CounterVec
	policyInfo *prometheus.GaugeVec
	loadedAt   prometheus.Gauge

	logLines    prometheus.Counter
	logLost     prometheus.Counter
	logErrors   prometheus.Counter
	logWaits    prometheus.Counter
	logWaitTime prometheus.Counter
}

// latencyBuckets run from 100 µs, under the time of one decision on
// loopback, to 2.5 s, past the longest a decision under the cost limits can
// take.
var latencyBuckets = prometheus.ExponentialBuckets(0.0001, 2.5, 12)

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "isotp_http_requests_total",
			Help: "HTTP requests answered, by path (\"unmatched\" for paths not served), method and status.",
		}, []string{"path", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "isotp_http_request_duration_seconds",
			Help:    "Time from a request's arrival at the handler to the end of its answer, by path.",
			Buckets: latencyBuckets,
		}, []string{"path"}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "isotp_decisions_total",
			Help: "Decisions made, by decision and outcome (the report counts as \"report\", with its attendance status).",
		}, []string{"decision", "outcome"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "isotp_policy_reloads_total",
			Help: "Policy reloads, by result: ok (swapped in, or unchanged) or failed (the last good policy goes on serving).",
		}, []string{"result"}),
		policyInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "isotp_policy_info",
			Help: "The policy in force: 1, labelled with its name, version, area and digest.",
		}, []string{"name", "version", "area", "digest"}),
		loadedAt: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "isotp_policy_loaded_timestamp_seconds",
			Help: "When the policy in force was loaded, in seconds since the Unix epoch.",
		}),
		logLines: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "isotp_decision_log_lines_total",
			Help: "Lines written to the decision log.",
		}),
		logLost: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "isotp_decision_log_lost_total",
			Help: "Decision log lines that could not be written: the log's writer failed, or the request outlasted shutdown.",
		}),
		logErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "isotp_decision_log_write_errors_total",
			Help: "Failed writes to the decision log.",
		}),
		logWaits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "isotp_decision_log_waits_total",
			Help: "Requests that found the decision log's queue full and waited for room (none is dropped).",
		}),
		logWaitTime: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "isotp_decision_log_wait_seconds_total",
			Help: "Time requests spent waiting for room in the decision log's queue.",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.decisions, m.reloads, m.policyInfo, m.loadedAt,
		m.logLines, m.logLost, m.logErrors, m.logWaits, m.logWaitTime,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, result := range []string{"ok", "failed"} {
		m.reloads.WithLabelValues(result) // shown as 0 before the first reload
	}
	return m
}

// queue adds the decision log's queue length, when there is a log.
func (m *metrics) queue(l *decisionLog) {
	if l == nil {
		return
	}
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "isotp_decision_log_queue_length",
		Help: "Decision log lines waiting for the writer.",
	}, func() float64 { return float64(len(l.lines)) }))
}

// inFlight adds the number of requests being answered (the scrape that
// reads it among them), as n counts them.
func (m *metrics) inFlight(n *atomic.Int64) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "isotp_http_requests_in_flight",
		Help: "Requests being answered, this scrape among them.",
	}, func() float64 { return float64(n.Load()) }))
}

// policyInForce records st as the policy in force.
func (m *metrics) policyInForce(st *state) {
	m.policyInfo.Reset()
	m.policyInfo.WithLabelValues(st.info.Name, st.info.Version, st.info.Area, st.info.Digest).Set(1)
	m.loadedAt.Set(float64(st.loadedAt.UnixNano()) / 1e9)
}

// observe counts one answered request.
func (m *metrics) observe(path, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(path, methodLabel(method), strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(path).Observe(d.Seconds())
}

// methodLabel keeps the method label to the methods HTTP defines.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return method
	}
	return "other"
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
