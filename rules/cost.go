package rules

import (
	"math"
	"math/bits"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/overloads"
	"cel.dev/cel-go/common/types"
)

// The cost budgets. A step is cel-go's unit of evaluation cost: reading a
// field, calling a simple function or one turn of a comprehension costs
// one; building text costs one per byte written, and scanning it a tenth.
//
// When a policy is loaded, the cost of every expression (rules' expression,
// unknown_when, applies_when and message_expression, variables, texts and
// parameters' bounds) is estimated for the largest case the rules accept:
// every text and list as long as its input limit (isotp.MaxIDLen,
// isotp.MaxOffences, ...), every variable as large as its expression can
// make it. An expression that could cost more than ExpressionCostLimit is
// refused at its file:line:col, with the estimate; so is a section whose
// expressions together could cost more than DecisionCostLimit for one case.
// What is refused never runs, not even to fold its constant parts.
//
// A step takes some 50 ns, so an expression at its limit runs for about
// 50 ms and builds at most a megabyte or so of text, and a decision at its
// limit takes about a quarter of a second. On the largest cases the
// national rules cost at most 71,000 steps each (most a few hundred), some
// 15,000 for an eligibility decision and 100,000 for completion: the limits
// leave an area room for many rules of its own, while even the costliest
// policy they admit decides a caseload of 10,000 cases in under an hour on
// one core, and the national one in seconds.
const (
	ExpressionCostLimit = 1_000_000 // steps one expression may take on one case
	DecisionCostLimit   = 5_000_000 // steps a section's expressions may take together on one case
)

// The longest text and list any value may hold, unless its Type says less
// (Type.AtMost): String and List refuse longer ones.
const (
	maxStringLen = 10000 // bytes
	maxListLen   = 10000 // items
)

// trackAbove is the estimate above which an expression also runs with
// cel-go's run-time cost tracking, stopping it with an error once it has
// spent ExpressionCostLimit: a second guard for the costly expressions,
// should the estimate ever fall short. Cheaper ones run without it, as
// tracking slows every step.
const trackAbove = ExpressionCostLimit / 10

// runtimeCostLimit is the limit of run-time tracking: ExpressionCostLimit,
// lowered only by tests.
var runtimeCostLimit uint64 = ExpressionCostLimit

// probeFunction wraps a variable's expression when its cost is estimated,
// so that the estimator learns how large the variable's value can be. Rule
// files cannot call it: CEL names cannot contain '@'.
const (
	probeFunction = "@size"
	probeOverload = "@size_any"
)

// probeDecl declares probeFunction for the type checker; it is never
// planned or run.
var probeDecl = cel.Function(probeFunction,
	cel.Overload(probeOverload, []*cel.Type{cel.TypeParamType("T")}, cel.BoolType))

// wrapInProbe is the optimizer that wraps an expression in probeFunction.
type wrapInProbe struct{}

func (wrapInProbe) Optimize(ctx *cel.OptimizerContext, a *ast.AST) *ast.AST {
	return ctx.NewAST(ctx.NewCall(probeFunction, a.Expr()))
}

// A sizer tells the cost estimate how large the values an expression reads
// can be (cost.Estimator), and prices the functions cel-go has no size for.
type sizer struct {
	roots map[string]sizedRoot // inputs, variables, parameters, bounds' value and default
	// The longest catalogue id and offence title, for catalogue_id and
	// offence_title.
	catalogueID, catalogueTitle uint64
	probed                      *cost.SizeEstimate // what the last probe saw
	// fallback makes EstimateSize answer for values whose size the
	// estimate lost track of (read through dyn()): as large as any value
	// may be.
	fallback bool
	// The section's objects, and the types of the expression being
	// estimated, so that a field read from an object the estimate has no
	// path to (an item of a list a rule has filtered: eligible[0].offence)
	// is as large as its Type allows.
	objects map[string]*Object
	types   map[int64]*types.Type
}

// A sizedRoot is a name an expression can read: its type and, for a
// variable or parameter, the size its value can have.
type sizedRoot struct {
	typ  Type
	size *cost.SizeEstimate // nil: as large as typ allows
}

// objectSize is the size cel-go gives objects and dates when it compares
// them: a handful of fields.
var objectSize = cost.RangedSizeEstimate(1, 16)

// sizeEstimate returns the largest size of a value of type t, with the sizes
// of its elements; nil for scalars.
func (t Type) sizeEstimate() *cost.SizeEstimate {
	if t.t == nil {
		return nil
	}
	switch t.t.Kind() {
	case types.StringKind, types.BytesKind:
		s := cost.RangedSizeEstimate(0, uint64(t.limit()))
		return &s
	case types.ListKind:
		s := cost.RangedSizeEstimate(0, uint64(t.limit()))
		if t.elem != nil {
			s.Elem = t.elem.sizeEstimate()
		}
		return &s
	case types.StructKind:
		s := objectSize
		return &s
	}
	return nil
}

// EstimateSize returns the size of a value read by a path of field names
// and element steps from an input, variable or parameter.
func (s *sizer) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	if t := n.Type(); t != nil && t.Kind() == types.StructKind {
		sz := objectSize
		return &sz
	}
	path := n.Path()
	r, ok := sizedRoot{}, false
	if len(path) > 0 {
		r, ok = s.roots[path[0]]
	}
	if !ok {
		if sz := s.objectField(n.Expr()); sz != nil {
			return sz
		}
		if s.fallback {
			return largest(n.Type())
		}
		return nil
	}
	size, typ := r.size, r.typ
	for _, step := range path[1:] {
		switch step {
		case "@items", "@values":
			if size != nil {
				size = size.Elem
			}
			typ = typ.elemType()
		case "@keys":
			if size != nil {
				size = size.Key
			}
			typ = Type{}
		case "@indices":
			return nil
		default:
			size, typ = nil, typ.field(step)
		}
	}
	if size != nil {
		sz := *size
		return &sz
	}
	if sz := typ.sizeEstimate(); sz != nil || !s.fallback {
		return sz
	}
	return largest(n.Type())
}

// objectField returns the size of e when it reads a field of one of the
// section's objects (whatever the object's path), as its Type allows; nil
// otherwise.
func (s *sizer) objectField(e ast.Expr) *cost.SizeEstimate {
	if e == nil || e.Kind() != ast.SelectKind || e.AsSelect().IsTestOnly() {
		return nil
	}
	t := s.types[e.AsSelect().Operand().ID()]
	if t == nil || t.Kind() != types.StructKind {
		return nil
	}
	o := s.objects[t.TypeName()]
	if o == nil {
		return nil
	}
	return o.Type().field(e.AsSelect().FieldName()).sizeEstimate()
}

// largest returns the size of the largest value of type t any input may
// hold: a text of maxStringLen bytes, a list or map of maxListLen such texts;
// nil for scalars.
func largest(t *types.Type) *cost.SizeEstimate {
	text := cost.RangedSizeEstimate(0, maxStringLen)
	list := cost.RangedSizeEstimate(0, maxListLen)
	list.Elem = &text
	kind := types.DynKind
	if t != nil {
		kind = t.Kind()
	}
	switch kind {
	case types.StringKind, types.BytesKind:
		return &text
	case types.ListKind:
		return &list
	case types.MapKind:
		list.Key = &text
		return &list
	case types.DynKind, types.AnyKind, types.TypeParamKind:
		// A text or a list: the list's bound covers both.
		return &list
	}
	return nil
}

// elemType returns the element type of a list type; the zero Type for
// others.
func (t Type) elemType() Type {
	if t.elem == nil {
		return Type{}
	}
	return *t.elem
}

// field returns the type of an object type's field; the zero Type if there
// is none.
func (t Type) field(name string) Type {
	if t.obj == nil || t.t == nil || t.t.Kind() != types.StructKind {
		return Type{}
	}
	for _, f := range t.obj.fields {
		if f.Name == name {
			return f.Type
		}
	}
	return Type{}
}

// Sizes of strings made from scalars: numbers, bools, dates.
var (
	scalarTextSize = cost.RangedSizeEstimate(1, 32)
	dateTextSize   = cost.FixedSizeEstimate(uint64(len("2006-01-02")))
	// "30 September 9999", the longest a long date can be.
	longDateTextSize = cost.RangedSizeEstimate(uint64(len("1 May 1")), uint64(len("30 September 9999")))
	timeTextSize     = cost.RangedSizeEstimate(1, 40)
)

// formatScalarSize bounds what format writes for one scalar: a double
// written with %f and the greatest precision (100 digits) takes some 410
// bytes; an int in binary, 64.
const formatScalarSize = 420

// EstimateCallCost prices the functions whose result size cel-go does not
// estimate, and charges concatenation for the bytes it writes, as replace
// and join are charged.
func (s *sizer) EstimateCallCost(function, overloadID string, target *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	switch overloadID {
	case probeOverload:
		if len(args) == 1 {
			sz := cost.EstimateSize(s, args[0])
			s.probed = &sz
		}
		return &cost.CallEstimate{}
	case overloads.IntToString, overloads.UintToString, overloads.DoubleToString, overloads.BoolToString:
		return fixedSizeCall(scalarTextSize)
	case "string_date":
		return fixedSizeCall(dateTextSize)
	case "long_date_date":
		return fixedSizeCall(longDateTextSize)
	case overloads.TimestampToString, overloads.DurationToString:
		return fixedSizeCall(timeTextSize)
	case overloads.StringToString, overloads.BytesToBytes:
		if len(args) == 1 {
			sz := cost.EstimateSize(s, args[0])
			return cost.NewCallEstimate(cost.CallCostEstimate, &sz)
		}
	case catalogueIDOverload, offenceTitleOverload:
		if len(args) != 1 {
			return nil
		}
		in := cost.EstimateSize(s, args[0])
		out := cost.RangedSizeEstimate(0, s.catalogueID)
		if overloadID == offenceTitleOverload {
			// The title, or the name itself when it is not in the catalogue.
			out.Max = max(s.catalogueTitle, in.Max)
		}
		scan, _ := cost.EstimateStringScan(in)
		return cost.NewCallEstimate(scan.Add(cost.CallCostEstimate), &out)
	case inCatalogueOverload, "date_string":
		if len(args) == 1 {
			scan, _ := cost.EstimateStringScan(cost.EstimateSize(s, args[0]))
			return cost.NewCallEstimate(scan.Add(cost.CallCostEstimate), nil)
		}
	case "add_working_days_date_int":
		// Day by day, up to the 10,000 working days it accepts: 14,000
		// days of weeks, some 400 bank holidays in those forty years, and
		// at most maxClosures closure days.
		return cost.NewCallEstimate(cost.RangedCostEstimate(1, 14001+400+maxClosures), nil)
	case "longest_gap_days_list_date_date", "longest_gap_start_list_date_date":
		// The dates are copied and sorted.
		if len(args) == 3 {
			n := cost.EstimateSize(s, args[0])
			return cost.NewCallEstimate(cost.RangedCostEstimate(1, cost.SafeAdd(1, cost.SafeMultiply(n.Max, 2+uint64(bits.Len64(n.Max))))), nil)
		}
	case overloads.AddString:
		if len(args) != 2 {
			return nil
		}
		out := cost.EstimateSize(s, args[0]).Add(cost.EstimateSize(s, args[1]))
		return cost.NewCallEstimate(cost.CallCostEstimate.Add(out.MultiplyByCostFactor(1+cost.StringTraversalCostFactor)), &out)
	case overloads.ExtFormatString:
		if target == nil || len(args) != 1 {
			return nil
		}
		tmpl := cost.EstimateSize(s, *target)
		argSize := cost.EstimateSize(s, args[0])
		written := formatted(&argSize, args[0].Type())
		out := cost.RangedSizeEstimate(0, cost.SafeAdd(tmpl.Max, written))
		scan := cost.RangedSizeEstimate(0, cost.SafeAdd(tmpl.Max, written)).MultiplyByCostFactor(cost.StringTraversalCostFactor)
		return cost.NewCallEstimate(cost.CallCostEstimate.Add(scan).Add(out.AsCost()), &out)
	}
	return nil
}

// fixedSizeCall is a call that costs one step and returns a value of size sz.
func fixedSizeCall(sz cost.SizeEstimate) *cost.CallEstimate {
	return cost.NewCallEstimate(cost.CallCostEstimate, &sz)
}

// formatted bounds the bytes format writes for a value of type t and size
// sz: a text at most twice its length and quotes (%s of a list quotes and
// escapes its texts, %x doubles them), a list or map its elements with
// separators, a scalar formatScalarSize. Unknown sizes are unbounded.
func formatted(sz *cost.SizeEstimate, t *types.Type) uint64 {
	kind := types.DynKind
	if t != nil {
		kind = t.Kind()
	}
	switch kind {
	case types.BoolKind, types.IntKind, types.UintKind, types.DoubleKind, types.NullTypeKind,
		types.TimestampKind, types.DurationKind, types.StructKind, types.TypeKind:
		return formatScalarSize
	}
	if sz == nil || sz.IsUnknown() {
		return math.MaxUint64
	}
	switch kind {
	case types.StringKind, types.BytesKind:
		return cost.SafeAdd(cost.SafeMultiply(sz.Max, 2), 2)
	case types.ListKind:
		elem := formatted(sz.Elem, listElem(t))
		return cost.SafeAdd(cost.SafeMultiply(sz.Max, cost.SafeAdd(elem, 2)), 2)
	case types.MapKind:
		k, v := mapParams(t)
		entry := cost.SafeAdd(formatted(sz.Key, k), formatted(sz.Elem, v), 4)
		return cost.SafeAdd(cost.SafeMultiply(sz.Max, entry), 2)
	}
	// A value of unknown type: the largest a text, list or map of its size
	// could write, if its elements' sizes are known.
	if sz.Elem == nil && sz.Key == nil {
		return max(formatScalarSize, cost.SafeAdd(cost.SafeMultiply(sz.Max, 2), 2))
	}
	entry := cost.SafeAdd(formatted(sz.Key, nil), formatted(sz.Elem, nil), 4)
	return cost.SafeAdd(cost.SafeMultiply(sz.Max, entry), 2)
}

func listElem(t *types.Type) *types.Type {
	if t != nil && len(t.Parameters()) == 1 {
		return t.Parameters()[0]
	}
	return nil
}

func mapParams(t *types.Type) (*types.Type, *types.Type) {
	if t != nil && len(t.Parameters()) == 2 {
		return t.Parameters()[0], t.Parameters()[1]
	}
	return nil, nil
}
