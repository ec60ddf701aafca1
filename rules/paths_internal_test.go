package rules

import (
	"regexp"
	"strconv"
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
				top := &objVal{place: &place{name: root}, index: -1}
				inner := &objVal{place: &place{from: top, name: field}, index: -1}
				l := &listVal{place: place{from: inner, name: root}, elems: []ref.Val{}}
				el := &objVal{place: &l.place, index: max(index, 0)}
				for _, ov := range []*objVal{top, inner, el, {place: &place{name: root}, index: index}} {
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

// TestWordsPatternAsRegexp holds wordsPattern, a scan, to what replacing
// \[(\d+)\] with [] gives, on paths and on strings that only look like them.
func TestWordsPatternAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`\[(\d+)\]`)
	for _, path := range []string{
		"", "offences", "offences[0].date", "a[1][22].b[333]", "x[", "x[]", "x[1", "[[12]", "[1]]", "x[-1]", "x[١]",
		"y[99999999999999999999999]", "attendance.sessions[499].completed", "z[0x1]", "[7]",
	} {
		var wantIdx []int
		want := re.ReplaceAllStringFunc(path, func(m string) string {
			n, err := strconv.Atoi(m[1 : len(m)-1])
			if err != nil {
				n = -1
			}
			wantIdx = append(wantIdx, n)
			return "[]"
		})
		got, idx := wordsPattern(path)
		require.Equal(t, want, got, "path %q", path)
		require.Equal(t, wantIdx, idx, "indexes of %q", path)
	}
}
