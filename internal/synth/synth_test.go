package synth_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/rules"
)

var asOf = isotp.NewDate(2026, 11, 27)

func write(t *testing.T, seed uint64, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.New(seed, asOf).Write(&buf, n); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	a, b := write(t, 1, 300), write(t, 1, 300)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different bytes")
	}
	if bytes.Equal(a, write(t, 2, 300)) {
		t.Error("different seeds gave the same bytes")
	}
	// Case i does not depend on how many cases are written.
	if !bytes.HasPrefix(a, write(t, 1, 10)) {
		t.Error("the first ten cases differ when fewer are written")
	}
}

// TestCasesRead decodes every generated case, checks it re-encodes to the
// same line, and summarises and assesses those with records: the generator
// writes only input the decisions can read.
func TestCasesRead(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	pol, err := rules.Load(rules.National)
	if err != nil {
		t.Fatal(err)
	}
	att, err := attendance.New(pol)
	if err != nil {
		t.Fatal(err)
	}
	ass, err := assessment.New(pol)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sc := bufio.NewScanner(bytes.NewReader(write(t, 1, n)))
	sc.Buffer(nil, 1<<20)
	status := map[attendance.Status]int{}
	for line := 1; sc.Scan(); line++ {
		c, err := isotp.DecodeCase(bytes.NewReader(sc.Bytes()))
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		again, err := json.Marshal(c)
		if err != nil || !bytes.Equal(again, sc.Bytes()) {
			t.Fatalf("line %d does not re-encode to itself (%v):\n%s\n%s", line, err, sc.Bytes(), again)
		}
		if c.Attendance != nil {
			sum, err := att.Summarize(ctx, c)
			if err != nil {
				t.Fatalf("line %d: %v", line, err)
			}
			status[sum.Status]++
		}
		if c.Assessment != nil {
			if _, err := ass.Assess(ctx, c); err != nil {
				t.Fatalf("line %d: %v", line, err)
			}
		}
	}
	for _, s := range []attendance.Status{attendance.NotStarted, attendance.InProgress, attendance.CatchUpRequired, attendance.Completed, attendance.RestartRequired} {
		if status[s] == 0 {
			t.Errorf("no case with status %s in %d", s, n)
		}
	}
}
