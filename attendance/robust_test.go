package attendance

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// TestSummarizeConcurrent summarises from many goroutines with one
// Summarizer (run with -race).
func TestSummarizeConcurrent(t *testing.T) {
	s := national(t)
	c := &isotp.Case{AsOf: date(t, "2026-04-25"), Attendance: &isotp.Attendance{
		Sessions: concat(missAndCatchUp(t, 3, 7), events(t, "11 2026-03-16 UAAB", "12 2026-03-23 attended")),
		Warnings: []isotp.Date{}, OffenderManagerContacts: dates(t, "2026-01-05", "2026-02-01"),
	}}
	want, err := s.Summarize(context.Background(), c)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := s.Summarize(context.Background(), c)
				if err != nil {
					t.Error(err)
					return
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("mismatch (-want +got):\n%s", diff)
					return
				}
			}
		})
	}
	wg.Wait()
}

// FuzzSummarize checks that no case file makes Summarize panic or fail with
// anything but an input error, and that every summary is consistent.
func FuzzSummarize(f *testing.F) {
	for _, glob := range []string{"../examples/cases/attendance/*.json", "testdata/cases/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	s := national(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := isotp.DecodeCase(bytes.NewReader(data))
		if err != nil {
			return
		}
		sum, err := s.Summarize(context.Background(), c)
		if err != nil {
			if !errors.Is(err, isotp.ErrInvalidInput) && !errors.Is(err, rules.ErrEvaluation) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if sum.SessionsCompleted+len(sum.Outstanding) > sum.SessionsTotal || len(sum.Grid) != sum.SessionsTotal {
			t.Fatalf("inconsistent summary: %+v", sum)
		}
		if (sum.Next == nil) != (sum.Status == Completed || sum.Status == RestartRequired) {
			t.Fatalf("status %s with next %v", sum.Status, sum.Next)
		}
		if err := sum.WriteText(&bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
	})
}
