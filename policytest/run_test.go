package policytest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
	"github.com/stretchr/testify/require"
)

// run loads and runs the test files at paths under cfg.
func run(t *testing.T, cfg Config, paths ...string) *Report {
	t.Helper()
	s, err := Load(paths...)
	require.NoError(t, err)
	rep, err := s.Run(context.Background(), cfg)
	require.NoError(t, err)
	return rep
}

func text(t *testing.T, rep *Report, verbose bool) string {
	t.Helper()
	var b strings.Builder
	if err := rep.WriteText(&b, verbose); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPassingSuite(t *testing.T) {
	rep := run(t, Config{}, "testdata/passing")
	if rep.Passed != 2 || rep.Failed != 0 {
		t.Errorf("%d passed, %d failed; want 2 passed, 0 failed\n%s", rep.Passed, rep.Failed, text(t, rep, false))
	}
	for _, r := range rep.Tests {
		if !r.Passed || r.Error != "" || len(r.Mismatches) > 0 {
			t.Errorf("test %q: %+v", r.Name, r)
		}
	}
	if !strings.HasSuffix(text(t, rep, false), "\n2 passed, 0 failed\n") {
		t.Errorf("the report does not end with the closing line:\n%s", text(t, rep, false))
	}
}

// TestFailureReport runs a suite with every kind of difference and compares
// the report, as text and as JSON, to golden files.
func TestFailureReport(t *testing.T) {
	rep := run(t, Config{}, "testdata/failing")
	if rep.Passed != 1 || rep.Failed != 10 {
		t.Errorf("%d passed, %d failed; want 1 passed, 10 failed", rep.Passed, rep.Failed)
	}
	golden.CheckString(t, "testdata/failing/report.txt", golden.ScrubDigests(text(t, rep, false)))
	golden.CheckString(t, "testdata/failing/report-verbose.txt", golden.ScrubDigests(text(t, rep, true)))
	js, err := json.MarshalIndent(rep, "", "  ")
	require.NoError(t, err)
	golden.CheckString(t, "testdata/failing/report.json", golden.ScrubDigests(string(js)+"\n"))
}

func TestPolicyErrors(t *testing.T) {
	rep := run(t, Config{}, "testdata/badarea")
	if rep.Failed != 1 || len(rep.Policies) != 1 || len(rep.Policies[0].Errors) != 1 {
		t.Fatalf("report %+v: want the one test failed and the policy's one error", rep)
	}
	if rep.Policies[0].Policy != (rules.Info{}) || len(rep.Policies[0].Coverage) != 0 {
		t.Errorf("a policy that did not load has an identity or coverage: %+v", rep.Policies[0])
	}
	golden.CheckString(t, "testdata/badarea/report.txt", golden.ScrubDigests(text(t, rep, false)))
}

func TestCoverage(t *testing.T) {
	rep := run(t, Config{}, "testdata/coverage")
	if len(rep.Policies) != 1 {
		t.Fatalf("%d policies, want 1", len(rep.Policies))
	}
	p := rep.Policies[0]
	if p.Policy.Area != "testshire" || p.AreaFile != filepath.Join("testdata", "coverage", "area.yaml") {
		t.Errorf("policy %+v, area file %q: want area testshire from testdata/coverage/area.yaml", p.Policy, p.AreaFile)
	}
	want := []SectionCoverage{
		{Section: "eligibility", Tests: 4, Rules: []RuleCoverage{
			{ID: "male", Effect: "ineligible", Pass: 2, Fail: 1, Unknown: 1},
			{ID: "min_age", Effect: "ineligible", Pass: 4},
			{ID: "eligible_offence", Effect: "ineligible", Pass: 4},
			{ID: "internet_related", Effect: "ineligible", Pass: 4},
			{ID: "risk_of_harm", Effect: "refer", Pass: 4},
			{ID: "deviance", Effect: "refer", Pass: 1, NotApplicable: 3},
			{ID: "supervision_length", Effect: "ineligible", Pass: 1, NotApplicable: 3},
			{ID: "order_type", Effect: "ineligible", Pass: 1, NotApplicable: 3},
			{ID: "offender_id_recorded", Effect: "advisory", Area: true, Pass: 3, Fail: 1},
		}},
		{Section: "completion", Tests: 0, Rules: []RuleCoverage{
			{ID: "all_sessions", Effect: "required"},
			{ID: "catch_up_limit", Effect: "required"},
			{ID: "offender_manager_contact", Effect: "required"},
			{ID: "between_session_work", Effect: "advisory"},
		}},
	}
	if diff := cmp.Diff(want, p.Coverage, cmpopts.IgnoreFields(RuleCoverage{}, "Pos", "At")); diff != "" {
		t.Errorf("coverage mismatch (-want +got):\n%s\nevery test that evaluated a section counts, passed or not", diff)
	}
	if at := p.Coverage[0].Rules[8].At; at != filepath.Join("testdata", "coverage", "area.yaml")+":5:11" {
		t.Errorf("offender_id_recorded is at %s, want the area file's line 5", at)
	}
}

func TestConfigArea(t *testing.T) {
	area := filepath.Join("testdata", "coverage", "area.yaml")
	dotted := filepath.Join("testdata", "coverage", "..", "coverage", "area.yaml")
	tests := []struct {
		name     string
		cfg      Config
		paths    []string
		wantArea []string // Policy.Area of each policy run, in order
		wantErr  error    // matched with errors.Is; nil for none
		reason   string
	}{
		{name: "a file without an area runs under the area given", cfg: Config{Area: area},
			paths: []string{"testdata/passing"}, wantArea: []string{"testshire"}},
		{name: "without one, under the national policy", paths: []string{"testdata/passing"}, wantArea: []string{"national"}},
		{name: "the file's own area, given again", cfg: Config{Area: dotted},
			paths: []string{"testdata/coverage", "testdata/passing"}, wantArea: []string{"testshire"},
			reason: "the same file named two ways is one policy"},
		{name: "another area than the file's", cfg: Config{Area: "testdata/badarea/bad-area.yaml"},
			paths: []string{"testdata/coverage"}, wantErr: ErrInvalidTest},
		{name: "an area file that is not there", cfg: Config{Area: "testdata/nowhere.yaml"},
			paths: []string{"testdata/passing"}, wantErr: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(tt.paths...)
			require.NoError(t, err)
			rep, err := s.Run(context.Background(), tt.cfg)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Run: %v, want an error matching %v", err, tt.wantErr)
				}
				return
			}
			require.NoError(t, err)
			var got []string
			for _, p := range rep.Policies {
				got = append(got, p.Policy.Area)
			}
			if diff := cmp.Diff(tt.wantArea, got); diff != "" {
				t.Errorf("policies mismatch (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	s, err := Load("testdata/passing")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Run(ctx, Config{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context: %v, want context.Canceled", err)
	}
}

// TestConcurrentRuns runs one suite from several goroutines, for the race
// detector.
func TestConcurrentRuns(t *testing.T) {
	s, err := Load("testdata/failing")
	require.NoError(t, err)
	want, err := s.Run(context.Background(), Config{})
	require.NoError(t, err)
	errc := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := s.Run(context.Background(), Config{})
			if err == nil && (got.Passed != want.Passed || got.Failed != want.Failed) {
				err = errors.New("a concurrent run gave another result")
			}
			errc <- err
		}()
	}
	for range 4 {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
}

// TestNationalFromMapFS runs tests under national rule files held in a map
// file system, as a program that edits them in memory would.
func TestNationalFromMapFS(t *testing.T) {
	files, err := filepath.Glob("../rules/national/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no national rule files: %v", err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		fsys["national/"+filepath.Base(f)] = &fstest.MapFile{Data: data}
	}
	rep := run(t, Config{National: rules.Dir(fsys, "national")}, "testdata/passing")
	if rep.Failed != 0 || rep.Passed != 2 {
		t.Errorf("%d passed, %d failed; want 2 passed\n%s", rep.Passed, rep.Failed, text(t, rep, false))
	}
}

// TestEveryDecisionExpected: a test file can expect something of every
// decision made from a case, as the registry lists them.
func TestEveryDecisionExpected(t *testing.T) {
	if len(tested) == 0 {
		t.Fatal("no decision is made from a case")
	}
	for _, d := range tested {
		if readers[d.Name()] == nil {
			t.Errorf("decision %s has no reader of expect.%s", d.Name(), d.Name())
		}
	}
}

func TestRunNilSuite(t *testing.T) {
	var s *Suite
	if _, err := s.Run(context.Background(), Config{}); err == nil {
		t.Error("Run of a nil Suite succeeded")
	}
}
