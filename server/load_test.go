package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLoadWithReload sends a fixed number of requests from many goroutines
// over keep-alive connections on loopback, and reloads the policy when half
// of them have been answered. Every request must be answered 200, with the
// same digest in its header and its body; every request answered before
// the reload began must carry the old digest, and every request sent after
// it returned the new one. (Requests that overlap the reload may carry
// either: TestInFlightFinishesOnItsPolicy holds the policy a request
// started with to the end.)
func TestLoadWithReload(t *testing.T) {
	const (
		requests   = 2000
		goroutines = 32
	)
	dir := t.TempDir()
	area := filepath.Join(dir, "area.yaml")
	writeArea(t, area, areaV1)
	var log syncBuffer
	ts := newTestServer(t, Config{AreaFile: area, DecisionLog: &log})
	ts.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: goroutines}}
	old := ts.Digest()
	var bodies [][]byte
	var paths []string
	for _, kind := range []string{"eligibility", "attendance"} {
		for _, f := range samples(t, kind) {
			bodies = append(bodies, readFile(t, f))
			paths = append(paths, "/v1/"+kind)
		}
	}

	type result struct {
		start, end     time.Time
		status         int
		header, inBody string
	}
	results := make([]result, requests)
	var next, answered atomic.Int64
	var swapBegin, swapEnd time.Time
	var reloadErr error
	var swap sync.Once
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= requests {
					return
				}
				if answered.Load() >= requests/2 {
					swap.Do(func() {
						swapBegin = time.Now()
						// Not writeArea: require may stop only the test's own goroutine.
						if reloadErr = replaceFile(area, areaV2); reloadErr == nil {
							reloadErr = ts.Reload()
						}
						swapEnd = time.Now()
					})
				}
				r := &results[i]
				r.start = time.Now()
				resp, err := ts.client.Post(ts.url+paths[i%len(paths)], "application/json", bytes.NewReader(bodies[i%len(bodies)]))
				if err != nil {
					r.status = -1
					continue
				}
				data, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				r.end = time.Now()
				r.status = resp.StatusCode
				r.header = resp.Header.Get(DigestHeader)
				var body struct {
					Policy struct{ Digest string }
				}
				json.Unmarshal(data, &body)
				r.inBody = body.Policy.Digest
				answered.Add(1)
			}
		})
	}
	wg.Wait()
	require.NoError(t, reloadErr)
	require.False(t, swapBegin.IsZero(), "the reload never ran")
	updated := ts.Digest()
	require.NotEqual(t, old, updated)

	counts := map[string]int{}
	for i, r := range results {
		require.Equal(t, 200, r.status, "request %d", i)
		require.Equal(t, r.header, r.inBody, "request %d: the header and the body name different policies", i)
		switch {
		case r.end.Before(swapBegin):
			require.Equal(t, old, r.header, "request %d, answered before the reload, decided under the new policy", i)
		case r.start.After(swapEnd):
			require.Equal(t, updated, r.header, "request %d, sent after the reload, decided under the old policy", i)
		default:
			require.Contains(t, []string{old, updated}, r.header, "request %d", i)
		}
		counts[r.header]++
	}
	require.Equal(t, requests, counts[old]+counts[updated])
	require.Positive(t, counts[old])
	require.Positive(t, counts[updated])
	t.Logf("%d requests from %d goroutines: %d under the old policy, %d under the new; the reload took %v",
		requests, goroutines, counts[old], counts[updated], swapEnd.Sub(swapBegin))

	// The decision log has every request, under the policy it was decided by.
	require.NoError(t, ts.Close())
	logged := map[string]int{}
	for _, l := range readLog(t, log.String()) {
		logged[l.Policy]++
	}
	require.Equal(t, counts, logged)
}
