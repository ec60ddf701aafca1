package whatif

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/isotp-dev/isotp"
)

// A CaseDiff is what Run reports about one case of a caseload: the
// decisions that change, or why the case could not be compared.
type CaseDiff struct {
	Line    int      `json:"line"`         // the case's line in the caseload, from 1
	ID      string   `json:"id,omitempty"` // offender.id, when the case gives it
	Changes []Change `json:"changes,omitempty"`
	// Error says why the case could not be compared; ErrorKind is "input"
	// when the line is not a case the decisions can read (the message
	// names the JSON path), "evaluation" when a policy's rules failed on
	// it.
	Error     string `json:"error,omitempty"`
	ErrorKind string `json:"error_kind,omitempty"`
}

// Error kinds of a CaseDiff.
const (
	InputError      = "input"
	EvaluationError = "evaluation"
)

// Options tune Run. The zero value is ready to use.
type Options struct {
	// Workers is the number of goroutines deciding cases; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Progress, when set, is called after each batch of cases, on the
	// goroutine that called Run, with the counts so far.
	Progress func(Progress)
}

// Progress counts the cases Run has finished so far.
type Progress struct {
	Cases   int // cases read and compared, or found in error
	Changed int
	Errors  int
}

// Sizes of the pipeline: lines per batch (a batch is sent once a read
// gives it batchLines lines or batchBytes bytes, and holds maxBatchLines
// at most), and batches in flight per worker: enough for some 10 ms of
// work each, so that the workers do not run out while the goroutines that
// read and emit wait for a processor. Memory is bounded by about window
// batches of batchBytes, and a line of MaxLine, however long the caseload.
const (
	batchLines  = 64
	batchBytes  = 256 << 10
	windowPerWk = 12
	// MaxLine is the longest line Run reads as a case, the most a case may
	// hold (isotp.MaxCaseBytes), its line ending aside; a longer line is
	// reported as an input error and skipped, and no more of it than this
	// is held.
	MaxLine = isotp.MaxCaseBytes
)

// batch is a run of caseload lines and, once decided, what they gave.
// The workers take its lines a few at a time (claim), so that none is
// left idle while another decides the last lines of a caseload.
type batch struct {
	seq    int
	data   []byte       // the lines, as read
	starts []int        // where each line starts in data
	ends   []int        // where each line ends, its line ending left out
	lines  []int        // each line's number
	long   []bool       // the line was longer than MaxLine and not kept
	next   int          // the first line no worker has taken, under the claimer's lock
	left   atomic.Int32 // the lines not yet decided
	// holds counts what holds the batch once it is ready: the claimer,
	// until it hands out the next batch's lines, and the run, until the
	// batch is decided and emitted. At none, it is free to read into.
	holds atomic.Int32
	// results: what each line gave, the diff of one that changed or
	// failed (Line 0 for one unchanged); then, once every line is
	// decided, the diffs in line order.
	out       []CaseDiff
	diffs     []CaseDiff
	unchanged int
}

// batches keeps batches from one Run for the next, their memory grown to
// what a batch holds.
var batches sync.Pool

func newBatch() *batch {
	if b, ok := batches.Get().(*batch); ok {
		return b
	}
	return &batch{}
}

// keepBatch keeps b for another Run, unless a long line has grown it well
// past the size of a batch.
func keepBatch(b *batch) {
	if cap(b.data) > 2*batchBytes {
		return
	}
	clear(b.diffs[:cap(b.diffs)]) // no case's changes are held
	clear(b.out[:cap(b.out)])
	b.diffs, b.out = b.diffs[:0], b.out[:0]
	batches.Put(b)
}

func (b *batch) reset(seq int) {
	b.seq, b.data, b.starts, b.ends, b.lines, b.long, b.diffs, b.unchanged = seq, b.data[:0], b.starts[:0], b.ends[:0], b.lines[:0], b.long[:0], b.diffs[:0], 0
	clear(b.out[:cap(b.out)])
	b.out = b.out[:0]
}

// ready readies b's lines to be taken by the workers.
func (b *batch) ready() {
	n := len(b.ends)
	b.out = slices.Grow(b.out[:0], n)[:n]
	b.next = 0
	b.left.Store(int32(n))
	b.holds.Store(2)
}

// finish puts the lines' diffs in order, once every line is decided.
func (b *batch) finish() {
	for i := range b.out {
		if b.out[i].Line == 0 {
			b.unchanged++
		} else {
			b.diffs = append(b.diffs, b.out[i])
		}
	}
}

// claimLines is how many lines a worker takes at a time.
const claimLines = 4

// A claimer hands the workers the lines of the batches read, in order.
type claimer struct {
	mu     sync.Mutex // held to take lines, and while waiting for the next batch
	active *batch     // the batch whose lines are being taken
	work   <-chan *batch
	free   chan<- *batch
}

// release drops one hold on b, sending it to be read into after the last.
func (c *claimer) release(b *batch) {
	if b != nil && b.holds.Add(-1) == 0 {
		c.free <- b
	}
}

// claim returns the next lines to decide, lines [i, j) of b; a nil b once
// the caseload is read and every line taken.
func (c *claimer) claim() (b *batch, i, j int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		if b = c.active; b != nil && b.next < len(b.ends) {
			i = b.next
			b.next = min(i+claimLines, len(b.ends))
			return b, i, b.next
		}
		next, ok := <-c.work
		if !ok {
			return nil, 0, 0
		}
		// Once no worker can take lines of b, it may be read into again.
		c.active = next
		c.release(b)
	}
}

// done releases the last batch, once the workers are done.
func (c *claimer) done() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.release(c.active)
	c.active = nil
}

// Run compares every case of a caseload read from r: JSON Lines, one case
// file per line (blank lines are skipped). It calls emit, on the goroutine
// that called Run and in the order of the caseload, for each case whose
// decisions change or that could not be compared, and returns the summary.
// The CaseDiff is reused once emit returns: emit must copy what it keeps
// (its Changes are its own).
// A line that is not a valid case is reported and counted, never fatal.
//
// Cases are decided by opts.Workers goroutines; memory stays bounded
// whatever the caseload's length. Run stops at the first error reading r,
// from emit, or of ctx, and returns it with the summary so far.
func (d *Differ) Run(ctx context.Context, r io.Reader, opts Options, emit func(*CaseDiff) error) (*Summary, error) {
	if r == nil || emit == nil {
		return nil, errors.New("whatif: Run needs a caseload to read and a function to emit to")
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	window := workers * windowPerWk
	free := make(chan *batch, window)
	for range window {
		free <- newBatch()
	}
	defer func() { // every batch is back in free once the workers are done
		for range window {
			select {
			case b := <-free:
				keepBatch(b)
			default:
				return
			}
		}
	}()
	work := make(chan *batch, window)
	done := make(chan *batch, window)

	var readErr error
	go func() {
		defer close(work)
		readErr = readBatches(ctx, r, free, work)
	}()
	var wg sync.WaitGroup
	cl := &claimer{work: work, free: free}
	// With a worker on every processor, none is left idle for the
	// goroutines that read and emit: a worker makes way for them.
	yield := workers >= runtime.GOMAXPROCS(0)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var br bytes.Reader
			var dec isotp.ReusingDecoder // each case in the memory of the last
			r := newReusing(true)
			for {
				b, i, j := cl.claim()
				if b == nil {
					return
				}
				if !d.decideLines(ctx, b, i, j, &br, &dec, r) {
					continue // cancelled: the batch is not finished
				}
				if b.left.Add(int32(i-j)) == 0 { // the batch's last lines
					b.finish()
					done <- b
					if yield {
						// The run emits b and gives it back to be
						// read into: let it, on this processor, rather
						// than wait for this goroutine's time to run
						// out.
						runtime.Gosched()
					}
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	sum := d.newSummary()
	var err error
	pending := map[int]*batch{}
	next := 0
	for b := range done {
		if err != nil {
			continue // draining after a failure
		}
		pending[b.seq] = b
		for b := pending[next]; b != nil; b = pending[next] {
			delete(pending, next)
			next++
			if err = sum.add(b, emit); err != nil {
				cancel()
				break
			}
			cl.release(b)
			if opts.Progress != nil {
				opts.Progress(sum.progress())
			}
		}
	}
	cl.done()
	sum.finish()
	if err == nil {
		err = readErr
	}
	if err == nil {
		err = ctx.Err()
	}
	return sum, err
}

// readBatches reads lines into batches taken from free and sends them to
// work, until r ends or ctx is done. It reads straight into the batches:
// what it has read of a line not yet ended when a batch is full moves to
// the next.
func readBatches(ctx context.Context, r io.Reader, free <-chan *batch, work chan<- *batch) error {
	seq := 0
	take := func() *batch {
		select {
		case b := <-free:
			b.reset(seq)
			seq++
			return b
		case <-ctx.Done():
			return nil
		}
	}
	send := func(b *batch) bool {
		b.ready()
		select {
		case work <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	b := take()
	if b == nil {
		return nil
	}
	// The line being read starts at b.data[start], and has no line
	// ending before b.data[scan]. Once it is longer than MaxLine and its
	// ending, it is long: what is read of it is dropped.
	line, start, scan, long, empty := 0, 0, 0, false, 0
	// carry sends b and goes on in the next batch, with what is read
	// from start on.
	carry := func() bool {
		next := take()
		if next == nil {
			return false
		}
		next.data = append(next.data, b.data[start:]...)
		b.data = b.data[:start]
		if !send(b) {
			return false
		}
		b, scan, start = next, scan-start, 0
		return true
	}
	for {
		if cap(b.data)-len(b.data) < readChunk {
			b.data = slices.Grow(b.data, readChunk)
		}
		n, err := r.Read(b.data[len(b.data):cap(b.data)])
		b.data = b.data[:len(b.data)+n]
		if n > 0 || err != nil {
			empty = 0
		} else if empty++; empty >= 100 {
			return fmt.Errorf("reading the caseload: %w", io.ErrNoProgress)
		}
		for {
			for len(b.ends) < maxBatchLines {
				i := bytes.IndexByte(b.data[scan:], '\n')
				if i < 0 {
					scan = len(b.data)
					break
				}
				line++
				b.add(line, start, scan+i, long)
				start, scan, long = scan+i+1, scan+i+1, false
			}
			if len(b.ends) < maxBatchLines {
				break
			}
			if !carry() { // many short lines: the rest is read in the next
				return nil
			}
		}
		if scan-start > MaxLine+1 { // its content and "\r" at most
			long = true
		}
		if long {
			b.data, scan = b.data[:start], start
		}
		if err == io.EOF {
			if long || scan > start {
				line++
				b.add(line, start, scan, long)
			}
			if len(b.ends) > 0 {
				send(b)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading the caseload: %w", err)
		}
		if (len(b.ends) >= batchLines || start >= batchBytes) && !carry() {
			return nil
		}
	}
}

// add adds line number n, b.data[start:end] and its ending: a case, or
// a line too long to read (long, or longer than MaxLine once its ending
// is left out); nothing when it is blank.
func (b *batch) add(n, start, end int, long bool) {
	end = start + len(bytes.TrimSuffix(b.data[start:end], []byte("\r")))
	long = long || end-start > MaxLine
	if !long && blank(b.data[start:end]) {
		return
	}
	if long {
		end = start
	}
	b.starts = append(b.starts, start)
	b.ends = append(b.ends, end)
	b.lines = append(b.lines, n)
	b.long = append(b.long, long)
}

// readChunk is the least room a read into a batch is given, and
// maxBatchLines the most lines a batch holds: a batch is sent once it
// holds batchLines lines, or batchBytes, after the read that fills it.
const (
	readChunk     = 32 << 10
	maxBatchLines = 4 * batchLines
)

func blank(line []byte) bool {
	return len(bytes.TrimSpace(line)) == 0
}

// decideLines decodes and compares lines [i, j) of b, and reports
// whether it did: false when ctx is done first.
func (d *Differ) decideLines(ctx context.Context, b *batch, i, j int, br *bytes.Reader, dec *isotp.ReusingDecoder, r *reusing) bool {
	for k := i; k < j; k++ {
		if !d.decideLine(ctx, b, k, br, dec, r) {
			return false
		}
	}
	return true
}

// decideLine decodes and compares line k of b, and reports whether it
// did: false when ctx is done first.
func (d *Differ) decideLine(ctx context.Context, b *batch, k int, br *bytes.Reader, dec *isotp.ReusingDecoder, r *reusing) bool {
	if ctx.Err() != nil {
		return false
	}
	out, line := &b.out[k], b.lines[k]
	*out = CaseDiff{}
	if b.long[k] {
		*out = CaseDiff{Line: line, Error: fmt.Sprintf("line longer than %d bytes: not read", MaxLine), ErrorKind: InputError}
		return true
	}
	br.Reset(b.data[b.starts[k]:b.ends[k]])
	c, err := dec.Decode(br)
	if err != nil {
		*out = CaseDiff{Line: line, Error: err.Error(), ErrorKind: InputError}
		return true
	}
	var id string
	if c.Offender != nil && len(c.Offender.ID) <= isotp.MaxIDLen {
		id = c.Offender.ID // a longer one is not an id, and not repeated
	}
	list, err := d.compare(ctx, c, r)
	switch {
	case err == nil && list == nil: // unchanged
	case err == nil:
		// The list is in the worker's memory, for the next case too:
		// the case's diff has its own, which emit may keep.
		*out = CaseDiff{Line: line, ID: id, Changes: slices.Clone(list)}
	case errors.Is(err, isotp.ErrInvalidInput):
		*out = CaseDiff{Line: line, ID: id, Error: err.Error(), ErrorKind: InputError}
	case ctx.Err() != nil:
		return false
	default:
		*out = CaseDiff{Line: line, ID: id, Error: err.Error(), ErrorKind: EvaluationError}
	}
	return true
}
