package report

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
)

// HTMLOptions are the choices WriteHTML offers. The zero value is a
// standard-print page.
type HTMLOptions struct {
	// LargePrint makes the page in large print: 18pt text (24 CSS pixels)
	// with wider line spacing, one column throughout, charts with 18pt
	// labels, no text smaller than the body, and the Offender Manager's
	// figures as a list per scale instead of a wide table. Large-print
	// guidance commonly asks for 16 to 18 point; the top of that range is
	// used, as the page is also printed and the charts carry text. Standard
	// print is 12pt.
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
}

// WriteHTML writes the report as one self-contained HTML page: the same two
// parts as WriteText, with a pre/post chart per scale as inline SVG (and the
// same figures in a table beside it), inline CSS, no script and nothing
// fetched from elsewhere, so that it can be mailed, archived or printed as
// it is. Everything from the policy and the case is escaped. It returns
// ErrIncomplete if a part is missing, or the writer's error.
func (rep *Report) WriteHTML(w io.Writer, opts HTMLOptions) error {
	if err := rep.check(); err != nil {
		return err
	}
	v := rep.view()
	for i := range v.Scales {
		v.Scales[i].Chart = newChart(v.Scales[i].res, opts.LargePrint)
	}
	footer := []string{v.Title}
	if rep.AsOf != nil {
		footer = append(footer, "as of "+rep.AsOf.Long())
	}
	footer = append(footer, "policy "+rep.Policy.Name+" "+rep.Policy.Version+", "+rep.Policy.Area)
	page := htmlPage{view: v, Large: opts.LargePrint, CSS: template.CSS(reportCSS), Footer: strings.Join(footer, "; ") + "."}
	return reportHTML.Execute(w, page)
}
