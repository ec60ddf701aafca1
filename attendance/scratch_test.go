package attendance

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// TestFindingsKept checks that a summary's findings stay as they were made
// while later summaries are made in the memory the first worked in.
func TestFindingsKept(t *testing.T) {
	s := national(t)
	first := summarize(t, s, "", &isotp.Attendance{Sessions: events(t, "1 2026-01-05 AAME", "2 2026-01-12 AAME", "3 2026-01-19 attended")})
	want := []Finding{{Code: ContinuedBeforeCatchUp, Session: 3, Date: date(t, "2026-01-19"),
		Message: "He attended group session 3 on 19 January 2026 before catching up session 1 (missed 5 January 2026) and session 2 (missed 12 January 2026)."}}
	for range 20 {
		later := summarize(t, s, "", &isotp.Attendance{Sessions: events(t, "1 2026-01-05 attended", "1 2026-01-05 ATTC", "1 2026-01-12 UAAB", "3 2026-01-19 attended")})
		require.Len(t, later.Findings, 4)
	}
	if diff := cmp.Diff(want, first.Findings); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestRecordGiven checks that a record whose keys were given back with
// its scratch memory, and then written over by the next record read in
// it, still gives its own events, read again from its case.
func TestRecordGiven(t *testing.T) {
	s := national(t)
	c := &isotp.Case{AsOf: date(t, "2026-02-10"), Attendance: &isotp.Attendance{Sessions: events(t,
		"2 2026-01-12 UAAB", "1 2026-01-05 attended", "2 2026-01-14 catch_up", "1 2026-01-05 ATTC", "3 2026-02-16 attended")}}
	other := &isotp.Case{Attendance: &isotp.Attendance{Sessions: weekly(t, 1, 10, "ATTC")}}
	sc := getScratch()
	rec, err := s.read(c, false, sc, nil)
	require.NoError(t, err)
	var want []event
	for j := range rec.n() {
		want = append(want, rec.event(j))
	}
	require.Len(t, want, 3)
	rec.give()
	sc.release()
	sc = getScratch()
	_, err = s.read(other, false, sc, nil)
	require.NoError(t, err)
	again := rec.again()
	require.NotNil(t, again)
	var got []event
	for j := range again.n() {
		got = append(got, again.event(j))
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(event{})); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
