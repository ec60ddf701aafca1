package rules

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

func TestLongestGap(t *testing.T) {
	d := func(s string) isotp.Date {
		v, err := isotp.ParseDate(s)
		require.NoError(t, err)
		return v
	}
	ds := func(ss ...string) []isotp.Date {
		out := []isotp.Date{}
		for _, s := range ss {
			out = append(out, d(s))
		}
		return out
	}
	tests := []struct {
		name      string
		dates     []isotp.Date
		from, to  string
		wantDays  int
		wantStart string
		reason    string
	}{
		{"no dates: one gap", nil, "2026-01-01", "2026-01-31", 30, "2026-01-01", ""},
		{"one date in the middle", ds("2026-01-11"), "2026-01-01", "2026-01-31", 20, "2026-01-11", "11th to 31st"},
		{"order does not matter", ds("2026-01-25", "2026-01-05", "2026-01-15"), "2026-01-01", "2026-01-31", 10, "2026-01-05", "ties give the earliest"},
		{"dates on the edges", ds("2026-01-01", "2026-01-31"), "2026-01-01", "2026-01-31", 30, "2026-01-01", ""},
		{"dates outside the window are ignored", ds("2025-12-31", "2026-02-01"), "2026-01-01", "2026-01-31", 30, "2026-01-01", ""},
		{"duplicates", ds("2026-01-10", "2026-01-10"), "2026-01-01", "2026-01-31", 21, "2026-01-10", ""},
		{"an empty window", ds("2026-01-01"), "2026-01-01", "2026-01-01", 0, "2026-01-01", ""},
		{"across a leap day", nil, "2028-02-28", "2028-03-01", 2, "2028-02-28", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days, start := longestGap(tt.dates, d(tt.from), d(tt.to))
			if days != tt.wantDays || start != d(tt.wantStart) {
				t.Errorf("got %d days from %s, want %d from %s (%s)", days, start, tt.wantDays, tt.wantStart, tt.reason)
			}
		})
	}
}

// TestGapFunctionsInCEL checks the CEL helpers end to end.
func TestGapFunctionsInCEL(t *testing.T) {
	fsys := fstest.MapFS{"p/p.yaml": {Data: []byte(`name: t
version: "1"
completion:
  variables:
    - name: gap
      expression: longest_gap_days(dates, from, to)
    - name: start
      expression: longest_gap_start(dates, from, to)
`)}}
	pol, err := Load(Dir(fsys, "p"))
	require.NoError(t, err)
	dates, from, to := &Var{Name: "dates", Type: ListOf(DateType)}, &Var{Name: "from", Type: DateType}, &Var{Name: "to", Type: DateType}
	gapOut, startOut := &Var{Name: "gap", Type: IntType}, &Var{Name: "start", Type: DateType}
	rs, err := pol.Compile(Section{Name: "completion", Inputs: []*Var{dates, from, to}, Outputs: []*Var{gapOut, startOut}})
	require.NoError(t, err)
	eval := func(d []isotp.Date, f, u isotp.Date) (*Evaluation, error) {
		return rs.Evaluate(context.Background(), []Binding{dates.Bind(Dates(d)), from.Bind(DateValue(f)), to.Bind(DateValue(u))})
	}
	ev, err := eval([]isotp.Date{isotp.NewDate(2026, 1, 20), isotp.NewDate(2026, 1, 4)}, isotp.NewDate(2026, 1, 1), isotp.NewDate(2026, 2, 1))
	require.NoError(t, err)
	gap, _ := ev.Output(gapOut).AsInt()
	start := ev.Output(startOut).v.(*dateVal).date()
	if gap != 16 || start != isotp.NewDate(2026, 1, 4) {
		t.Errorf("got %d days from %s, want 16 from 2026-01-04", gap, start)
	}

	ev, err = eval(nil, isotp.NewDate(2026, 1, 1), isotp.NewDate(2026, 2, 1))
	if err != nil || ev.Output(gapOut).v != nil {
		t.Errorf("with the dates not known: got %v, %v; want an unknown gap", ev.Output(gapOut), err)
	}

	_, err = eval([]isotp.Date{}, isotp.NewDate(2026, 2, 1), isotp.NewDate(2026, 1, 1))
	if !errors.Is(err, ErrEvaluation) {
		t.Errorf("a window ending before it begins: got %v, want ErrEvaluation", err)
	}
}

// TestGapOfAListMadeInCEL checks the helpers on a list an expression makes,
// out of order, rather than one from the input.
func TestGapOfAListMadeInCEL(t *testing.T) {
	fsys := fstest.MapFS{"p/p.yaml": {Data: []byte(`name: t
version: "1"
completion:
  variables:
    - name: gap
      expression: longest_gap_days([add_days(from, 20), from, add_days(from, 5)], from, to)
    - name: start
      expression: longest_gap_start([add_days(from, 20), from, add_days(from, 5)], from, to)
`)}}
	pol, err := Load(Dir(fsys, "p"))
	require.NoError(t, err)
	from, to := &Var{Name: "from", Type: DateType}, &Var{Name: "to", Type: DateType}
	gapOut, startOut := &Var{Name: "gap", Type: IntType}, &Var{Name: "start", Type: DateType}
	rs, err := pol.Compile(Section{Name: "completion", Inputs: []*Var{from, to}, Outputs: []*Var{gapOut, startOut}})
	require.NoError(t, err)
	ev, err := rs.Evaluate(context.Background(), []Binding{from.Bind(DateValue(isotp.NewDate(2026, 1, 1))), to.Bind(DateValue(isotp.NewDate(2026, 1, 31)))})
	require.NoError(t, err)
	gap, _ := ev.Output(gapOut).AsInt()
	start := ev.Output(startOut).v.(*dateVal).date()
	if gap != 15 || start != isotp.NewDate(2026, 1, 6) {
		t.Errorf("got %d days from %s, want 15 from 2026-01-06", gap, start)
	}
}
