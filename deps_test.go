package isotp_test

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// decisionPackages are the packages that each make one decision. They read
// the root and rules, never each other, and only the registry (package
// decisions) lists them all.
var decisionPackages = []string{"eligibility", "attendance", "assessment", "groups"}

// TestImportDirection holds the layout's one-way imports:
//
//	root <- rules <- {eligibility, attendance, assessment, groups} <- decisions, report <- {policytest, whatif, server} <- cmd, examples
//
// The root imports only its JSON reader and enumeration helper below it,
// internal/jsonread and internal/enum, leaves that import nothing of the
// module; rules imports only the root (and the YAML reader and the
// text-filling helper, for explanations, below); a decision package imports the root
// and rules (and the text-filling helper), no sibling and nothing above;
// the registry, decisions, lists the decision packages and writes their
// results as JSON on the primitives of internal/jsonwrite, a leaf that
// imports nothing of the module; policytest and
// whatif, machinery for policy authors, loop over the registry and read the
// decisions' results (whatif writes its text with the text helper). report, the one package that reads both an
// attendance summary and an assessment, joins them. rules and policytest read their YAML files with one
// shared reader, internal/yamlfile, a leaf that imports nothing of the
// module; internal/yamlfmt (isotp fmt's layout) and internal/progress (the
// progress bar) are leaves too; only rules imports cel-go. server, the HTTP
// service behind isotp serve, loops over the registry and writes the report;
// it sits beside the tools, above every decision, and only the command and
// the examples import it. Every package of the module has a
// place here, so that a new one cannot slip past the rules.
func TestImportDirection(t *testing.T) {
	const module = "github.com/isotp-dev/isotp"
	const text = "internal/textwrap"       // a leaf: it imports nothing of the module
	const yamlfile = "internal/yamlfile"   // a leaf: it imports nothing of the module
	const jsonread = "internal/jsonread"   // a leaf: it imports nothing of the module
	const enums = "internal/enum"          // a leaf: it imports nothing of the module
	const jsonwrite = "internal/jsonwrite" // a leaf: it imports nothing of the module
	const any = "*"                        // a program: it may import any package of the module
	decision := []string{"", "rules", text, enums}
	allowed := map[string][]string{
		"":                   {jsonread, enums},
		"internal/jsonread":  {},
		"rules":              {"", yamlfile, enums, text},
		"decisions":          append([]string{"", "rules", enums, jsonwrite}, decisionPackages...),
		"policytest":         append([]string{"", "rules", "decisions", yamlfile, enums}, decisionPackages...),
		"whatif":             append([]string{"", "rules", "decisions", text}, decisionPackages...),
		"report":             {"", "rules", "attendance", "assessment", text},
		"report/pdf":         {"", "report"},
		"server":             {"", "rules", "decisions", "report", "schema"},
		"internal/enum":      {},
		"internal/jsonwrite": {},
		"internal/golden":    {},
		"internal/reference": {""},
		"internal/synth":     {""},
		"internal/textwrap":  {},
		"internal/yamlfile":  {},
		"internal/yamlfmt":   {},
		"internal/yamltest":  {},
		"internal/progress":  {},
		"schema":             {},
		"cmd/isotp":          {any},
	}
	for _, d := range decisionPackages {
		allowed[d] = decision
	}
	dirs, err := packageDirs(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		ok, listed := allowed[dir]
		if strings.HasPrefix(dir, "examples/") {
			ok, listed = []string{any}, true
		}
		if !listed {
			t.Errorf("package %s has no place in the layout (deps_test.go)", pkgName(dir))
			continue
		}
		pkg, err := build.ImportDir(filepath.Join(".", dir), 0)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, imp := range pkg.Imports {
			if strings.HasPrefix(imp, "cel.dev/") && dir != "rules" {
				t.Errorf("%s imports %s: only rules may use cel-go", pkgName(dir), imp)
			}
			if !strings.HasPrefix(imp, module) || slices.Contains(ok, any) {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			if !slices.Contains(ok, rel) {
				t.Errorf("%s imports %s, against the layout", pkgName(dir), imp)
			}
		}
	}
}

// packageDirs lists the directories under root that hold a Go package of
// the module (not its tests alone), relative to root; "" is root itself.
// Directories of modules of their own (bench/peers) and testdata are not
// the module's.
func packageDirs(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != root {
			return filepath.SkipDir
		}
		if _, err := build.ImportDir(path, 0); err == nil {
			rel, _ := filepath.Rel(root, path)
			if rel == "." {
				rel = ""
			}
			dirs = append(dirs, filepath.ToSlash(rel))
		}
		return nil
	})
	return dirs, err
}

func pkgName(dir string) string {
	if dir == "" {
		return "isotp"
	}
	return dir
}

// TestNoCELInExportedAPI checks that no exported function, method or struct
// field of the module mentions a cel-go package.
func TestNoCELInExportedAPI(t *testing.T) {
	dirs, _ := filepath.Glob("*")
	dirs = append(dirs, ".")
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			checkFileAPI(t, file)
		}
	}
}

func checkFileAPI(t *testing.T, file string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	celNames := map[string]bool{}
	for _, imp := range f.Imports {
		path := strings.Trim(imp.Path.Value, `"`)
		if !strings.HasPrefix(path, "cel.dev/") {
			continue
		}
		name := filepath.Base(path)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		celNames[name] = true
	}
	if len(celNames) == 0 {
		return
	}
	mentions := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && celNames[id.Name] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) && mentions(d.Type) {
				t.Errorf("%s: exported %s mentions cel-go", fset.Position(d.Pos()), d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok || !ts.Name.IsExported() {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					if mentions(ts.Type) {
						t.Errorf("%s: exported type %s mentions cel-go", fset.Position(ts.Pos()), ts.Name.Name)
					}
					continue
				}
				for _, field := range st.Fields.List {
					for _, name := range field.Names {
						if name.IsExported() && mentions(field.Type) {
							t.Errorf("%s: exported field %s.%s mentions cel-go", fset.Position(field.Pos()), ts.Name.Name, name.Name)
						}
					}
				}
			}
		}
	}
}

func exportedRecv(recv *ast.FieldList) bool {
	typ := recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if idx, ok := typ.(*ast.IndexExpr); ok {
		typ = idx.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}
