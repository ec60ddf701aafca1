package isotp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

// decideAll makes every case decision for c and returns them as JSON.
type deciders struct {
	elig *eligibility.Evaluator
	att  *attendance.Summarizer
	ass  *assessment.Assessor
}

func newDeciders(t testing.TB) *deciders {
	t.Helper()
	area, err := os.ReadFile("examples/areas/illustrative-norms.yaml")
	require.NoError(t, err)
	pol, err := rules.Load(rules.National, rules.AreaBytes("illustrative-norms.yaml", area))
	require.NoError(t, err)
	d := &deciders{}
	if d.elig, err = eligibility.New(pol); err != nil {
		t.Fatal(err)
	}
	if d.att, err = attendance.New(pol); err != nil {
		t.Fatal(err)
	}
	if d.ass, err = assessment.New(pol); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *deciders) all(t testing.TB, c *isotp.Case) []byte {
	ctx := context.Background()
	var out []any
	e, err := d.elig.Decide(ctx, c, rules.Explain())
	require.NoError(t, err)
	out = append(out, e)
	if c.Attendance != nil && c.Attendance.Sessions != nil {
		s, err := d.att.Summarize(ctx, c, rules.Explain())
		require.NoError(t, err)
		out = append(out, s)
	}
	if c.Assessment != nil {
		a, err := d.ass.Assess(ctx, c)
		require.NoError(t, err)
		out = append(out, a)
	}
	js, err := json.Marshal(out)
	require.NoError(t, err)
	return js
}

func sampleCases(t testing.TB) []*isotp.Case {
	t.Helper()
	files, err := filepath.Glob("examples/cases/*/*.json")
	require.NoError(t, err)
	var cases []*isotp.Case
	for _, f := range files {
		if strings.Contains(f, "/groups/") {
			continue
		}
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		c, err := isotp.DecodeCase(bytes.NewReader(data))
		require.NoError(t, err, f)
		cases = append(cases, c)
	}
	return cases
}

// TestConcurrentDecisions shares one policy and one of each decision maker
// between goroutines (run with -race) and requires every decision to be
// byte-for-byte the one made alone: the same inputs always give the same
// output.
func TestConcurrentDecisions(t *testing.T) {
	d := newDeciders(t)
	cases := sampleCases(t)
	want := make([][]byte, len(cases))
	for i, c := range cases {
		want[i] = d.all(t, c)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 3 * len(cases) {
				i := (g + k) % len(cases)
				if got := d.all(t, cases[i]); !bytes.Equal(got, want[i]) {
					t.Errorf("case %d decided concurrently differs from alone", i)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestDeterministicAcrossLoads loads the policy afresh and decides again:
// the output, digest included, must not change.
func TestDeterministicAcrossLoads(t *testing.T) {
	cases := sampleCases(t)
	first, second := newDeciders(t), newDeciders(t)
	for i, c := range cases {
		if a, b := first.all(t, c), second.all(t, c); !bytes.Equal(a, b) {
			t.Errorf("case %d: output differs between two loads of the same policy", i)
		}
	}
}

var writes = regexp.MustCompile(`\bfmt\.Print|\bos\.Std(out|err)\b|\bprint(ln)?\(`)

// TestLibraryWritesNothing holds the privacy rule: no library package (only
// the command, the examples and the service) logs or prints, so nothing
// about a case is written anywhere unless the caller writes it. The service
// (package server, imported only by the command) logs to the *slog.Logger
// its caller gives it, and its own tests hold that log free of case data.
func TestLibraryWritesNothing(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == "cmd" || path == "examples" || path == "server" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() && path != "." {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a module of its own (bench/peers), not the library
			}
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "log" || p == "log/slog" {
				t.Errorf("%s imports %s: the library must not log", path, p)
			}
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if m := writes.Find(src); m != nil {
			t.Errorf("%s uses %s: the library must not write anywhere itself", path, m)
		}
		return nil
	})
	require.NoError(t, err)
}
