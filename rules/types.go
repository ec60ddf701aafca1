package rules

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/isotp-dev/isotp"
)

// A Type is the type of a variable or field that rule expressions can read.
// The zero Type is invalid.
//
// A string or list type has a largest size (see AtMost): the cost of every
// rule is bounded at load for values that large, and a longer value read
// while evaluating is an input error.
type Type struct {
	t      *types.Type
	obj    *Object    // the object type this is, or holds elements of
	max    int        // bytes of a string, items of a list; 0: maxStringLen or maxListLen
	elem   *Type      // a list's element type
	values *[]ref.Val // an enumeration's values: the finite domain of its facts
}

// The scalar types. DateType is the CEL type `date` of civil dates.
var (
	BoolType   = Type{t: types.BoolType}
	IntType    = Type{t: types.IntType}
	StringType = Type{t: types.StringType}
	DateType   = Type{t: celDateType}
)

// ListOf returns the type of lists of t, of at most 10,000 items unless
// AtMost says fewer.
func ListOf(t Type) Type { return Type{t: types.NewListType(t.t), obj: t.obj, elem: &t} }

// AtMost returns t limited to n: a string of at most n bytes, or a list of at
// most n items. Rules are costed at load for values of that size, and a
// longer value is an input error (errors.Is isotp.ErrInvalidInput) when a
// rule reads it. Without AtMost a string may hold 10,000 bytes and a list
// 10,000 items. AtMost panics if t is not a string or list type or n is not
// between 1 and 10,000: types are declared by code, at package
// initialisation.
func (t Type) AtMost(n int) Type {
	limit := maxStringLen
	switch {
	case t.t == nil:
		panic("rules: AtMost of the invalid Type")
	case t.t.Kind() == types.ListKind:
		limit = maxListLen
	case t.t.Kind() != types.StringKind:
		panic(fmt.Sprintf("rules: AtMost of type %s: only strings and lists have a size", t))
	}
	if n < 1 || n > limit {
		panic(fmt.Sprintf("rules: %s.AtMost(%d): want 1 to %d", t, n, limit))
	}
	t.max = n
	return t
}

// MaxLen returns the most bytes a string of type t may hold, or items a
// list; 0 for types without a length.
func (t Type) MaxLen() int { return t.limit() }

// limit returns the most bytes or items a value of type t may hold, or 0
// for types without a size.
func (t Type) limit() int {
	switch {
	case t.max > 0:
		return t.max
	case t.t == nil:
		return 0
	case t.t.Kind() == types.StringKind, t.t.Kind() == types.BytesKind:
		return maxStringLen
	case t.t.Kind() == types.ListKind:
		return maxListLen
	}
	return 0
}

// String returns the type as CEL writes it: int, list(string), isotp.Offence.
func (t Type) String() string {
	if t.t == nil {
		return "<invalid>"
	}
	return t.t.String()
}

// An Object describes a Go struct that rule expressions read as a CEL object
// with named fields, such as the offender. Fields are read through their Get
// functions: no reflection. An Object is immutable once made and safe for
// concurrent use.
type Object struct {
	name   string
	typ    *types.Type
	fields []Field
	byName map[string]*types.FieldType
	// unknowns holds the unknown naming each missing field met, by its
	// path (see missing): written under mu, read without it.
	unknowns atomic.Pointer[map[string]*types.Unknown]
	mu       sync.Mutex
}

// maxKeptUnknowns is the most missing fields' unknowns an Object keeps.
const maxKeptUnknowns = 256

// missing returns the unknown naming field of ov, not known. Evaluations
// meet the same missing facts case after case, and an unknown does not
// change once made, so it is made once for each path and kept (for the
// first maxKeptUnknowns paths).
func (o *Object) missing(ov *objVal, field string) *types.Unknown {
	var buf [64]byte
	path, ok := ov.appendFieldPath(buf[:0], field)
	if !ok {
		return types.NewUnknown(unknownID, ov.trail(field))
	}
	if m := o.unknowns.Load(); m != nil {
		if u, ok := (*m)[string(path)]; ok {
			return u
		}
	}
	u := types.NewUnknown(unknownID, ov.trail(field))
	o.mu.Lock()
	defer o.mu.Unlock()
	old := o.unknowns.Load()
	if old == nil {
		old = &map[string]*types.Unknown{}
	}
	if k, ok := (*old)[string(path)]; ok { // made meanwhile
		return k
	}
	if len(*old) < maxKeptUnknowns {
		next := make(map[string]*types.Unknown, len(*old)+1)
		maps.Copy(next, *old)
		next[string(path)] = u
		o.unknowns.Store(&next)
	}
	return u
}

// A Field is one field of an Object. Get receives the pointer given to
// ObjectValue and returns the field's value, or the zero Value when the fact
// is not known. An object or list it returns must be made by the call
// (ObjectValue, ObjectList, List), as Evaluate's inputs are: an evaluation
// takes it, and gives its memory back when released.
type Field struct {
	Name string
	Type Type
	Doc  string
	Get  func(obj any) Value
}

// NewObject describes a CEL object type with the given qualified name (such
// as "isotp.Offender") and fields. It panics if a field has no Get function
// or an invalid type, or if two fields share a name: objects are declared
// once, at package initialisation, by code.
func NewObject(name string, fields ...Field) *Object {
	o := &Object{name: name, typ: types.NewObjectType(name), fields: fields, byName: map[string]*types.FieldType{}}
	for i := range fields {
		f := &o.fields[i]
		if f.Get == nil || f.Type.t == nil {
			panic(fmt.Sprintf("rules.NewObject %s: field %q needs a Type and a Get function", name, f.Name))
		}
		if _, dup := o.byName[f.Name]; dup {
			panic(fmt.Sprintf("rules.NewObject %s: duplicate field %q", name, f.Name))
		}
		o.byName[f.Name] = &types.FieldType{
			Type: f.Type.t,
			IsSet: func(target any) bool {
				ov, ok := target.(*objVal)
				return ok && o.isSet(ov, i)
			},
			GetFrom: func(target any) (any, error) {
				ov, ok := target.(*objVal)
				if !ok {
					if u, isUnknown := target.(*types.Unknown); isUnknown {
						return u, nil
					}
					return nil, ruleFailure(fmt.Sprintf("field %s read from a value that is not an %s", f.Name, name))
				}
				return o.field(ov, i)
			},
		}
	}
	return o
}

// fieldIndex returns the index of the field called name, or -1.
func (o *Object) fieldIndex(name string) int {
	for i, f := range o.fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// field returns field i of ov, an object of type o: read once and kept,
// and recorded when explaining. While possible results are worked out, a
// missing fact may have a supposed value, which is given instead; an
// object or list read is told, every time, whether it is being supposed
// about and recorded, as its holder is.
func (o *Object) field(ov *objVal, i int) (ref.Val, error) {
	v := ov.fields[i]
	if v == nil {
		var err error
		if v, err = o.readField(ov, i); err != nil {
			return nil, err
		}
		ov.fields[i] = v
	}
	switch x := v.(type) {
	case *types.Unknown:
		if ov.over != nil {
			if s, ok := ov.over.field(ov, o.fields[i].Name, x); ok {
				return s, nil // a value supposed while working out possible results
			}
		}
	case *objVal:
		x.rec, x.over = ov.rec, ov.over
		return v, nil // its fields are recorded as they are read
	case *listVal:
		if x.rec != ov.rec || x.over != ov.over {
			x.attach(ov, o.fields[i].Name)
		}
	}
	if ov.rec != nil {
		ov.rec.record(ov.fieldPath(o.fields[i].Name), v)
	}
	return v, nil
}

// isSet reports whether field i of ov is known.
func (o *Object) isSet(ov *objVal, i int) bool {
	if v := ov.fields[i]; v != nil {
		return !types.IsUnknown(v)
	}
	return o.fields[i].Get(ov.ptr).v != nil
}

// readField reads field i of ov: its value, placed in the input when it is
// an object or a list, or the unknown naming it when it is not known.
func (o *Object) readField(ov *objVal, i int) (ref.Val, error) {
	f := &o.fields[i]
	got := f.Get(ov.ptr)
	if got.stale() {
		return nil, fmt.Errorf("rules: field %s of %s: %w", f.Name, o.name, errStale)
	}
	v := got.v
	if f.Type.max > 0 || f.Type.elem != nil && f.Type.elem.max > 0 {
		if err := oversize(v, f.Type, func() string { return ov.fieldPath(f.Name) }); err != nil {
			return nil, err
		}
	}
	switch x := v.(type) {
	case nil:
		return o.missing(ov, f.Name), nil
	case *objVal:
		x.from, x.name, x.rec, x.over = ov, f.Name, ov.rec, ov.over
		hold(x)
	case *listVal:
		x.attach(ov, f.Name)
		hold(x)
	}
	return v, nil
}

// oversize returns an input error naming path when v is larger than type t
// allows, and nil otherwise. Only limits set with AtMost are checked here:
// String and List enforce the general ones.
func oversize(v ref.Val, t Type, path func() string) error {
	switch x := v.(type) {
	case types.String:
		if t.max > 0 && len(x) > t.max {
			return &isotp.InputError{Path: path(), Msg: fmt.Sprintf("a text of %d bytes is longer than the %d bytes allowed", len(x), t.max)}
		}
	case *listVal:
		if t.max > 0 && len(x.elems) > t.max {
			return &isotp.InputError{Path: path(), Msg: fmt.Sprintf("a list of %d items is longer than the %d allowed", len(x.elems), t.max)}
		}
		if t.elem == nil || t.elem.max == 0 || t.elem.t.Kind() != types.StringKind {
			return nil
		}
		for i, e := range x.elems {
			if s, ok := e.(types.String); ok && len(s) > t.elem.max {
				return &isotp.InputError{Path: fmt.Sprintf("%s[%d]", path(), i), Msg: fmt.Sprintf("a text of %d bytes is longer than the %d bytes allowed", len(s), t.elem.max)}
			}
		}
	}
	return nil
}

// Type returns the object's type, for Var and Field declarations.
func (o *Object) Type() Type { return Type{t: o.typ, obj: o} }

// Name returns the object's qualified type name.
func (o *Object) Name() string { return o.name }

// Fields returns the object's fields.
func (o *Object) Fields() []Field { return append([]Field(nil), o.fields...) }

// ObjectValue wraps p, which o's Get functions know how to read, as a value
// of type o. A nil p gives the zero, unknown, Value.
func ObjectValue[T any](o *Object, p *T) Value {
	if p == nil {
		return Value{}
	}
	ov := newObjVal(o, p)
	return Value{ov, ov.ob.gen}
}

// A Value is a fact given to rule expressions. The zero Value means "not
// known": expressions that depend on it evaluate to unknown, and the rule's
// result is unknown, naming the fact as missing.
type Value struct {
	v   ref.Val
	gen uint32 // for an object or list made in a box, the box's (see stale)
}

// Int returns a known int value.
func Int(n int) Value { return Value{v: types.Int(n)} }

// IntPtr returns *n, or the unknown Value when n is nil.
func IntPtr(n *int) Value {
	if n == nil {
		return Value{}
	}
	return Int(*n)
}

// String returns a known string value; the empty string is unknown, as it is
// in the case format. A string longer than 10,000 bytes cannot be evaluated:
// rules reading it fail with an input error (errors.Is
// isotp.ErrInvalidInput).
func String(s string) Value {
	switch {
	case s == "":
		return Value{}
	case len(s) > maxStringLen:
		return Value{v: types.WrapErr(&isotp.InputError{Msg: fmt.Sprintf("a text of %d bytes is longer than the %d bytes rules read", len(s), maxStringLen)})}
	}
	return Value{v: types.String(s)}
}

// BoolPtr returns *b, or the unknown Value when b is nil.
func BoolPtr(b *bool) Value {
	if b == nil {
		return Value{}
	}
	return Value{v: types.Bool(*b)}
}

// DateValue returns a date value; the zero Date is unknown.
func DateValue(d isotp.Date) Value {
	if d.IsZero() {
		return Value{}
	}
	return Value{v: newDate(d)}
}

// DateOf returns the date *p as a value without copying it: the value reads
// p, which must not change while rules are evaluated. A nil p or a zero Date
// is unknown. Field getters use it to read a case's dates without
// allocating.
func DateOf(p *isotp.Date) Value {
	if p == nil || p.IsZero() {
		return Value{}
	}
	return Value{v: (*dateVal)(p)}
}

// An Enum makes the CEL values of an enumeration: its JSON spellings as
// strings, made once so that reading an enumerated field allocates nothing.
// Make one per enumeration type, at package initialisation; it is safe for
// concurrent use.
type Enum[T interface {
	~uint8
	fmt.Stringer
}] struct {
	vals []ref.Val // indexed by value; vals[0] is nil: the zero value is unknown
}

// NewEnum makes the values of enumeration T, whose values 1, 2, ... have
// spellings until String gives one holding a parenthesis (the form used for
// values out of range, "Sex(9)").
func NewEnum[T interface {
	~uint8
	fmt.Stringer
}]() *Enum[T] {
	e := &Enum[T]{vals: []ref.Val{nil}}
	for i := 1; i < 256; i++ {
		s := T(i).String()
		if s == "" || strings.ContainsAny(s, "()") {
			break
		}
		e.vals = append(e.vals, types.String(s))
	}
	return e
}

// Type returns the type of the enumeration's values: strings no longer than
// its longest spelling. A fact of this type has a finite domain, its
// spellings: where one is missing, the possible results of the rules that
// read it are worked out by trying each (see Result.Possible).
func (e *Enum[T]) Type() Type {
	longest := 1
	for _, v := range e.vals[1:] {
		longest = max(longest, len(v.(types.String)))
	}
	t := StringType.AtMost(longest)
	values := e.vals[1:]
	t.values = &values
	return t
}

// Value returns v's spelling as a string value; the zero value, and any
// value out of range, is unknown.
func (e *Enum[T]) Value(v T) Value {
	if int(v) >= len(e.vals) {
		return Value{}
	}
	return Value{v: e.vals[v]}
}

// List returns a list of n values made by elem. A nil elem gives the unknown
// Value, for a list that was not given. The elements must all be known. A
// list of more than 10,000 items cannot be evaluated: rules reading it fail
// with an input error.
func List(n int, elem func(i int) Value) Value {
	switch {
	case elem == nil:
		return Value{}
	case n > maxListLen:
		return Value{v: types.WrapErr(&isotp.InputError{Msg: fmt.Sprintf("a list of %d items is longer than the %d items rules read", n, maxListLen)})}
	}
	b := newListBox(n, 0, false)
	l := &b.list
	l.elems = b.vals[:n:n]
	for i := range n {
		got := elem(i)
		e := got.v
		if got.stale() {
			e = types.WrapErr(fmt.Errorf("rules: list element %d: %w", i, errStale))
		}
		if e == nil {
			e = failure("list element %d is not known", i)
		}
		if ov, ok := e.(*objVal); ok {
			ov.index = i
		}
		l.elems[i] = e
	}
	return Value{l, l.gen}
}

// ObjectList returns items as a list of objects of type o, made with a
// few allocations whatever its length, and none once evaluations released
// have given theirs back. A nil slice is unknown; an empty one is a
// known empty list. A list of more than 10,000 items cannot be evaluated, as
// for List.
func ObjectList[T any](o *Object, items []T) Value {
	switch {
	case items == nil:
		return Value{}
	case len(items) > maxListLen:
		return Value{v: types.WrapErr(&isotp.InputError{Msg: fmt.Sprintf("a list of %d items is longer than the %d items rules read", len(items), maxListLen)})}
	}
	n, nf := len(items), len(o.fields)
	b := newListBox(n, nf, true)
	l, objs, vals := &b.list, b.objs, b.vals
	l.elems = vals[:n:n]
	for i := range items {
		objs[i] = objVal{obj: o, ptr: &items[i], place: &l.place, index: i, fields: vals[n+i*nf : n+(i+1)*nf : n+(i+1)*nf]}
		l.elems[i] = &objs[i]
	}
	return Value{l, l.gen}
}

// Dates returns a list of dates; a nil slice is unknown.
func Dates(d []isotp.Date) Value {
	if d == nil {
		return Value{}
	}
	return List(len(d), func(i int) Value { return DateOf(&d[i]) })
}

// AsInt returns v as an int, if it is a known int.
func (v Value) AsInt() (int, bool) {
	n, ok := v.v.(types.Int)
	return int(n), ok
}

// AsString returns v as a string, if it is a known string.
func (v Value) AsString() (string, bool) {
	s, ok := v.v.(types.String)
	return string(s), ok
}

// Object returns the object type t is, or holds elements of (for a list of
// objects); nil for other types.
func (t Type) Object() *Object { return t.obj }
