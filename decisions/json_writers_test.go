package decisions

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/rules"
)

// fastDecisions are the decisions whose results have a writer of their own.
var fastDecisions = []string{"eligibility", "attendance"}

// bothWays writes v with its writer and with encoding/json, as WriteJSON
// did before it had writers; ok is false when v has no writer.
func bothWays(t testing.TB, v any) (fast []byte, fastErr error, reflected []byte, reflectedErr error) {
	t.Helper()
	var b jsonBuffer
	b.enc.Reset(nil)
	if !writeFast(&b.enc, v) {
		t.Fatalf("%T has no writer", v)
	}
	fast, fastErr = b.enc.Bytes(), b.enc.Err()
	reflected, reflectedErr = b.appendReflected(v)
	return fast, fastErr, bytes.Clone(reflected), reflectedErr
}

// requireSame fails unless v's writer writes what encoding/json writes.
func requireSame(t testing.TB, what string, v any) {
	t.Helper()
	fast, fastErr, reflected, reflectedErr := bothWays(t, v)
	require.NoError(t, reflectedErr, "%s: encoding/json", what)
	require.NoError(t, fastErr, "%s: the writer", what)
	if !bytes.Equal(reflected, fast) {
		t.Fatalf("%s: mismatch (-want +got):\n%s", what, cmp.Diff(string(reflected), string(fast)))
	}
}

// policies are the national policy and the national policy under each
// sample area file.
func policies(t testing.TB) map[string]*rules.Policy {
	t.Helper()
	pols := map[string]*rules.Policy{}
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	pols["national"] = pol
	areas, err := filepath.Glob(filepath.Join("..", "examples", "areas", "*.yaml"))
	require.NoError(t, err)
	for _, a := range areas {
		if strings.HasSuffix(a, "_test.yaml") {
			continue
		}
		pol, err := rules.Load(rules.National, rules.AreaPath(a))
		require.NoError(t, err, a)
		pols[filepath.Base(a)] = pol
	}
	require.Greater(t, len(pols), 1, "no sample area files")
	return pols
}

// deciders makes each decision with a writer under pol.
func deciders(t testing.TB, pol *rules.Policy) map[string]*Decider {
	t.Helper()
	out := map[string]*Decider{}
	for _, name := range fastDecisions {
		d, ok := Lookup(name)
		require.True(t, ok, name)
		m, err := d.New(pol)
		require.NoError(t, err)
		out[name] = m
	}
	return out
}

// evalOptions are the ways a case is decided: plain, explained (as
// ?explain=true and --explain), and without messages.
var evalOptions = map[string][]rules.EvalOption{
	"plain":            nil,
	"explain":          {rules.Explain()},
	"without messages": {rules.WithoutMessages()},
}

// repoCases reads every JSON file of the module that is a case: the
// samples (examples/cases), the policy tests' cases (rules/tests/cases) and
// the golden cases of the packages' tests. Files that are not a case, or
// are a case file with an error, are left out.
func repoCases(t testing.TB) map[string]*isotp.Case {
	t.Helper()
	cases := map[string]*isotp.Case{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || filepath.Ext(path) != ".json" {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if c, err := isotp.DecodeCase(f); err == nil {
			cases[path] = c
		}
		return nil
	})
	require.NoError(t, err)
	t.Logf("%d case files", len(cases))
	for _, dir := range []string{"examples/cases/eligibility", "examples/cases/attendance", "rules/tests/cases/eligibility", "rules/tests/cases/attendance"} {
		require.True(t, slices.ContainsFunc(slices.Collect(maps.Keys(cases)), func(p string) bool {
			return strings.HasPrefix(filepath.ToSlash(p), "../"+dir+"/")
		}), "no case read from %s", dir)
	}
	return cases
}

// TestWritersMatchEncodingJSON holds the writers to encoding/json, byte
// for byte, on every case of the module, decided under every sample policy,
// and on a synthetic caseload (missing facts included), each case under one
// of the policies in turn; every case plain, explained and without
// messages.
func TestWritersMatchEncodingJSON(t *testing.T) {
	ctx := context.Background()
	pols := policies(t)
	names := slices.Sorted(maps.Keys(pols))
	ms := map[string]map[string]*Decider{}
	for name, pol := range pols {
		ms[name] = deciders(t, pol)
	}
	decided := 0
	decide := func(t *testing.T, what, pol string, c *isotp.Case) {
		for optName, opts := range evalOptions {
			for _, name := range fastDecisions {
				res, err := ms[pol][name].Decide(ctx, c, opts...)
				if errors.Is(err, isotp.ErrInvalidInput) {
					continue // a date of birth after the as-of date, ...
				}
				require.NoError(t, err, what)
				requireSame(t, name+" of "+what+" under "+pol+", "+optName, res)
				decided++
			}
		}
	}
	t.Run("cases", func(t *testing.T) {
		for path, c := range repoCases(t) {
			for _, pol := range names {
				decide(t, path, pol, c)
			}
		}
	})
	t.Run("synthetic", func(t *testing.T) {
		n := 2000
		if testing.Short() {
			n = 200
		}
		gen := synth.New(17, isotp.NewDate(2026, 11, 27))
		before := decided
		for i := range n {
			decide(t, "synthetic case "+strconv.Itoa(i), names[i%len(names)], gen.Case(i))
		}
		require.Greater(t, decided-before, n, "too few synthetic cases decided")
	})
}

// TestWriteJSONNilResult: a nil result of a type with a writer is written
// as encoding/json writes it, null.
func TestWriteJSONNilResult(t *testing.T) {
	for _, v := range []any{(*eligibility.Decision)(nil), (*attendance.Summary)(nil)} {
		var b strings.Builder
		require.NoError(t, WriteJSON(&b, v))
		if diff := cmp.Diff("null\n", b.String()); diff != "" {
			t.Errorf("%T mismatch (-want +got):\n%s", v, diff)
		}
	}
}
