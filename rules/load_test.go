package rules_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// nationalWith returns the national rule files from disk, plus extra files.
func nationalWith(t *testing.T, extra map[string]string) rules.Source {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("national"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("national", p))
		fsys["national/"+p] = &fstest.MapFile{Data: data}
		return err
	})
	require.NoError(t, err)
	for name, text := range extra {
		fsys["national/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return rules.Dir(fsys, "national")
}

// TestLoadErrorsGolden loads each file in testdata/errors (an area file, or
// for national-*.yaml an extra national file) and compares every error, with
// its position and source line, to the golden file beside it.
func TestLoadErrorsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.yaml")
	require.NoError(t, err)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			src := rules.National
			var opts []rules.Option
			if strings.HasPrefix(name, "national-") {
				src = nationalWith(t, map[string]string{filepath.Base(file): string(data)})
			} else {
				opts = append(opts, rules.AreaBytes(file, data))
			}
			err = rules.Check(src, []rules.Section{*eligibility.Spec().Section}, opts...)
			if err == nil {
				t.Fatal("Check succeeded, want errors")
			}
			if !errors.Is(err, rules.ErrInvalidPolicy) {
				t.Errorf("error is not ErrInvalidPolicy: %v", err)
			}
			var list rules.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is not an ErrorList: %v", err)
			}
			var got strings.Builder
			for _, e := range list {
				if !slices.Contains(rules.Codes(), e.Code) {
					t.Errorf("%s: code %q is not one of rules.Codes()", e, e.Code)
				}
				got.WriteString("[" + e.Code + "] " + e.Detail() + "\n")
			}
			golden.CheckString(t, strings.TrimSuffix(file, ".yaml")+".golden", got.String())
		})
	}
}
