package whatif

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

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

// Sizes of the pipeline: lines per batch, and batches in flight per
// worker. Memory is bounded by about window*batchLines lines, however long
// the caseload.
const (
	batchLines  = 64
	batchBytes  = 256 << 10
	windowPerWk = 4
	// MaxLine is the longest line Run reads as a case, the most a case may
	// hold (isotp.MaxCaseBytes), its line ending aside; a longer line is
	// reported as an input error and skipped, and no more of it than this
	// is held.
	MaxLine = isotp.MaxCaseBytes
)

// batch is a run of caseload lines and, once decided, what they gave.
type batch struct {
	seq   int
	data  []byte // the lines, back to back
	ends  []int  // end offset of each line in data
	lines []int  // each line's number
	long  []bool // the line was longer than MaxLine and not kept
	// results
	diffs     []CaseDiff // changed and failed cases, in line order
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
	b.diffs = b.diffs[:0]
	batches.Put(b)
}

func (b *batch) reset(seq int) {
	b.seq, b.data, b.ends, b.lines, b.long, b.diffs, b.unchanged = seq, b.data[:0], b.ends[:0], b.lines[:0], b.long[:0], b.diffs[:0], 0
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
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var br bytes.Reader
			var dec isotp.ReusingDecoder // each case in the memory of the last
			r := newReusing(true)
			for b := range work {
				d.decideBatch(ctx, b, &br, &dec, r)
				done <- b
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
			free <- b
			if opts.Progress != nil {
				opts.Progress(sum.progress())
			}
		}
	}
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
// work, until r ends or ctx is done.
func readBatches(ctx context.Context, r io.Reader, free <-chan *batch, work chan<- *batch) error {
	br := readers.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() {
		br.Reset(nil) // holds no caseload
		readers.Put(br)
	}()
	line, seq := 0, 0
	var b *batch
	send := func() bool {
		select {
		case work <- b:
			b = nil
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		if b == nil {
			select {
			case b = <-free:
				b.reset(seq)
				seq++
			case <-ctx.Done():
				return nil
			}
		}
		start := len(b.data)
		var err error
		read, long := 0, false
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			read += len(chunk)
			// A line is held up to MaxLine bytes and its ending,
			// "\r\n" at most.
			if long = read > MaxLine+2; !long {
				b.data = append(b.data, chunk...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if !long {
			// The line's ending is not the case's: the case is the
			// rest, and is held to MaxLine as a case file is.
			b.data = b.data[:start+len(bytes.TrimSuffix(bytes.TrimSuffix(b.data[start:], []byte("\n")), []byte("\r")))]
			long = len(b.data)-start > MaxLine
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("reading the caseload: %w", err)
		}
		if read > 0 {
			line++
			switch {
			case long:
				b.data = b.data[:start]
				fallthrough
			case !blank(b.data[start:]):
				b.ends = append(b.ends, len(b.data))
				b.lines = append(b.lines, line)
				b.long = append(b.long, long)
			default:
				b.data = b.data[:start]
			}
		}
		full := len(b.ends) >= batchLines || len(b.data) >= batchBytes
		if err == io.EOF || full {
			if len(b.ends) > 0 && !send() {
				return nil
			}
			if err == io.EOF {
				return nil
			}
		}
	}
}

// readers keeps the caseload readers of one Run for the next.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

func blank(line []byte) bool {
	return len(bytes.TrimSpace(line)) == 0
}

// decideBatch decodes and compares each line of b.
func (d *Differ) decideBatch(ctx context.Context, b *batch, br *bytes.Reader, dec *isotp.ReusingDecoder, r *reusing) {
	start := 0
	for i, end := range b.ends {
		line := b.data[start:end]
		start = end
		if ctx.Err() != nil {
			return
		}
		if b.long[i] {
			b.diffs = append(b.diffs, CaseDiff{Line: b.lines[i], Error: fmt.Sprintf("line longer than %d bytes: not read", MaxLine), ErrorKind: InputError})
			continue
		}
		br.Reset(line)
		c, err := dec.Decode(br)
		if err != nil {
			b.diffs = append(b.diffs, CaseDiff{Line: b.lines[i], Error: err.Error(), ErrorKind: InputError})
			continue
		}
		var id string
		if c.Offender != nil && len(c.Offender.ID) <= isotp.MaxIDLen {
			id = c.Offender.ID // a longer one is not an id, and not repeated
		}
		list, err := d.compare(ctx, c, r)
		switch {
		case err == nil && list == nil:
			b.unchanged++
		case err == nil:
			// The list is in the worker's memory, for the next case too:
			// the case's diff has its own, which emit may keep.
			b.diffs = append(b.diffs, CaseDiff{Line: b.lines[i], ID: id, Changes: slices.Clone(list)})
		case errors.Is(err, isotp.ErrInvalidInput):
			b.diffs = append(b.diffs, CaseDiff{Line: b.lines[i], ID: id, Error: err.Error(), ErrorKind: InputError})
		case ctx.Err() != nil:
			return
		default:
			b.diffs = append(b.diffs, CaseDiff{Line: b.lines[i], ID: id, Error: err.Error(), ErrorKind: EvaluationError})
		}
	}
}
