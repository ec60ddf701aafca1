// Command report writes the Post-Programme Report for a sample case: the
// text report to standard output, and the HTML page in standard and large
// print to a directory, to open in a browser or print.
//
// Run it from the repository root:
//
//	go run ./examples/report            # pages to a new temporary directory
//	go run ./examples/report -out DIR   # pages to DIR
//	go run ./examples/report -area AREA.yaml -case CASE.json -out DIR
//
// By default it reads examples/areas/illustrative-norms.yaml, whose norms
// are INVENTED for illustration and must not be used for real decisions (the
// report carries a notice saying so), and examples/cases/report/completed.json,
// a man who completed the programme with two catch-ups.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/rules"
)

const (
	defaultArea = "examples/areas/illustrative-norms.yaml"
	defaultCase = "examples/cases/report/completed.json"
)

// illustrative is the notice the report carries when the example's own
// area file supplies the norms.
const illustrative = "ILLUSTRATIVE NORMS. The psychometric norms behind this report are invented, " +
	"to show what a report looks like. It is not a real report and must not be used for any decision."

func main() {
	log.SetFlags(0)
	area := flag.String("area", defaultArea, "the area rule `FILE` that supplies the norms")
	casePath := flag.String("case", defaultCase, "the case `FILE`")
	out := flag.String("out", "", "write report.html and report-large-print.html to `DIR` (default: a new temporary directory)")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *out == "" {
		dir, err := os.MkdirTemp("", "isotp-report-")
		if err != nil {
			log.Fatal("report: ", err)
		}
		*out = dir
	}
	files, err := run(context.Background(), os.Stdout, *area, *casePath, *out)
	if err != nil {
		log.Fatal("report: ", err)
	}
	for _, f := range files {
		fmt.Fprintln(os.Stderr, "wrote", f)
	}
}

// run writes the text report to w and the HTML pages to dir, and returns
// the pages' paths.
func run(ctx context.Context, w io.Writer, area, casePath, dir string) ([]string, error) {
	// Load once; the policy and the Reporter are safe to share between
	// goroutines and to keep for as long as the policy is in force.
	pol, err := rules.Load(rules.National, rules.AreaPath(area))
	if err != nil {
		return nil, err
	}
	r, err := report.New(pol)
	if err != nil {
		return nil, err
	}

	f, err := os.Open(casePath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, err := isotp.DecodeCase(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", casePath, err)
	}

	rep, err := r.Report(ctx, c)
	if err != nil {
		return nil, err
	}
	if filepath.Base(area) == filepath.Base(defaultArea) {
		rep.Notice = illustrative
	}
	if err := rep.WriteText(w); err != nil {
		return nil, err
	}

	var files []string
	for _, page := range []struct {
		name string
		opts report.HTMLOptions
	}{
		{"report.html", report.HTMLOptions{}},
		{"report-large-print.html", report.HTMLOptions{LargePrint: true}},
	} {
		var b bytes.Buffer
		if err := rep.WriteHTML(&b, page.opts); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, page.name)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return nil, err
		}
		files = append(files, path)
	}
	return files, nil
}
