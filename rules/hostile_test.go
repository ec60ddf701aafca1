package rules_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// TestHostileRuleFiles checks that each file in testdata/hostile is refused
// at load with a clear error at its file:line:col (or, for many-rules.yaml
// and within-limits.yaml, loads), and that none panics, hangs or takes more
// memory than its size calls for: what is too costly is refused before it
// runs, even in part by constant folding. The first line of each outcome is compared
// with testdata/hostile/results.golden.
func TestHostileRuleFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/hostile/*.yaml")
	require.NoError(t, err)
	sections := decisions.Sections()
	var got strings.Builder
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var line string
		alloc := allocated(func() {
			err = rules.Check(rules.National, sections, rules.AreaBytes(filepath.Base(file), data))
		})
		line = "ok"
		if err != nil {
			if !errors.Is(err, rules.ErrInvalidPolicy) {
				t.Errorf("%s: error is not ErrInvalidPolicy: %v", file, err)
			}
			line = err.Error()
			if len(line) > 240 {
				line = line[:240] + "..."
			}
		}
		// Loading the national policy takes some 4 MB, and compiling an
		// area file some 300 bytes for each of its bytes; a costly
		// expression run or folded would take gigabytes.
		if limit := 16<<20 + 512*uint64(len(data)); alloc > limit {
			t.Errorf("%s: checking it allocated %d MB, want under %d MB", file, alloc>>20, limit>>20)
		}
		got.WriteString(filepath.Base(file) + ": " + line + "\n")
	}
	golden.CheckString(t, "testdata/hostile/results.golden", got.String())
}

// allocated returns the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// FuzzAreaFile loads arbitrary bytes as an area file and compiles the
// eligibility section against it: it must never panic, and every failure
// must be a positioned policy error.
func FuzzAreaFile(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.yaml")
	seeds = append(seeds, "../examples/areas/cheshire.yaml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 4096 {
			f.Add(data)
		}
	}
	sections := []rules.Section{*eligibility.Spec().Section}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := rules.Check(rules.National, sections, rules.AreaBytes("area.yaml", data))
		if err == nil {
			return
		}
		var list rules.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not an ErrorList: %v", err)
		}
		for _, e := range list {
			if e.Pos.File == "" {
				t.Errorf("error without a file: %v", e)
			}
		}
	})
}
