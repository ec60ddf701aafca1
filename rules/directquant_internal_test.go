package rules

import (
	"testing"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/ext"
)

// TestQuantified: the comprehensions exists and all expand to are taken
// for quantifiers, with the value that stops them; other comprehensions
// are not.
func TestQuantified(t *testing.T) {
	env, err := cel.NewEnv(cel.Variable("xs", cel.ListType(cel.IntType)), ext.Bindings())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		expr string
		ok   bool
		stop types.Bool
		pred string // the predicate's function
	}{
		{expr: `xs.exists(x, x > 1)`, ok: true, stop: types.True, pred: "_>_"},
		{expr: `xs.all(x, x > 1)`, ok: true, stop: types.False, pred: "_>_"},
		{expr: `xs.all(x, xs.exists(y, y > x))`}, // the inner accumulator has the outer's name
		{expr: `xs.exists_one(x, x > 1)`},
		{expr: `xs.filter(x, x > 1)`},
		{expr: `xs.map(x, x > 1)`},
		{expr: `cel.bind(y, xs, y.size() > 1)`},
	} {
		a, iss := env.Compile(tc.expr)
		if iss.Err() != nil {
			t.Fatal(iss.Err())
		}
		e := a.NativeRep().Expr()
		if e.Kind() != ast.ComprehensionKind {
			t.Fatalf("%s: not a comprehension", tc.expr)
		}
		pred, stop, ok := quantified(e.AsComprehension())
		if ok != tc.ok || ok && (stop != tc.stop || pred.AsCall().FunctionName() != tc.pred) {
			t.Errorf("quantified(%s) = %v, %v; want %v, %v", tc.expr, stop, ok, tc.stop, tc.ok)
		}
	}
}
