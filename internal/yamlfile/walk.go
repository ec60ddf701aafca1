package yamlfile

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// Walk calls add with the path of every file under dir whose name match
// accepts, in lexical order, skipping folders named testdata or starting
// with "." or "_" below dir, as the go tool does. The tools that take a
// folder of rule, area or test files (isotp fmt, isotp test) find them
// through it.
func Walk(dir string, match func(name string) bool, add func(path string)) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if match(name) {
			add(path)
		}
		return nil
	})
}
