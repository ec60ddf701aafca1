// Package progress shows how far a long run has gone — isotp diff over a
// caseload, synth writing one, test over many files — on a terminal: a bar
// with the percentage done and an estimate of the time left when the size
// of the work is known, a count and a rate when it is not. It draws on
// standard error, and only when that is a terminal, so that output piped to
// a file or read by a program never holds it; the bar is cleared when the
// run ends.
//
// The drawing is github.com/schollz/progressbar's: throttled redraws, the
// estimate, terminal widths and byte units, all kept up by its authors.
package progress

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// A Bar shows the progress of one run. The nil Bar, which New returns when
// there is nothing to draw on, does nothing; every method may be called on
// it. A Bar is safe for concurrent use: a reader may count bytes while
// another goroutine describes what they hold.
type Bar struct {
	bar *progressbar.ProgressBar
}

// Options say how a Bar is drawn.
type Options struct {
	Quiet    bool   // draw nothing (--quiet)
	Terminal bool   // draw even when the writer is not a terminal (for tests)
	Bytes    bool   // the total and the count are bytes: shown as kB, MB
	Unit     string // what is counted, when not bytes: "cases", "tests"
	// Every is the least time between two redraws; 0 means 200 ms, a
	// redraw rate a terminal shows without flicker.
	Every time.Duration
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// New returns a bar for a run of total units (bytes or items) described as
// what, drawn on w; a total below 1 means it is not known, and a spinner
// with the count stands for the bar. It returns nil when opts say quiet or
// w is not a terminal.
func New(w io.Writer, total int64, what string, opts Options) *Bar {
	if opts.Quiet || (!opts.Terminal && !IsTerminal(w)) {
		return nil
	}
	if total < 1 {
		total = -1
	}
	every := opts.Every
	if every == 0 {
		every = 200 * time.Millisecond
	}
	po := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(every),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseANSICodes(true),
	}
	if opts.Bytes {
		po = append(po, progressbar.OptionShowBytes(true))
	} else if opts.Unit != "" {
		po = append(po, progressbar.OptionShowIts(), progressbar.OptionSetItsString(opts.Unit))
	}
	return &Bar{bar: progressbar.NewOptions64(total, po...)}
}

// Set records that n units are done.
func (b *Bar) Set(n int64) {
	if b != nil {
		_ = b.bar.Set64(n)
	}
}

// Add records that n more units are done.
func (b *Bar) Add(n int64) {
	if b != nil {
		_ = b.bar.Add64(n)
	}
}

// Describe changes the words before the bar: "1,200 cases, 34 changed".
func (b *Bar) Describe(what string) {
	if b != nil {
		b.bar.Describe(what)
	}
}

// Finish clears the bar from the terminal.
func (b *Bar) Finish() {
	if b != nil {
		_ = b.bar.Finish()
		_ = b.bar.Clear()
	}
}

// Reader returns r counting what is read from it into the bar; r itself
// when b is nil.
func (b *Bar) Reader(r io.Reader) io.Reader {
	if b == nil {
		return r
	}
	return &counting{r: r, b: b}
}

type counting struct {
	r io.Reader
	b *Bar
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.b.Add(int64(n))
	return n, err
}
