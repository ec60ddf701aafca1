package rules

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// wordFunctions declares the helpers that write facts for a person, for
// rules' findings and messages.
func wordFunctions() []cel.EnvOption {
	return []cel.EnvOption{
		cel.Function("long_date",
			cel.Overload("long_date_date", []*cel.Type{celDateType}, cel.StringType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return types.String(v.(*dateVal).date().Long()) }))),
	}
}
