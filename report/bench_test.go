package report_test

import (
	"context"
	"io"
	"testing"

	"github.com/isotp-dev/isotp/report"
)

// BenchmarkReport makes the sample Post-Programme Report: 37 session
// events, the completion rules, and fourteen scales assessed.
func BenchmarkReport(b *testing.B) {
	tc := reportCases[0]
	r := newReporter(b, tc.area)
	c := readCase(b, tc.file)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Report(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite writes the sample report in each format.
func BenchmarkWrite(b *testing.B) {
	rep := makeReport(b, 0)
	for _, bm := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"text", rep.WriteText},
		{"markdown", rep.WriteMarkdown},
		{"html", func(w io.Writer) error { return rep.WriteHTML(w, report.HTMLOptions{}) }},
		{"html-large", func(w io.Writer) error { return rep.WriteHTML(w, report.HTMLOptions{LargePrint: true}) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bm.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
