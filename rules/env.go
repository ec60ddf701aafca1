package rules

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"
)

// Limits on expressions, checked when the policy is loaded.
const (
	maxExpressionSize  = 10000 // code points
	maxExpressionDepth = 64    // nested calls and operators
)

// baseOptions are the CEL declarations every expression of a policy sees:
// the standard library, string helpers, the date type and its helpers, and
// the offence catalogue; add_working_days counts the working days of cal.
func baseOptions(c *catalogue, cal *Calendar) []cel.EnvOption {
	opts := []cel.EnvOption{
		// Bounds on what the parser accepts: expressions are read by
		// people, and a hostile file must not exhaust the stack.
		cel.ParserExpressionSizeLimit(maxExpressionSize),
		cel.ParserRecursionLimit(maxExpressionDepth),
		ext.Strings(),
		ext.Bindings(), // cel.bind(name, value, expression): name a value once inside an expression
		probeDecl,      // for cost estimates only; rule files cannot name it
		cel.Function("in_catalogue",
			cel.Overload(inCatalogueOverload, []*cel.Type{cel.StringType}, cel.BoolType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					_, ok := c.find(string(v.(types.String)))
					return types.Bool(ok)
				}))),
		cel.Function("catalogue_id",
			cel.Overload(catalogueIDOverload, []*cel.Type{cel.StringType}, cel.StringType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					e, _ := c.lookup(string(v.(types.String)))
					return types.String(e.ID)
				}))),
		cel.Function("offence_title",
			cel.Overload(offenceTitleOverload, []*cel.Type{cel.StringType}, cel.StringType,
				cel.UnaryBinding(c.title))),
	}
	opts = append(opts, dateFunctions(cal)...)
	return append(opts, gapFunctions()...)
}
