package report_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp/internal/golden"
)

// TestPlainEnglish holds every sample report, in text, Markdown and HTML
// (its text content, large print too), to plain English: no rule id,
// parameter name, finding code or scale id outside a JSON path.
func TestPlainEnglish(t *testing.T) {
	for i, tc := range reportCases {
		t.Run(tc.name, func(t *testing.T) {
			for suffix, out := range render(t, makeReport(t, i)) {
				switch suffix {
				case "json":
					continue
				case "html", "large.html":
					out = golden.TextContent(out)
				}
				if ids := golden.Identifiers(out); len(ids) > 0 {
					t.Errorf("%s: the text names identifiers a reader cannot be expected to know: %s", suffix, strings.Join(ids, ", "))
				}
			}
		})
	}
}

// TestLongIDLabel: an offender id as long as a case may give puts the date
// of the report on a line of its own, and the label's lines stay within 78
// columns where the id's words allow it.
func TestLongIDLabel(t *testing.T) {
	rep := makeReport(t, 0)
	for _, tt := range []struct {
		id   string
		want []string
	}{
		{strings.Repeat("X", 100), []string{strings.Repeat("X", 100) + ",", rep.AsOf.Long()}},
		{strings.Repeat("X", 60) + " " + strings.Repeat("Y", 39), []string{strings.Repeat("X", 60), strings.Repeat("Y", 39) + ", " + rep.AsOf.Long()}},
	} {
		rep.OffenderID = tt.id
		var b strings.Builder
		if err := rep.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		if diff := cmp.Diff(tt.want, lines[1:1+len(tt.want)]); diff != "" {
			t.Errorf("label of a %d-byte id: mismatch (-want +got):\n%s", len(tt.id), diff)
		}
	}
}
