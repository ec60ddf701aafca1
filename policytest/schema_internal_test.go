package policytest

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/yamltest"
	"github.com/isotp-dev/isotp/schema"
)

// TestSchemaListsTheLoadersFields: at every mapping the test loader reads
// with fixed fields, in the shipped test files, test-file.schema.json lists
// exactly the fields the loader accepts there (a case's fields are the
// case decoder's, and held to case.schema.json by package schema).
func TestSchemaListsTheLoadersFields(t *testing.T) {
	type seen struct {
		file     string
		line     int
		col      int
		accepted []string
	}
	var got []seen
	saved := testFormat
	defer func() { testFormat = saved }()
	f := *testFormat
	f.OnFields = func(file string, line, col int, keys []string) { got = append(got, seen{file, line, col, keys}) }
	testFormat = &f

	_, err := Load("../rules/tests", "../examples/areas")
	require.NoError(t, err)
	order, err := schema.KeyOrder("test-file.schema.json")
	require.NoError(t, err)
	paths := map[string]map[[2]int][]string{}
	checked := map[string]bool{}
	for _, s := range got {
		if paths[s.file] == nil {
			data, err := os.ReadFile(s.file)
			require.NoError(t, err)
			paths[s.file] = yamltest.MappingPaths(t, data)
		}
		path, ok := paths[s.file][[2]int{s.line, s.col}]
		require.True(t, ok, "%s:%d:%d: no mapping there", s.file, s.line, s.col)
		if len(path) >= 3 && path[2] == "with" {
			path[2] = "case" // with changes a case, field by field
		}
		key := fmt.Sprint(path)
		if checked[key] {
			continue
		}
		checked[key] = true
		want := slices.Sorted(slices.Values(order(path)))
		if diff := cmp.Diff(want, s.accepted); diff != "" {
			t.Errorf("test-file.schema.json at %q (%s:%d): fields mismatch (-schema +loader):\n%s", path, s.file, s.line, diff)
		}
	}
	if len(checked) < 5 {
		t.Errorf("only %d kinds of mapping checked", len(checked))
	}
}
