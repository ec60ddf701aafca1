package rules_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// secret is an offender.id no error may ever quote.
const secret = "SECRET-7f3a"

// hostileCase returns a case with the given offender.id and n offences.
func hostileCase(id string, n int) *isotp.Case {
	yes := true
	c := &isotp.Case{AsOf: isotp.NewDate(2026, 11, 27), Stage: isotp.PreSentence,
		Offender: &isotp.Offender{ID: id, Sex: isotp.Male, DateOfBirth: isotp.NewDate(1990, 5, 1)}}
	for range n {
		c.Offences = append(c.Offences, isotp.Offence{Offence: "possess_indecent_photograph", Date: isotp.NewDate(2019, 3, 1), Internet: &yes})
	}
	return c
}

// decide loads the national policy with area and decides c.
func decide(t *testing.T, area string, c *isotp.Case) error {
	t.Helper()
	pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(area)))
	require.NoError(t, err)
	e, err := eligibility.New(pol)
	require.NoError(t, err)
	_, err = e.Decide(context.Background(), c)
	return err
}

const hostileHead = "area: hostile\npolicy: i-SOTP\neligibility:\n"

// TestEvalErrors gives rules that fail at run time a case whose id is a
// recognisable secret: each error names the section, the rule or variable,
// the part of it that failed and where, and the kind of failure, and never
// quotes the id, though CEL's own messages would.
func TestEvalErrors(t *testing.T) {
	rule := func(fields string) string {
		return hostileHead + "  rules:\n    - id: hostile\n      description: Hostile.\n      effect: advisory\n" + fields
	}
	at := func(line, col int) rules.Position { return rules.Position{File: "area.yaml", Line: line, Column: col} }
	ruleErr := func(field string, pos rules.Position, problem string) rules.EvalError {
		return rules.EvalError{Section: "eligibility", Kind: "rule", Name: "hostile", Field: field, Pos: pos, Problem: problem}
	}
	const notNumber = "a value could not be converted, such as text that is not a number"
	tests := []struct {
		name string
		area string
		want rules.EvalError
	}{
		{"text read as a number", rule(`      expression: "int(offender.id) > 0"` + "\n"),
			ruleErr("expression", at(8, 20), notNumber)},
		{"a map key from the case", rule(`      expression: "{'a': 1}[offender.id] == 1"` + "\n"),
			ruleErr("expression", at(8, 20), "it reads a map key that is not there")},
		{"an index from the case", rule(`      expression: "offences[offender.id.size()].internet"` + "\n"),
			ruleErr("expression", at(8, 20), "it reads past the end of a list or text")},
		{"dividing by a number from the case", rule(`      expression: "100 / (offender.id.size() - 11) > 0"` + "\n"),
			ruleErr("expression", at(8, 20), "it divides by zero")},
		{"text read as a date", rule(`      expression: "date(offender.id) < as_of"` + "\n"),
			ruleErr("expression", at(8, 20), "date() was given text that is not a date written YYYY-MM-DD")},
		{"a regular expression from the case", rule(`      expression: "offender.id.matches(offender.id + '(')"` + "\n"),
			ruleErr("expression", at(8, 20), "a regular expression is not valid")},
		{"message_expression", rule(`      expression: "false"` + "\n" + `      message_expression: "'Id ' + string(int(offender.id))"` + "\n"),
			ruleErr("message_expression", at(9, 28), notNumber)},
		{"unknown_when", rule(`      unknown_when: "int(offender.id) > 0"` + "\n      expression: \"true\"\n"),
			ruleErr("unknown_when", at(8, 22), notNumber)},
		{"applies_when", rule(`      applies_when: "int(offender.id) > 0"` + "\n      expression: \"true\"\n"),
			ruleErr("applies_when", at(8, 22), notNumber)},
		{"a variable", hostileHead + "  variables:\n    - name: n\n      expression: int(offender.id)\n",
			rules.EvalError{Section: "eligibility", Kind: "variable", Name: "n", Field: "expression", Pos: at(6, 19), Problem: notNumber}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := decide(t, tt.area, hostileCase(secret, 1))
			var got *rules.EvalError
			if !errors.As(err, &got) || !errors.Is(err, rules.ErrEvaluation) {
				t.Fatalf("Decide = %v, want an *EvalError", err)
			}
			if diff := cmp.Diff(tt.want, *got, cmpopts.IgnoreUnexported(rules.EvalError{})); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("the error quotes the case: %v", err)
			}
		})
	}
}

// TestTextError: a text that fails on a case names itself, as rules do.
func TestTextError(t *testing.T) {
	fsys := fstest.MapFS{"p/a.yaml": &fstest.MapFile{Data: []byte("name: t\nversion: \"1\"\neligibility:\n  texts:\n    greeting: \"'Hello ' + string(int(id))\"\n")}}
	pol, err := rules.Load(rules.Dir(fsys, "p"))
	require.NoError(t, err)
	id := &rules.Var{Name: "id", Type: rules.StringType}
	rs, err := pol.Compile(rules.Section{Name: "eligibility", Texts: []*rules.Var{testGreeting}, Inputs: []*rules.Var{id}})
	require.NoError(t, err)
	ev, err := rs.Evaluate(context.Background(), []rules.Binding{id.Bind(rules.String(secret))})
	require.NoError(t, err)
	_, _, err = ev.Text(context.Background(), testGreeting)
	want := rules.EvalError{Section: "eligibility", Kind: "text", Name: "greeting", Field: "expression",
		Pos: rules.Position{File: "p/a.yaml", Line: 5, Column: 16}, Problem: "a value could not be converted, such as text that is not a number"}
	var got *rules.EvalError
	if !errors.As(err, &got) {
		t.Fatalf("Text = %v, want an *EvalError", err)
	}
	if diff := cmp.Diff(want, *got, cmpopts.IgnoreUnexported(rules.EvalError{})); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestInputLimits gives rules values longer than their types allow, as a
// library caller building a case by hand can: each is an input error naming
// the value's path, found before a rule grows it, and quoting nothing of it.
func TestInputLimits(t *testing.T) {
	grow := hostileHead + "  rules:\n    - id: grow\n      description: Grows.\n      effect: advisory\n" +
		"      expression: \"offender.id.replace('', offender.id).size() > 0\"\n"
	long := strings.Repeat("SECRET", 10000/6) // within the 10,000 bytes of any text, over isotp.MaxIDLen
	tests := []struct {
		name string
		c    *isotp.Case
		path string
	}{
		{"an id of 10,000 bytes", hostileCase(long, 1), "offender.id"},
		{"more offences than a case may hold", hostileCase(secret, isotp.MaxOffences+1), "offences"},
		{"an offence name of 10,000 bytes", func() *isotp.Case {
			c := hostileCase(secret, 1)
			c.Offences[0].Offence = long
			return c
		}(), "offences[0].offence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			alloc := allocated(func() { err = decide(t, grow, tt.c) })
			var in *isotp.InputError
			if !errors.As(err, &in) || !errors.Is(err, isotp.ErrInvalidInput) || in.Path != tt.path {
				t.Fatalf("Decide = %v, want an input error at %s", err, tt.path)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("the error quotes the case: %.200v", err)
			}
			// Loading and compiling take some 4 MB; the grown id, 100 MB.
			if alloc > 16<<20 {
				t.Errorf("deciding allocated %d MB, want under 16 MB", alloc>>20)
			}
		})
	}
	// Past the general limits, a value cannot be given at all.
	rs := testRuleSet(t, "")
	items := make([]item, 10001)
	list := rules.List(len(items), func(i int) rules.Value { return rules.ObjectValue(itemObject, &items[i]) })
	_, err := rs.Evaluate(context.Background(), []rules.Binding{testItems.Bind(list)})
	if !errors.Is(err, isotp.ErrInvalidInput) || !errors.Is(err, rules.ErrEvaluation) {
		t.Errorf("Evaluate with a list of 10,001 items = %v, want an input error", err)
	}
	p := &person{Name: strings.Repeat("x", 10001), Age: ptr(30), Flag: ptr(true)}
	_, err = rs.Evaluate(context.Background(), []rules.Binding{testPerson.Bind(rules.ObjectValue(personObject, p))})
	if !errors.Is(err, isotp.ErrInvalidInput) {
		t.Errorf("Evaluate with a text of 10,001 bytes = %v, want an input error", err)
	}
}

// TestRuntimeCostLimit: an expression whose cost the estimate cannot bound
// (it reads a value through dyn(), whose size the estimate loses) runs with
// run-time tracking, and is stopped with an error naming it and the limit.
func TestRuntimeCostLimit(t *testing.T) {
	rules.LowerRuntimeCostLimit(t, 50)
	area := hostileHead + "  rules:\n    - id: through_dyn\n      description: Grows.\n      effect: advisory\n" +
		"      expression: \"dyn({'id': offender.id}).id.replace('', 'ab').size() > 0\"\n"
	err := decide(t, area, hostileCase(secret, 1))
	want := rules.EvalError{Section: "eligibility", Kind: "rule", Name: "through_dyn", Field: "expression",
		Pos: rules.Position{File: "area.yaml", Line: 8, Column: 20}, Problem: "stopped after 50 steps, the limit for one expression"}
	var got *rules.EvalError
	if !errors.As(err, &got) || !errors.Is(err, rules.ErrCostLimit) || !errors.Is(err, rules.ErrEvaluation) {
		t.Fatalf("Decide = %v, want an *EvalError matching ErrCostLimit", err)
	}
	if diff := cmp.Diff(want, *got, cmpopts.IgnoreUnexported(rules.EvalError{})); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	// Under the limit, it decides.
	if err := decide(t, area, hostileCase("A1", 1)); err != nil {
		t.Errorf("Decide on a short id = %v", err)
	}
}

// TestNationalExpressionCost: national policy's own expressions, texts and
// parameters' bounds are costed as area files' are. A bounds expression
// runs while the policy loads, so a costly one would run then.
func TestNationalExpressionCost(t *testing.T) {
	// Each step squares the length: 10 characters, then 110, then 12,000.
	grow := func(x string) string {
		return "cel.bind(a, " + x + ".replace('', " + x + "), cel.bind(b, a.replace('', a), b.replace('', b)))"
	}
	tests := []struct {
		name, policy string
		want         rules.Position
	}{
		{"bounds", "name: t\nversion: \"1\"\nparameters:\n  fallback:\n    type: string\n    default: individual\n    description: d\n" +
			"    bounds: \"" + grow("value") + ".size() > 0\"\n", rules.Position{File: "p/a.yaml", Line: 8, Column: 14}},
		{"a text", "name: t\nversion: \"1\"\neligibility:\n  texts:\n    greeting: \"" + grow("'individual'") + "\"\n",
			rules.Position{File: "p/a.yaml", Line: 5, Column: 16}},
	}
	var messages strings.Builder
	for _, tt := range tests {
		section := rules.Section{Name: "eligibility"}
		if tt.name == "a text" {
			section.Texts = []*rules.Var{testGreeting}
		}
		fsys := fstest.MapFS{"p/a.yaml": &fstest.MapFile{Data: []byte(tt.policy)}}
		var err error
		alloc := allocated(func() { err = rules.Check(rules.Dir(fsys, "p"), []rules.Section{section}) })
		var list rules.ErrorList
		require.ErrorAs(t, err, &list, tt.name)
		require.Len(t, list, 1, tt.name)
		require.Equal(t, tt.want, list[0].Pos, tt.name)
		fmt.Fprintf(&messages, "# %s\n%s\n", tt.name, list[0].Error())
		if alloc > 16<<20 {
			t.Errorf("%s: checking allocated %d MB, want under 16 MB", tt.name, alloc>>20)
		}
	}
	// Each is refused as too costly, before it runs.
	golden.CheckString(t, "testdata/national_cost.golden", messages.String())
}

// growthSection is what FuzzGrowth's expressions read: an id and a list of
// names as long as a case's may be.
var (
	growthID      = &rules.Var{Name: "id", Type: rules.StringType.AtMost(isotp.MaxIDLen)}
	growthNames   = &rules.Var{Name: "names", Type: rules.ListOf(rules.StringType.AtMost(isotp.MaxNameLen)).AtMost(isotp.MaxOffences)}
	growthSection = rules.Section{Name: "eligibility", Effects: []string{"advisory"}, Inputs: []*rules.Var{growthID, growthNames}}
)

// growthExpr builds, from program, an expression of text and list growing
// operators over the inputs and literals, and the variables it names on the
// way: each byte picks an operator or moves a value into a variable.
func growthExpr(program []byte) (vars []string, expr string) {
	strs := []string{"id", "'x'"}
	lists := []string{"names"}
	pick := func(s []string, b byte) string { return s[int(b)%len(s)] }
	for i, b := range program {
		if i >= 12 {
			break
		}
		a, c := pick(strs, b>>4), pick(strs, b>>2)
		l := pick(lists, b>>3)
		switch b % 16 {
		case 0:
			strs = append(strs, "("+a+" + "+c+")")
		case 1:
			strs = append(strs, a+".replace('', "+c+")")
		case 2:
			strs = append(strs, a+".replace('x', "+c+")")
		case 3:
			strs = append(strs, "["+a+", "+c+"].join("+a+")")
		case 4:
			strs = append(strs, "'%s%s'.format(["+a+", "+c+"])")
		case 5:
			strs = append(strs, a+".split('').join("+c+")")
		case 6:
			strs = append(strs, l+".join("+a+")")
		case 7:
			strs = append(strs, "'%s'.format(["+l+"])")
		case 8:
			lists = append(lists, "("+l+" + "+l+")")
		case 9:
			lists = append(lists, l+".map(e, e + "+a+")")
		case 10:
			lists = append(lists, l+".filter(e, e.size() > 1)")
		case 11:
			lists = append(lists, l+".map(e, "+l+".join(e))")
		case 12:
			lists = append(lists, a+".split("+c+")")
		case 13:
			strs = append(strs, "'"+strings.Repeat("x", int(b))+"'")
		case 14:
			// A variable holding the newest text, read from then on.
			name := "v" + strconv.Itoa(len(vars))
			vars = append(vars, strs[len(strs)-1])
			strs = append(strs, name)
		case 15:
			name := "v" + strconv.Itoa(len(vars))
			vars = append(vars, lists[len(lists)-1])
			lists = append(lists, name)
		}
	}
	return vars, strs[len(strs)-1] + ".size() >= 0 && " + lists[len(lists)-1] + ".size() >= 0"
}

// FuzzGrowth builds expressions that grow text and lists, and requires each
// either to be refused at load, at its place in the rule file, or to be
// evaluated on the largest inputs within bounded memory, with a result or
// an evaluation error.
func FuzzGrowth(f *testing.F) {
	for _, seed := range []string{"", "\x01\x01", "\x0e\x0e\x0e\x0e", "\x00\x0e\x00\x0e\x00\x0e\x00\x0e", "\x08\x08\x0f\x08\x0f\x0b", "\x16\x26\x36\x07\x0c", "\x03\x04\x05\x09\x0a"} {
		f.Add([]byte(seed))
	}
	long := strings.Repeat("ax", isotp.MaxIDLen/2)
	names := make([]string, isotp.MaxOffences)
	for i := range names {
		names[i] = strings.Repeat("xa", isotp.MaxNameLen/2)
	}
	inputs := func() []rules.Binding {
		return []rules.Binding{growthID.Bind(rules.String(long)), growthNames.Bind(rules.List(len(names), func(i int) rules.Value { return rules.String(names[i]) }))}
	}
	f.Fuzz(func(t *testing.T, program []byte) {
		vars, expr := growthExpr(program)
		var yaml strings.Builder
		yaml.WriteString("name: f\nversion: \"1\"\neligibility:\n")
		if len(vars) > 0 {
			yaml.WriteString("  variables:\n")
		}
		for i, v := range vars {
			fmt.Fprintf(&yaml, "    - name: v%d\n      expression: %q\n", i, v)
		}
		fmt.Fprintf(&yaml, "  rules:\n    - id: grow\n      description: Grows.\n      effect: advisory\n      expression: %q\n", expr)
		fsys := fstest.MapFS{"p/a.yaml": &fstest.MapFile{Data: []byte(yaml.String())}}
		pol, err := rules.Load(rules.Dir(fsys, "p"))
		if err != nil {
			t.Fatalf("Load: %v\n%s", err, yaml.String())
		}
		rs, err := pol.Compile(growthSection)
		if err != nil {
			var list rules.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Compile error is not an ErrorList: %v", err)
			}
			for _, e := range list {
				if e.Pos.File != "p/a.yaml" || e.Pos.Line == 0 || e.Pos.Column == 0 {
					t.Errorf("error without its place: %v", e)
				}
			}
			return
		}
		var evalErr error
		alloc := allocated(func() { _, evalErr = rs.Evaluate(context.Background(), inputs()) })
		if evalErr != nil && !errors.Is(evalErr, rules.ErrEvaluation) {
			t.Errorf("Evaluate = %v, want a result or an evaluation error", evalErr)
		}
		// The budget of one decision allows some 10 MB of text; lists
		// and the values' headers take more per step.
		if alloc > 96<<20 {
			t.Errorf("evaluating allocated %d MB, want under 96 MB\n%s", alloc>>20, yaml.String())
		}
	})
}

// TestFilteredItemFieldSized: a field read from an item of a list a rule has
// filtered (the estimate has no path to it) is as large as its Type
// allows, not unbounded, so the expression is costed at load and runs
// without run-time tracking: with the run-time limit lowered to one step,
// the decision is still made. So are the national findings that read so.
func TestFilteredItemFieldSized(t *testing.T) {
	rules.LowerRuntimeCostLimit(t, 1)
	area := hostileHead + "  rules:\n    - id: first_listed\n      description: The first offence has a name.\n      effect: advisory\n" +
		"      expression: \"cel.bind(l, offences.filter(o, has(o.offence)), l.size() > 0 && l[0].offence.size() > 0)\"\n" +
		"      finding: \"cel.bind(l, offences.filter(o, has(o.offence)), l.size() > 0 ? 'First: ' + l[0].offence + '.' : 'None.')\"\n"
	if err := decide(t, area, hostileCase("A1", 3)); err != nil {
		t.Errorf("Decide = %v, want no run-time tracking", err)
	}
}
