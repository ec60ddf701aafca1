package yamlfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.yaml", "b.txt", "sub/c.yaml", "testdata/d.yaml", ".hidden/e.yaml", "_skip/f.yaml", "sub/deeper/g.yaml"} {
		p := filepath.Join(dir, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, nil, 0o644))
	}
	var got []string
	err := Walk(dir, func(name string) bool { return strings.HasSuffix(name, ".yaml") }, func(path string) {
		rel, err := filepath.Rel(dir, path)
		require.NoError(t, err)
		got = append(got, filepath.ToSlash(rel))
	})
	require.NoError(t, err)
	want := []string{"a.yaml", "sub/c.yaml", "sub/deeper/g.yaml"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk mismatch (-want +got):\n%s", diff)
	}
	require.Error(t, Walk(filepath.Join(dir, "nothing"), func(string) bool { return true }, func(string) {}))
}
