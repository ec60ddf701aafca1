package rules

import (
	"errors"
	"sync"

	"cel.dev/cel-go/common/types/ref"
)

// The values of objects and lists an evaluation reads are used again.
//
// ObjectValue, ObjectList and List make their values in boxes from a pool;
// an evaluation holds those bound to it and those it reads from their
// fields, and gives them back when it is released, for the next case's
// values (the elements of a List made with ObjectValue are left to the
// collector: only its own box is kept).
// Nothing taken from an evaluation points into them: results, missing
// facts and texts are strings, the values it shares with another (Reuse)
// are scalars, and a section whose outputs can hold an object (Output
// gives them to the caller) gives back nothing. A value an evaluation did
// not take (made but not bound, or read again by the prover without being
// kept) is left to the collector.

// boxState is where a box is in its life.
type boxState uint8

const (
	boxFree   boxState = iota // in its pool, or not pooled
	boxMade                   // made into a value, not yet held
	boxHeld                   // held by one evaluation, to give back
	boxShared                 // bound or read twice: never given back
)

// An objBox is an object's value, its place and its fields, in one
// allocation when it has few fields; more keeps the room made for more.
type objBox struct {
	v     objVal
	at    place
	buf   [smallObject]ref.Val
	more  []ref.Val
	state boxState
	gen   uint32 // how often it has been given back (see Value.stale)
}

// A listBox is a list's value: the list, its objects and its values (the
// elements, then each object's fields), kept with their room.
type listBox struct {
	list  listVal
	objs  []objVal
	vals  []ref.Val
	state boxState
	gen   uint32 // how often it has been given back (see Value.stale)
}

// maxPooledList is the most items a list's box keeps room for in the
// pool: a case with a longer list does not make every box that large.
const maxPooledList = 256

var (
	objBoxes  = sync.Pool{New: func() any { return new(objBox) }}
	listBoxes = sync.Pool{New: func() any { return new(listBox) }}
)

// newListBox returns a box with room for n objects of nf fields each, or,
// when objects is false, for n values.
func newListBox(n, nf int, objects bool) *listBox {
	b := listBoxes.Get().(*listBox)
	if objects {
		if cap(b.objs) < n {
			b.objs = make([]objVal, n)
		}
		b.objs = b.objs[:n]
	} else {
		nf = 0
	}
	if m := n * (1 + nf); cap(b.vals) < m {
		b.vals = make([]ref.Val, m)
	}
	b.vals = b.vals[:n*(1+nf)]
	b.state = boxMade
	b.list.lb = b
	return b
}

// stale reports whether v was made in a box that a released evaluation
// has since given back: its memory is no longer v's (it is zeroed, or holds
// another case's value), so it must not be read. A Value is made for one
// evaluation; one kept and bound again after that evaluation was released
// is stale, and Evaluate refuses it rather than read what is there now.
func (v Value) stale() bool {
	switch x := v.v.(type) {
	case *objVal:
		if x.place == nil {
			return true // given back, not yet made again
		}
		if b := x.ob; b != nil && &b.v == x {
			return b.gen != v.gen
		}
	case *listVal:
		return x.gen != v.gen
	}
	return false
}

// errStale is the error for a stale Value: one bound, or returned by a
// field's Get, after the evaluation it was made for was released.
var errStale = errors.New("the value was made for an evaluation that has been released, and its memory given to another; make a value for each evaluation")

// valueOf returns v, a value of the evaluation's, as a Value, with the
// generation of the box it was made in, if any.
func valueOf(v ref.Val) Value {
	switch x := v.(type) {
	case *objVal:
		if b := x.ob; b != nil && &b.v == x {
			return Value{v: v, gen: b.gen}
		}
	case *listVal:
		return Value{v: v, gen: x.gen}
	}
	return Value{v: v}
}

// hold makes v, just bound or read, held by the evaluation: one held
// already is shared, and never given back.
func hold(v ref.Val) {
	var s *boxState
	switch x := v.(type) {
	case *objVal:
		if b := x.ob; b != nil && &b.v == x {
			s = &b.state
		}
	case *listVal:
		if b := x.lb; b != nil && &b.list == x {
			s = &b.state
		}
	}
	switch {
	case s == nil:
	case *s == boxMade:
		*s = boxHeld
	case *s == boxHeld:
		*s = boxShared
	}
}

// recycle gives back v, held by an evaluation being released, and the
// values of its fields it holds.
func recycle(v ref.Val) {
	switch x := v.(type) {
	case *objVal:
		b := x.ob
		if b == nil || &b.v != x || b.state != boxHeld {
			return
		}
		recycleAll(x.fields)
		more := b.more
		clear(more)
		*b = objBox{more: more, gen: b.gen + 1}
		objBoxes.Put(b)
	case *listVal:
		b := x.lb
		if b == nil || &b.list != x || b.state != boxHeld {
			return
		}
		for _, e := range x.elems {
			if ov, ok := e.(*objVal); ok && ov.place == &x.place {
				recycleAll(ov.fields) // an element is given back with its list
			}
		}
		if cap(b.objs) > maxPooledList || cap(b.vals) > 4*maxPooledList {
			b.state = boxFree // left to the collector
			return
		}
		clear(b.objs)
		clear(b.vals)
		*b = listBox{objs: b.objs[:0], vals: b.vals[:0], gen: b.gen + 1, list: listVal{gen: b.gen + 1}}
		listBoxes.Put(b)
	}
}

func recycleAll(vs []ref.Val) {
	for _, v := range vs {
		switch v.(type) {
		case *objVal, *listVal:
			recycle(v)
		}
	}
}

// holdsObjects reports whether a value of type t can hold an object.
func (t Type) holdsObjects() bool { return t.obj != nil }
