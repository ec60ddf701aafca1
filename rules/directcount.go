package rules

import (
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/overloads"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
)

// Lists counted, not built. A message often names a filtered list to say
// how many there are and which is first:
//
//	cel.bind(eligible, offences.filter(o, in_catalogue(o.offence)),
//	  eligible.size() == 0 ? 'None ...' : 'His offence ' + eligible[0].offence + ...)
//
// When the expression bound reads the list only through its size and
// items at constant positions, nothing else can see the list, so it is not
// made: the filter counts the elements that pass, and keeps the first few
// of them in local slots, which size() and the positions read. Where the
// filter's condition is not a bool for some element (a fact is missing, or
// it fails), or the list is not one the closures take, the bind is
// evaluated as it is planned otherwise, from the start: what it gives is
// then what cel-go's filter gives.

// mostCounted is the most items at constant positions a counted list
// keeps.
const mostCounted = 4

// countedBind plans comprehension comp when it is cel.bind(x, r.filter(v,
// p), body) with body reading x only as size(x) and x[k], k a constant
// below mostCounted. build plans body, x being counted in scope, and keeps
// what it makes. count runs the filter: it gives false when the bind is to
// be evaluated as planned otherwise.
func (b *directBuilder) countedBind(comp ast.ComprehensionExpr, build func(body ast.Expr) bool) (count func(a *activation) bool, ok bool) {
	if !bindExactly(comp) {
		return nil, false
	}
	init := comp.AccuInit()
	if init.Kind() != ast.ComprehensionKind {
		return nil, false
	}
	filter := init.AsComprehension()
	p, ok := filterCondition(filter)
	if !ok {
		return nil, false
	}
	x := comp.AccuVar()
	keep, ok := countedUses(comp.Result(), x)
	if !ok || mentions(p, x) || mentions(filter.IterRange(), x) {
		return nil, false
	}
	iterRange, ok := b.build(filter.IterRange())
	if !ok {
		return nil, false
	}
	n := b.pushCounted(x, keep)
	iter := b.push(filter.IterVar())
	cond, ok := b.build(p)
	b.pop(1)
	// The items kept are in the slots from the iteration variable's,
	// written once the filter is done.
	for range keep {
		b.push("#counted")
	}
	ok = ok && build(comp.Result())
	b.pop(1 + keep)
	if !ok {
		return nil, false
	}
	return func(a *activation) bool {
		list, isList := iterRange(a).(traits.Lister)
		if !isList {
			return false
		}
		size, _ := list.Size().(types.Int)
		var kept [mostCounted]ref.Val
		passed := 0
		for i := types.Int(0); i < size; i++ {
			el := item(list, i)
			a.locals[iter] = el
			c, isBool := cond(a).(types.Bool)
			if !isBool {
				return false
			}
			if c {
				if passed < keep {
					kept[passed] = el
				}
				passed++
			}
		}
		a.locals[n] = types.Int(passed)
		copy(a.locals[n+1:n+1+keep], kept[:keep])
		return true
	}, true
}

// bindExactly reports whether comp is what cel.bind expands to: no range,
// and an accumulator that stays the value it is given (isBind, exactly).
func bindExactly(comp ast.ComprehensionExpr) bool {
	r, cond, step := comp.IterRange(), comp.LoopCondition(), comp.LoopStep()
	return comp.IterVar2() == "" &&
		r.Kind() == ast.ListKind && r.AsList().Size() == 0 &&
		cond.Kind() == ast.LiteralKind && cond.AsLiteral() == types.False &&
		step.Kind() == ast.IdentKind && step.AsIdent() == comp.AccuVar()
}

// filterCondition returns p when comp is what r.filter(v, p) expands to:
// every element v of r for which p holds, appended in order.
func filterCondition(comp ast.ComprehensionExpr) (ast.Expr, bool) {
	if comp.IterVar2() != "" || !mutableAccuSafe(comp) {
		return nil, false
	}
	if c := comp.LoopCondition(); c.Kind() != ast.LiteralKind || c.AsLiteral() != types.True {
		return nil, false
	}
	step := comp.LoopStep().AsCall() // mutableAccuSafe makes sure it is a call
	if step.FunctionName() != operators.Conditional || len(step.Args()) != 3 {
		return nil, false
	}
	appended := step.Args()[1].AsCall().Args()[1].AsList().Elements()[0]
	if appended.Kind() != ast.IdentKind || appended.AsIdent() != comp.IterVar() {
		return nil, false // map, not filter
	}
	if no := step.Args()[2]; no.Kind() != ast.IdentKind || no.AsIdent() != comp.AccuVar() {
		return nil, false
	}
	return step.Args()[0], true
}

// countedUses reports whether e reads x only as size(x) and x[k], k a
// literal from 0 below mostCounted, and returns the most k+1.
func countedUses(e ast.Expr, x string) (keep int, ok bool) {
	ok = true
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		if !ok {
			return
		}
		switch e.Kind() {
		case ast.LiteralKind:
		case ast.IdentKind:
			ok = e.AsIdent() != x
		case ast.SelectKind:
			walk(e.AsSelect().Operand())
		case ast.ListKind:
			for _, el := range e.AsList().Elements() {
				walk(el)
			}
		case ast.CallKind:
			if isSizeOf(e, x) {
				return
			}
			if k, ok := itemOf(e, x); ok {
				keep = max(keep, k+1)
				return
			}
			call := e.AsCall()
			if call.IsMemberFunction() {
				walk(call.Target())
			}
			for _, arg := range call.Args() {
				walk(arg)
			}
		case ast.ComprehensionKind:
			c := e.AsComprehension()
			if c.IterVar() == x || c.IterVar2() == x || c.AccuVar() == x {
				ok = false
				return
			}
			for _, part := range []ast.Expr{c.IterRange(), c.AccuInit(), c.LoopCondition(), c.LoopStep(), c.Result()} {
				walk(part)
			}
		default: // maps and messages
			ok = false
		}
	}
	walk(e)
	return keep, ok
}

// mentions reports whether e reads the name x anywhere.
func mentions(e ast.Expr, x string) bool {
	found := false
	ast.PreOrderVisit(e, ast.NewExprVisitor(func(e ast.Expr) {
		if e.Kind() == ast.IdentKind && e.AsIdent() == x {
			found = true
		}
	}))
	return found
}

// isSizeOf reports whether e is size(x) or x.size().
func isSizeOf(e ast.Expr, x string) bool {
	call := e.AsCall()
	if call.FunctionName() != overloads.Size {
		return false
	}
	var arg ast.Expr
	switch {
	case call.IsMemberFunction() && len(call.Args()) == 0:
		arg = call.Target()
	case !call.IsMemberFunction() && len(call.Args()) == 1:
		arg = call.Args()[0]
	default:
		return false
	}
	return arg.Kind() == ast.IdentKind && arg.AsIdent() == x
}

// itemOf returns k when e is x[k], k an int literal from 0 below
// mostCounted.
func itemOf(e ast.Expr, x string) (int, bool) {
	call := e.AsCall()
	if call.FunctionName() != operators.Index || len(call.Args()) != 2 {
		return 0, false
	}
	l, at := call.Args()[0], call.Args()[1]
	if l.Kind() != ast.IdentKind || l.AsIdent() != x || at.Kind() != ast.LiteralKind {
		return 0, false
	}
	k, ok := at.AsLiteral().(types.Int)
	if !ok || k < 0 || k >= mostCounted {
		return 0, false
	}
	return int(k), true
}

// countedCall plans e when it reads a counted list in scope: its size, the
// count; or an item, the one kept, cel-go's to evaluate when there are
// fewer (the error of a position out of range).
func (b *directBuilder) countedCall(e ast.Expr) (d direct, ok bool) {
	name := ""
	switch call := e.AsCall(); {
	case call.FunctionName() == overloads.Size && call.IsMemberFunction() && len(call.Args()) == 0:
		if t := call.Target(); t.Kind() == ast.IdentKind {
			name = t.AsIdent()
		}
	case call.FunctionName() == overloads.Size && len(call.Args()) == 1,
		call.FunctionName() == operators.Index && len(call.Args()) == 2:
		if t := call.Args()[0]; t.Kind() == ast.IdentKind {
			name = t.AsIdent()
		}
	}
	slot, keep, counted := b.lookupCounted(name)
	if !counted {
		return nil, false
	}
	if isSizeOf(e, name) {
		return func(a *activation) ref.Val { return a.locals[slot] }, true
	}
	k, ok := itemOf(e, name)
	if !ok || k >= keep {
		return nil, false
	}
	return func(a *activation) ref.Val {
		if int(a.locals[slot].(types.Int)) <= k {
			return giveUp
		}
		return a.locals[slot+1+k]
	}, true
}
