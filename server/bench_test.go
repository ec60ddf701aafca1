package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// bare is the handler the server is measured against: it reads the body
// and echoes it, as JSON.
var bare = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
})

// BenchmarkEligibility measures eligibility requests per second through the
// server, beside a bare net/http handler that reads each body and echoes
// it, in the same run, with the same client over keep-alive connections on
// loopback: the server's cost over HTTP's own. The server is measured
// without and with a decision log (to io.Discard). Each reports req/s and
// the median and 99th percentile latency of a request as the client sees
// it. The goal is at least 0.6 of the bare handler's requests per second.
//
//	go test -run '^$' -bench Eligibility -count 5 ./server
func BenchmarkEligibility(b *testing.B) {
	body := readFile(b, "../examples/cases/eligibility/eligible-pre-sentence.json")
	plain, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	logged, err := New(Config{DecisionLog: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	defer logged.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	for _, bc := range []struct {
		name    string
		handler http.Handler
	}{{"bare", bare}, {"server", plain}, {"server+log", logged}} {
		b.Run(bc.name, func(b *testing.B) {
			hs := httptest.NewServer(bc.handler)
			defer hs.Close()
			url := hs.URL + "/v1/eligibility"
			var mu sync.Mutex
			var latencies []time.Duration
			b.SetParallelism(4)
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					t0 := time.Now()
					resp, err := client.Post(url, "application/json", bytes.NewReader(body))
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					mine = append(mine, time.Since(t0))
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
				mu.Lock()
				latencies = append(latencies, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
			if len(latencies) > 0 {
				slices.Sort(latencies)
				at := func(q float64) float64 {
					return float64(latencies[int(q*float64(len(latencies)-1))].Microseconds())
				}
				b.ReportMetric(at(0.50), "p50-µs")
				b.ReportMetric(at(0.99), "p99-µs")
			}
		})
	}
}

// BenchmarkEligibilityInterleaved sends requests one at a time, to the
// bare handler and to the server in turn, over the same client, so that
// both meet the same machine: on a machine shared with other work,
// BenchmarkEligibility's sub-benchmarks, run one after the other, may not.
// With one request in flight, a request's latency is all its cost, client
// and server, so the ratio of the mean latencies, bare over server, is the
// ratio of their requests per second from one caller. It reports that
// ratio, and each one's median and 99th percentile latency.
//
//	go test -run '^$' -bench EligibilityInterleaved -count 5 ./server
func BenchmarkEligibilityInterleaved(b *testing.B) {
	body := readFile(b, "../examples/cases/eligibility/eligible-pre-sentence.json")
	srv, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	urls := [2]string{}
	for i, h := range []http.Handler{bare, srv} {
		hs := httptest.NewServer(h)
		defer hs.Close()
		urls[i] = hs.URL + "/v1/eligibility"
	}
	client := &http.Client{Transport: &http.Transport{}}
	var latencies [2][]time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		resp, err := client.Post(urls[i%2], "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		latencies[i%2] = append(latencies[i%2], time.Since(t0))
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	if len(latencies[0]) == 0 || len(latencies[1]) == 0 {
		return
	}
	var mean [2]float64
	for k, name := range []string{"bare", "server"} {
		l := latencies[k]
		var sum time.Duration
		for _, d := range l {
			sum += d
		}
		mean[k] = float64(sum) / float64(len(l))
		slices.Sort(l)
		b.ReportMetric(float64(l[len(l)/2].Microseconds()), name+"-p50-µs")
		b.ReportMetric(float64(l[int(0.99*float64(len(l)-1))].Microseconds()), name+"-p99-µs")
		b.ReportMetric(1e9/mean[k], name+"-req/s")
	}
	b.ReportMetric(mean[0]/mean[1], "ratio")
}

// BenchmarkHandler measures the server's handler alone, with no network
// between it and the caller: decoding the case, deciding it and writing the
// answer, as BenchmarkEligibility's difference between bare and server
// should show it.
func BenchmarkHandler(b *testing.B) {
	body := readFile(b, "../examples/cases/eligibility/eligible-pre-sentence.json")
	s, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/v1/eligibility", bytes.NewReader(body))
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
