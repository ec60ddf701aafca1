package rules

import (
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// TestMain has every expression that the tests of this package evaluate
// directly (direct.go) evaluated by cel-go's interpreter too, and fails the
// run where the two give different values: the package's tests, the
// hostile inputs among them, and the decisions made on generated cases in
// TestDirectAgreesWithCELGo hold the direct evaluation to cel-go's.
func TestMain(m *testing.M) {
	var mu sync.Mutex
	var mismatches []string
	checkDirect = func(e *compiledExpr, direct, celgo ref.Val, err error) {
		if why := directDiffers(direct, celgo, err); why != "" {
			mu.Lock()
			defer mu.Unlock()
			if len(mismatches) < 20 {
				mismatches = append(mismatches, fmt.Sprintf("%s: %s: %s", e.pos, e.src, why))
			}
		}
	}
	code := m.Run()
	if len(mismatches) > 0 {
		fmt.Fprintln(os.Stderr, "direct evaluation differs from cel-go's:")
		for _, m := range mismatches {
			fmt.Fprintln(os.Stderr, "  "+m)
		}
		code = 1
	}
	os.Exit(code)
}

// directDiffers says how the direct evaluation's value differs from cel-go's
// value and error, or "" when it does not.
func directDiffers(direct, celgo ref.Val, err error) string {
	switch {
	case err != nil:
		return fmt.Sprintf("direct %v, cel-go failed: %v", direct, err)
	case direct.Type() != celgo.Type():
		return fmt.Sprintf("direct %v of type %v, cel-go %v of type %v", direct, direct.Type(), celgo, celgo.Type())
	}
	if du, ok := direct.(*types.Unknown); ok {
		cu := celgo.(*types.Unknown)
		// trails reads an unknown's facts under unknownID alone.
		for _, u := range []*types.Unknown{du, cu} {
			if ids := u.IDs(); !slices.Equal(ids, []int64{unknownID}) {
				return fmt.Sprintf("unknown %v carries ids %v, not %d alone", u, ids, unknownID)
			}
		}
		if d, c := trails(du), trails(cu); !slices.Equal(d, c) {
			return fmt.Sprintf("direct unknown %v, cel-go unknown %v", d, c)
		}
		return ""
	}
	if types.Equal(direct, celgo) != types.True {
		return fmt.Sprintf("direct %v, cel-go %v", direct, celgo)
	}
	return ""
}
