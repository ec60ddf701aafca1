package yamlfile_test

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp/internal/yamlfile"
)

// printer is a Reporter that prints each problem as file:line:col: msg.
type printer struct{}

func (printer) Report(file string, line, col int, lineText, code, msg string) {
	fmt.Printf("%s:%d:%d: %s\n", file, line, col, msg)
}

var format = &yamlfile.Format{
	Name:         "rule file",
	MaxText:      100,
	TopLevel:     func(*yaml.Node) string { return "want a mapping of rule-file fields at the top level" },
	SyntaxError:  "invalid YAML at or just after this line",
	DuplicateKey: "key",
}

func Example() {
	src := "name: i-SOTP\nversion: 2026.1\nfixed: yes\nsize: 12\n"
	f := yamlfile.New("policy.yaml", []byte(src), format)
	top := f.Parse(printer{})
	f.Fields(printer{}, top, "policy", map[string]func(k, v *yaml.Node){
		"name": func(_, v *yaml.Node) {
			if s, ok := f.Text(printer{}, v, "name"); ok {
				fmt.Println("name:", s)
			}
		},
		"version": func(_, v *yaml.Node) {
			if s, ok := f.Text(printer{}, v, "version"); ok {
				fmt.Println("version:", s)
			}
		},
		"fixed": func(_, v *yaml.Node) { f.Bool(printer{}, v, "fixed") },
	}, "name", "version", "area")
	// Output:
	// name: i-SOTP
	// version: 2026.1
	// policy.yaml:3:8: fixed: want true or false, got text "yes"
	// policy.yaml:4:1: policy: unknown field "size" (want one of fixed, name, version)
	// policy.yaml:1:1: policy: missing required field "area"
}

func ExampleFile_ExprPos() {
	src := "expression: >\n  size(offences) > 0 &&\n  offences.all(o, o.dat > 1)\n"
	f := yamlfile.New("rules.yaml", []byte(src), format)
	top := f.Parse(printer{})
	expr := top.Content[1]
	// A CEL error at the offset of "o.dat" in the folded expression:
	line, col := f.ExprPos(expr, 38)
	fmt.Printf("%q at rules.yaml:%d:%d\n", expr.Value[38:43], line, col)
	// Output:
	// "o.dat" at rules.yaml:3:19
}
