package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/rules"
)

// The browser test renders the sample report, in standard and large print,
// in a real headless Chromium: it checks the page as loaded (no console
// message, its language, headings and chart descriptions, a screenshot that
// shows the charts), the chart labels' size in a narrow window, an axe-core
// audit for WCAG 2.2 A and AA, and the PDF printed from it (A4, the page
// count, the running footer on every page, title and language).
//
// It needs Chromium (Debian: apt-get install chromium), poppler-utils
// (pdfinfo, pdftotext) and axe-core from the npm registry, at the path in
// ISOTP_AXE or under ~/.cache/isotp (npm install --prefix ~/.cache/isotp
// axe-core). Without them it is skipped, saying what is missing, unless
// ISOTP_REQUIRE_BROWSER=1, as in CI, where it fails instead.

// wcag are the axe-core tags audited: WCAG 2.0, 2.1 and 2.2, levels A and AA.
var wcag = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// maxLargePrintPages is the most pages the sample report may take in large
// print.
const maxLargePrintPages = 14

// need skips the test, or fails it under ISOTP_REQUIRE_BROWSER=1, when a
// tool it needs is missing.
func need(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("ISOTP_REQUIRE_BROWSER") == "1" {
		t.Fatalf("ISOTP_REQUIRE_BROWSER=1, but %s is missing: %v", what, err)
	}
	t.Skipf("%s is missing, so the report is not audited in a browser: %v", what, err)
}

// axeScript returns axe-core's axe.min.js: from ISOTP_AXE, or as npm
// installs it under ~/.cache/isotp.
func axeScript() (string, error) {
	path := os.Getenv("ISOTP_AXE")
	if path == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		path = filepath.Join(cache, "isotp", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%w (npm install --prefix ~/.cache/isotp axe-core, or set ISOTP_AXE to axe.min.js)", err)
	}
	return string(b), nil
}

func sampleReport(t testing.TB) *report.Report {
	t.Helper()
	pol, err := rules.Load(rules.National, rules.AreaPath(filepath.Join("..", "..", "examples", "areas", "illustrative-norms.yaml")))
	require.NoError(t, err)
	r, err := report.New(pol)
	require.NoError(t, err)
	f, err := os.Open(filepath.Join("..", "..", "examples", "cases", "report", "completed.json"))
	require.NoError(t, err)
	defer f.Close()
	c, err := isotp.DecodeCase(f)
	require.NoError(t, err)
	rep, err := r.Report(context.Background(), c)
	require.NoError(t, err)
	return rep
}

func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the report in headless Chromium; skipped with -short")
	}
	_, err := FindBrowser("")
	need(t, "Chromium", err)
	axe, err := axeScript()
	need(t, "axe-core", err)
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		_, err := exec.LookPath(tool)
		need(t, tool+" (Debian: apt-get install poppler-utils)", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	p, err := NewPrinter(ctx, "")
	require.NoError(t, err)
	defer p.Close()
	rep := sampleReport(t)
	scored := 0
	for _, s := range rep.Assessment.Scales {
		if s.Pre != nil || s.Post != nil {
			scored++
		}
	}
	dir := t.TempDir()
	for _, large := range []bool{false, true} {
		name := map[bool]string{false: "standard", true: "large"}[large]
		t.Run(name, func(t *testing.T) {
			var page strings.Builder
			require.NoError(t, rep.WriteHTML(&page, report.HTMLOptions{LargePrint: large}))
			tab, closeTab := chromedp.NewContext(p.browser)
			defer closeTab()
			console := load(ctx, t, tab, page.String())
			if len(console) > 0 {
				t.Errorf("the page wrote to the console:\n%s", strings.Join(console, "\n"))
			}
			checkDOM(t, tab, large, scored)
			checkScreenshot(t, tab)
			checkKeptWhole(t, tab)
			checkNarrow(t, tab)
			audit(t, tab, axe)
			checkChartContrast(t, tab)

			data, err := p.printPage(ctx, page.String())
			require.NoError(t, err)
			file := filepath.Join(dir, name+".pdf")
			require.NoError(t, os.WriteFile(file, data, 0o644))
			checkPDF(t, file, rep, large)
		})
	}
	t.Run("reproducible", func(t *testing.T) {
		var first, second bytes.Buffer
		require.NoError(t, p.Write(ctx, &first, rep, report.HTMLOptions{}))
		time.Sleep(1100 * time.Millisecond) // into the next second of the clock the browser stamps
		require.NoError(t, p.Write(ctx, &second, rep, report.HTMLOptions{}))
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Error("the same report printed to different bytes")
		}
		want := fmt.Sprintf("/CreationDate (D:%04d%02d%02d000000", rep.AsOf.Year, int(rep.AsOf.Month), rep.AsOf.Day)
		if !bytes.Contains(first.Bytes(), []byte(want)) {
			t.Errorf("the PDF does not carry the report's date: no %q", want)
		}
	})
}

// load loads html into the tab and returns what the page wrote to the
// console or the browser logged for it (a resource the page's
// Content-Security-Policy refused, a script error).
func load(ctx context.Context, t *testing.T, tab context.Context, html string) []string {
	t.Helper()
	var mu sync.Mutex
	var msgs []string
	require.NoError(t, chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*cdplog.EventEntryAdded); ok {
			mu.Lock()
			msgs = append(msgs, string(e.Entry.Level)+": "+e.Entry.Text)
			mu.Unlock()
		}
	}))
	_, err := chromedp.Call(tab, cdplog.Enable, cdp.Empty{})
	require.NoError(t, err)
	_, err = chromedp.Run(tab, loadHTML(html))
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	return append([]string(nil), msgs...)
}

// eval runs a script in the tab and decodes its JSON result into a T.
func eval[T any](t *testing.T, tab context.Context, script string) T {
	t.Helper()
	raw, err := chromedp.Run(tab, chromedp.Evaluate[[]byte](script, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	var v T
	require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	return v
}

// checkDOM checks the rendered page's language, headings and charts: one
// per scored scale, each an image named by its title and described by its
// desc, so that a screen reader reads the scores.
func checkDOM(t *testing.T, tab context.Context, large bool, scored int) {
	t.Helper()
	type dom struct {
		Lang, H1, BodyClass string
		H2                  []string
		Charts, Described   int
	}
	got := eval[dom](t, tab, `(() => {
		const charts = [...document.querySelectorAll('svg[role="img"]')];
		const described = charts.filter(svg => {
			const [title, desc] = (svg.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id));
			return title && title.tagName === 'title' && title.textContent.trim() !== '' &&
				desc && desc.tagName === 'desc' && /Before the programme: .*After it: /.test(desc.textContent);
		});
		return {Lang: document.documentElement.lang, H1: document.querySelector('h1').textContent,
			BodyClass: document.body.className, H2: [...document.querySelectorAll('h2')].map(h => h.id),
			Charts: charts.length, Described: described.length};
	})()`)
	want := dom{Lang: "en-GB", H1: "i-SOTP Post-Programme Report", BodyClass: "standard-print",
		H2: []string{"for-you-h", "for-om-h"}, Charts: scored, Described: scored}
	if large {
		want.BodyClass = "large-print"
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rendered page mismatch (-want +got):\n%s", diff)
	}
}

// afterMarker is the fill of a chart's After square, a colour used nowhere
// else on the page.
var afterMarker = color.RGBA{0x1f, 0x5f, 0xa0, 0xff}

// checkScreenshot takes a screenshot 1000 by 2600 pixels and checks that it
// is not blank (many colours, and plenty of ink on the white page) and shows
// a chart (the After marker's fill).
func checkScreenshot(t *testing.T, tab context.Context) {
	t.Helper()
	shot, err := chromedp.Run(tab, func(ctx context.Context, tt *chromedp.Target) ([]byte, error) {
		if _, err := chromedp.EmulateViewport(1000, 2600)(ctx, tt); err != nil {
			return nil, err
		}
		return chromedp.CaptureScreenshot()(ctx, tt)
	})
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	b := img.Bounds()
	colours := map[color.RGBA]bool{}
	ink, marker := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colours[c] = true
			if c.R < 128 && c.G < 128 && c.B < 128 {
				ink++
			}
			if c == afterMarker {
				marker++
			}
		}
	}
	total := b.Dx() * b.Dy()
	if b.Dx() != 1000 || b.Dy() != 2600 {
		t.Errorf("screenshot is %v, want 1000x2600", b.Size())
	}
	if len(colours) < 16 || ink < total/100 {
		t.Errorf("screenshot looks blank: %d colours, %d of %d pixels dark", len(colours), ink, total)
	}
	if marker < 50 {
		t.Errorf("screenshot shows no chart: %d pixels of the After marker's fill", marker)
	}
}

// checkKeptWhole checks, with the print style sheet in force, that what
// must not be split across pages says so: every table, the session grid and
// its key, each scale's section (heading, chart and sentence) and each
// chart, and that the Offender Manager's part starts on a new page. The
// PDF's page count and the pages looked at by eye hold the rest.
func checkKeptWhole(t *testing.T, tab context.Context) {
	t.Helper()
	_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	require.NoError(t, err)
	defer func() {
		_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		require.NoError(t, err)
	}()
	type kept struct {
		Whole, Split []string
		OMBreak      string
	}
	got := eval[kept](t, tab, `(() => {
		const whole = [], split = [];
		for (const el of document.querySelectorAll('table, ol.grid, dl.legend, section.scale, figure, section.figures')) {
			const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className.split(' ')[0] : '');
			(getComputedStyle(el).breakInside === 'avoid' ? whole : split).push(name);
		}
		return {Whole: [...new Set(whole)].sort(), Split: [...new Set(split)].sort(),
			OMBreak: getComputedStyle(document.getElementById('for-om')).breakBefore};
	})()`)
	if len(got.Split) > 0 || got.OMBreak != "page" || len(got.Whole) < 4 {
		t.Errorf("in print, kept whole: %v; may split: %v; the Offender Manager's part breaks before: %q (want page)", got.Whole, got.Split, got.OMBreak)
	}
}

// checkNarrow lays the page out 480 CSS pixels wide and checks that every
// chart label, in the plot and beside it, is drawn at the size of the
// body's text: the plot is not scaled down to fit.
func checkNarrow(t *testing.T, tab context.Context) {
	t.Helper()
	_, err := chromedp.Run(tab, chromedp.EmulateViewport(480, 1200))
	require.NoError(t, err)
	type sizes struct {
		Body   float64
		Labels []float64 // each label's rendered font size, in CSS pixels
	}
	got := eval[sizes](t, tab, `(() => {
		const px = el => parseFloat(getComputedStyle(el).fontSize);
		const labels = [];
		for (const text of document.querySelectorAll('.chart svg text')) {
			labels.push(px(text) * text.getScreenCTM().a);
		}
		for (const row of document.querySelectorAll('.chart-rows div')) {
			labels.push(px(row));
		}
		return {Body: px(document.body), Labels: labels};
	})()`)
	if len(got.Labels) == 0 {
		t.Fatal("no chart labels found")
	}
	for i, l := range got.Labels {
		if math.Abs(l-got.Body) > 0.01 {
			t.Errorf("at 480 px, chart label %d is %.2f px, want the body's %.2f px", i, l, got.Body)
			break
		}
	}
}

// audit runs axe-core over the page for WCAG 2.2 A and AA and fails on any
// violation, naming the rule and the elements.
func audit(t *testing.T, tab context.Context, axe string) {
	t.Helper()
	_, err := chromedp.Run(tab, chromedp.EmulateViewport(1000, 1400))
	require.NoError(t, err)
	_, err = chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](axe))
	require.NoError(t, err)
	tags, err := json.Marshal(wcag)
	require.NoError(t, err)
	type node struct{ Target []string }
	type rule struct {
		ID, Impact, Help string
		Nodes            []node
	}
	type results struct {
		Violations, Incomplete []rule
		Passes                 int
		Version                string
	}
	got := eval[results](t, tab, `axe.run(document, {runOnly: {type: 'tag', values: `+string(tags)+`}}).then(r => ({
		Violations: r.violations.map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.map(n => ({Target: n.target}))})),
		Incomplete: r.incomplete.map(v => ({ID: v.id, Impact: v.impact || '', Help: v.help, Nodes: v.nodes.map(n => ({Target: n.target}))})),
		Passes: r.passes.length, Version: axe.version}))`)
	t.Logf("axe-core %s, %s: %d rules passed, %d violations, %d to review by hand", got.Version, strings.Join(wcag, " "),
		got.Passes, len(got.Violations), len(got.Incomplete))
	for _, v := range got.Incomplete {
		t.Logf("  to review: %s (%s) on %d elements", v.ID, v.Help, len(v.Nodes))
	}
	for _, v := range got.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, strings.Join(n.Target, " "))
		}
		t.Errorf("axe: %s (%s): %s, on %s", v.ID, v.Impact, v.Help, strings.Join(where, "; "))
	}
	if got.Passes == 0 {
		t.Error("axe passed no rule: the audit did not run")
	}
}

// checkChartContrast checks what axe-core leaves to be reviewed by hand:
// the contrast of the charts' SVG text (at least 4.5:1, WCAG 1.4.3) and of
// the graphics that carry meaning, the markers, the rows' tracks, the axis
// and the cut-off line (at least 3:1, WCAG 1.4.11), against the white page.
// The grid lines only help the eye, and are left out.
func checkChartContrast(t *testing.T, tab context.Context) {
	t.Helper()
	type paint struct {
		What  string
		Ratio float64
	}
	got := eval[[]paint](t, tab, `(() => {
		const lum = c => {
			const [r, g, b] = c.match(/[0-9.]+/g).slice(0, 3).map(Number).map(v => v / 255)
				.map(v => v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const white = lum('rgb(255, 255, 255)');
		const ratio = c => (white + 0.05) / (lum(c) + 0.05);
		const out = [];
		for (const el of document.querySelectorAll('.chart svg text')) {
			out.push({What: 'text ' + el.textContent, Ratio: ratio(getComputedStyle(el).fill), Min: 4.5});
		}
		for (const el of document.querySelectorAll('.chart svg circle, .chart svg rect, .chart svg line')) {
			if (el.closest('.grid')) continue;
			out.push({What: el.tagName + ' stroke', Ratio: ratio(getComputedStyle(el).stroke), Min: 3});
		}
		return out;
	})()`)
	if len(got) == 0 {
		t.Fatal("no chart text or graphics found")
	}
	texts := 0
	for _, p := range got {
		min := 3.0
		if strings.HasPrefix(p.What, "text ") {
			min, texts = 4.5, texts+1
		}
		if p.Ratio < min {
			t.Errorf("chart %s: contrast %.2f:1 against the page, want at least %.1f:1", p.What, p.Ratio, min)
		}
	}
	t.Logf("chart contrast checked: %d labels (4.5:1) and %d graphics (3:1)", texts, len(got)-texts)
}

// pageSize matches pdfinfo's "Page size: 594.96 x 841.92 pts (A4)".
var pageSize = regexp.MustCompile(`(?m)^Page size:\s+([0-9.]+) x ([0-9.]+) pts`)

// checkPDF checks the printed report with poppler-utils: A4 pages, at most
// maxLargePrintPages in large print, the document's title and language, and
// the running footer (his id, the report's date, the policy's short digest,
// "Page N of M") and the illustrative-norms header on every page.
func checkPDF(t *testing.T, file string, rep *report.Report, large bool) {
	t.Helper()
	info, err := exec.Command("pdfinfo", file).Output()
	require.NoError(t, err)
	field := func(name string) string {
		m := regexp.MustCompile(`(?m)^` + name + `:\s+(.*)$`).FindSubmatch(info)
		if m == nil {
			t.Fatalf("pdfinfo gives no %s:\n%s", name, info)
		}
		return string(m[1])
	}
	size := pageSize.FindSubmatch(info)
	require.NotNil(t, size, "pdfinfo gives no page size:\n%s", info)
	w, _ := strconv.ParseFloat(string(size[1]), 64)
	h, _ := strconv.ParseFloat(string(size[2]), 64)
	if math.Abs(w-595) > 1 || math.Abs(h-842) > 1 {
		t.Errorf("page size %v x %v pt, want A4, 595 x 842", w, h)
	}
	pages, err := strconv.Atoi(field("Pages"))
	require.NoError(t, err)
	t.Logf("%s: %d pages of %s x %s pt", filepath.Base(file), pages, size[1], size[2])
	if large && pages > maxLargePrintPages {
		t.Errorf("large print takes %d pages, want at most %d", pages, maxLargePrintPages)
	}
	title := "i-SOTP Post-Programme Report: SAMPLE-2, 25 September 2026"
	if large {
		title += " (large print)"
	}
	if got := field("Title"); got != title {
		t.Errorf("PDF title %q, want %q", got, title)
	}
	if got := field("Tagged"); got != "yes" {
		t.Errorf("PDF tagged %q, want yes", got)
	}
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	if !bytes.Contains(data, []byte("/Lang (en-GB)")) {
		t.Error("the PDF's catalogue does not give its language, en-GB")
	}
	digest := strings.TrimPrefix(rep.Policy.Digest, "sha256:")[:12]
	for i := 1; i <= pages; i++ {
		text, err := exec.Command("pdftotext", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-layout", file, "-").Output()
		require.NoError(t, err)
		for _, want := range []string{"SAMPLE-2, 25 September 2026", fmt.Sprintf("Page %d of %d", i, pages),
			"Policy sha256:" + digest, "Illustrative norms: not for any decision"} {
			if !bytes.Contains(text, []byte(want)) {
				t.Errorf("page %d of %d lacks %q", i, pages, want)
			}
		}
	}
}
