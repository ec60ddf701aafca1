// Package pdf writes the Post-Programme Report as a PDF file: the report's
// HTML page (report.Report.WriteHTML) printed by a headless Chromium or
// Google Chrome, which it starts and drives over the DevTools protocol
// (github.com/chromedp/chromedp).
//
// The PDF is the page as a browser prints it: A4, with the running footer
// (his id, the report's date, the policy's short digest, "Page N of M") on
// every page, his part and the Offender Manager's each starting on a page of
// their own, and tables, the session grid and each chart kept whole. It is a
// tagged PDF, which screen readers can follow, with the document's title and
// language set and an outline of its headings.
//
// A browser prints it because no Go library renders the page's HTML, CSS
// and SVG faithfully, and none writes a tagged PDF: laying the report out a
// second time with a PDF-drawing library would give a second document to
// keep in step with the first, and an inaccessible one. The cost is the
// dependency on a browser at run time. Without one, Write and NewPrinter
// return an error that matches ErrNoBrowser; report.WriteHTML writes the
// same page for any browser to print.
//
// The browser runs headless, with a fresh profile of its own that is
// removed afterwards, and with its background networking (updates, sync,
// field trials) turned off: the page is inline and fetches nothing, so the
// browser needs no network. When the program runs as root, as in many
// containers, the browser's sandbox is turned off, as Chromium refuses to
// start there otherwise; the page it renders is the report's own, with no
// script and a Content-Security-Policy that allows none.
//
// Importing this package pulls in chromedp; package report does not, so a
// program that writes only text, Markdown, HTML or JSON does not carry it.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
)

// ErrNoBrowser is matched, with errors.Is, by the error of Write and
// NewPrinter when no browser was found to print with.
var ErrNoBrowser = errors.New("no Chromium or Google Chrome browser was found")

// browsers are the programs looked for on PATH, in order, when no browser
// is named.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// FindBrowser returns the browser to print with: path, when it is not
// empty, else the first of chromium, chromium-browser, google-chrome,
// google-chrome-stable and chrome found on PATH. It returns an error
// matching ErrNoBrowser when there is none.
func FindBrowser(path string) (string, error) {
	if path != "" {
		found, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("pdf: %w: %s: %w", ErrNoBrowser, path, err)
		}
		return found, nil
	}
	for _, name := range browsers {
		if found, err := exec.LookPath(name); err == nil {
			return found, nil
		}
	}
	return "", fmt.Errorf("pdf: %w on PATH (looked for %s)", ErrNoBrowser, strings.Join(browsers, ", "))
}

// Options are the choices Write offers. The zero value prints a
// standard-print report with the first browser found on PATH.
type Options struct {
	// HTML are the page's own options: large print.
	HTML report.HTMLOptions
	// Browser is the path or name of the Chromium or Chrome program to
	// print with; empty: the first browser FindBrowser finds.
	Browser string
}

// Write prints rep as a PDF to w. It starts a browser, prints and stops the
// browser again; to print many reports, make a Printer once instead. It
// returns ErrNoBrowser (with errors.Is) when there is no browser,
// report.ErrIncomplete when rep lacks a part, the context's error when ctx
// ends first, or the browser's or the writer's error.
func Write(ctx context.Context, w io.Writer, rep *report.Report, opts Options) error {
	p, err := NewPrinter(ctx, opts.Browser)
	if err != nil {
		return err
	}
	defer p.Close()
	return p.Write(ctx, w, rep, opts.HTML)
}

// A Printer is a running headless browser that prints reports as PDF. It is
// safe for concurrent use: each Write prints in a tab of its own. Close
// stops the browser; a program that prints reports for as long as it runs
// makes one Printer and keeps it.
type Printer struct {
	browser context.Context // the chromedp context that owns the browser
	cancel  context.CancelFunc
}

// NewPrinter starts the browser: browser is its path or name, or empty for
// the first browser FindBrowser finds. ctx bounds the start only; the
// browser runs until Close. It returns an error matching ErrNoBrowser when
// there is no browser, or the error of starting it.
func NewPrinter(ctx context.Context, browser string) (*Printer, error) {
	bin, err := FindBrowser(browser)
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pdf: starting %s: %w", bin, err)
	}
	// The browser must outlive ctx, so its contexts descend from one that
	// is not cancelled with it; a start that outlasts ctx is stopped.
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	// chromedp logs protocol errors with the log package by default, which
	// could carry the page's text; the library logs nothing.
	quiet := func(string, ...any) {}
	browserCtx, cancelBrowser := chromedp.NewContext(alloc, chromedp.WithLogf(quiet), chromedp.WithErrorf(quiet), chromedp.WithDebugf(quiet))
	p := &Printer{browser: browserCtx, cancel: func() { cancelBrowser(); cancelAlloc() }}
	started := make(chan error, 1)
	go func() {
		_, err := chromedp.Run(browserCtx, chromedp.Navigate("about:blank"))
		started <- err
	}()
	select {
	case err = <-started:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		p.cancel()
		return nil, fmt.Errorf("pdf: starting %s: %w", bin, err)
	}
	return p, nil
}

// Close stops the browser and removes its profile. It always returns nil;
// it has an error result so that a Printer can be closed as an io.Closer.
func (p *Printer) Close() error {
	p.cancel()
	return nil
}

// Write prints rep as a PDF to w, in standard or large print as opts says.
// It returns report.ErrIncomplete when rep lacks a part, the context's
// error when ctx ends first, or the browser's or the writer's error.
func (p *Printer) Write(ctx context.Context, w io.Writer, rep *report.Report, opts report.HTMLOptions) error {
	var page strings.Builder
	if err := rep.WriteHTML(&page, opts); err != nil {
		return err
	}
	data, err := p.printPage(ctx, page.String())
	if err != nil {
		return err
	}
	if rep.AsOf != nil {
		stampDates(data, *rep.AsOf)
	}
	_, err = w.Write(data)
	return err
}

// pdfDate finds the document's dates as the browser writes them in its
// information dictionary: /CreationDate (D:20261201143121+00'00').
var pdfDate = regexp.MustCompile(`/(?:CreationDate|ModDate) \(D:(\d{14})`)

// stampDates sets the PDF's creation and modification dates to the day the
// report speaks as of (midnight), in place of the moment it was printed, so
// that the same report prints to the same bytes. The digits are replaced
// one for one: no offset in the file's cross-reference table moves.
func stampDates(data []byte, day isotp.Date) {
	stamp := fmt.Sprintf("%04d%02d%02d000000", day.Year, int(day.Month), day.Day)
	for _, m := range pdfDate.FindAllSubmatchIndex(data, -1) {
		copy(data[m[2]:m[3]], stamp)
	}
}

// printPage loads html into a new tab and prints it: on the page size its CSS
// gives, with backgrounds, tagged and with an outline.
func (p *Printer) printPage(ctx context.Context, html string) ([]byte, error) {
	tab, closeTab := chromedp.NewContext(p.browser)
	defer closeTab()
	stop := context.AfterFunc(ctx, closeTab)
	defer stop()
	pdf, err := chromedp.Run(tab, printHTML(html))
	if ctx.Err() != nil {
		return nil, fmt.Errorf("pdf: printing the report: %w", ctx.Err())
	}
	if err != nil {
		return nil, fmt.Errorf("pdf: printing the report: %w", err)
	}
	return pdf, nil
}

// printHTML is the action that loads html into the tab and prints it.
func printHTML(html string) chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		if _, err := loadHTML(html)(ctx, t); err != nil {
			return nil, err
		}
		return chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(), chromedp.PDFOutlineAndTagged())(ctx, t)
	}
}

// loadHTML is the action that loads html into the tab, as the page of
// about:blank, and waits until its fonts are ready.
func loadHTML(html string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if _, err := chromedp.Navigate("about:blank")(ctx, t); err != nil {
			return chromedp.Void{}, err
		}
		tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return chromedp.Void{}, err
		}
		if _, err := chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html}); err != nil {
			return chromedp.Void{}, err
		}
		_, err = chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)(ctx, t)
		return chromedp.Void{}, err
	}
}
