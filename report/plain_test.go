package report_test

import (
	"strings"
	"testing"

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
