package report_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
)

// FuzzReport makes and writes reports from arbitrary case files: a case is
// either refused with an input error or reported in every format, and the
// HTML page is always whole and never carries markup from the case.
func FuzzReport(f *testing.F) {
	for _, tc := range reportCases {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"offender": {"id": "<script>x</script>"}, "attendance": {"sessions": []}}`))
	r := newReporter(f, reportCases[1].area)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := isotp.DecodeCase(bytes.NewReader(data))
		if err != nil {
			return
		}
		rep, err := r.Report(context.Background(), c)
		if err != nil {
			if !errors.Is(err, isotp.ErrInvalidInput) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		var b bytes.Buffer
		if err := rep.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteMarkdown(&b); err != nil {
			t.Fatal(err)
		}
		for _, large := range []bool{false, true} {
			b.Reset()
			if err := rep.WriteHTML(&b, report.HTMLOptions{LargePrint: large}); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			if !strings.HasSuffix(page, "</html>\n") || strings.Count(page, "</html>") != 1 || strings.Contains(page, "<script") {
				t.Fatalf("the page is cut short or carries markup from the case:\n%s", page)
			}
		}
	})
}
