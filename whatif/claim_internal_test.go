package whatif

import (
	"sync"
	"testing"
)

// TestClaimEachLineOnce: workers claiming lines at once take each line of
// each batch exactly once, in batches of at most claimLines, and a batch
// is free to be read into only once both the claimer and the run have let
// it go.
func TestClaimEachLineOnce(t *testing.T) {
	sizes := []int{10, 3, 1, 64, 7}
	work := make(chan *batch, len(sizes))
	free := make(chan *batch, len(sizes))
	var all []*batch
	for seq, n := range sizes {
		b := &batch{seq: seq}
		all = append(all, b)
		for i := range n {
			b.ends = append(b.ends, i+1)
		}
		b.ready()
		work <- b
	}
	close(work)
	c := &claimer{work: work, free: free}
	var mu sync.Mutex
	taken := map[[2]int]int{}
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b, i, j := c.claim()
				if b == nil {
					return
				}
				if j <= i || j-i > claimLines || j > len(b.ends) {
					t.Errorf("batch %d: lines [%d, %d) claimed", b.seq, i, j)
				}
				mu.Lock()
				for k := i; k < j; k++ {
					taken[[2]int{b.seq, k}]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for seq, n := range sizes {
		for k := range n {
			if got := taken[[2]int{seq, k}]; got != 1 {
				t.Errorf("batch %d line %d taken %d times", seq, k, got)
			}
		}
	}
	// The claimer has let go of every batch but the last; the run lets
	// go of each as it emits it.
	if len(free) != 0 {
		t.Fatalf("%d batches free before the run let them go", len(free))
	}
	for _, b := range all {
		c.release(b)
	}
	if got := len(free); got != len(sizes)-1 {
		t.Fatalf("%d batches free once the run let them go, want all but the one the claimer holds", got)
	}
	c.done()
	if got := len(free); got != len(sizes) {
		t.Fatalf("%d batches free once the claimer is done, want %d", got, len(sizes))
	}
}
