package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/report/pdf"
)

var (
	reportArea   = filepath.Join("..", "..", "examples", "areas", "illustrative-norms.yaml")
	reportSample = filepath.Join("..", "..", "examples", "cases", "report", "completed.json")
)

// TestReportGolden writes the sample report in every format: the command's
// output must be the report the report package's golden files hold for the
// same case and area (the digest masked as there).
func TestReportGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		args []string
	}{
		{"completed.txt", nil},
		{"completed.md", []string{"--format", "md"}},
		{"completed.html", []string{"--format", "html"}},
		{"completed.large.html", []string{"--format", "html", "--large-print"}},
		{"completed.json", []string{"--format", "json"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			args := append(append([]string{"report", "--area", reportArea}, tc.args...), reportSample)
			code, out, errOut := runCLI(t, "", args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			want, err := os.ReadFile(filepath.Join("..", "..", "report", "testdata", "golden", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), golden.ScrubDigests(out)); diff != "" {
				t.Errorf("isotp report differs from the library's report (-library +command):\n%s", diff)
			}
		})
	}
}

func TestReportCommand(t *testing.T) {
	tests := []struct {
		name      string
		stdin     string
		args      []string
		code      int
		stdoutHas string
		stderrHas string
		reason    string
	}{
		{name: "text by default", args: []string{reportSample}, code: exitOK, stdoutHas: "FOR THE OFFENDER MANAGER",
			reason: "without --area the national policy reports raw change"},
		{name: "flags after the case", args: []string{reportSample, "--format", "md"}, code: exitOK, stdoutHas: "## For you"},
		{name: "from standard input", stdin: `{"as_of": "2026-01-02", "attendance": {"sessions": []}}`, args: []string{"--format", "json", "-"},
			code: exitOK, stdoutHas: `"status": "not_started"`},
		{name: "large print needs html or pdf", args: []string{"--large-print", reportSample}, code: exitUsage, stderrHas: "--large-print needs --format html or pdf"},
		{name: "unknown format", args: []string{"--format", "docx", reportSample}, code: exitUsage, stderrHas: `unknown --format "docx"`},
		{name: "no case", code: exitUsage, stderrHas: "wrong number of arguments"},
		{name: "no attendance record", stdin: `{"as_of": "2026-01-02"}`, args: []string{"-"}, code: exitUsage,
			stderrHas: "isotp report: standard input: attendance: required"},
		{name: "unknown scale", stdin: `{"attendance": {"sessions": []}, "assessment": {"pre": {"scores": {"fantasy_x": 3}}}}`, args: []string{"-"},
			code: exitUsage, stderrHas: "assessment.pre.scores.fantasy_x"},
		{name: "malformed case", stdin: `{"attendance": {"sessions": [{"session": 1, "date": "2026-13-01", "outcome": "attended"}]}}`, args: []string{"-"},
			code: exitUsage, stderrHas: "attendance.sessions[0].date"},
		{name: "bad area file", args: []string{"--area", filepath.Join("testdata", "bad-battery.yaml"), reportSample}, code: exitPolicy,
			stderrHas: "bad-battery.yaml:6:20"},
		{name: "help", args: []string{"--help"}, code: exitOK, stderrHas: "--large-print"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, append([]string{"report"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit status %d, want %d (%s)\nstderr: %s", code, tt.code, tt.reason, errOut)
			}
			if !strings.Contains(out, tt.stdoutHas) {
				t.Errorf("stdout does not contain %q:\n%.400s", tt.stdoutHas, out)
			}
			if !strings.Contains(errOut, tt.stderrHas) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderrHas, errOut)
			}
		})
	}
}

// TestReportJSON checks that the JSON report joins the attendance summary
// and the assessment under the policy in force, as of the case's as_of.
func TestReportJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "", "report", "--format", "json", "--area", reportArea, reportSample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		AsOf       string `json:"as_of"`
		OffenderID string `json:"offender_id"`
		Attendance struct {
			Status     string
			Completion struct{ Met bool }
		}
		Assessment struct {
			Scales []struct{ ID, Category string }
		}
		Policy struct{ Area string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := []string{rep.AsOf, rep.OffenderID, rep.Attendance.Status, rep.Assessment.Scales[0].Category, rep.Policy.Area}
	want := []string{"2026-09-25", "SAMPLE-2", "completed", "recovered", "illustrative"}
	if strings.Join(got, " ") != strings.Join(want, " ") || !rep.Attendance.Completion.Met {
		t.Errorf("got %q (completion met %v), want %q and met", got, rep.Attendance.Completion.Met, want)
	}
}

// TestReportPDF writes the sample report as a PDF in both print sizes, when
// a browser is installed, and checks that a missing browser is a usage
// error that says how to get one.
func TestReportPDF(t *testing.T) {
	t.Run("no browser", func(t *testing.T) {
		t.Setenv(browserEnv, filepath.Join(t.TempDir(), "no-such-browser"))
		code, out, errOut := runCLI(t, "", "report", "--format", "pdf", reportSample)
		if code != exitUsage || out != "" {
			t.Errorf("exit %d with %d bytes of output, want %d and none", code, len(out), exitUsage)
		}
		for _, want := range []string{"no Chromium or Google Chrome browser was found", "apt-get install chromium", browserEnv, "--format html"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr does not say %q:\n%s", want, errOut)
			}
		}
	})
	if _, err := pdf.FindBrowser(""); err != nil {
		if os.Getenv("ISOTP_REQUIRE_BROWSER") == "1" {
			t.Fatalf("ISOTP_REQUIRE_BROWSER=1, but: %v", err)
		}
		t.Skipf("no browser, so no PDF is printed (Debian: apt-get install chromium): %v", err)
	}
	if testing.Short() {
		t.Skip("prints a PDF in headless Chromium; skipped with -short")
	}
	for _, args := range [][]string{{"--format", "pdf"}, {"--format", "pdf", "--large-print"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append(append([]string{"report", "--area", reportArea}, args...), reportSample)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.HasPrefix(out, "%PDF-") || !strings.Contains(out, "/Lang (en-GB)") {
				t.Errorf("the output is not a tagged PDF in British English: %.40q", out)
			}
		})
	}
}
