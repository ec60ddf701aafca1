package policytest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/yamlfile"
	"github.com/isotp-dev/isotp/rules"
	"go.yaml.in/yaml/v3"
)

// Suffix is how the name of a test file ends: eligibility_test.yaml beside
// the rule files it tests, cheshire_test.yaml beside cheshire.yaml.
const Suffix = "_test.yaml"

// A Suite is the test files Load read, every case decoded and every
// expectation checked. It is immutable once loaded, and Run may be called
// on it from several goroutines.
type Suite struct {
	Files []*File
}

// A File is one test file.
type File struct {
	Name        string // the path it was read from
	Description string
	// Area is the area file the tests are for, as a path from the working
	// directory (the file writes it relative to itself); "" when the file
	// names none, and the tests run under the national policy or the area
	// Config.Area gives.
	Area     string
	Tests    []*Test
	areaNode *yaml.Node
	areaData []byte      // the area file, read when the test file was
	areaInfo os.FileInfo // and what it is, to compare with Config.Area
	src      *srcFile
}

// A Test is one test: a case and what the decisions on it should be.
type Test struct {
	Name string
	Pos  rules.Position // where the test begins in its file
	Case *isotp.Case    // the case, decoded; Run does not change it
	src  *caseSource
	exp  expectations
}

// Load reads the test files at paths. Each path is a test file, or a
// directory searched, with its subdirectories, for files whose names end in
// Suffix; directories named testdata, or whose names begin with "." or "_",
// are skipped, as the go tool skips them. The case files and area file a
// test file names are read then too, and must be in the test file's own
// folder or below it. Every problem in every file is reported at once, as
// an ErrorList (errors.Is ErrInvalidTest) of file:line:col errors; a path
// that cannot be read, or a directory holding no test files, is a plain
// error.
func Load(paths ...string) (*Suite, error) {
	names, err := find(paths)
	if err != nil {
		return nil, err
	}
	var errs ErrorList
	s := &Suite{}
	for _, name := range names {
		data, err := readTestFile(name)
		if err != nil {
			return nil, fmt.Errorf("reading test file: %w", err)
		}
		if f := parseFile(&errs, name, data); f != nil {
			s.Files = append(s.Files, f)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// readTestFile reads a test file, no more of it than the size limit needs:
// a larger file is reported where it passes the limit.
func readTestFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return yamlfile.ReadLimited(f, maxFileSize)
}

// find lists the test files at paths, each once, in the order given and,
// within a directory, in name order.
func find(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("no test files or directories given")
	}
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if clean := filepath.Clean(name); !seen[clean] {
			seen[clean] = true
			out = append(out, name)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		before := len(out)
		err = yamlfile.Walk(p, func(name string) bool { return strings.HasSuffix(name, Suffix) }, add)
		if err != nil {
			return nil, err
		}
		if len(out) == before {
			return nil, fmt.Errorf("%s: no test files (*%s) found", p, Suffix)
		}
	}
	return out, nil
}

// parseFile reads one test file, and the files it names, adding its
// problems to errs. It returns nil when the file is unusable.
func parseFile(errs *ErrorList, name string, data []byte) *File {
	before := len(*errs)
	r := &reader{f: newSrcFile(name, data), errs: errs}
	if root, err := os.OpenRoot(filepath.Dir(name)); err == nil {
		r.root = root
		defer root.Close()
	}
	top := r.parse()
	if top == nil {
		return nil
	}
	f := &File{Name: name, src: r.f}
	r.fields(top, "test file", map[string]func(k, v *yaml.Node){
		"description": func(_, v *yaml.Node) { f.Description, _ = r.text(v, "description") },
		"area": func(_, v *yaml.Node) {
			if _, ok := r.text(v, "area"); !ok {
				return
			}
			af, ok := r.open(v, "area")
			if !ok {
				return
			}
			defer af.Close()
			data, err := yamlfile.ReadLimited(af, maxFileSize)
			fi, serr := af.Stat()
			if err = errors.Join(err, serr); err != nil {
				r.errorf(v, "area: %s: %v", v.Value, pathErr(err))
				return
			}
			f.Area = filepath.Join(filepath.Dir(name), filepath.FromSlash(v.Value))
			f.areaNode, f.areaData, f.areaInfo = v, data, fi
		},
		"tests": func(_, v *yaml.Node) {
			items, ok := r.seq(v, "tests")
			if !ok {
				return
			}
			if len(items) == 0 {
				r.errorf(v, "tests: the list is empty")
			}
			names := map[string]*yaml.Node{}
			for _, item := range items {
				t := r.test(item)
				if t == nil {
					continue
				}
				if prev := names[t.Name]; prev != nil {
					r.errorf(item, "test %q: the name is already used at line %d", t.Name, r.f.pos(prev).Line)
					continue
				}
				names[t.Name] = item
				f.Tests = append(f.Tests, t)
			}
		},
	}, "tests")
	if len(*errs) > before {
		return nil
	}
	return f
}

// test reads one item of tests.
func (r *reader) test(n *yaml.Node) *Test {
	t := &Test{Pos: r.f.pos(n)}
	var caseNode, withNode, expectNode *yaml.Node
	r.fields(n, "test", map[string]func(k, v *yaml.Node){
		"name":        func(_, v *yaml.Node) { t.Name, _ = r.text(v, "test name") },
		"description": func(_, v *yaml.Node) { r.text(v, "test description") },
		"case":        func(_, v *yaml.Node) { caseNode = v },
		"with":        func(_, v *yaml.Node) { withNode = v },
		"expect":      func(_, v *yaml.Node) { expectNode = v },
	}, "name", "case", "expect")
	if n.Kind != yaml.MappingNode {
		return nil
	}
	if caseNode != nil {
		var ok bool
		if t.Case, t.src, ok = r.readCase(caseNode, withNode); !ok {
			t.Case = nil
		}
	} else if withNode != nil {
		r.errorf(withNode, "with: changes the case; give the case too")
	}
	if expectNode != nil {
		t.exp = r.expectations(expectNode)
	}
	if t.Name == "" || t.Case == nil || expectNode == nil {
		return nil
	}
	return t
}
