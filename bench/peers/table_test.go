package peers

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/reference"
)

func TestWriteTable(t *testing.T) {
	rows := []Row{
		{Engine: "hand-written reference", NsPerOp: 1512.4, AllocsPerOp: 8, Ratio: 1},
		{Engine: "plain cel-go, map activation", NsPerOp: 10026, AllocsPerOp: 36.6, Ratio: 6.63},
		{Engine: "OPA Rego (PrepareForEval once)", NsPerOp: 178801, AllocsPerOp: 1002, Ratio: 118.2},
	}
	want := `| eligibility decision | ns/op | allocs | vs reference |
|---|---|---|---|
| hand-written reference | 1,512 | 8 | 1.0x |
| plain cel-go, map activation | 10,026 | 37 | 6.6x |
| OPA Rego (PrepareForEval once) | 178,801 | 1,002 | 118x |
`
	var b strings.Builder
	require.NoError(t, WriteTable(&b, "eligibility decision", rows))
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestThousands(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {7.4, "7"}, {999, "999"}, {1000, "1,000"}, {153801, "153,801"}, {1234567.5, "1,234,568"},
	} {
		if got := thousands(tc.x); got != tc.want {
			t.Errorf("thousands(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

// TestMeasure runs two quick rounds of the fast engines: a row for each, in
// order, with each round's figure.
func TestMeasure(t *testing.T) {
	es := engines(t)[:3] // the reference and the engine, with and without messages
	rows, err := Measure(es, Cases(16), 2, 0)
	require.NoError(t, err)
	require.Len(t, rows, len(es))
	for i, r := range rows {
		require.Equal(t, es[i].Name, r.Engine)
		require.Len(t, r.Rounds, 2)
		require.Greater(t, r.NsPerOp, 0.0, r.Engine)
		require.Greater(t, r.AllocsPerOp, 0.0, r.Engine)
	}
	require.Equal(t, 1.0, rows[0].Ratio, "the reference against itself")
}

// TestMeasureRefusesADisagreeingEngine: an engine that gets one decision
// wrong stops Measure before anything is timed.
func TestMeasureRefusesADisagreeingEngine(t *testing.T) {
	es := engines(t)[:2]
	runs := 0
	wrong := eligibilityEngine("wrong", "wrong", true, es[1].Input, func(in any) (Decision, error) {
		d := reference.Decide(in.(*isotp.Case))
		d.Regime = "no such regime"
		return d, nil
	})
	wrong.Run = func(any) error { runs++; return nil }
	_, err := Measure([]Engine{es[0], wrong}, Cases(NumCases), 1, 0)
	var dis *DisagreementError
	require.True(t, errors.As(err, &dis), "got %v", err)
	require.Equal(t, "wrong", dis.Engine)
	require.Zero(t, runs, "an engine that disagrees was timed")
}

func TestMeasureWantsRoundsAndCases(t *testing.T) {
	es := engines(t)[:1]
	_, err := Measure(es, Cases(4), 0, 0)
	require.Error(t, err)
	_, err = Measure(es, nil, 1, 0)
	require.Error(t, err)
}
