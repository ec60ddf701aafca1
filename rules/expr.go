package rules

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"go.yaml.in/yaml/v3"
)

// An Expr is one CEL expression compiled against a section of a policy, for
// tools that try an expression out (isotp eval): it reads what the section's
// rules read (its inputs, params.<name> and every variable of the section)
// and is held to the same cost limit as they are, counted as it runs. It is
// immutable and safe for concurrent use.
type Expr struct {
	rs   *RuleSet
	ce   *compiledExpr
	typ  string
	cost uint64
}

// ExprFile is the file name the positions of CompileExpr's errors give.
const ExprFile = "expression"

// CompileExpr compiles src against section s of p, after the section's
// variables. Errors in the policy's section are reported as Compile
// reports them; errors in src as an ErrorList (errors.Is
// ErrInvalidPolicy) whose positions are in src: File ExprFile, Line and
// Column counting from 1 (columns in bytes), and Line the line of src
// (Error.Detail shows it with a caret). An expression whose estimated cost
// is over ExpressionCostLimit is refused as a rule's would be.
func (p *Policy) CompileExpr(s Section, src string) (*Expr, error) {
	rs, env, c, err := p.compileSection(s)
	if err != nil {
		return nil, err
	}
	f := newSrcFile(ExprFile, []byte(src))
	if strings.TrimSpace(src) == "" {
		var errs ErrorList
		errs.add("cel.syntax", Position{File: ExprFile, Line: 1, Column: 1}, src, "no expression given")
		return nil, errs.Err()
	}
	var errs ErrorList
	c.errs, c.decision, c.track = &errs, nil, true
	node := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: src, Line: 1, Column: 1}
	ce, t := c.compile(env, exprDoc{src: src, node: node, file: f}, nil, false)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &Expr{rs: rs, ce: ce, typ: t.String(), cost: ce.cost}, nil
}

// Type returns the expression's type as CEL writes it: bool, int,
// list(string), isotp.Offender.
func (x *Expr) Type() string { return x.typ }

// Cost returns the most one evaluation of the expression can cost, as
// estimated when it was compiled for the largest case the rules accept; it
// is at most ExpressionCostLimit.
func (x *Expr) Cost() uint64 { return x.cost }

// An ExprResult is the value of an Expr on one case.
type ExprResult struct {
	Known bool `json:"known"` // false when the value depends on a fact that is not known
	// Value is the value as JSON carries it: numbers, text, true and false,
	// lists, objects of their known fields, dates as "YYYY-MM-DD"; nil when
	// it is not known.
	Value   any      `json:"value"`
	Literal string   `json:"literal"`           // the value written as CEL writes literals, or "unknown"
	Missing []string `json:"missing,omitempty"` // when not known: the facts it needs, as JSON paths
	Cost    uint64   `json:"cost"`              // the steps this evaluation took, as CEL counts them
	done    bool
}

// Eval evaluates x with the inputs bound in `in`, as Evaluate binds them
// (an input not bound is not known), after the section's variables. Its
// errors are Evaluate's; an expression that fails gives an *EvalError of
// Kind "expression".
func (x *Expr) Eval(ctx context.Context, in []Binding) (ExprResult, error) {
	var res ExprResult
	if _, err := x.rs.Evaluate(ctx, in, Capture(x, &res)); err != nil {
		return ExprResult{}, err
	}
	return res, nil
}

// Capture makes Evaluate, on a RuleSet compiled from the same policy and
// section as x, also evaluate x with the same inputs once the section's
// variables are known, and store its result in *into: so that a tool can
// try an expression on a case bound by a decision's own code, through the
// options the decision passes to Evaluate. A RuleSet of another policy or
// section leaves *into as it was; Captured reports whether it was filled.
func Capture(x *Expr, into *ExprResult) EvalOption {
	return func(c *evalConfig) { c.capture, c.into = x, into }
}

// Captured reports whether r was filled by an evaluation (Capture).
func (r *ExprResult) Captured() bool { return r.done }

// capture evaluates x in act, which holds the inputs and variables of rs.
func (x *Expr) capture(ctx context.Context, rs *RuleSet, act *activation) (ExprResult, bool, error) {
	if x.rs.policy != rs.policy || x.rs.section.Name != rs.section.Name || len(x.rs.slots) != len(rs.slots) {
		return ExprResult{}, false, nil
	}
	if err := ctx.Err(); err != nil {
		return ExprResult{}, false, err
	}
	v, det, err := x.ce.prg.Eval(act)
	res := ExprResult{done: true}
	if det != nil && det.ActualCost() != nil {
		res.Cost = *det.ActualCost()
	}
	if err != nil {
		return res, true, evalError(rs.section.Name, "expression", "", "expression", x.ce, err)
	}
	if u, ok := v.(*types.Unknown); ok {
		res.Literal, res.Missing = "unknown", trails(u)
		return res, true, nil
	}
	res.Known = true
	res.Value, res.Literal = jsonValue(v), celLiteral(v)
	return res, true, nil
}

// jsonValue converts a CEL value to the value JSON carries for it.
func jsonValue(v ref.Val) any {
	switch x := v.(type) {
	case nil, *types.Unknown:
		return nil
	case types.Bool:
		return bool(x)
	case types.Int:
		return int64(x)
	case types.Uint:
		return uint64(x)
	case types.Double:
		return float64(x)
	case types.String:
		return string(x)
	case *dateVal:
		return string(x.ConvertToType(types.StringType).(types.String))
	case *objVal:
		m := map[string]any{}
		for _, f := range x.obj.fields {
			if fv := f.Get(x.ptr).v; fv != nil {
				m[f.Name] = jsonValue(fv)
			}
		}
		return m
	case *listVal:
		out := make([]any, len(x.elems))
		for i, e := range x.elems {
			out[i] = jsonValue(e)
		}
		return out
	case traits.Lister:
		n := int(x.Size().(types.Int))
		out := make([]any, n)
		for i := range n {
			out[i] = jsonValue(x.Get(types.Int(i)))
		}
		return out
	case traits.Mapper:
		m := map[string]any{}
		it := x.Iterator()
		for it.HasNext() == types.True {
			k := it.Next()
			m[keyText(k)] = jsonValue(x.Get(k))
		}
		return m
	}
	return fmt.Sprint(v.Value())
}

func keyText(k ref.Val) string {
	if s, ok := k.(types.String); ok {
		return string(s)
	}
	return celLiteral(k)
}

// celLiteral writes a CEL value as CEL writes literals: "text", 17, 1.5,
// true, date("2019-03-01"), [1, 2], {"a": 1}, and an object as its type
// with its known fields.
func celLiteral(v ref.Val) string {
	switch x := v.(type) {
	case nil, *types.Unknown:
		return "unknown"
	case types.String:
		return strconv.Quote(string(x))
	case types.Double:
		s := strconv.FormatFloat(float64(x), 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s
	case types.Uint:
		return strconv.FormatUint(uint64(x), 10) + "u"
	case *dateVal:
		return "date(\"" + string(x.ConvertToType(types.StringType).(types.String)) + "\")"
	case *objVal:
		var parts []string
		for _, f := range x.obj.fields {
			if fv := f.Get(x.ptr).v; fv != nil {
				parts = append(parts, f.Name+": "+celLiteral(fv))
			}
		}
		return x.obj.name + "{" + strings.Join(parts, ", ") + "}"
	case *listVal:
		parts := make([]string, len(x.elems))
		for i, e := range x.elems {
			parts[i] = celLiteral(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case traits.Lister:
		n := int(x.Size().(types.Int))
		parts := make([]string, n)
		for i := range n {
			parts[i] = celLiteral(x.Get(types.Int(i)))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case traits.Mapper:
		var parts []string
		it := x.Iterator()
		for it.HasNext() == types.True {
			k := it.Next()
			parts = append(parts, celLiteral(k)+": "+celLiteral(x.Get(k)))
		}
		sort.Strings(parts)
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v.Value())
}
