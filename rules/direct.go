package rules

import (
	"cmp"
	"strconv"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/functions"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/overloads"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/interpreter"
)

// Direct evaluation. Most expressions are evaluated by a tree of Go
// closures made from the checked (and folded) expression, which reads the
// activation's slots and the objects' fields directly: cel-go's
// interpreter spends most of a rule's time on what a rule file never
// needs at run time (resolving names through chains of activations,
// attributes and qualifiers, pooled frames, adapting values it already
// has). The closures give the values cel-go gives: each node does what the
// cel-go node of the same kind does, with the same function bindings, the
// same three-valued logic and the same unknowns.
//
// Where they cannot be sure of that, they give up: an expression with a
// construct they do not take (maps, messages, optional values, a call
// bound late or by receiver, two-variable comprehensions) is not planned
// at all, and a value they do not take at run time (a comprehension over a
// map, a field of something that is not an object) gives up the whole
// evaluation, which cel-go then makes. An error, which says nothing about
// the case's facts, also has cel-go evaluate the expression again, for its
// exact message. Expressions that track their cost as they run, and every
// expression when explaining, are evaluated by cel-go alone.

// A direct evaluates one node of an expression.
type direct func(a *activation) ref.Val

// giveUp is the value of a node whose value the closures cannot be sure
// to give as cel-go would: it makes the whole expression cel-go's.
var giveUp ref.Val = types.NewErr("rules: not evaluated directly")

// A directPlanner makes the closures of the expressions of one section.
type directPlanner struct {
	slots   map[string]int     // the section's inputs and variables
	objects map[string]*Object // by CEL type name
	disp    interpreter.Dispatcher
	adapter types.Adapter
	locals  int // the most local variables any expression needs
	cat     *catalogue
}

func newDirectPlanner(env *cel.Env, slots map[string]int, objects map[string]*Object, cat *catalogue) (*directPlanner, error) {
	disp := interpreter.NewDispatcher()
	for _, fn := range env.Functions() {
		bindings, err := fn.Bindings()
		if err != nil {
			return nil, err
		}
		if err := disp.Add(bindings...); err != nil {
			return nil, err
		}
	}
	return &directPlanner{slots: slots, objects: objects, disp: disp, adapter: env.CELTypeAdapter(), cat: cat}, nil
}

// plan returns the closures for checked expression a, or nil when they
// cannot evaluate it.
func (p *directPlanner) plan(a *cel.Ast) direct {
	b := &directBuilder{p: p, ast: a.NativeRep()}
	d, ok := b.build(b.ast.Expr())
	if !ok {
		return nil
	}
	p.locals = max(p.locals, b.most)
	return d
}

// directBuilder plans one expression.
type directBuilder struct {
	p     *directPlanner
	ast   *ast.AST
	scope []local // the local variables in scope, innermost last
	next  int     // the next free local slot
	most  int     // the most local slots in use at once
}

// local is a comprehension's variable and its slot in activation.locals.
// A list counted, not built (directcount.go), has its size in the slot and
// keep items in the slots after it.
type local struct {
	name    string
	slot    int
	counted bool
	keep    int
}

func (b *directBuilder) push(name string) int {
	slot := b.next
	b.scope = append(b.scope, local{name: name, slot: slot})
	b.next++
	b.most = max(b.most, b.next)
	return slot
}

// pushCounted puts counted list x in scope, keeping keep items, and returns
// the slot of its size. The caller pushes the items' slots after it.
func (b *directBuilder) pushCounted(x string, keep int) int {
	slot := b.push(x)
	b.scope[len(b.scope)-1].counted, b.scope[len(b.scope)-1].keep = true, keep
	return slot
}

// lookupCounted returns the slot of the size of name and the items kept,
// when name is a counted list in scope.
func (b *directBuilder) lookupCounted(name string) (slot, keep int, ok bool) {
	for i := len(b.scope) - 1; i >= 0; i-- {
		if l := b.scope[i]; l.name == name {
			return l.slot, l.keep, l.counted
		}
	}
	return 0, 0, false
}

func (b *directBuilder) pop(n int) {
	b.scope = b.scope[:len(b.scope)-n]
	b.next -= n
}

func (b *directBuilder) lookupLocal(name string) (slot int, ok bool) {
	for i := len(b.scope) - 1; i >= 0; i-- {
		if l := b.scope[i]; l.name == name {
			return l.slot, !l.counted // a counted list is read only through countedCall
		}
	}
	return 0, false
}

func (b *directBuilder) build(e ast.Expr) (direct, bool) {
	switch e.Kind() {
	case ast.LiteralKind:
		v := e.AsLiteral()
		return func(*activation) ref.Val { return v }, true
	case ast.IdentKind:
		return b.ident(e, e.AsIdent())
	case ast.SelectKind:
		return b.selection(e)
	case ast.CallKind:
		return b.call(e)
	case ast.ListKind:
		return b.list(e)
	case ast.ComprehensionKind:
		return b.comprehension(e)
	}
	return nil, false // maps and messages
}

// ident resolves a name as cel-go does: a constant, a local variable of
// an enclosing comprehension, or an input or variable of the section.
func (b *directBuilder) ident(e ast.Expr, name string) (direct, bool) {
	if r, ok := b.ast.ReferenceMap()[e.ID()]; ok {
		if r.Value != nil {
			v := r.Value
			return func(*activation) ref.Val { return v }, true
		}
		if b.ast.GetType(e.ID()).Kind() == types.TypeKind {
			return nil, false
		}
		name = r.Name
	}
	if slot, ok := b.lookupLocal(name); ok {
		return func(a *activation) ref.Val { return a.locals[slot] }, true
	}
	if _, _, counted := b.lookupCounted(name); counted {
		return nil, false
	}
	if slot, ok := b.p.slots[name]; ok {
		return func(a *activation) ref.Val { return a.vals[slot] }, true
	}
	return nil, false
}

// selection reads a field of an object, or tests whether it is known
// (has). As in cel-go, an unknown or failed value at the root of a chain
// of fields is the chain's value, and so is an unknown met on the way.
func (b *directBuilder) selection(e ast.Expr) (direct, bool) {
	if _, ok := b.ast.ReferenceMap()[e.ID()]; ok {
		return b.ident(e, "") // a qualified name: a constant
	}
	sel := e.AsSelect()
	operand := sel.Operand()
	obj := b.p.objects[b.ast.GetType(operand.ID()).TypeName()]
	if obj == nil {
		return nil, false
	}
	i := obj.fieldIndex(sel.FieldName())
	if i < 0 {
		return nil, false
	}
	from, ok := b.build(operand)
	if !ok {
		return nil, false
	}
	_, qualified := b.ast.ReferenceMap()[operand.ID()]
	onTheWay := operand.Kind() == ast.SelectKind && !qualified
	// A field of a variable, read without calling the closure that reads
	// the variable: o.offence in a comprehension, offender.sex.
	slot, local, isSlot := b.identSlot(operand)
	switch test := sel.IsTestOnly(); {
	case test && isSlot && local:
		return func(a *activation) ref.Val { return hasField(obj, i, false, a.locals[slot]) }, true
	case test && isSlot:
		return func(a *activation) ref.Val { return hasField(obj, i, false, a.vals[slot]) }, true
	case test:
		return func(a *activation) ref.Val { return hasField(obj, i, onTheWay, from(a)) }, true
	case isSlot && local:
		return func(a *activation) ref.Val {
			v := a.locals[slot]
			if x, ok := v.(*objVal); ok && x.rec == nil {
				if v := x.fields[i]; v != nil {
					switch v.(type) {
					case types.String, types.Bool, types.Int, *dateVal:
						return v // as below
					}
				}
			}
			return selectedField(obj, i, false, v)
		}, true
	case isSlot:
		return func(a *activation) ref.Val {
			v := a.vals[slot]
			if x, ok := v.(*objVal); ok && x.rec == nil {
				if v := x.fields[i]; v != nil {
					switch v.(type) {
					case types.String, types.Bool, types.Int, *dateVal:
						return v // as below
					}
				}
			}
			return selectedField(obj, i, false, v)
		}, true
	}
	return func(a *activation) ref.Val {
		v := from(a)
		if x, ok := v.(*objVal); ok && x.rec == nil {
			if v := x.fields[i]; v != nil {
				switch v.(type) {
				case types.String, types.Bool, types.Int, *dateVal:
					return v // read before, and not an unknown a value may be supposed for
				}
			}
		}
		return selectedField(obj, i, onTheWay, v)
	}, true
}

// identSlot returns where ident e, as ident plans it, reads its value: a
// local variable's slot or an input's or variable's; ok is false for
// anything else.
func (b *directBuilder) identSlot(e ast.Expr) (slot int, local, ok bool) {
	if e.Kind() != ast.IdentKind {
		return 0, false, false
	}
	name := e.AsIdent()
	if r, found := b.ast.ReferenceMap()[e.ID()]; found {
		if r.Value != nil || b.ast.GetType(e.ID()).Kind() == types.TypeKind {
			return 0, false, false
		}
		name = r.Name
	}
	if slot, found := b.lookupLocal(name); found {
		return slot, true, true
	}
	if _, _, counted := b.lookupCounted(name); counted {
		return 0, false, false
	}
	slot, found := b.p.slots[name]
	return slot, false, found
}

// hasField is has(x.f), f the object's field i, of from, x's value.
func hasField(obj *Object, i int, onTheWay bool, from ref.Val) ref.Val {
	switch x := from.(type) {
	case *objVal:
		return types.Bool(obj.isSet(x, i))
	case *types.Unknown:
		if !onTheWay {
			return x
		}
	}
	return giveUp
}

// selectedField is x.f, f the object's field i, of from, x's value, read
// from the object: from's value when it is unknown or fails, or giving up.
func selectedField(obj *Object, i int, onTheWay bool, from ref.Val) ref.Val {
	switch x := from.(type) {
	case *objVal:
		v, err := obj.field(x, i)
		if err != nil {
			return types.WrapErr(err)
		}
		return v
	case *types.Unknown:
		return x
	case *types.Err:
		if !onTheWay {
			return x
		}
	}
	return giveUp
}

func (b *directBuilder) call(e ast.Expr) (direct, bool) {
	if b.isConcat(e) {
		return b.concat(e)
	}
	if d, ok := b.countedCall(e); ok {
		return d, true
	}
	call := e.AsCall()
	var args []direct
	if call.IsMemberFunction() {
		d, ok := b.build(call.Target())
		if !ok {
			return nil, false
		}
		args = append(args, d)
	}
	for _, arg := range call.Args() {
		d, ok := b.build(arg)
		if !ok {
			return nil, false
		}
		args = append(args, d)
	}
	fn := call.FunctionName()
	switch fn {
	case operators.LogicalAnd:
		return logical(args, types.False), true
	case operators.LogicalOr:
		return logical(args, types.True), true
	case operators.Conditional:
		return conditional(args[0], args[1], args[2]), true
	case operators.Equals:
		return equality(args[0], args[1], false), true
	case operators.NotEquals:
		return equality(args[0], args[1], true), true
	case operators.Index:
		return index(args[0], args[1]), true
	case operators.OptIndex, operators.OptSelect:
		return nil, false
	}
	var overload string
	if r, ok := b.ast.ReferenceMap()[e.ID()]; ok && len(r.OverloadIDs) == 1 {
		overload = r.OverloadIDs[0]
	}
	impl, ok := b.p.disp.FindOverload(overload)
	if !ok {
		impl, ok = b.p.disp.FindOverload(fn)
	}
	if !ok || impl.Async != nil || impl.LateBound {
		return nil, false
	}
	if v, ok := b.constantCall(call, overload, impl); ok {
		return func(*activation) ref.Val { return v }, true
	}
	switch {
	case overload == overloads.IntToString && len(args) == 1 && impl.Unary != nil:
		return intToString(args[0], impl), true
	case overload == longDateOverload && len(args) == 1 && impl.Unary != nil:
		return longDate(args[0], impl), true
	case (overload == overloads.LogicalNot || overload == overloads.NotStrictlyFalse) && len(args) == 1 && impl.Unary != nil:
		return boolUnary(args[0], impl, overload == overloads.LogicalNot), true
	case (overload == overloads.SizeList || overload == overloads.SizeListInst) && len(args) == 1 && impl.Unary != nil:
		return listSize(args[0], impl), true
	case relations[overload] != nil && len(args) == 2 && impl.Binary != nil:
		return relation(args[0], args[1], impl, relations[overload]), true
	case len(args) == 1 && impl.Unary != nil:
		if d, ok := catalogueCall(overload, args[0], impl, b.p.cat); ok {
			return d, true
		}
		return unary(args[0], impl), true
	case len(args) == 2 && impl.Binary != nil:
		return binary(args[0], args[1], impl), true
	case len(args) > 0 && impl.Function != nil && (len(args) > 2 || len(args) == 1 && impl.Unary == nil || len(args) == 2 && impl.Binary == nil):
		return varArgs(args, impl), true
	}
	return nil, false
}

// constantCall returns the value of a call of one or two arguments that
// are constants (literals and parameters: long_date(params.commencement)),
// made once, when it is planned: every function a rule file can call
// gives the same value for the same arguments. The catalogue's functions
// are left to run, as the policy's trace records their reads as they
// happen; and so is a call that fails, which cel-go evaluates again at run
// time for its error.
func (b *directBuilder) constantCall(call ast.CallExpr, overload string, impl *functions.Overload) (ref.Val, bool) {
	switch overload {
	case inCatalogueOverload, catalogueIDOverload, offenceTitleOverload:
		return nil, false
	}
	var args []ast.Expr
	if call.IsMemberFunction() {
		args = append(args, call.Target())
	}
	args = append(args, call.Args()...)
	vals := make([]direct, len(args))
	for i, arg := range args {
		v, ok := b.constant(arg)
		if !ok {
			return nil, false
		}
		vals[i] = func(*activation) ref.Val { return v }
	}
	var d direct
	switch {
	case len(args) == 1 && impl.Unary != nil:
		d = unary(vals[0], impl)
	case len(args) == 2 && impl.Binary != nil:
		d = binary(vals[0], vals[1], impl)
	default:
		return nil, false
	}
	v := d(nil) // neither reads the activation
	if types.IsUnknownOrError(v) {
		return nil, false
	}
	return v, true
}

// constant returns the value of e when it is a literal or names a constant
// (a parameter).
func (b *directBuilder) constant(e ast.Expr) (ref.Val, bool) {
	switch e.Kind() {
	case ast.LiteralKind:
		return e.AsLiteral(), true
	case ast.IdentKind, ast.SelectKind:
		if r, ok := b.ast.ReferenceMap()[e.ID()]; ok && r.Value != nil {
			return r.Value, true
		}
	}
	return nil, false
}

// strictStop is the value a strict function gives without being called:
// its argument's, when that is an error or unknown.
func strictStop(v ref.Val) (ref.Val, bool) {
	switch v.(type) {
	case *types.Err, *types.Unknown:
		return v, true
	}
	return nil, false
}

// hasTrait is cel-go's matchOperandTrait.
func hasTrait(trait int, strict bool, v ref.Val) bool {
	return trait == 0 || !strict && types.IsUnknownOrError(v) || v.Type().HasTrait(trait)
}

func unary(arg direct, impl *functions.Overload) direct {
	return func(a *activation) ref.Val { return callUnary(impl, arg(a)) }
}

// callUnary calls impl on v as cel-go's evalUnary does.
func callUnary(impl *functions.Overload, v ref.Val) ref.Val {
	if v == giveUp {
		return giveUp
	}
	strict := !impl.NonStrict
	if stop, ok := strictStop(v); strict && ok {
		return stop
	}
	if !hasTrait(impl.OperandTrait, strict, v) {
		return giveUp // cel-go would try the value as a receiver
	}
	return impl.Unary(v)
}

// intToString is string(arg), impl being int_to_string, but gives the strings of the numbers
// messages mostly write (ages, months, counts) already made: a string made
// at run time is two allocations, its bytes and its CEL value.
func intToString(arg direct, impl *functions.Overload) direct {
	return func(a *activation) ref.Val {
		v := arg(a)
		if n, ok := v.(types.Int); ok && n >= 0 && n < smallInts {
			return smallIntStrings()[n]
		}
		return callUnary(impl, v)
	}
}

// smallInts is how many of the numbers from 0 have their strings made
// once, when first needed.
const smallInts = 1000

var smallIntStrings = sync.OnceValue(func() *[smallInts]ref.Val {
	var t [smallInts]ref.Val
	for i := range t {
		t[i] = types.String(strconv.Itoa(i))
	}
	return &t
})

// longDate is long_date(arg), impl being its binding, but writes the
// day it was last given once for the evaluation: a decision's findings
// often name the same day (an offence's date, in more than one of them).
func longDate(arg direct, impl *functions.Overload) direct {
	return func(a *activation) ref.Val {
		v := arg(a)
		d, ok := v.(*dateVal)
		if !ok {
			return callUnary(impl, v)
		}
		m := &a.longDate
		if m.at != nil && *m.at == *d {
			return m.v
		}
		out := callUnary(impl, v)
		if _, ok := out.(types.String); ok {
			m.at, m.v = d, out
		}
		return out
	}
}

// catalogueCall is in_catalogue(arg), catalogue_id(arg) or
// offence_title(arg), as overload says, impl being its binding; but a name
// is looked up in c once per evaluation (catalogueMemo). It is false for
// any other overload.
func catalogueCall(overload string, arg direct, impl *functions.Overload, c *catalogue) (direct, bool) {
	var answer func(name ref.Val, i int, ok bool) ref.Val
	switch {
	case c == nil:
		return nil, false
	case overload == inCatalogueOverload:
		answer = func(_ ref.Val, _ int, ok bool) ref.Val { return types.Bool(ok) }
	case overload == catalogueIDOverload:
		answer = func(_ ref.Val, i int, ok bool) ref.Val {
			if !ok {
				return types.String("")
			}
			return c.ids[i]
		}
	case overload == offenceTitleOverload:
		answer = func(name ref.Val, i int, ok bool) ref.Val {
			if !ok {
				return name
			}
			return c.titles[i]
		}
	default:
		return nil, false
	}
	return func(a *activation) ref.Val {
		v := arg(a)
		name, isString := v.(types.String)
		if !isString {
			return callUnary(impl, v)
		}
		i, ok := a.catalogue.find(c, string(name))
		return answer(v, i, ok)
	}, true
}

// boolUnary is !arg (negate) or @not_strictly_false(arg), the loop
// condition of exists and all, impl being its binding: of a bool, both
// give what the binding gives (the bool negated, the bool) without its
// checks of the argument's type at run time; anything else is the
// binding's.
func boolUnary(arg direct, impl *functions.Overload, negate bool) direct {
	return func(a *activation) ref.Val {
		v := arg(a)
		if b, ok := v.(types.Bool); ok {
			if negate {
				return !b
			}
			return b
		}
		return callUnary(impl, v)
	}
}

// listSize is size(arg) of a list, impl being its binding: a list of the
// case's values, or one a comprehension built, gives its size without the
// binding's checks of its type at run time; anything else is the
// binding's.
func listSize(arg direct, impl *functions.Overload) direct {
	return func(a *activation) ref.Val {
		v := arg(a)
		if l, ok := v.(*listVal); ok {
			return types.Int(len(l.elems))
		}
		return callUnary(impl, v)
	}
}

// relations are the orderings of ints and of dates, by overload: whether
// the comparison of the left operand with the right (-1, 0 or 1) holds.
var relations = map[string]func(c int) bool{
	overloads.LessInt64:          func(c int) bool { return c < 0 },
	overloads.LessEqualsInt64:    func(c int) bool { return c <= 0 },
	overloads.GreaterInt64:       func(c int) bool { return c > 0 },
	overloads.GreaterEqualsInt64: func(c int) bool { return c >= 0 },
	lessDate:                     func(c int) bool { return c < 0 },
	lessEqualsDate:               func(c int) bool { return c <= 0 },
	greaterDate:                  func(c int) bool { return c > 0 },
	greaterEqualsDate:            func(c int) bool { return c >= 0 },
}

// relation is lhs < rhs (or <=, >, >=: holds says), impl being its
// binding: two ints or two dates are compared as the binding compares
// them, without its checks of their types at run time; anything else is
// as binary gives it.
func relation(lhs, rhs direct, impl *functions.Overload, holds func(c int) bool) direct {
	return func(a *activation) ref.Val {
		l, r := lhs(a), rhs(a)
		switch lv := l.(type) {
		case types.Int:
			if rv, ok := r.(types.Int); ok {
				return types.Bool(holds(cmp.Compare(lv, rv)))
			}
		case *dateVal:
			if rv, ok := r.(*dateVal); ok {
				return types.Bool(holds(lv.date().Compare(rv.date())))
			}
		}
		return binaryOf(l, r, impl)
	}
}

// binaryOf applies impl to operands l and r as cel-go's binary call
// does: when strict, an error on the left is the value, and an unknown
// on the left is too (merged with one on the right); an error or unknown
// on the right stops it; otherwise impl's function, if l has its trait.
func binaryOf(l, r ref.Val, impl *functions.Overload) ref.Val {
	strict := !impl.NonStrict
	if l == giveUp {
		return giveUp
	}
	if strict {
		switch lv := l.(type) {
		case *types.Err:
			return l
		case *types.Unknown:
			switch rv := r.(type) {
			case *types.Unknown:
				return mergeUnknowns(lv, rv)
			case *types.Err:
				if r == giveUp {
					return giveUp
				}
			}
			return l
		}
	}
	if r == giveUp {
		return giveUp
	}
	if stop, ok := strictStop(r); strict && ok {
		return stop
	}
	if !hasTrait(impl.OperandTrait, strict, l) {
		return giveUp
	}
	return impl.Binary(l, r)
}

// binary applies impl to lhs and rhs as binaryOf does; rhs is not
// evaluated when lhs gives up.
func binary(lhs, rhs direct, impl *functions.Overload) direct {
	return func(a *activation) ref.Val {
		l := lhs(a)
		if l == giveUp {
			return giveUp
		}
		return binaryOf(l, rhs(a), impl)
	}
}

func varArgs(args []direct, impl *functions.Overload) direct {
	fn, trait, strict := impl.Function, impl.OperandTrait, !impl.NonStrict
	return func(a *activation) ref.Val {
		vals := make([]ref.Val, len(args))
		var unk *types.Unknown
		for i, arg := range args {
			v := arg(a)
			if v == giveUp {
				return giveUp
			}
			if strict {
				switch x := v.(type) {
				case *types.Err:
					return v
				case *types.Unknown:
					unk = a.memo.merge(unk, x)
				}
			}
			vals[i] = v
		}
		if unk != nil {
			return unk
		}
		if !hasTrait(trait, strict, vals[0]) {
			return giveUp
		}
		return fn(vals...)
	}
}

// item is element i of list, which the caller knows is in range: read in
// place from a list of the case's values, asked of any other list.
func item(list traits.Lister, i types.Int) ref.Val {
	if l, ok := list.(*listVal); ok {
		return l.elems[i]
	}
	return list.Get(i)
}

// index reads an item of a list by its position. Anything else (a map, a
// position out of range or not an int, an unknown or failed operand) is
// cel-go's to evaluate.
func index(operand, at direct) direct {
	return func(a *activation) ref.Val {
		l, ok := operand(a).(traits.Lister)
		if !ok {
			return giveUp
		}
		i, ok := at(a).(types.Int)
		if !ok || i < 0 {
			return giveUp
		}
		if lv, ok := l.(*listVal); ok {
			if int(i) < len(lv.elems) {
				return lv.elems[i]
			}
			return giveUp
		}
		if n, ok := l.Size().(types.Int); !ok || i >= n {
			return giveUp
		}
		return l.Get(i)
	}
}

// logical is && (stop false) or || (stop true): a term equal to stop
// decides, whatever the others are; otherwise an unknown term, then a
// failed one, is the value.
func logical(terms []direct, stop types.Bool) direct {
	if len(terms) == 2 { // as the parser makes them: a && b
		t0, t1 := terms[0], terms[1]
		return func(a *activation) ref.Val {
			v0 := t0(a)
			b0, ok0 := v0.(types.Bool) // by its type, not ==, which compares interfaces in a call
			if ok0 && b0 == stop {
				return stop
			}
			v1 := t1(a)
			b1, ok1 := v1.(types.Bool)
			switch {
			case ok1 && b1 == stop:
				return stop
			case ok0 && ok1:
				return !stop
			}
			return a.undecided(v0, v1)
		}
	}
	return func(a *activation) ref.Val {
		var vals [8]ref.Val
		if len(terms) > len(vals) {
			return giveUp
		}
		for k, term := range terms {
			v := term(a)
			if b, ok := v.(types.Bool); ok && b == stop {
				return stop
			}
			vals[k] = v
		}
		return a.undecided(vals[:len(terms)]...)
	}
}

// undecided is the value of && or || of terms none of which decides: an
// unknown term (the unknowns merged), then a failed one; the opposite of
// the deciding value when all are bools.
func (a *activation) undecided(terms ...ref.Val) ref.Val {
	var unk *types.Unknown
	var err ref.Val
	gaveUp, all := false, true
	var not types.Bool
	for _, v := range terms {
		switch x := v.(type) {
		case types.Bool:
			not = x
		case *types.Unknown:
			unk, all = a.memo.merge(unk, x), false
		default:
			all = false
			if v == giveUp {
				gaveUp = true
			} else if err == nil {
				err = types.MaybeNoSuchOverloadErr(v)
			}
		}
	}
	switch {
	case gaveUp:
		return giveUp
	case unk != nil:
		return unk
	case err != nil:
		return err
	case all:
		return not
	}
	return giveUp
}

func conditional(cond, yes, no direct) direct {
	return func(a *activation) ref.Val {
		c := cond(a)
		if b, ok := c.(types.Bool); ok { // by its type, not ==, which compares interfaces in a call
			if b {
				return yes(a)
			}
			return no(a)
		}
		if c == giveUp {
			return giveUp
		}
		if types.IsUnknown(c) {
			return c
		}
		return types.MaybeNoSuchOverloadErr(c)
	}
}

func equality(lhs, rhs direct, negate bool) direct {
	return func(a *activation) ref.Val {
		l := lhs(a)
		if types.IsError(l) {
			return l
		}
		r := rhs(a)
		if ls, ok := l.(types.String); ok { // the common case, as types.Equal gives it
			if rs, ok := r.(types.String); ok {
				return types.Bool((ls == rs) != negate)
			}
		}
		if types.IsError(r) {
			return r
		}
		lu, lok := l.(*types.Unknown)
		ru, rok := r.(*types.Unknown)
		switch {
		case lok && rok:
			return mergeUnknowns(lu, ru)
		case lok:
			return lu
		case rok:
			return ru
		}
		eq := types.Equal(l, r)
		if negate {
			b, ok := eq.(types.Bool)
			return types.Bool(!ok || !bool(b))
		}
		return eq
	}
}

func (b *directBuilder) list(e ast.Expr) (direct, bool) {
	l := e.AsList()
	if len(l.OptionalIndices()) > 0 {
		return nil, false
	}
	adapter := b.p.adapter
	if constant, ok := constantList(l, adapter); ok {
		return func(*activation) ref.Val { return constant }, true
	}
	var elems []direct
	for _, el := range l.Elements() {
		d, ok := b.build(el)
		if !ok {
			return nil, false
		}
		elems = append(elems, d)
	}
	return func(a *activation) ref.Val {
		vals := make([]ref.Val, len(elems))
		var unk *types.Unknown
		for i, el := range elems {
			v := el(a)
			switch x := v.(type) {
			case *types.Err:
				return v
			case *types.Unknown:
				unk = a.memo.merge(unk, x)
			}
			vals[i] = v
		}
		if unk != nil {
			return unk
		}
		return types.NewRefValList(adapter, vals)
	}, true
}

// constantList returns the value of a list literal whose elements are all
// literals (the empty list cel.bind ranges over, for one), made once: a
// list is never changed once made.
func constantList(l ast.ListExpr, adapter types.Adapter) (ref.Val, bool) {
	vals := make([]ref.Val, 0, l.Size())
	for _, el := range l.Elements() {
		if el.Kind() != ast.LiteralKind {
			return nil, false
		}
		vals = append(vals, el.AsLiteral())
	}
	return types.NewRefValList(adapter, vals), true
}

// comprehension folds a list as cel-go's evalFold does: the accumulator is
// made when first read, the loop stops when its condition is not true (an
// error in the condition fails the whole comprehension), and a list built
// up by appending is built in place when nothing else can see it.
func (b *directBuilder) comprehension(e ast.Expr) (direct, bool) {
	if d, ok := b.quantifier(e.AsComprehension()); ok {
		return d, true
	}
	loop, result, _, ok := b.fold(e.AsComprehension(), false)
	if !ok {
		return nil, false
	}
	folded := func(a *activation) ref.Val {
		if v := loop(a); v != nil {
			return v
		}
		res := result(a)
		if ap, ok := res.(*appending); ok {
			res = ap.done()
		}
		return res
	}
	var body direct
	count, counted := b.countedBind(e.AsComprehension(), func(x ast.Expr) (ok bool) {
		body, ok = b.build(x)
		return ok
	})
	if !counted {
		return folded, true
	}
	return func(a *activation) ref.Val {
		if count(a) {
			return body(a)
		}
		return folded(a)
	}, true
}

// fold plans comprehension comp: loop runs it up to its result, and gives
// nil when the result is its value, or the value it has instead (an
// unknown or failed range, a failed condition, giving up); result is its
// result, planned as a text when asText (the result of cel.bind is the
// expression it names a value in).
func (b *directBuilder) fold(comp ast.ComprehensionExpr, asText bool) (loop, result direct, resultText textDirect, ok bool) {
	if comp.IterVar2() != "" {
		return nil, nil, nil, false
	}
	iterRange, ok := b.build(comp.IterRange())
	if !ok {
		return nil, nil, nil, false
	}
	mutable := mutableAccuSafe(comp) // its accumulator starts as [], made in place
	var accuInit direct
	if !mutable {
		if accuInit, ok = b.build(comp.AccuInit()); !ok {
			return nil, nil, nil, false
		}
	}
	accu := b.push(comp.AccuVar())
	iter := b.push(comp.IterVar())
	cond, ok1 := b.build(comp.LoopCondition())
	var step direct
	var ok2 bool
	if mutable {
		step, ok2 = b.appendStep(comp.LoopStep(), accu)
	} else {
		step, ok2 = b.build(comp.LoopStep())
	}
	b.pop(1)
	var ok3 bool
	if asText {
		resultText, ok3 = b.buildText(comp.Result())
	} else {
		result, ok3 = b.build(comp.Result())
	}
	b.pop(1)
	if !ok1 || !ok2 || !ok3 {
		return nil, nil, nil, false
	}
	loop = func(a *activation) ref.Val {
		list, n, early := rangeList(iterRange(a))
		if list == nil {
			return early
		}
		if mutable { // the accumulator starts as [], the list being built
			a.locals[accu] = newAppending(int(n))
		} else if a.locals[accu] = accuInit(a); a.locals[accu] == giveUp {
			return giveUp
		}
		for i := types.Int(0); i < n; i++ {
			el := item(list, i)
			a.locals[iter] = el
			c := cond(a)
			if b, ok := c.(types.Bool); !ok || !bool(b) {
				switch {
				case c == giveUp:
					return giveUp
				case types.IsError(c):
					return types.WrapErr(interpreter.InterruptError{})
				}
				return nil
			}
			v := step(a)
			if v == giveUp {
				return giveUp
			}
			a.locals[accu] = v
		}
		return nil
	}
	return loop, result, resultText, true
}

// rangeList returns the list a comprehension ranges over, r, and its
// size; or, when r is not a list, what the comprehension gives instead: r
// itself when it is an error or unknown, else giveUp (a map, or something
// cel-go would fail on).
func rangeList(r ref.Val) (list traits.Lister, n types.Int, instead ref.Val) {
	switch r.(type) {
	case *types.Err, *types.Unknown:
		return nil, 0, r
	}
	list, isList := r.(traits.Lister)
	if !isList {
		return nil, 0, giveUp
	}
	n, _ = list.Size().(types.Int)
	return list, n, nil
}

// appending is the accumulator of a comprehension that builds a list by
// appending to it (filter and map), while it is built: what cel-go's
// mutable list is to its evaluation, without making a list of each element
// to append. Only the appending step and the result see it (mutableAccuSafe
// makes sure), and the result is made a list as cel-go makes it one.
type appending struct {
	ref.Val // never called: nothing but the comprehension sees an appending
	elems   []ref.Val
	list    listVal // the list made of elems, once they are all there
}

// newAppending makes an accumulator for up to n elements, in one
// allocation with the list it becomes when n is small.
func newAppending(n int) *appending {
	if n > 4 {
		return &appending{elems: make([]ref.Val, 0, n)}
	}
	v := &struct {
		appending
		buf [4]ref.Val
	}{}
	v.elems = v.buf[:0]
	return &v.appending
}

// done returns the list built, in the accumulator's own allocation.
func (ap *appending) done() ref.Val {
	ap.list.elems = ap.elems
	return &ap.list
}

// appendStep plans the step of a comprehension that mutableAccuSafe
// accepts: accu + [elem], or cond ? accu + [elem] : accu. It gives the
// values the list literal and the addition of lists would give, but
// appends elem itself to the accumulator while that is an appending.
func (b *directBuilder) appendStep(step ast.Expr, accu int) (direct, bool) {
	call := step.AsCall()
	if call.FunctionName() == operators.Conditional {
		cond, ok1 := b.build(call.Args()[0])
		yes, ok2 := b.appendStep(call.Args()[1], accu)
		no, ok3 := b.build(call.Args()[2])
		if !ok1 || !ok2 || !ok3 {
			return nil, false
		}
		return conditional(cond, yes, no), true
	}
	if r, ok := b.ast.ReferenceMap()[step.ID()]; !ok || len(r.OverloadIDs) != 1 || r.OverloadIDs[0] != overloads.AddList {
		return nil, false
	}
	elem, ok := b.build(call.Args()[1].AsList().Elements()[0])
	if !ok {
		return nil, false
	}
	return func(a *activation) ref.Val {
		l := a.locals[accu]
		switch lv := l.(type) {
		case *appending:
			v := elem(a)
			switch v.(type) {
			case *types.Err, *types.Unknown: // [v] is v, and the sum is too
				return v
			}
			lv.elems = append(lv.elems, v)
			return lv
		case *types.Err:
			return l
		case *types.Unknown:
			switch v := elem(a).(type) {
			case *types.Unknown:
				return mergeUnknowns(lv, v)
			case *types.Err:
				if v == giveUp {
					return giveUp
				}
			}
			return l
		}
		return giveUp // a list that is not being built here
	}, true
}

// mutableAccuSafe is cel-go's test (isMutableAccuSafe, for lists) of a
// comprehension whose accumulator only the appending step and the result
// read: that of map and filter.
func mutableAccuSafe(comp ast.ComprehensionExpr) bool {
	accu := comp.AccuVar()
	if !strings.HasPrefix(accu, "@") || accu == comp.IterVar() || accu == comp.IterVar2() {
		return false
	}
	isAccu := func(e ast.Expr) bool { return e.Kind() == ast.IdentKind && e.AsIdent() == accu }
	if !isAccu(comp.Result()) {
		return false
	}
	if init := comp.AccuInit(); init.Kind() != ast.ListKind || init.AsList().Size() != 0 {
		return false
	}
	step := comp.LoopStep()
	if step.Kind() != ast.CallKind {
		return false
	}
	call := step.AsCall()
	if call.FunctionName() == operators.Conditional && len(call.Args()) == 3 {
		branch := call.Args()[1]
		if branch.Kind() != ast.CallKind {
			return false
		}
		call = branch.AsCall()
	}
	args := call.Args()
	return call.FunctionName() == operators.Add && len(args) == 2 && isAccu(args[0]) &&
		args[1].Kind() == ast.ListKind && args[1].AsList().Size() == 1
}

// isConcat reports whether e joins two strings with +.
func (b *directBuilder) isConcat(e ast.Expr) bool {
	if e.Kind() != ast.CallKind {
		return false
	}
	call := e.AsCall()
	if call.FunctionName() != operators.Add || call.IsMemberFunction() || len(call.Args()) != 2 {
		return false
	}
	r, ok := b.ast.ReferenceMap()[e.ID()]
	return ok && len(r.OverloadIDs) == 1 && r.OverloadIDs[0] == overloads.AddString
}

// concat evaluates a chain of strings joined with +, ((a + b) + c) + ...,
// as the nested calls cel-go makes of it do, but joins the strings once
// rather than making each string on the way: messages are mostly such
// chains.
func (b *directBuilder) concat(e ast.Expr) (direct, bool) {
	var spine []ast.Expr // the right operands, outermost first, then the leftmost
	for x := e; ; x = x.AsCall().Args()[0] {
		if !b.isConcat(x) {
			spine = append(spine, x)
			break
		}
		spine = append(spine, x.AsCall().Args()[1])
	}
	leaves := make([]direct, len(spine))
	for i := range spine {
		d, ok := b.build(spine[len(spine)-1-i])
		if !ok {
			return nil, false
		}
		leaves[i] = d
	}
	impl, ok := b.p.disp.FindOverload(overloads.AddString)
	if !ok {
		impl, ok = b.p.disp.FindOverload(operators.Add)
	}
	if !ok || impl.Binary == nil || impl.NonStrict || impl.Async != nil || impl.LateBound {
		return nil, false
	}
	fn, trait := impl.Binary, impl.OperandTrait
	return func(a *activation) ref.Val {
		l := leaves[0](a)
		if l == giveUp {
			return giveUp
		}
		// While the value so far is a string, it is the strings in parts,
		// joined when it is needed.
		var buf [8]string
		var parts []string
		if s, ok := l.(types.String); ok {
			parts = append(buf[:0], string(s))
		}
		for _, leaf := range leaves[1:] {
			if parts == nil { // as binary, with l not a string
				switch lv := l.(type) {
				case *types.Err:
					return l
				case *types.Unknown:
					r := leaf(a)
					switch rv := r.(type) {
					case *types.Unknown:
						l = mergeUnknowns(lv, rv)
					case *types.Err:
						if r == giveUp {
							return giveUp
						}
					}
					continue
				}
				r := leaf(a)
				if r == giveUp {
					return giveUp
				}
				if stop, ok := strictStop(r); ok {
					l = stop
					continue
				}
				if !hasTrait(trait, true, l) {
					return giveUp
				}
				if l = fn(l, r); l == giveUp {
					return giveUp
				}
				if s, ok := l.(types.String); ok {
					parts = append(buf[:0], string(s))
				}
				continue
			}
			r := leaf(a)
			if r == giveUp {
				return giveUp
			}
			if s, ok := r.(types.String); ok {
				parts = append(parts, string(s))
				continue
			}
			l, parts = types.String(strings.Join(parts, "")), nil
			if stop, ok := strictStop(r); ok {
				l = stop
				continue
			}
			l = fn(l, r)
		}
		if parts != nil {
			return types.String(strings.Join(parts, ""))
		}
		return l
	}, true
}
