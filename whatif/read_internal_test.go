package whatif

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// A readLine is what readBatches made of one line: its number, and the
// case it holds or that it is too long.
type readLine struct {
	N    int
	Case string
	Long bool
}

// splitLines is what readBatches should make of data, worked out plainly.
func splitLines(data []byte) []readLine {
	if len(data) == 0 {
		return nil
	}
	parts := bytes.Split(data, []byte("\n"))
	if len(parts[len(parts)-1]) == 0 {
		parts = parts[:len(parts)-1] // the last line's ending
	}
	var out []readLine
	for i, p := range parts {
		p = bytes.TrimSuffix(p, []byte("\r"))
		switch {
		case len(p) > MaxLine:
			out = append(out, readLine{N: i + 1, Long: true})
		case !blank(p):
			out = append(out, readLine{N: i + 1, Case: string(p)})
		}
	}
	return out
}

// readAll runs readBatches over r, with window batches going round, and
// returns the lines of the batches it sent, and how many lines the
// fullest held.
func readAll(t testing.TB, r io.Reader, window int) ([]readLine, int, error) {
	free, work := make(chan *batch, window), make(chan *batch, window)
	for range window {
		free <- &batch{}
	}
	var err error
	go func() {
		defer close(work)
		err = readBatches(context.Background(), r, free, work)
	}()
	var out []readLine
	most, seq := 0, 0
	for b := range work {
		if b.seq != seq {
			t.Fatalf("batch %d sent after %d", b.seq, seq-1)
		}
		seq++
		if len(b.out) != len(b.ends) || b.left.Load() != int32(len(b.ends)) {
			t.Fatalf("batch %d sent not ready", b.seq)
		}
		most = max(most, len(b.ends))
		for k := range b.ends {
			l := readLine{N: b.lines[k], Long: b.long[k]}
			if !l.Long {
				l.Case = string(b.data[b.starts[k]:b.ends[k]])
			}
			out = append(out, l)
		}
		free <- b
	}
	return out, most, err
}

// chunky returns data from r a random few bytes at a time.
type chunky struct {
	r   io.Reader
	rnd *rand.Rand
}

func (c *chunky) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1+c.rnd.IntN(min(len(p), 3000))]
	}
	return c.r.Read(p)
}

func checkRead(t *testing.T, data []byte) {
	t.Helper()
	want := splitLines(data)
	readers := map[string]func() io.Reader{
		"whole":    func() io.Reader { return bytes.NewReader(data) },
		"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
		"halves":   func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
		"with EOF": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		"chunks":   func() io.Reader { return &chunky{bytes.NewReader(data), rand.New(rand.NewPCG(1, uint64(len(data))))} },
	}
	for name, r := range readers {
		if name == "one byte" && len(data) > 1<<16 {
			continue
		}
		got, most, err := readAll(t, r(), 3)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: lines read (-want +got):\n%s", name, diff)
		}
		if most > maxBatchLines {
			t.Fatalf("%s: a batch of %d lines, more than %d", name, most, maxBatchLines)
		}
	}
}

// TestReadBatches: the batches hold each line as a plain split of the
// caseload reads it, however the reader hands out the bytes.
func TestReadBatches(t *testing.T) {
	long := strings.Repeat(" ", MaxLine)
	for name, data := range map[string]string{
		"empty":             "",
		"one line":          "{}",
		"no final newline":  "{}\n{\"x\": 1}",
		"CRLF":              "{}\r\n{\"x\": 1}\r\n",
		"a lone CR":         "{}\r",
		"blank lines":       "\n  \n{}\n\t\n{\"x\": 1}\n\n",
		"only newlines":     "\n\n\n",
		"many short lines":  strings.Repeat("{}\n", 10_000),
		"a line too long":   "{}\n{" + long + "}\n{}\n",
		"as long as may be": "{}\n{" + long[2:] + "}\r\n{}\n",
		"one byte longer":   "{}\n{" + long[1:] + "}\r\n{}\n",
		"a long last line":  "{}\n{" + long + "}",
		"lines of every size": func() string {
			var b strings.Builder
			for i := range 300 {
				b.WriteString("{\"n\": \"" + strings.Repeat("x", i*i%5000) + "\"}\n")
			}
			return b.String()
		}(),
	} {
		t.Run(name, func(t *testing.T) { checkRead(t, []byte(data)) })
	}
}

// TestReadBatchesFails: an error reading the caseload is returned, and a
// reader that gives nothing, again and again, is an error too.
func TestReadBatchesFails(t *testing.T) {
	onFire := errors.New("disk on fire")
	if _, _, err := readAll(t, io.MultiReader(strings.NewReader("{}\n{"), iotest.ErrReader(onFire)), 2); !errors.Is(err, onFire) {
		t.Errorf("a failing reader gave %v", err)
	}
	if _, _, err := readAll(t, nothing{}, 2); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("a reader that gives nothing gave %v", err)
	}
}

type nothing struct{}

func (nothing) Read([]byte) (int, error) { return 0, nil }

func FuzzReadBatches(f *testing.F) {
	for _, s := range []string{"", "{}\n", "{}\r\n\n  \n{\"x\":1}", "\r\r\n\n\r", strings.Repeat("{}\n", 300)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, data) })
}
