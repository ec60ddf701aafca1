package isotp_test

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestImportDirection holds the layout's one-way imports: the root imports no
// other package of the module; rules imports only the root; decision
// packages import the root and rules but not each other (except
// assessment's report reading an attendance summary); only rules imports
// cel-go.
func TestImportDirection(t *testing.T) {
	const module = "github.com/isotp-dev/isotp"
	allowed := map[string][]string{
		"":            {},
		"rules":       {""},
		"eligibility": {"", "rules"},
		"attendance":  {"", "rules"},
		"assessment":  {"", "rules", "attendance"},
		"groups":      {"", "rules"},
	}
	for dir, ok := range allowed {
		path := filepath.Join(".", dir)
		if _, err := os.Stat(path); err != nil {
			continue // not built yet
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, imp := range pkg.Imports {
			if strings.HasPrefix(imp, "cel.dev/") && dir != "rules" {
				t.Errorf("%s imports %s: only rules may use cel-go", pkgName(dir), imp)
			}
			if !strings.HasPrefix(imp, module) {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			if !slices.Contains(ok, rel) {
				t.Errorf("%s imports %s, against the layout", pkgName(dir), imp)
			}
		}
	}
}

func pkgName(dir string) string {
	if dir == "" {
		return "isotp"
	}
	return dir
}
