package rules

import (
	"testing"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"github.com/stretchr/testify/require"
)

// TestPathsAsCELGoWritesThem holds the paths the evaluation writes without
// fmt (fieldPath, appendFieldPath and trailString) to cel-go's
// AttributeTrail.String, which names the facts elsewhere: a fact must have
// one name, or a supposed value would not be found and a missing fact
// would be listed twice.
func TestPathsAsCELGoWritesThem(t *testing.T) {
	names := []string{"offences", "completed", "", "a b", `q"uote`, "ünï_cødé9", "x.y", "[0]", "\x00\xff"}
	for _, root := range names {
		for _, field := range names {
			for _, index := range []int{-1, 0, 12} {
				top := &objVal{name: root, index: -1}
				inner := &objVal{from: top, name: field, index: -1}
				l := &listVal{from: inner, name: root, elems: []ref.Val{}}
				el := &objVal{list: l, index: max(index, 0)}
				for _, ov := range []*objVal{top, inner, el, {name: root, index: index}} {
					want := ov.trail(field).String()
					require.Equal(t, want, ov.fieldPath(field), "fieldPath(%q) of %q", field, root)
					b, ok := ov.appendFieldPath(nil, field)
					if ok {
						require.Equal(t, want, string(b), "appendFieldPath(%q) of %q", field, root)
					} else {
						require.Equal(t, "<unspecified>", want)
					}
					require.Equal(t, want, trailString(ov.trail(field)))
				}
			}
		}
	}
	require.Equal(t, "<unspecified>", trailString(types.NewAttributeTrail("")))
	require.Equal(t, types.QualifyAttribute[bool](types.NewAttributeTrail("x"), true).String(),
		trailString(types.QualifyAttribute[bool](types.NewAttributeTrail("x"), true)))
}
