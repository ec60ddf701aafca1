package whatif_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/whatif"
)

// run runs d over caseload and returns the emitted diffs and the summary.
func run(t *testing.T, d *whatif.Differ, caseload []byte, workers int) ([]whatif.CaseDiff, *whatif.Summary) {
	t.Helper()
	var got []whatif.CaseDiff
	sum, err := d.Run(context.Background(), bytes.NewReader(caseload), whatif.Options{Workers: workers},
		func(cd *whatif.CaseDiff) error { got = append(got, *cd); return nil })
	require.NoError(t, err)
	return got, sum
}

func TestRunCaseload(t *testing.T) {
	load, err := os.ReadFile("testdata/caseload.jsonl")
	require.NoError(t, err)
	diffs, sum := run(t, differ(t, catchUps3), load, 3)
	var lines []int
	for _, cd := range diffs {
		lines = append(lines, cd.Line)
	}
	if diff := cmp.Diff([]int{1, 2, 3, 4, 6, 7, 9, 10, 11}, lines); diff != "" {
		t.Errorf("lines reported: mismatch (-want +got):\n%s", diff)
	}
	errs := map[int]string{}
	for _, cd := range diffs {
		if cd.ErrorKind != "" {
			errs[cd.Line] = cd.ErrorKind + ": " + cd.Error
		}
	}
	wantErrs := map[int]string{
		6: "input: stage: unexpected end of input",
		7: "input: sex: unknown field",
		9: `input: attendance.sessions[0].outcome: unknown outcome "ATTX"`,
	}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors: mismatch (-want +got):\n%s", diff)
	}
	want := whatif.Summary{Cases: 10, Changed: 6, Unchanged: 1, InputErrors: 3}
	if diff := cmp.Diff(want, *sum, cmpopts.IgnoreFields(whatif.Summary{}, "From", "To", "Differences", "Changes"),
		cmpopts.IgnoreUnexported(whatif.Summary{})); diff != "" {
		t.Errorf("summary: mismatch (-want +got):\n%s", diff)
	}
	wantChanges := []whatif.ChangeCount{
		{Field: "attendance.status", From: "catch_up_required", To: "restart_required", Cases: 1},
		{Field: "attendance.status", From: "completed", To: "restart_required", Cases: 1},
		{Field: "attendance.status", From: "in_progress", To: "restart_required", Cases: 1},
		{Field: "attendance.next", From: "catch_up", To: "(none)", Cases: 1},
		{Field: "attendance.next", From: "group", To: "(none)", Cases: 1},
		{Field: "attendance.catch_ups_remaining", From: "4", To: "3", Cases: 2},
		{Field: "attendance.catch_ups_remaining", From: "1", To: "0", Cases: 1},
		{Field: "attendance.completion.met", From: "true", To: "false", Cases: 1},
		{Field: "attendance.completion.rules.catch_up_limit", From: "pass", To: "fail", Cases: 3},
	}
	if diff := cmp.Diff(wantChanges, sum.Changes, cmpopts.IgnoreFields(whatif.ChangeCount{}, "Because")); diff != "" {
		t.Errorf("changes: mismatch (-want +got):\n%s", diff)
	}
}

// TestRunUnchanged runs a caseload through policies that differ in nothing
// any decision reads.
func TestRunUnchanged(t *testing.T) {
	var load bytes.Buffer
	if err := synth.New(2, isotp.NewDate(2026, 11, 27)).Write(&load, 500); err != nil {
		t.Fatal(err)
	}
	for name, area := range map[string]string{
		"same values":   "area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 4\n  min_age: 17\n",
		"groups only":   "area: x\npolicy: i-SOTP\nparams:\n  young_fallback: wait\n",
		"national only": "area: x\npolicy: i-SOTP\n",
	} {
		t.Run(name, func(t *testing.T) {
			diffs, sum := run(t, differ(t, area), load.Bytes(), 2)
			if len(diffs) != 0 || sum.Changed != 0 || sum.Unchanged != 500 || sum.Cases != 500 || len(sum.Changes) != 0 {
				t.Errorf("got %d diffs, summary %+v; want 500 unchanged", len(diffs), sum)
			}
		})
	}
}

// TestRunOrder runs the same caseload with different numbers of workers
// and requires the same output, byte for byte.
func TestRunOrder(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 800
	}
	var load bytes.Buffer
	if err := synth.New(3, isotp.NewDate(2026, 11, 27)).Write(&load, n); err != nil {
		t.Fatal(err)
	}
	// Some bad lines among the good.
	lines := strings.SplitAfter(load.String(), "\n")
	for _, i := range []int{7, 400, 401, n - 1} {
		lines[i] = `{"stage": "during"}` + "\n"
	}
	input := []byte(strings.Join(lines, ""))
	d := differ(t, cheshire(t))
	output := func(workers int) string {
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		sum, err := d.Run(context.Background(), bytes.NewReader(input), whatif.Options{Workers: workers}, func(cd *whatif.CaseDiff) error {
			return enc.Encode(cd)
		})
		require.NoError(t, err)
		if err := enc.Encode(sum); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	want := output(1)
	if !strings.Contains(want, `"stage: unknown stage \"during\""`) {
		t.Fatalf("the bad lines are not reported:\n%.2000s", want)
	}
	for _, workers := range []int{2, 3, 8} {
		if got := output(workers); got != want {
			t.Errorf("%d workers: output differs from one worker's:\n%s", workers, cmp.Diff(want, got))
		}
	}
}

// TestRunAgreesWithCompare: Run, whose workers make each case's decisions
// in the memory of the last case's (rules.Reuse.RecycleResults), reports
// for every case what Compare, which makes them afresh, finds.
func TestRunAgreesWithCompare(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 400
	}
	var load bytes.Buffer
	require.NoError(t, synth.New(5, isotp.NewDate(2026, 11, 27)).Write(&load, n))
	for _, area := range []string{cheshire(t), "area: bench\npolicy: i-SOTP\nparams:\n  max_catch_ups: 0\n"} {
		d := differ(t, area)
		got, sum := run(t, d, load.Bytes(), 2)
		byLine := map[int]whatif.CaseDiff{}
		for _, cd := range got {
			byLine[cd.Line] = cd
		}
		changed := 0
		for i, line := range strings.Split(strings.TrimSuffix(load.String(), "\n"), "\n") {
			c, err := isotp.DecodeCase(strings.NewReader(line))
			require.NoError(t, err)
			want, err := d.Compare(context.Background(), c)
			require.NoError(t, err)
			if want != nil {
				changed++
			}
			if diff := cmp.Diff(want, byLine[i+1].Changes, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("line %d: Run and Compare differ (-Compare +Run):\n%s", i+1, diff)
			}
		}
		require.Equal(t, changed, sum.Changed)
		require.NotZero(t, changed, "no case changes: the test shows nothing")
	}
}

func TestRunLines(t *testing.T) {
	d := differ(t, catchUps3)
	tests := []struct {
		name  string
		input string
		want  []int // lines reported
		cases int
	}{
		{"no final newline", "{}\n{\"x\": 1}", []int{2}, 2},
		{"CRLF", "{}\r\n{\"x\": 1}\r\n", []int{2}, 2},
		{"blank lines are not cases", "\n  \n{}\n\t\n{\"x\": 1}\n\n", []int{5}, 2},
		{"empty", "", nil, 0},
		{"two values on a line", "{} {}\n", []int{1}, 1},
		{"a line longer than MaxLine", "{}\n" + strings.Repeat(" ", whatif.MaxLine) + "{}\n{}\n", []int{2}, 3},
		{"a line as long as a case may be", "{}\n{}" + strings.Repeat(" ", isotp.MaxCaseBytes-2) + "\r\n{}\n", nil, 3},
		{"a line one byte longer", "{}\n{}" + strings.Repeat(" ", isotp.MaxCaseBytes-1) + "\r\n{}\n", []int{2}, 3},
	}
	if whatif.MaxLine != isotp.MaxCaseBytes {
		t.Errorf("MaxLine is %d, want isotp.MaxCaseBytes", whatif.MaxLine)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diffs, sum := run(t, d, []byte(tt.input), 2)
			var got []int
			for _, cd := range diffs {
				got = append(got, cd.Line)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" || sum.Cases != tt.cases {
				t.Errorf("cases %d, want %d; lines reported: mismatch (-want +got):\n%s", sum.Cases, tt.cases, diff)
			}
		})
	}
}

func TestRunStops(t *testing.T) {
	var load bytes.Buffer
	if err := synth.New(4, isotp.NewDate(2026, 11, 27)).Write(&load, 2000); err != nil {
		t.Fatal(err)
	}
	d := differ(t, catchUps3)
	stop := errors.New("stop")
	emitted := 0
	_, err := d.Run(context.Background(), bytes.NewReader(load.Bytes()), whatif.Options{Workers: 2}, func(*whatif.CaseDiff) error {
		emitted++
		if emitted == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || emitted != 5 {
		t.Errorf("Run returned %v after %d diffs; want the emit error after 5", err, emitted)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = d.Run(ctx, bytes.NewReader(load.Bytes()), whatif.Options{}, func(*whatif.CaseDiff) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context returned %v", err)
	}

	onFire := errors.New("disk on fire")
	_, err = d.Run(context.Background(), iotest.ErrReader(onFire), whatif.Options{}, func(*whatif.CaseDiff) error { return nil })
	if !errors.Is(err, onFire) {
		t.Errorf("Run on a failing reader returned %v", err)
	}
}
