package report_test

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/isotp-dev/isotp/report"
)

// chromiumFlags run Debian's chromium headless, without a sandbox (tests
// may run as root in a container), a network or a profile of its own, and
// with the page's console written to standard error.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--enable-logging=stderr", "--v=0",
}

// consoleLine matches a message the page wrote to the browser's console:
// a script error, a resource refused by the page's Content-Security-Policy
// or one that failed to load.
var consoleLine = regexp.MustCompile(`(?m)^\[[^\]]*:CONSOLE[^\]]*\].*$`)

// TestReportInBrowser opens the sample report, in standard and large print,
// in headless Chromium: the page must load without a console message, the
// rendered DOM must hold the headings and one chart per scored scale, and
// a screenshot must show the page, charts included. It is skipped when
// chromium is not installed (Debian: apt-get install -y chromium).
func TestReportInBrowser(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH, so the HTML report is not rendered (Debian: apt-get install -y chromium)")
	}
	if testing.Short() {
		t.Skip("renders the HTML report in headless Chromium; skipped with -short")
	}
	rep := makeReport(t, 0)
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
			var page bytes.Buffer
			if err := rep.WriteHTML(&page, report.HTMLOptions{LargePrint: large}); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".html")
			if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			url := "file://" + file

			dom, stderr := runChromium(t, bin, filepath.Join(dir, name+"-dom"), "--dump-dom", url)
			if msgs := consoleLine.FindAllString(stderr, -1); len(msgs) > 0 {
				t.Errorf("the page wrote to the console:\n%s", strings.Join(msgs, "\n"))
			}
			for _, want := range []string{
				`<html lang="en-GB">`,
				`<h1>i-SOTP Post-Programme Report</h1>`,
				`<h2 id="for-you-h">For you</h2>`,
				`<h2 id="for-om-h">For the Offender Manager</h2>`,
				`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-cognitive_distortions-title chart-cognitive_distortions-desc"`,
				`<caption>Your questionnaire scores, before and after the programme</caption>`,
				`</html>`,
			} {
				if !strings.Contains(dom, want) {
					t.Errorf("the rendered page lacks %s", want)
				}
			}
			if got := strings.Count(dom, "<svg "); got != scored {
				t.Errorf("the rendered page has %d charts, want one per scored scale: %d", got, scored)
			}
			if large != strings.Contains(dom, `<body class="large-print">`) {
				t.Errorf("large print %v, but the body's class does not say so", large)
			}

			shot := filepath.Join(dir, name+".png")
			runChromium(t, bin, filepath.Join(dir, name+"-shot"), "--screenshot="+shot, "--window-size=1000,2600", "--hide-scrollbars", url)
			checkScreenshot(t, shot)
		})
	}
}

// runChromium runs chromium with a fresh profile and returns its standard
// output and error.
func runChromium(t *testing.T, bin, profile string, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args = append(append(append([]string{}, chromiumFlags...), "--user-data-dir="+profile), args...)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// afterMarker is the fill of a chart's After square, a colour used nowhere
// else on the page.
var afterMarker = color.RGBA{0x1f, 0x5f, 0xa0, 0xff}

// checkScreenshot checks that the screenshot was written, is not blank
// (many colours, and plenty of ink on the white page) and shows a chart (the
// After marker's fill).
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
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
