package assessment_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/internal/golden"
)

func date(s string) isotp.Date {
	d, err := isotp.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// sessions returns an attendance record with one attended event on each
// date.
func sessions(dates ...string) *isotp.Attendance {
	a := &isotp.Attendance{}
	for i, d := range dates {
		a.Sessions = append(a.Sessions, isotp.SessionEvent{Session: i + 1, Date: date(d), Outcome: "attended"})
	}
	return a
}

// full returns an administration on day d with a score on every scale of
// the test battery.
func full(t *testing.T, a *assessment.Assessor, d string) *isotp.Scores {
	t.Helper()
	res, err := a.Assess(context.Background(), &isotp.Case{})
	require.NoError(t, err)
	s := &isotp.Scores{Scores: map[string]float64{}}
	if d != "" {
		s.Date = date(d)
	}
	for _, sc := range res.Scales {
		s.Scores[sc.ID] = 10
	}
	return s
}

func TestFindings(t *testing.T) {
	a := newTestAssessor(t)
	type finding struct {
		Code  assessment.FindingCode
		Scale string
	}
	without := func(s *isotp.Scores, ids ...string) *isotp.Scores {
		for _, id := range ids {
			delete(s.Scores, id)
		}
		return s
	}
	tests := []struct {
		name       string
		attendance *isotp.Attendance
		assessment *isotp.Assessment
		want       []finding
		reason     string
	}{
		{
			name:       "in order",
			attendance: sessions("2026-01-05", "2026-01-12", "2026-09-14"),
			assessment: &isotp.Assessment{Pre: full(t, a, "2025-12-15"), Post: full(t, a, "2026-09-20")},
		},
		{
			name:       "on the days of the first and last sessions",
			attendance: sessions("2026-01-05", "2026-09-14"),
			assessment: &isotp.Assessment{Pre: full(t, a, "2026-01-05"), Post: full(t, a, "2026-09-14")},
			reason:     "pre on or before the first session, post on or after the last",
		},
		{
			name:       "pre after the first session",
			attendance: sessions("2026-01-05", "2026-09-14"),
			assessment: &isotp.Assessment{Pre: full(t, a, "2026-01-06"), Post: full(t, a, "2026-09-20")},
			want:       []finding{{Code: assessment.PreAfterFirstSession}},
		},
		{
			name:       "post before the last session",
			attendance: sessions("2026-01-05", "2026-09-14"),
			assessment: &isotp.Assessment{Pre: full(t, a, "2025-12-15"), Post: full(t, a, "2026-09-13")},
			want:       []finding{{Code: assessment.PostBeforeLastSession}},
		},
		{
			name: "a catch-up after the last group session is the last session",
			attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{
				{Session: 1, Date: date("2026-01-05"), Outcome: "attended"},
				{Session: 2, Date: date("2026-01-12"), Outcome: "acceptable_absence"},
				{Session: 2, Date: date("2026-01-20"), Outcome: "catch_up"},
			}},
			assessment: &isotp.Assessment{Pre: full(t, a, "2025-12-15"), Post: full(t, a, "2026-01-19")},
			want:       []finding{{Code: assessment.PostBeforeLastSession}},
			reason:     "he finished the programme on the catch-up day",
		},
		{
			name: "a missed first session marks the start",
			attendance: &isotp.Attendance{Sessions: []isotp.SessionEvent{
				{Session: 2, Date: date("2026-01-12"), Outcome: "attended"},
				{Session: 1, Date: date("2026-01-05"), Outcome: "unacceptable_absence"},
			}},
			assessment: &isotp.Assessment{Pre: full(t, a, "2026-01-07"), Post: full(t, a, "2026-09-20")},
			want:       []finding{{Code: assessment.PreAfterFirstSession}},
			reason:     "events in any order; the group started on the 5th though he was absent",
		},
		{
			name:       "nothing recorded",
			attendance: sessions("2026-01-05"),
			want:       []finding{{Code: assessment.PreMissing}, {Code: assessment.PostMissing}},
		},
		{
			name:       "post not yet done",
			attendance: sessions("2026-01-05"),
			assessment: &isotp.Assessment{Pre: full(t, a, "2025-12-15")},
			want:       []finding{{Code: assessment.PostMissing}},
		},
		{
			name:       "undated",
			attendance: sessions("2026-01-05"),
			assessment: &isotp.Assessment{Pre: full(t, a, ""), Post: full(t, a, "")},
			want:       []finding{{Code: assessment.PreDateMissing}, {Code: assessment.PostDateMissing}},
		},
		{
			name:       "no sessions recorded",
			assessment: &isotp.Assessment{Pre: full(t, a, "2025-12-15"), Post: full(t, a, "2026-09-20")},
			want:       []finding{{Code: assessment.SessionsMissing}},
			reason:     "the timing cannot be checked; that is said, not assumed",
		},
		{
			name:       "post dated before pre",
			assessment: &isotp.Assessment{Pre: full(t, a, "2026-09-20"), Post: full(t, a, "2025-12-15")},
			want:       []finding{{Code: assessment.PostNotAfterPre}, {Code: assessment.SessionsMissing}},
		},
		{
			name:       "scores missing",
			attendance: sessions("2026-01-05"),
			assessment: &isotp.Assessment{Pre: without(full(t, a, "2025-12-15"), "fantasy"),
				Post: without(full(t, a, "2026-09-20"), "fantasy", "self_esteem")},
			want: []finding{{Code: assessment.PreScoreMissing, Scale: "fantasy"},
				{Code: assessment.PostScoreMissing, Scale: "fantasy"}, {Code: assessment.PostScoreMissing, Scale: "self_esteem"}},
			reason: "in battery order, pre before post",
		},
		{
			name:       "an administration without scores",
			attendance: sessions("2026-01-05"),
			assessment: &isotp.Assessment{Pre: &isotp.Scores{Date: date("2025-12-15")}, Post: full(t, a, "2026-09-20")},
			want:       []finding{{Code: assessment.PreScoreMissing}},
			reason:     "one finding, not one per scale",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := a.Assess(context.Background(), &isotp.Case{Attendance: tt.attendance, Assessment: tt.assessment})
			require.NoError(t, err)
			var got []finding
			for _, f := range res.Findings {
				got = append(got, finding{f.Code, f.Scale})
				if f.Message == "" {
					t.Errorf("finding %s has no message", f.Code)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nfindings mismatch (-want +got):\n%s", tt.reason, diff)
			}
			if res.Findings == nil {
				t.Error("Findings is nil; want an empty list, which marshals as []")
			}
		})
	}
}

func TestInputErrors(t *testing.T) {
	a := newTestAssessor(t)
	tests := []struct {
		name   string
		c      *isotp.Case
		want   string // the error's JSON path
		reason string
	}{
		{
			name: "unknown scale in pre",
			c: &isotp.Case{Assessment: &isotp.Assessment{
				Pre: &isotp.Scores{Scores: map[string]float64{"fantasy": 3, "fantasy_x": 4, "zzz": 1}}}},
			want:   "assessment.pre.scores.fantasy_x",
			reason: "the first unknown id in sorted order, so the error is the same on every run",
		},
		{
			name: "unknown scale in post",
			c: &isotp.Case{Assessment: &isotp.Assessment{
				Pre: &isotp.Scores{Scores: map[string]float64{"fantasy": 3}}, Post: &isotp.Scores{Scores: map[string]float64{"Fantasy": 3}}}},
			want:   "assessment.post.scores.Fantasy",
			reason: "scale ids are matched exactly",
		},
		{
			name: "not a number",
			c: &isotp.Case{Assessment: &isotp.Assessment{
				Post: &isotp.Scores{Scores: map[string]float64{"fantasy": math.NaN()}}}},
			want: "assessment.post.scores.fantasy",
		},
		{
			name: "infinite",
			c: &isotp.Case{Assessment: &isotp.Assessment{
				Pre: &isotp.Scores{Scores: map[string]float64{"self_esteem": math.Inf(1)}}}},
			want: "assessment.pre.scores.self_esteem",
		},
		{
			name: "a change too large to represent",
			c: &isotp.Case{Assessment: &isotp.Assessment{
				Pre:  &isotp.Scores{Scores: map[string]float64{"fantasy": math.MaxFloat64}},
				Post: &isotp.Scores{Scores: map[string]float64{"fantasy": -math.MaxFloat64}}}},
			want:   "assessment.post.scores.fantasy",
			reason: "each score is finite but post - pre is not: the case's scores are at fault, and an infinite change cannot be written as JSON",
		},
		{
			name: "a long unknown key is described, not shown",
			c: &isotp.Case{Assessment: &isotp.Assessment{
				Pre: &isotp.Scores{Scores: map[string]float64{strings.Repeat("x", 80): 3}}}},
			want:   "assessment.pre.scores[a key of 80 bytes]",
			reason: "a key in the wrong place may be personal data; paths show keys of up to 64 bytes",
		},
		{
			name: "an unknown key that is not a word is quoted in the path only",
			c: &isotp.Case{Assessment: &isotp.Assessment{
				Pre: &isotp.Scores{Scores: map[string]float64{"John Smith": 3}}}},
			want:   `assessment.pre.scores["John Smith"]`,
			reason: "the path quotes an odd key as the decoder's paths do; the message describes it",
		},
		{name: "no case", c: nil, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Assess(context.Background(), tt.c)
			require.ErrorIs(t, err, isotp.ErrInvalidInput)
			var ie *isotp.InputError
			require.ErrorAs(t, err, &ie)
			if ie.Path != tt.want {
				t.Errorf("error path = %q, want %q: %s", ie.Path, tt.want, tt.reason)
			}
			if strings.Contains(ie.Msg, "xxxxxxxx") || strings.Contains(ie.Msg, "John") {
				t.Errorf("the message %q quotes a key that is not a short word", ie.Msg)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	a := newTestAssessor(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := a.Assess(ctx, &isotp.Case{})
	require.ErrorIs(t, err, context.Canceled)
}

// TestNullsNotZeros checks that unknown figures marshal as null.
func TestNullsNotZeros(t *testing.T) {
	a := newTestAssessor(t)
	res, err := a.Assess(context.Background(), &isotp.Case{Assessment: &isotp.Assessment{
		Pre:  &isotp.Scores{Scores: map[string]float64{"locus_of_control": 20, "fantasy": 20}},
		Post: &isotp.Scores{Scores: map[string]float64{"locus_of_control": 10}}}})
	require.NoError(t, err)
	b, err := json.Marshal(res)
	require.NoError(t, err)
	var doc struct {
		PreDate *string          `json:"pre_date"`
		Scales  []map[string]any `json:"scales"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	got := map[string]map[string]any{}
	for _, s := range doc.Scales {
		got[s["id"].(string)] = s
	}
	tests := []struct {
		scale, field string
		want         any
	}{
		{"locus_of_control", "change", -10.0},
		{"locus_of_control", "rci", nil},
		{"locus_of_control", "reliable", nil},
		{"locus_of_control", "s_diff", nil},
		{"locus_of_control", "cutoff", nil},
		{"locus_of_control", "category", "norms_missing"},
		{"fantasy", "post", nil},
		{"fantasy", "change", nil},
		{"fantasy", "rci", nil},
		{"fantasy", "category", "incomplete"},
	}
	for _, tt := range tests {
		v, present := got[tt.scale][tt.field]
		if !present || !cmp.Equal(v, tt.want) {
			t.Errorf("%s.%s = %v (present %t), want %v", tt.scale, tt.field, v, present, tt.want)
		}
	}
	if doc.PreDate != nil {
		t.Errorf("pre_date = %v, want null", *doc.PreDate)
	}
}

func TestCategoryText(t *testing.T) {
	for c := assessment.Recovered; c <= assessment.Incomplete; c++ {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var back assessment.Category
		if err := back.UnmarshalText(b); err != nil || back != c {
			t.Errorf("category %s round trip: %v, %v", c, back, err)
		}
	}
	var c assessment.Category
	if _, err := c.MarshalText(); err == nil {
		t.Error("the zero Category marshals; want an error")
	}
	if err := c.UnmarshalText([]byte("better")); err == nil {
		t.Error(`UnmarshalText("better") succeeded`)
	}
}

// TestGolden assesses each case under testdata/cases with the test battery
// and compares the JSON and text output with testdata/golden.
func TestGolden(t *testing.T) {
	a := newTestAssessor(t)
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases under testdata/cases: %v", err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			c, err := isotp.DecodeCase(f)
			require.NoError(t, err)
			res, err := a.Assess(context.Background(), c)
			require.NoError(t, err)
			js, err := json.MarshalIndent(res, "", "  ")
			require.NoError(t, err)
			golden.CheckString(t, filepath.Join("testdata", "golden", name+".json"), golden.ScrubDigests(string(js)+"\n"))
			var text bytes.Buffer
			require.NoError(t, res.WriteText(&text))
			golden.CheckString(t, filepath.Join("testdata", "golden", name+".txt"), golden.ScrubDigests(text.String()))
		})
	}
}

// TestConcurrent assesses from many goroutines at once; run with -race.
func TestConcurrent(t *testing.T) {
	a := newTestAssessor(t)
	c := &isotp.Case{Attendance: sessions("2026-01-05", "2026-09-14"),
		Assessment: &isotp.Assessment{Pre: full(t, a, "2025-12-15"), Post: full(t, a, "2026-09-20")}}
	want, err := a.Assess(context.Background(), c)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got, err := a.Assess(context.Background(), c)
				if err != nil {
					t.Error(err)
					return
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("concurrent result mismatch (-want +got):\n%s", diff)
					return
				}
			}
		})
	}
	wg.Wait()
}
