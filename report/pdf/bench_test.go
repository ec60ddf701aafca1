package pdf

import (
	"context"
	"io"
	"testing"

	"github.com/isotp-dev/isotp/report"
)

// BenchmarkPrint prints the sample report with a running Printer, in each
// print size: what a service pays per report once its browser is up.
func BenchmarkPrint(b *testing.B) {
	if _, err := FindBrowser(""); err != nil {
		b.Skipf("no browser: %v", err)
	}
	p, err := NewPrinter(context.Background(), "")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	rep := sampleReport(b)
	for _, large := range []bool{false, true} {
		b.Run(map[bool]string{false: "standard", true: "large"}[large], func(b *testing.B) {
			for b.Loop() {
				if err := p.Write(context.Background(), io.Discard, rep, report.HTMLOptions{LargePrint: large}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
