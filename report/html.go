package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/isotp-dev/isotp/internal/textwrap"
)

// HTMLOptions are the choices WriteHTML offers. The zero value is a
// standard-print page.
type HTMLOptions struct {
	// LargePrint makes the page in large print: 18pt text (24 CSS pixels)
	// with wider line spacing, one column throughout, charts whose labels
	// are 18pt too, no text smaller than the body (the printed page's
	// running footer included), his table of scores without its
	// better-score column (each chart's heading says it), and the Offender
	// Manager's figures as a short paragraph per scale instead of a wide
	// table. Large-print guidance commonly asks for 16 to 18 point; the top
	// of that range is used, as the page is also printed and the charts
	// carry text. Standard print is 12pt.
	LargePrint bool
}

var (
	//go:embed report.html.tmpl
	reportTemplate string
	//go:embed report.css
	reportCSS string

	reportHTML = template.Must(template.New("report").Parse(reportTemplate))
)

// htmlPage is what the HTML template reads.
type htmlPage struct {
	*view
	Large  bool
	CSS    template.CSS
	Footer string
	// PageFooter and PageHeader are the running footer and header of every
	// printed page: who and when, and the policy's short digest; and a
	// caution when the norms are illustrative.
	PageFooter, PageHeader template.CSS
}

// WriteHTML writes the report as one self-contained HTML page: the same two
// parts as WriteText, with a pre/post chart per scale as inline SVG (and the
// same figures in a table after them), inline CSS, no script and nothing
// fetched from elsewhere, so that it can be mailed, archived or printed as
// it is. Everything from the policy and the case is escaped, and the
// characters that could reorder or hide text (see the isotp package's
// Privacy) are shown as marks, &lt;U+202E&gt;.
//
// Printed (or written as a PDF by package report/pdf), the page is A4 with
// margins of 13 to 16 mm and room at the foot, from CSS paged media: every
// page carries a running footer with his id and the report's date, the
// policy's short digest and "Page N of M", and, when the norms are
// illustrative, a header saying so. Tables, the session grid and each
// scale's chart with its sentence are kept whole on a page, and his part
// and the Offender Manager's start on pages of their own. It returns
// ErrIncomplete if a part is missing, or the writer's error.
func (rep *Report) WriteHTML(w io.Writer, opts HTMLOptions) error {
	if err := rep.check(); err != nil {
		return err
	}
	v := rep.view()
	for i := range v.Scales {
		v.Scales[i].Chart = newChart(v.Scales[i].res)
	}
	footer := []string{v.Title}
	if rep.AsOf != nil {
		footer = append(footer, "as of "+rep.AsOf.Long())
	}
	footer = append(footer, "policy "+rep.Policy.Name+" "+rep.Policy.Version+", "+rep.Policy.Area)
	page := htmlPage{view: v, Large: opts.LargePrint, CSS: template.CSS(reportCSS), Footer: strings.Join(footer, "; ") + ".",
		PageFooter: cssString(rep.pageFooter())}
	if v.Caution != "" {
		page.PageHeader = cssString("Illustrative norms: not for any decision")
	}
	var b strings.Builder
	if err := reportHTML.Execute(&b, page); err != nil {
		return err
	}
	_, err := io.WriteString(w, textwrap.VisibleHTML(b.String()))
	return err
}

// pageFooter is the running footer of a printed page, without the page
// number: his id and the report's date, as far as known, then the policy's
// short digest (its first 12 hex digits), or its name and version when it
// has none.
func (rep *Report) pageFooter() string {
	policy := "Policy " + rep.Policy.Name + " " + rep.Policy.Version
	if d, ok := strings.CutPrefix(rep.Policy.Digest, "sha256:"); ok && len(d) >= 12 {
		policy = "Policy sha256:" + d[:12]
	}
	if l := textwrap.Visible(rep.label()); l != "" {
		return l + "\n" + policy
	}
	return policy
}

// cssString writes s as a quoted CSS string, for the content of a page's
// margin box. Letters, digits, spaces and ,.:- are written as they are;
// every other character, the quote, the backslash, < and / among them, as a
// six-digit escape, so that nothing in s can end the string or the style
// sheet. (html/template would refuse text with a colon here, taking the
// string for a URL.)
func cssString(s string) template.CSS {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(" ,.:-", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "\\%06x", r)
		}
	}
	b.WriteByte('"')
	return template.CSS(b.String())
}
