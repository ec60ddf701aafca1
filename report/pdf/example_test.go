package pdf_test

import (
	"context"
	"errors"
	"log"
	"os"
	"time"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/report/pdf"
	"github.com/isotp-dev/isotp/rules"
)

// Write prints one report: it starts a headless browser, prints and stops
// it. The example needs Chromium or Chrome, so it is compiled but not run.
func ExampleWrite() {
	pol, err := rules.Load(rules.National, rules.AreaPath("cheshire.yaml"))
	if err != nil {
		log.Fatal(err)
	}
	r, err := report.New(pol)
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Open("case.json")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	c, err := isotp.DecodeCase(f)
	if err != nil {
		log.Fatal(err)
	}
	rep, err := r.Report(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	out, err := os.Create("report.pdf")
	if err != nil {
		log.Fatal(err)
	}
	defer out.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err = pdf.Write(ctx, out, rep, pdf.Options{HTML: report.HTMLOptions{LargePrint: true}})
	if errors.Is(err, pdf.ErrNoBrowser) {
		log.Fatal("install Chromium to print PDFs, or write HTML: ", err)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// A service that prints many reports starts the browser once.
func ExampleNewPrinter() {
	p, err := pdf.NewPrinter(context.Background(), "")
	if err != nil {
		log.Fatal(err)
	}
	defer p.Close()
	var reports []*report.Report // made with a report.Reporter
	for i, rep := range reports {
		out, err := os.Create("report-" + string(rune('a'+i)) + ".pdf")
		if err != nil {
			log.Fatal(err)
		}
		if err := p.Write(context.Background(), out, rep, report.HTMLOptions{}); err != nil {
			log.Fatal(err)
		}
		if err := out.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
