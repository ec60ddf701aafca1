package rules

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/isotp-dev/isotp/internal/yamlfile"
)

//go:embed national/*.yaml
var nationalFS embed.FS

// National is the national policy shipped with the library: the rule files
// under rules/national, embedded at build time.
var National = Source{fsys: nationalFS, dir: "national"}

// A Source is a directory of national rule files (*.yaml, read in name
// order). The zero Source holds no files.
type Source struct {
	fsys  fs.FS
	dir   string
	label string // directory name shown in errors instead of dir
}

// IsZero reports whether s is the zero Source, which holds no files. (A
// Source cannot be compared with ==: its file system may be a map.)
func (s Source) IsZero() bool { return s.fsys == nil && s.dir == "" && s.label == "" }

// Dir returns the national rule files in directory dir of fsys. File names in
// errors are dir/name.
func Dir(fsys fs.FS, dir string) Source { return Source{fsys: fsys, dir: dir} }

// OSDir returns the national rule files in directory dir of the operating
// system, as a policy author's working copy (isotp check --policy DIR). File
// names in errors are dir/name as the author wrote dir.
func OSDir(dir string) Source { return Source{fsys: os.DirFS(dir), dir: ".", label: dir} }

// An Option adds to what Load reads.
type Option func(*loadConfig) error

type loadConfig struct {
	area  *srcFile
	trace *trace
}

// AreaPath makes Load overlay the area file at path in the operating system.
func AreaPath(path string) Option {
	return func(c *loadConfig) error {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("reading area file: %w", err)
		}
		defer f.Close()
		data, err := yamlfile.ReadLimited(f, maxFileSize)
		if err != nil {
			return fmt.Errorf("reading area file: %w", err)
		}
		return AreaBytes(path, data)(c)
	}
}

// AreaReader makes Load overlay the area file read from r (standard input,
// say); name is used in errors and in the policy's Info. Only as much of r
// is read as the size limit needs, and only once: an Option may serve more
// than one Load.
func AreaReader(name string, r io.Reader) Option {
	var once sync.Once
	var data []byte
	var err error
	return func(c *loadConfig) error {
		once.Do(func() { data, err = yamlfile.ReadLimited(r, maxFileSize) })
		if err != nil {
			return fmt.Errorf("reading area file: %w", err)
		}
		return AreaBytes(name, data)(c)
	}
}

// AreaBytes makes Load overlay an area file held in memory; name is used in
// errors and in the policy's Info.
func AreaBytes(name string, data []byte) Option {
	return func(c *loadConfig) error {
		if c.area != nil {
			return fmt.Errorf("more than one area file given (%s and %s)", c.area.Name(), name)
		}
		c.area = newSrcFile(name, data)
		return nil
	}
}

// readFS reads a rule file from fsys, no more of it than the size limit
// needs: a larger file is reported where it passes the limit.
func readFS(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return yamlfile.ReadLimited(f, maxFileSize)
}

// files reads the source's rule files in name order.
func (s Source) files() ([]*srcFile, error) {
	if s.fsys == nil {
		return nil, fmt.Errorf("no national rule files: the Source is empty")
	}
	entries, err := fs.ReadDir(s.fsys, s.dir)
	if err != nil {
		return nil, fmt.Errorf("reading policy directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("policy directory %s holds no .yaml rule files", s.dir)
	}
	var out []*srcFile
	for _, n := range names {
		p := path.Join(s.dir, n)
		data, err := readFS(s.fsys, p)
		if err != nil {
			return nil, fmt.Errorf("reading rule file: %w", err)
		}
		name := p
		if s.label != "" {
			name = filepath.Join(s.label, n)
		}
		out = append(out, newSrcFile(name, data))
	}
	return out, nil
}

// digest returns sha256 over the content of the files in force, never
// their names: for each national file in the order Load reads them (name
// order, which decides the order of their rules), its role and length and
// its bytes, then the same for the area file. So the same area file read as
// /dev/stdin, from standard input or under another name gives the same
// digest, and so does a copy of the national directory; changing, adding,
// removing or reordering a file changes it.
func digest(national []*srcFile, area *srcFile) string {
	h := sha256.New()
	io.WriteString(h, "isotp policy\x00")
	write := func(role string, f *srcFile) {
		fmt.Fprintf(h, "%s\x00%d\x00", role, len(f.Bytes()))
		h.Write(f.Bytes())
	}
	for _, f := range national {
		write("national", f)
	}
	if area != nil {
		write("area", area)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
