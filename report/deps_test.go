package report_test

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoBrowserDependency holds that importing report does not pull in a
// browser driver: only report/pdf imports chromedp. It follows report's
// imports, and theirs, through the module.
func TestNoBrowserDependency(t *testing.T) {
	const module = "github.com/isotp-dev/isotp"
	seen := map[string]bool{}
	var walk func(dir, from string)
	walk = func(dir, from string) {
		if seen[dir] {
			return
		}
		seen[dir] = true
		pkg, err := build.ImportDir(dir, 0)
		require.NoError(t, err)
		for _, imp := range pkg.Imports {
			switch {
			case strings.HasPrefix(imp, "github.com/chromedp/"):
				t.Errorf("%s (imported by %s) imports %s: a program that writes no PDF would carry the browser driver", pkg.ImportPath, from, imp)
			case imp == module || strings.HasPrefix(imp, module+"/"):
				walk(filepath.Join("..", strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")), pkg.ImportPath)
			}
		}
	}
	walk(".", "the test")
	if len(seen) < 5 {
		t.Errorf("followed %d packages; the walk did not reach report's imports", len(seen))
	}
}
