package rules

import (
	"testing"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"github.com/stretchr/testify/require"
)

// TestSupposedField: a missing field finds the value supposed for it by the
// unknown the evaluation read for it, or, for a fact resolved before the
// evaluation read it (no unknown to know it by), by its path; never one
// supposed for another fact, nor one for a whole input.
func TestSupposedField(t *testing.T) {
	flag := NewObject("test.Flags",
		Field{Name: "on", Type: BoolType, Get: func(any) Value { return Value{} }},
		Field{Name: "off", Type: BoolType, Get: func(any) Value { return Value{} }},
	)
	ov := newObjVal(flag, &struct{}{})
	ov.name = "flags"
	onU := types.NewUnknown(unknownID, ov.trail("on"))
	offU := types.NewUnknown(unknownID, ov.trail("off"))
	for _, tc := range []struct {
		name  string
		facts []fact
		field string
		u     *types.Unknown
		want  ref.Val // nil: none supposed
	}{
		{"by its unknown", []fact{{path: "flags.on", u: onU, input: -1}}, "on", onU, types.True},
		{"by its path, read after it was resolved", []fact{{path: "flags.on", input: -1}}, "on", onU, types.True},
		{"another field's unknown", []fact{{path: "flags.off", u: offU, input: -1}}, "on", onU, nil},
		{"another field's path", []fact{{path: "flags.off", input: -1}}, "on", onU, nil},
		{"an input of the same name", []fact{{path: "flags.on", input: 0}}, "on", onU, nil},
		{"nothing supposed", nil, "on", onU, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &supposed{facts: tc.facts}
			for k := range tc.facts {
				s.given = append(s.given, supposition{fact: k, v: types.True})
			}
			got, ok := s.field(ov, tc.field, tc.u)
			require.Equal(t, tc.want != nil, ok, "whether a value is supposed")
			require.Equal(t, tc.want, got)
		})
	}
}
