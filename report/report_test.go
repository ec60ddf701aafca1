package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/rules"
)

// reportCases are the golden report cases: the sample shipped with the
// examples under the illustrative norms, and edge cases under the test
// battery.
var reportCases = []struct {
	name, file, area string
}{
	{"completed", filepath.Join("..", "examples", "cases", "report", "completed.json"), filepath.Join("..", "examples", "areas", "illustrative-norms.yaml")},
	{"unfinished", filepath.Join("testdata", "cases", "unfinished.json"), filepath.Join("testdata", "area.yaml")},
	{"restart", filepath.Join("testdata", "cases", "restart.json"), filepath.Join("testdata", "area.yaml")},
}

func newReporter(t testing.TB, area string) *report.Reporter {
	t.Helper()
	var opts []rules.Option
	if area != "" {
		opts = append(opts, rules.AreaPath(area))
	}
	pol, err := rules.Load(rules.National, opts...)
	require.NoError(t, err)
	r, err := report.New(pol)
	require.NoError(t, err)
	return r
}

func readCase(t testing.TB, path string) *isotp.Case {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	c, err := isotp.DecodeCase(f)
	require.NoError(t, err)
	return c
}

// makeReport makes the report of test case tc.
func makeReport(t testing.TB, tc int) *report.Report {
	t.Helper()
	rep, err := newReporter(t, reportCases[tc].area).Report(context.Background(), readCase(t, reportCases[tc].file))
	require.NoError(t, err)
	return rep
}

// render writes rep in every format, by file suffix.
func render(t testing.TB, rep *report.Report) map[string]string {
	t.Helper()
	out := map[string]string{}
	js, err := json.MarshalIndent(rep, "", "  ")
	require.NoError(t, err)
	out["json"] = string(js) + "\n"
	for suffix, write := range map[string]func(*bytes.Buffer) error{
		"txt":        func(b *bytes.Buffer) error { return rep.WriteText(b) },
		"md":         func(b *bytes.Buffer) error { return rep.WriteMarkdown(b) },
		"html":       func(b *bytes.Buffer) error { return rep.WriteHTML(b, report.HTMLOptions{}) },
		"large.html": func(b *bytes.Buffer) error { return rep.WriteHTML(b, report.HTMLOptions{LargePrint: true}) },
	} {
		var b bytes.Buffer
		require.NoError(t, write(&b), suffix)
		out[suffix] = b.String()
	}
	return out
}

// TestReportGolden writes each report case in every format and compares
// the output with testdata/golden, the policy digest masked.
func TestReportGolden(t *testing.T) {
	for i, tc := range reportCases {
		t.Run(tc.name, func(t *testing.T) {
			for suffix, got := range render(t, makeReport(t, i)) {
				golden.CheckString(t, filepath.Join("testdata", "golden", tc.name+"."+suffix), golden.ScrubDigests(got))
			}
		})
	}
}

// TestReportDeterministic makes the same report twice, on separate
// Reporters, and compares every format byte for byte, digest included.
func TestReportDeterministic(t *testing.T) {
	if diff := cmp.Diff(render(t, makeReport(t, 0)), render(t, makeReport(t, 0))); diff != "" {
		t.Errorf("reports differ (-first +second):\n%s", diff)
	}
}

func TestReportParts(t *testing.T) {
	r := newReporter(t, filepath.Join("testdata", "area.yaml"))
	c := readCase(t, reportCases[1].file)
	rep, err := r.Report(context.Background(), c)
	require.NoError(t, err)
	type parts struct {
		AsOf       string
		OffenderID string
		Status     string
		Categories int
		Area       string
		Same       bool
	}
	want := parts{AsOf: "2026-03-04", OffenderID: "TEST-U1", Status: "catch_up_required", Categories: 15, Area: "testarea", Same: true}
	got := parts{AsOf: rep.AsOf.String(), OffenderID: rep.OffenderID, Status: rep.Attendance.Status.String(),
		Categories: len(rep.Assessment.Scales), Area: rep.Policy.Area,
		Same: rep.Policy == rep.Attendance.Policy && rep.Policy == rep.Assessment.Policy}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report mismatch (-want +got):\n%s", diff)
	}

	c.AsOf, c.Offender = isotp.Date{}, nil
	rep, err = r.Report(context.Background(), c)
	require.NoError(t, err)
	js, err := json.Marshal(rep)
	require.NoError(t, err)
	if !bytes.HasPrefix(js, []byte(`{"as_of":null,"attendance":`)) {
		t.Errorf("an unknown as_of should marshal as null and an unknown offender be left out:\n%.80s", js)
	}
	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	if want := "i-SOTP Post-Programme Report\n\nThis report is about your time on the i-SOTP programme. The first"; !strings.HasPrefix(text.String(), want) {
		t.Errorf("a report without as_of or offender should have no label:\n%.120s", text.String())
	}
}

func TestReportErrors(t *testing.T) {
	r := newReporter(t, filepath.Join("testdata", "area.yaml"))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		c        *isotp.Case
		wantIs   error
		wantPath string
		reason   string
	}{
		{name: "no case", c: nil, wantIs: isotp.ErrInvalidInput},
		{name: "no attendance record", c: &isotp.Case{}, wantIs: isotp.ErrInvalidInput, wantPath: "attendance",
			reason: "a report needs the attendance record, even an empty one"},
		{name: "unknown scale", c: &isotp.Case{Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{}},
			Assessment: &isotp.Assessment{Post: &isotp.Scores{Scores: map[string]float64{"fantasy_x": 3}}}},
			wantIs: isotp.ErrInvalidInput, wantPath: "assessment.post.scores.fantasy_x"},
		{name: "cancelled", ctx: cancelled, c: &isotp.Case{Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{}}}, wantIs: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			_, err := r.Report(ctx, tt.c)
			require.ErrorIs(t, err, tt.wantIs, tt.reason)
			if tt.wantPath != "" {
				var ie *isotp.InputError
				require.ErrorAs(t, err, &ie)
				if ie.Path != tt.wantPath {
					t.Errorf("error %v, want the path %s", err, tt.wantPath)
				}
			}
		})
	}
}

func TestReportIncomplete(t *testing.T) {
	writers := map[string]func(*report.Report) error{
		"text":     func(r *report.Report) error { return r.WriteText(&bytes.Buffer{}) },
		"markdown": func(r *report.Report) error { return r.WriteMarkdown(&bytes.Buffer{}) },
		"html":     func(r *report.Report) error { return r.WriteHTML(&bytes.Buffer{}, report.HTMLOptions{}) },
	}
	for name, write := range writers {
		for _, rep := range []*report.Report{nil, {}, {Assessment: &assessment.Result{}}} {
			if err := write(rep); !errors.Is(err, report.ErrIncomplete) {
				t.Errorf("%s of %+v: error %v, want ErrIncomplete", name, rep, err)
			}
		}
	}
}

// TestReportEscapes gives a scale a title and a completion rule a message
// full of markup, and checks that neither the HTML nor the Markdown lets it
// through.
func TestReportEscapes(t *testing.T) {
	const hostile = `<script>alert(1)</script> & *bold* | [link](x) _u_`
	area := []byte(`area: hostile
policy: i-SOTP
assessment:
  scales:
    - id: odd_scale
      title: "` + hostile + `"
      higher_is_better: true
      sd: 4
      reliability: 0.8
      cutoff: 10
`)
	pol, err := rules.Load(rules.National, rules.AreaBytes("hostile.yaml", area))
	require.NoError(t, err)
	r, err := report.New(pol)
	require.NoError(t, err)
	rep, err := r.Report(context.Background(), &isotp.Case{
		Attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{}},
		Assessment: &isotp.Assessment{Pre: &isotp.Scores{Scores: map[string]float64{"odd_scale": 4}},
			Post: &isotp.Scores{Scores: map[string]float64{"odd_scale": 14}}},
	})
	require.NoError(t, err)
	out := render(t, rep)
	for _, suffix := range []string{"html", "large.html"} {
		if strings.Contains(out[suffix], "<script>") || !strings.Contains(out[suffix], "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*") {
			t.Errorf("%s: the title is not escaped", suffix)
		}
	}
	if !strings.Contains(out["md"], `\<script\>alert(1)\</script\> \& \*bold\* \| \[link\](x) \_u\_`) {
		t.Errorf("md: the title is not escaped:\n%s", out["md"])
	}
}

// TestReportMarks: an offender id holding characters that could reorder or
// hide text is shown with each as a mark in every form for people, in the
// form's own escaping, and kept as given in the JSON.
func TestReportMarks(t *testing.T) {
	c := readCase(t, reportCases[0].file)
	c.Offender.ID = "A1\u202egpj.exe\u202c \u2067X\u2069 \u061c\u200e\u200f\u202a\u202b\u202d\u2066\u2068\u2028\u2029\x1b\r"
	rep, err := newReporter(t, reportCases[0].area).Report(context.Background(), c)
	require.NoError(t, err)
	out := render(t, rep)
	marks := []string{"U+202E", "U+202C", "U+2067", "U+2069", "U+061C", "U+200E", "U+200F", "U+202A", "U+202B", "U+202D", "U+2066", "U+2068", "U+2028", "U+2029", "U+001B", "U+000D"}
	for _, tt := range []struct{ suffix, open, close string }{
		{"txt", "<", ">"},
		{"md", `\<`, `\>`},
		{"html", "&lt;", "&gt;"},
		{"large.html", "&lt;", "&gt;"},
	} {
		for _, r := range c.Offender.ID {
			if r > 'z' || r < ' ' {
				require.NotContains(t, out[tt.suffix], string(r), "%s: %U is written as it is", tt.suffix, r)
			}
		}
		for _, m := range marks {
			require.Contains(t, out[tt.suffix], tt.open+m+tt.close, tt.suffix)
		}
	}
	require.Contains(t, out["txt"], "A1<U+202E>gpj.exe<U+202C> <U+2067>X<U+2069>")
	var js struct {
		OffenderID string `json:"offender_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(out["json"]), &js))
	require.Equal(t, c.Offender.ID, js.OffenderID, "the JSON keeps the id as given")
}

// TestReportConcurrent makes reports from many goroutines at once; run with
// -race.
func TestReportConcurrent(t *testing.T) {
	tc := reportCases[0]
	r := newReporter(t, tc.area)
	c := readCase(t, tc.file)
	want, err := r.Report(context.Background(), c)
	require.NoError(t, err)
	wantHTML := render(t, want)["html"]
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 10 {
				got, err := r.Report(context.Background(), c)
				if err != nil {
					t.Error(err)
					return
				}
				var b bytes.Buffer
				if err := got.WriteHTML(&b, report.HTMLOptions{}); err != nil || b.String() != wantHTML {
					t.Errorf("concurrent report differs (error %v)", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestReportNotice checks that a notice a program sets is shown at the top
// of every format, before the report's own words.
func TestReportNotice(t *testing.T) {
	rep := makeReport(t, 1)
	rep.Notice = "DRAFT:\nnot yet\tchecked."
	want := map[string]string{
		"txt":        "NOTICE: DRAFT: not yet checked.",
		"md":         "> **Notice:** DRAFT: not yet checked.",
		"html":       `<p class="notice" role="note"><strong>Notice:</strong> DRAFT: not yet checked.</p>`,
		"large.html": `<p class="notice" role="note"><strong>Notice:</strong> DRAFT: not yet checked.</p>`,
		"json":       `"notice": "DRAFT:\nnot yet\tchecked.",`,
	}
	for suffix, out := range render(t, rep) {
		i, j := strings.Index(out, want[suffix]), strings.Index(out, "This report is about")
		if i < 0 || (suffix != "json" && i > j) {
			t.Errorf("%s: the notice is missing or not before the introduction:\n%.600s", suffix, out)
		}
	}
}

// TestReportCaution checks that a report made under norms the area file
// marks as illustrative says so at the top of every format, and that one
// made under norms it does not describe says nothing of the kind.
func TestReportCaution(t *testing.T) {
	const caution = "ILLUSTRATIVE NORMS: the figures behind 6 of the 14 scales"
	for suffix, out := range render(t, makeReport(t, 0)) {
		i, j := strings.Index(out, caution), strings.Index(out, "This report is about")
		if i < 0 || (suffix != "json" && i > j) {
			t.Errorf("%s: the caution is missing or not before the introduction:\n%.600s", suffix, out)
		}
		if suffix != "json" && !strings.Contains(out, "are ILLUSTRATIVE, made up to show how the assessment works") {
			t.Errorf("%s: the method note does not give the norms' status", suffix)
		}
	}
	for suffix, out := range render(t, makeReport(t, 1)) {
		if strings.Contains(out, "ILLUSTRATIVE") {
			t.Errorf("%s: a caution for norms that are not marked illustrative", suffix)
		}
	}
}
