package rules

import (
	"testing"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// TestListContains: a list of the case's values answers `in` as cel-go's
// list of the same elements does.
func TestListContains(t *testing.T) {
	elems := []ref.Val{types.String("supervision"), types.Int(3), newDate(isotp.NewDate(2005, 4, 4)), types.True}
	for _, tc := range []struct {
		name  string
		elems []ref.Val
	}{
		{"empty", nil},
		{"mixed", elems},
	} {
		l := &listVal{elems: tc.elems}
		cel := types.NewRefValList(types.DefaultTypeAdapter, tc.elems)
		for _, v := range []ref.Val{
			types.String("supervision"), types.String("programme"), types.Int(3), types.Double(3), types.Uint(3),
			newDate(isotp.NewDate(2005, 4, 4)), newDate(isotp.NewDate(2005, 4, 5)), types.True, types.False, types.NullValue,
		} {
			if got, want := l.Contains(v), cel.Contains(v); got != want {
				t.Errorf("%s: %v in the list: got %v, want %v as cel-go gives", tc.name, v, got, want)
			}
		}
	}
}

// TestListIteratorAsCELGo: a list's iterator gives what cel-go's iterator
// over the same elements gives, in order, and then nothing.
func TestListIteratorAsCELGo(t *testing.T) {
	for _, elems := range [][]ref.Val{{}, {types.Int(1)}, {types.String("a"), types.Int(2), types.True}} {
		mine := (&listVal{elems: elems}).Iterator()
		theirs := types.NewRefValList(types.DefaultTypeAdapter, elems).Iterator()
		for theirs.HasNext() == types.True {
			require.Equal(t, types.True, mine.HasNext())
			require.Equal(t, theirs.Next(), mine.Next())
		}
		require.Equal(t, types.False, mine.HasNext())
		require.Equal(t, theirs.Next(), mine.Next())
		require.Equal(t, theirs.Type(), mine.Type())
	}
}
