package isotp_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// TestPolicyAuthoringGuide regenerates the parts of
// docs/policy-authoring.md that come from the national policy and the code
// (parameters, inputs, variables, rules, helpers, outcome codes, battery)
// and fails when the file is not current. Run go test -update . to rewrite
// them.
func TestPolicyAuthoringGuide(t *testing.T) {
	const path = "docs/policy-authoring.md"
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	blocks := map[string]string{
		"parameters":    paramsTable(pol),
		"helpers":       helpersTable(),
		"outcome-codes": outcomeCodesTable(pol),
		"battery":       batteryTable(pol),
	}
	for _, s := range decisions.Sections() { // every rule section of the registry
		blocks["inputs-"+s.Name] = inputsTable(s)
		blocks["variables-"+s.Name] = variablesTable(pol, s.Name)
		blocks["rules-"+s.Name] = rulesTable(pol, s.Name)
	}
	got := string(data)
	re := regexp.MustCompile(`(?s)(<!-- generated:([a-z-]+) -->\n).*?(<!-- end generated -->)`)
	seen := map[string]bool{}
	got = re.ReplaceAllStringFunc(got, func(m string) string {
		parts := re.FindStringSubmatch(m)
		name := parts[2]
		seen[name] = true
		block, ok := blocks[name]
		if !ok {
			t.Errorf("%s: unknown generated block %q", path, name)
			return m
		}
		return parts[1] + block + parts[3]
	})
	for name := range blocks {
		if !seen[name] {
			t.Errorf("%s has no generated block %q", path, name)
		}
	}
	golden.CheckString(t, path, got) // with -update, rewrites the file
}

func cell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}

func paramsTable(pol *rules.Policy) string {
	var b strings.Builder
	b.WriteString("| parameter | type | national value | areas may set | meaning and source |\n|---|---|---|---|---|\n")
	for _, p := range pol.Params() {
		may := "no (fixed)"
		switch {
		case !p.Fixed && p.Bounds == "":
			may = "any value"
		case !p.Fixed:
			may = "`" + cell(p.Bounds) + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | `%v` | %s | %s |\n", p.Name, p.Type, p.Value, may, cell(p.Description))
	}
	return b.String()
}

func helpersTable() string {
	var b strings.Builder
	b.WriteString("| function | what it gives | example |\n|---|---|---|\n")
	for _, h := range rules.Helpers() {
		fmt.Fprintf(&b, "| `%s` | %s | `%s` |\n", cell(h.Signature), cell(h.Doc), cell(h.Example))
	}
	return b.String()
}

// atMost writes how long a value of type t may be: "100 bytes", "500
// items"; "" for types without a length.
func atMost(t rules.Type) string {
	switch n := t.MaxLen(); {
	case n == 0:
		return ""
	case strings.HasPrefix(t.String(), "list("):
		return fmt.Sprintf("%d items", n)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

func inputsTable(s rules.Section) string {
	var b strings.Builder
	b.WriteString("| name | type | at most | what it is |\n|---|---|---|---|\n")
	seen := map[string]bool{}
	var objects []*rules.Object
	for _, in := range s.Inputs {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", in.Name, in.Type, atMost(in.Type), cell(in.Doc))
		if o := in.Type.Object(); o != nil && !seen[o.Name()] {
			seen[o.Name()] = true
			objects = append(objects, o)
		}
	}
	for i := 0; i < len(objects); i++ {
		o := objects[i]
		fmt.Fprintf(&b, "\nFields of `%s`:\n\n| field | type | at most | what it is |\n|---|---|---|---|\n", o.Name())
		for _, f := range o.Fields() {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", f.Name, f.Type, atMost(f.Type), cell(f.Doc))
			if fo := f.Type.Object(); fo != nil && !seen[fo.Name()] {
				seen[fo.Name()] = true
				objects = append(objects, fo)
			}
		}
	}
	return b.String()
}

func variablesTable(pol *rules.Policy, section string) string {
	var b strings.Builder
	b.WriteString("| variable | what it is | expression |\n|---|---|---|\n")
	for _, v := range pol.Variables(section) {
		fmt.Fprintf(&b, "| `%s` | %s | `%s` |\n", v.Name, cell(v.Description), cell(v.Expression))
	}
	return b.String()
}

func rulesTable(pol *rules.Policy, section string) string {
	var b strings.Builder
	b.WriteString("| rule | effect | overridable | requirement |\n|---|---|---|---|\n")
	for _, r := range pol.Rules(section) {
		over := ""
		if r.Overridable {
			over = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.Effect, over, cell(r.Description))
	}
	return b.String()
}

func outcomeCodesTable(pol *rules.Policy) string {
	var b strings.Builder
	b.WriteString("| code | session outcome |\n|---|---|\n")
	for _, c := range pol.OutcomeCodes() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", c.Code, c.Outcome)
	}
	return b.String()
}

func batteryTable(pol *rules.Policy) string {
	var b strings.Builder
	b.WriteString("| scale id | title | better when |\n|---|---|---|\n")
	for _, s := range pol.Battery() {
		dir := "lower"
		if s.HigherIsBetter {
			dir = "higher"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.ID, cell(s.Title), dir)
	}
	return b.String()
}

// TestReadmeLimits checks the README's table of input limits against the
// constants: each row's limit is its constant's value, and every limit has
// a row.
func TestReadmeLimits(t *testing.T) {
	data, err := os.ReadFile("README.md")
	require.NoError(t, err)
	limits := map[string]int{
		"MaxCaseBytes": isotp.MaxCaseBytes, "MaxOffences": isotp.MaxOffences, "MaxRequirements": isotp.MaxRequirements,
		"MaxSessions": isotp.MaxSessions, "MaxWarnings": isotp.MaxWarnings, "MaxContacts": isotp.MaxContacts,
		"MaxWorkItems": isotp.MaxWorkItems, "MaxScores": isotp.MaxScores, "MaxIDLen": isotp.MaxIDLen,
		"MaxNameLen": isotp.MaxNameLen, "MaxTextLen": isotp.MaxTextLen, "MaxIntakeBytes": isotp.MaxIntakeBytes,
		"MaxReferrals": isotp.MaxReferrals,
	}
	row := regexp.MustCompile("(?m)^\\| .* \\| ([0-9,]+)( bytes)? \\| `(Max[A-Za-z]+)` \\|$")
	seen := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		name := m[3]
		want, ok := limits[name]
		if !ok {
			t.Errorf("README.md: the limits table names %s, which is not a limit", name)
			continue
		}
		seen[name] = true
		if got, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", "")); got != want {
			t.Errorf("README.md: %s is %s, want %d", name, m[1], want)
		}
	}
	for name := range limits {
		if !seen[name] {
			t.Errorf("README.md: no row for %s in the limits table", name)
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "limits.go", nil, 0)
	require.NoError(t, err)
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Obj != nil && id.Obj.Kind == ast.Con && id.IsExported() {
			if _, ok := limits[id.Name]; !ok {
				t.Errorf("limits.go declares %s, which this test (and the README) does not know", id.Name)
			}
		}
		return true
	})
}
