package rules

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMissingFieldsUnknownsAreKept: the unknown naming a missing field is
// made once for its path and given again for the same path, in whatever
// object sits there; another path gets its own, and past the most kept
// each is still named by its path.
func TestMissingFieldsUnknownsAreKept(t *testing.T) {
	o := NewObject("test.Kept", Field{Name: "name", Type: StringType, Get: func(any) Value { return Value{} }})
	at := func(name string, index int) *objVal {
		ov := newObjVal(o, &struct{}{})
		ov.name, ov.index = name, index
		return ov
	}
	first := o.missing(at("items", 0), "name")
	require.Same(t, first, o.missing(at("items", 0), "name"), "the same path, another object")
	require.Equal(t, []string{"items[0].name"}, trails(first))
	other := o.missing(at("items", 1), "name")
	require.NotSame(t, first, other)
	require.Equal(t, []string{"items[1].name"}, trails(other))
	for i := range maxKeptUnknowns + 10 {
		u := o.missing(at("many", i), "name")
		require.Equal(t, []string{fmt.Sprintf("many[%d].name", i)}, trails(u))
	}
	require.Len(t, *o.unknowns.Load(), maxKeptUnknowns)
}
