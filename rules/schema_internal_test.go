package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/yamltest"
	"github.com/isotp-dev/isotp/schema"
)

// TestSchemasListTheLoadersFields: at every mapping the loader reads with
// fixed fields, in the national rule files and the sample area files, the
// schema of the file lists exactly the fields the loader accepts there;
// a field added to the loader must be added to its schema, where isotp fmt
// finds its place.
func TestSchemasListTheLoadersFields(t *testing.T) {
	type seen struct {
		file     string
		line     int
		col      int
		accepted []string
	}
	var got []seen
	saved := ruleFormat
	defer func() { ruleFormat = saved }()
	f := *ruleFormat
	f.OnFields = func(file string, line, col int, keys []string) { got = append(got, seen{file, line, col, keys}) }
	ruleFormat = &f

	areas, err := filepath.Glob("../examples/areas/*.yaml")
	require.NoError(t, err)
	// An area with closure days, which the sample areas do not have.
	areas = append(areas, "../cmd/isotp/testdata/params/closures.yaml")
	for _, area := range areas {
		if strings.HasSuffix(area, "_test.yaml") {
			continue
		}
		_, err := Load(National, AreaPath(area))
		require.NoError(t, err)
	}
	sources := map[string][]byte{}
	for _, s := range got {
		if _, ok := sources[s.file]; ok {
			continue
		}
		path := filepath.Join("..", "rules", s.file)
		if filepath.IsAbs(s.file) || filepath.Dir(s.file) != "national" {
			path = s.file
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		sources[s.file] = data
	}
	checked := map[string]bool{}
	for _, s := range got {
		name := "area-file.schema.json"
		if filepath.Dir(s.file) == "national" {
			name = "rule-file.schema.json"
		}
		path, ok := yamltest.MappingPaths(t, sources[s.file])[[2]int{s.line, s.col}]
		require.True(t, ok, "%s:%d:%d: no mapping there", s.file, s.line, s.col)
		key := fmt.Sprint(name, path)
		if checked[key] {
			continue
		}
		checked[key] = true
		order, err := schema.KeyOrder(name)
		require.NoError(t, err)
		want := slices.Sorted(slices.Values(order(path)))
		if diff := cmp.Diff(want, s.accepted); diff != "" {
			t.Errorf("%s at %q (%s:%d): fields mismatch (-schema +loader):\n%s", name, path, s.file, s.line, diff)
		}
	}
	if len(checked) < 10 {
		t.Errorf("only %d kinds of mapping checked", len(checked))
	}
}
