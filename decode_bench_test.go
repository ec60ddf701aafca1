package isotp_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
)

// benchCase is the first synthetic case with an attendance record of at
// least 20 sessions and an assessment: a realistic case at its largest.
func benchCase(b *testing.B) []byte {
	b.Helper()
	g := synth.New(1, isotp.NewDate(2026, 11, 27))
	for i := 0; ; i++ {
		c := g.Case(i)
		if c.Attendance != nil && len(c.Attendance.Sessions) >= 20 && c.Assessment != nil {
			data, err := json.Marshal(c)
			if err != nil {
				b.Fatal(err)
			}
			return data
		}
	}
}

// BenchmarkDecodeCase decodes one synthetic case with attendance and
// assessment, as isotp diff does for every line of a caseload.
func BenchmarkDecodeCase(b *testing.B) {
	data := benchCase(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var br bytes.Reader
	for b.Loop() {
		br.Reset(data)
		if _, err := isotp.DecodeCase(&br); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReusingDecoder decodes the same case as BenchmarkDecodeCase,
// each time in the memory of the last.
func BenchmarkReusingDecoder(b *testing.B) {
	data := benchCase(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var br bytes.Reader
	var d isotp.ReusingDecoder
	for b.Loop() {
		br.Reset(data)
		if _, err := d.Decode(&br); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCaseDecoderStream decodes a synthetic caseload of 1,000 cases as
// one JSON Lines stream.
func BenchmarkCaseDecoderStream(b *testing.B) {
	const n = 1000
	var load bytes.Buffer
	if err := synth.New(1, isotp.NewDate(2026, 11, 27)).Write(&load, n); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(load.Len()))
	b.ReportAllocs()
	for b.Loop() {
		d := isotp.NewCaseDecoder(bytes.NewReader(load.Bytes()))
		got := 0
		for ; ; got++ {
			if _, err := d.Decode(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		if got != n {
			b.Fatalf("decoded %d cases, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}
