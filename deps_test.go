package isotp_test

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestImportDirection holds the layout's one-way imports: the root imports
// only its JSON reader and enumeration helper below it, internal/jsonread
// and internal/enum, leaves that import nothing of the module; rules imports only the root (and the YAML
// reader below); decision packages import the root and rules (and the
// text-filling helper) but not each other; report, the one package that
// reads both an attendance summary and an assessment, joins them; policytest and whatif, machinery for policy
// authors, drive the decision packages; rules and policytest read their YAML
// files with one shared reader, internal/yamlfile, a leaf that imports
// nothing of the module; only rules imports cel-go.
func TestImportDirection(t *testing.T) {
	const module = "github.com/isotp-dev/isotp"
	const text = "internal/textwrap"     // a leaf: it imports nothing of the module
	const yamlfile = "internal/yamlfile" // a leaf: it imports nothing of the module
	const jsonread = "internal/jsonread" // a leaf: it imports nothing of the module
	const enum = "internal/enum"         // a leaf: it imports nothing of the module
	allowed := map[string][]string{
		"":                  {jsonread, enum},
		"internal/jsonread": {},
		"internal/enum":     {},
		"rules":             {"", yamlfile},
		"eligibility":       {"", "rules", text},
		"attendance":        {"", "rules", text},
		"assessment":        {"", "rules", text},
		"report":            {"", "rules", "attendance", "assessment", text},
		"report/pdf":        {"report"},
		"groups":            {"", "rules", text},
		"internal/textwrap": {},
		"internal/yamlfile": {},
		"policytest":        {"", "rules", "eligibility", "attendance", "assessment", yamlfile},
		"whatif":            {"", "rules", "eligibility", "attendance", "assessment"},
		"internal/synth":    {""},
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
