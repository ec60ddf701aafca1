package rules

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"github.com/stretchr/testify/require"
)

type recycleItem struct{ name string }

var recycleObject = NewObject("test.Item",
	Field{Name: "name", Type: StringType, Get: func(p any) Value { return String(p.(*recycleItem).name) }},
)

// TestRecycleGivesBackWhatIsHeld: a value bound or read once is given back,
// zeroed, with the values of its fields it holds; one made and never held,
// or held twice (shared by two evaluations), is not.
func TestRecycleGivesBackWhatIsHeld(t *testing.T) {
	items := []recycleItem{{name: "a"}, {name: "b"}}
	t.Run("an object held once", func(t *testing.T) {
		ov := ObjectValue(recycleObject, &items[0]).v.(*objVal)
		box := ov.ob
		hold(ov)
		require.Equal(t, boxHeld, box.state)
		recycle(ov)
		require.Equal(t, objBox{gen: 1}, *box)
	})
	t.Run("an object of many fields", func(t *testing.T) {
		fields := make([]Field, 2*smallObject)
		for i := range fields {
			fields[i] = Field{Name: fmt.Sprint("f", i), Type: StringType, Get: func(p any) Value { return String(p.(*recycleItem).name) }}
		}
		ov := ObjectValue(NewObject("test.Wide", fields...), &items[0]).v.(*objVal)
		box := ov.ob
		hold(ov)
		for i := range fields {
			_, err := ov.obj.field(ov, i)
			require.NoError(t, err)
		}
		recycle(ov)
		require.Equal(t, boxFree, box.state)
		require.Equal(t, make([]ref.Val, len(fields)), box.more, "the room kept holds nothing")
	})
	t.Run("a list held once, with its objects' fields", func(t *testing.T) {
		lv := ObjectList(recycleObject, items).v.(*listVal)
		box := lv.lb
		lv.attach(nil, "items")
		hold(lv)
		for _, e := range lv.elems {
			ov := e.(*objVal)
			v, err := recycleObject.field(ov, 0)
			require.NoError(t, err)
			require.Equal(t, types.String(ov.ptr.(*recycleItem).name), v)
		}
		recycle(lv)
		require.Equal(t, boxFree, box.state)
		require.Equal(t, listVal{gen: 1}, box.list)
		require.Empty(t, box.objs)
		require.Empty(t, box.vals)
		require.Equal(t, make([]ref.Val, cap(box.vals)), box.vals[:cap(box.vals)], "the room kept holds nothing")
	})
	t.Run("made and not held", func(t *testing.T) {
		ov := ObjectValue(recycleObject, &items[0]).v.(*objVal)
		recycle(ov)
		require.Equal(t, boxMade, ov.ob.state)
		require.Same(t, &items[0], ov.ptr)
	})
	t.Run("held twice", func(t *testing.T) {
		lv := ObjectList(recycleObject, items).v.(*listVal)
		hold(lv)
		hold(lv)
		recycle(lv)
		require.Equal(t, boxShared, lv.lb.state)
		require.Len(t, lv.elems, 2)
		require.Same(t, &items[1], lv.elems[1].(*objVal).ptr)
	})
}

// TestObjectOutputsKeepTheirInputs: a section with an output that can hold
// an object gives nothing back when released, so that the output's value
// stays as it was; one whose outputs are scalars gives its inputs back.
func TestObjectOutputsKeepTheirInputs(t *testing.T) {
	in := &Var{Name: "item", Type: recycleObject.Type()}
	for _, tc := range []struct {
		name     string
		out      *Var
		expr     string
		recycles bool
	}{
		{"an object output", &Var{Name: "kept", Type: recycleObject.Type()}, "item", false},
		{"a list of objects", &Var{Name: "kept", Type: ListOf(recycleObject.Type())}, "[item]", false},
		{"a scalar output", &Var{Name: "kept", Type: StringType}, "item.name", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			policy := "name: t\nversion: \"1\"\neligibility:\n  variables:\n    - name: kept\n      expression: \"" + tc.expr + "\"\n"
			pol, err := Load(Dir(fstest.MapFS{"p/a.yaml": &fstest.MapFile{Data: []byte(policy)}}, "p"))
			require.NoError(t, err)
			rs, err := pol.Compile(Section{Name: "eligibility", Inputs: []*Var{in}, Outputs: []*Var{tc.out}})
			require.NoError(t, err)
			require.Equal(t, tc.recycles, rs.recycles)
			first := &recycleItem{name: "first"}
			ev, err := rs.Evaluate(context.Background(), []Binding{in.Bind(ObjectValue(recycleObject, first))})
			require.NoError(t, err)
			out := ev.Output(tc.out)
			ev.Release()
			for range 3 { // the next cases' values, made where the released one's were if given back
				other := &recycleItem{name: "other"}
				ev, err := rs.Evaluate(context.Background(), []Binding{in.Bind(ObjectValue(recycleObject, other))})
				require.NoError(t, err)
				ev.Release()
			}
			switch v := out.v.(type) {
			case *objVal:
				require.Same(t, first, v.ptr)
			case traits.Lister:
				require.Same(t, first, v.Get(types.Int(0)).(*objVal).ptr)
			default:
				require.Equal(t, types.String("first"), v)
			}
		})
	}
}

// TestStaleValuesAreRefused: a Value kept past the release of the
// evaluation it was bound to no longer holds its case (its memory was given
// back, and may hold another case's value by now): Evaluate refuses it, as
// an input or as what a field's Get returns, rather than read what is
// there.
func TestStaleValuesAreRefused(t *testing.T) {
	in := &Var{Name: "item", Type: recycleObject.Type()}
	list := &Var{Name: "items", Type: ListOf(recycleObject.Type())}
	policy := "name: t\nversion: \"1\"\neligibility:\n  variables:\n    - name: kept\n      expression: \"item.name + string(size(items))\"\n"
	pol, err := Load(Dir(fstest.MapFS{"p/a.yaml": &fstest.MapFile{Data: []byte(policy)}}, "p"))
	require.NoError(t, err)
	out := &Var{Name: "kept", Type: StringType}
	rs, err := pol.Compile(Section{Name: "eligibility", Inputs: []*Var{in, list}, Outputs: []*Var{out}})
	require.NoError(t, err)
	require.True(t, rs.recycles)
	ctx := context.Background()
	decide := func(item, items Value) (string, error) {
		ev, err := rs.Evaluate(ctx, []Binding{in.Bind(item), list.Bind(items)})
		if err != nil {
			return "", err
		}
		defer ev.Release()
		s, _ := ev.Output(out).AsString()
		return s, nil
	}
	first := &recycleItem{name: "first"}
	firstList := []recycleItem{{name: "x"}}
	item, items := ObjectValue(recycleObject, first), ObjectList(recycleObject, firstList)
	got, err := decide(item, items)
	require.NoError(t, err)
	require.Equal(t, "first1", got)

	// Given back and not yet made again: zeroed.
	_, err = decide(item, ObjectList(recycleObject, firstList))
	require.ErrorIs(t, err, errStale)
	_, err = decide(ObjectValue(recycleObject, first), items)
	require.ErrorIs(t, err, errStale)

	// Made again, for another case: another case's value.
	other := &recycleItem{name: "other"}
	for range 3 {
		got, err = decide(ObjectValue(recycleObject, other), ObjectList(recycleObject, []recycleItem{{}, {}}))
		require.NoError(t, err)
		require.Equal(t, "other2", got)
	}
	_, err = decide(item, items)
	require.ErrorIs(t, err, errStale)

	// A field's Get that returns a value kept from an earlier evaluation.
	kept := ObjectValue(recycleObject, first)
	holder := NewObject("test.Holder", Field{Name: "inner", Type: recycleObject.Type(), Get: func(any) Value { return kept }})
	hv := &Var{Name: "holder", Type: holder.Type()}
	hpol := "name: t\nversion: \"1\"\neligibility:\n  variables:\n    - name: kept\n      expression: \"holder.inner.name\"\n"
	pol, err = Load(Dir(fstest.MapFS{"p/a.yaml": &fstest.MapFile{Data: []byte(hpol)}}, "p"))
	require.NoError(t, err)
	hrs, err := pol.Compile(Section{Name: "eligibility", Inputs: []*Var{hv}, Outputs: []*Var{out}})
	require.NoError(t, err)
	var h struct{}
	ev, err := hrs.Evaluate(ctx, []Binding{hv.Bind(ObjectValue(holder, &h))})
	require.NoError(t, err)
	s, _ := ev.Output(out).AsString()
	require.Equal(t, "first", s)
	ev.Release()
	_, err = hrs.Evaluate(ctx, []Binding{hv.Bind(ObjectValue(holder, &h))})
	require.ErrorIs(t, err, errStale)
}
