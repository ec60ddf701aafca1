package rules

import (
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// Quantifiers evaluated in one loop. r.exists(v, p) is expanded by the
// parser into a comprehension whose accumulator starts false, whose loop
// goes on while @not_strictly_false(!accu), and whose step is accu || p;
// r.all(v, p) the same with true, @not_strictly_false(accu) and accu && p.
// Planned as any comprehension, each element costs the condition's calls
// and the step's besides p's; here the loop keeps the accumulator itself,
// stopping where the condition would, and joins p's value to it as the
// step's || or && does (logical).

// quantifier plans comp when it is what exists or all expands to.
func (b *directBuilder) quantifier(comp ast.ComprehensionExpr) (direct, bool) {
	pred, stop, ok := quantified(comp)
	if !ok {
		return nil, false
	}
	iterRange, ok := b.build(comp.IterRange())
	if !ok {
		return nil, false
	}
	b.push(comp.AccuVar()) // its slot, unused, as fold keeps it
	iter := b.push(comp.IterVar())
	p, ok := b.build(pred)
	b.pop(2)
	if !ok {
		return nil, false
	}
	return func(a *activation) ref.Val {
		list, n, early := rangeList(iterRange(a))
		if list == nil {
			return early
		}
		var accu ref.Val = !stop
		for i := types.Int(0); i < n; i++ {
			if b, ok := accu.(types.Bool); ok && b == stop {
				break // the loop condition is false
			}
			a.locals[iter] = item(list, i)
			if accu = a.joinLogical(accu, p(a), stop); accu == giveUp {
				return giveUp
			}
		}
		return accu
	}, true
}

// quantified returns p, and the value that stops the loop (true for
// exists, false for all), when comp is what r.exists(v, p) or r.all(v, p)
// expands to.
func quantified(comp ast.ComprehensionExpr) (pred ast.Expr, stop types.Bool, ok bool) {
	accu := comp.AccuVar()
	isAccu := func(e ast.Expr) bool { return e.Kind() == ast.IdentKind && e.AsIdent() == accu }
	if comp.IterVar2() != "" || accu == comp.IterVar() || !isAccu(comp.Result()) || comp.AccuInit().Kind() != ast.LiteralKind {
		return nil, false, false
	}
	init, isBool := comp.AccuInit().AsLiteral().(types.Bool)
	if !isBool {
		return nil, false, false
	}
	stop = !init
	cond := comp.LoopCondition()
	if cond.Kind() != ast.CallKind || cond.AsCall().FunctionName() != operators.NotStrictlyFalse || len(cond.AsCall().Args()) != 1 {
		return nil, false, false
	}
	tested := cond.AsCall().Args()[0] // accu for all, !accu for exists
	if stop {
		if tested.Kind() != ast.CallKind || tested.AsCall().FunctionName() != operators.LogicalNot || len(tested.AsCall().Args()) != 1 {
			return nil, false, false
		}
		tested = tested.AsCall().Args()[0]
	}
	if !isAccu(tested) {
		return nil, false, false
	}
	join := operators.LogicalAnd
	if stop {
		join = operators.LogicalOr
	}
	step := comp.LoopStep()
	if step.Kind() != ast.CallKind || step.AsCall().FunctionName() != join || len(step.AsCall().Args()) != 2 || !isAccu(step.AsCall().Args()[0]) {
		return nil, false, false
	}
	pred = step.AsCall().Args()[1]
	if mentions(pred, accu) {
		return nil, false, false
	}
	return pred, stop, true
}

// joinLogical is v0 || v1 (stop true) or v0 && v1 (stop false), as
// logical gives it for two terms.
func (a *activation) joinLogical(v0, v1 ref.Val, stop types.Bool) ref.Val {
	b0, ok0 := v0.(types.Bool)
	if ok0 && b0 == stop {
		return stop
	}
	b1, ok1 := v1.(types.Bool)
	switch {
	case ok1 && b1 == stop:
		return stop
	case ok0 && ok1:
		return !stop
	}
	return a.undecided(v0, v1)
}
