package rules

import (
	"fmt"
	"reflect"
	"strconv"
	"unicode"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
)

// unknownID is the expression id given to unknown facts. Results only use the
// attribute trails an unknown carries, so one id serves for all.
const unknownID = 1

// objVal is an Object's value in CEL: the Go pointer and where the value sits
// in the input (a variable, a field of another object, an element of a
// list), so that an unknown field can be named by its path.
type objVal struct {
	obj *Object
	ptr any
	// place is where the object sits: its own, or, for an element of a
	// list, the list's, which its elements share.
	*place
	index int // index within its list, or -1
	// fields holds each field's value once it has been read, by field
	// index: an evaluation reads a field as often as its rules do, and
	// makes its value (a string boxed as a CEL value, a list, the
	// unknown naming a missing fact) once.
	fields []ref.Val
}

// A place is where an object or a list sits in the input, and what reads
// it there.
type place struct {
	from *objVal // object holding it as a field, or nil
	name string  // variable name, or field name within from
	rec  *recorder
	over *supposed // nil unless working out possible results
	// The box the object or list was made in, for its own place, when
	// it is to be given back.
	ob *objBox
	lb *listBox
}

// smallObject is the most fields an object's value holds in the same
// allocation as the value itself.
const smallObject = 6

// newObjVal makes the value of an object of type o at ptr, in one
// allocation with its place and, when it has few, its fields: a box given
// back by a released evaluation (see recycle), when it can be.
func newObjVal(o *Object, ptr any) *objVal {
	b := objBoxes.Get().(*objBox)
	b.state = boxMade
	b.at.ob = b
	fields := b.buf[:]
	if n := len(o.fields); n > len(fields) {
		if cap(b.more) < n {
			b.more = make([]ref.Val, n)
		}
		fields = b.more
	}
	b.v = objVal{obj: o, ptr: ptr, place: &b.at, index: -1, fields: fields[:len(o.fields):len(o.fields)]}
	return &b.v
}

func (o *objVal) ConvertToNative(t reflect.Type) (any, error) {
	return nil, fmt.Errorf("%s cannot be converted to %v", o.obj.name, t)
}

func (o *objVal) ConvertToType(t ref.Type) ref.Val {
	if t == types.TypeType {
		return o.obj.typ
	}
	if t.TypeName() == o.obj.name {
		return o
	}
	return types.NewErr("type conversion error from %s to %s", o.obj.name, t.TypeName())
}

func (o *objVal) Equal(other ref.Val) ref.Val {
	x, ok := other.(*objVal)
	return types.Bool(ok && x.obj == o.obj && x.ptr == o.ptr)
}

func (o *objVal) Type() ref.Type { return o.obj.typ }
func (o *objVal) Value() any     { return o }

// trail names field of o as a path into the input: offences[2].internet.
func (o *objVal) trail(field string) *types.AttributeTrail {
	return types.QualifyAttribute[string](o.path(), field)
}

// appendFieldPath appends the path of o's field as trail(field).String()
// writes it, without making the trail; ok is false when the trail has no
// variable to start from (String writes <unspecified>) or is deeper than
// it walks. It walks up from o rather than recursing, so that b, often on
// its caller's stack, stays there.
func (o *objVal) appendFieldPath(b []byte, field string) ([]byte, bool) {
	type step struct {
		name  string // a field's name, or the variable's
		index int    // a list's index, when name is ""
	}
	var up [16]step // from o up to the variable
	n := 0
	add := func(s step) bool {
		if n == len(up) {
			return false
		}
		up[n] = s
		n++
		return true
	}
	for cur := o; ; {
		if cur.index >= 0 && !add(step{index: cur.index}) {
			return b, false
		}
		name, next := cur.name, cur.from
		if !add(step{name: name, index: -1}) {
			return b, false
		}
		if next == nil {
			break
		}
		cur = next
	}
	if up[n-1].name == "" {
		return b, false
	}
	b = append(b, up[n-1].name...)
	for i := n - 2; i >= 0; i-- {
		if up[i].index >= 0 {
			b = append(strconv.AppendInt(append(b, '['), int64(up[i].index), 10), ']')
		} else {
			b = appendQualifier(b, up[i].name)
		}
	}
	return appendQualifier(b, field), true
}

// fieldPath is trail(field).String(), made with one allocation.
func (o *objVal) fieldPath(field string) string {
	var buf [64]byte
	if b, ok := o.appendFieldPath(buf[:0], field); ok {
		return string(b)
	}
	return o.trail(field).String()
}

// trailString is t.String(), as cel-go writes an attribute trail, without
// fmt: unknowns are named by it for every missing fact a result lists.
func trailString(t *types.AttributeTrail) string {
	if t.Variable() == "" {
		return t.String()
	}
	if len(t.QualifierPath()) == 0 {
		return t.Variable() // an input: its name, made already
	}
	var buf [64]byte
	b := append(buf[:0], t.Variable()...)
	for _, q := range t.QualifierPath() {
		switch q := q.(type) {
		case int64:
			b = append(strconv.AppendInt(append(b, '['), q, 10), ']')
		case string:
			b = appendQualifier(b, q)
		default: // bool and uint64, which the inputs' paths never hold
			return t.String()
		}
	}
	return string(b)
}

// appendQualifier appends a field name to a path as AttributeTrail.String
// does: .name, or ["name"] when it is not an identifier.
func appendQualifier(b []byte, q string) []byte {
	for _, c := range q {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '_' {
			return append(strconv.AppendQuote(append(b, '['), q), ']')
		}
	}
	return append(append(b, '.'), q...)
}

func (o *objVal) path() *types.AttributeTrail {
	t := o.place.path()
	if o.index >= 0 {
		t = types.QualifyAttribute[int64](t, int64(o.index))
	}
	return t
}

// listVal is a list whose object elements know their place. It is a
// traits.Lister: it gives its size, folds and reads its elements itself,
// and hands the rest to cel-go's list of the same elements, made when
// first needed (most evaluations need none).
type listVal struct {
	elems []ref.Val
	base  traits.Lister // nil until needed
	place               // its elements' too
	gen   uint32        // its box's, when it was made (see Value.stale)
}

var _ traits.Lister = (*listVal)(nil)

func (l *listVal) lister() traits.Lister {
	if l.base == nil {
		l.base = types.NewRefValList(types.DefaultTypeAdapter, l.elems)
	}
	return l.base
}

func (l *listVal) Value() any     { return l }
func (l *listVal) Type() ref.Type { return types.ListType }
func (l *listVal) Size() ref.Val  { return types.Int(len(l.elems)) }

func (l *listVal) Get(index ref.Val) ref.Val                   { return l.lister().Get(index) }
func (l *listVal) Add(other ref.Val) ref.Val                   { return l.lister().Add(other) }
func (l *listVal) Equal(other ref.Val) ref.Val                 { return l.lister().Equal(other) }
func (l *listVal) ConvertToType(t ref.Type) ref.Val            { return l.lister().ConvertToType(t) }
func (l *listVal) ConvertToNative(t reflect.Type) (any, error) { return l.lister().ConvertToNative(t) }

// Iterator gives the elements in order, as cel-go's lists do, without
// making one: cel-go iterates a list to check its elements' types for a
// function's overload.
func (l *listVal) Iterator() traits.Iterator { return &listIter{elems: l.elems} }

// listIter is a listVal's iterator.
type listIter struct {
	elems []ref.Val
	next  int
}

func (it *listIter) HasNext() ref.Val { return types.Bool(it.next < len(it.elems)) }

func (it *listIter) Next() ref.Val {
	if it.next >= len(it.elems) {
		return nil
	}
	it.next++
	return it.elems[it.next-1]
}

// An iterator is no value to compare or convert, as cel-go's are not.
func (it *listIter) ConvertToNative(reflect.Type) (any, error) {
	return nil, fmt.Errorf("type conversion on iterators not supported")
}
func (it *listIter) ConvertToType(ref.Type) ref.Val { return types.NewErr("no such overload") }
func (it *listIter) Equal(ref.Val) ref.Val          { return types.NewErr("no such overload") }
func (it *listIter) Type() ref.Type                 { return types.IteratorType }
func (it *listIter) Value() any                     { return nil }

// Contains reports whether v equals an element, as cel-go's lists do,
// without making one.
func (l *listVal) Contains(v ref.Val) ref.Val {
	for _, e := range l.elems {
		if b, ok := v.Equal(e).(types.Bool); ok && bool(b) {
			return types.True
		}
	}
	return types.False
}

// Fold runs a comprehension over the list (traits.Foldable), sparing the
// adapter cel-go makes for each comprehension over a list without it.
func (l *listVal) Fold(f traits.Folder) {
	for i, e := range l.elems {
		if !f.FoldEntry(types.Int(i), e) {
			return
		}
	}
}

// attach places l, and its elements, as field name of from (a variable
// when from is nil), read as from is.
func (l *listVal) attach(from *objVal, name string) {
	l.from, l.name = from, name
	if from != nil {
		l.rec, l.over = from.rec, from.over
	}
	for _, e := range l.elems {
		if ov, ok := e.(*objVal); ok && ov.place != &l.place {
			ov.place = &l.place
		}
	}
}

// path is the trail naming where p is.
func (p *place) path() *types.AttributeTrail {
	if p.from != nil {
		return types.QualifyAttribute[string](p.from.path(), p.name)
	}
	return types.NewAttributeTrail(p.name)
}

// provider adds the Objects a section uses to the CEL type registry.
type provider struct {
	types.Provider
	objects map[string]*Object
}

func (p *provider) FindStructType(name string) (*types.Type, bool) {
	if o, ok := p.objects[name]; ok {
		return types.NewTypeTypeWithParam(o.typ), true
	}
	return p.Provider.FindStructType(name)
}

func (p *provider) FindStructFieldNames(name string) ([]string, bool) {
	if o, ok := p.objects[name]; ok {
		names := make([]string, len(o.fields))
		for i, f := range o.fields {
			names[i] = f.Name
		}
		return names, true
	}
	return p.Provider.FindStructFieldNames(name)
}

func (p *provider) FindStructFieldType(name, field string) (*types.FieldType, bool) {
	if o, ok := p.objects[name]; ok {
		ft, ok := o.byName[field]
		return ft, ok
	}
	return p.Provider.FindStructFieldType(name, field)
}

func (p *provider) NewValue(name string, fields map[string]ref.Val) ref.Val {
	if _, ok := p.objects[name]; ok {
		return failure("%s values cannot be created in rule expressions", name)
	}
	return p.Provider.NewValue(name, fields)
}

// collectObjects adds every Object reachable from the types in ts.
func collectObjects(into map[string]*Object, ts ...Type) {
	for _, t := range ts {
		o := t.obj
		if o == nil || into[o.name] != nil {
			continue
		}
		into[o.name] = o
		for _, f := range o.fields {
			collectObjects(into, f.Type)
		}
	}
}
