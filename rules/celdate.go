package rules

import (
	"fmt"
	"reflect"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"

	"github.com/isotp-dev/isotp"
)

// celDateType is the CEL type of civil dates, written `date` in rule files.
// It is an object type with the comparer trait, so that the standard
// relational operators order dates through dateVal.Compare.
var celDateType = types.NewObjectType("date", traits.ComparerType)

// dateVal is an isotp.Date as a CEL value. Values are *dateVal: a date read
// from a case points at the case's own field, so reading it allocates
// nothing; rules never change a date.
type dateVal isotp.Date

// longDateOverload is long_date's one overload, which the direct
// evaluation writes once per day (direct.go).
const longDateOverload = "long_date_date"

// The overloads of the orderings of dates, which the direct evaluation
// compares itself (direct.go).
const (
	lessDate          = "less_date"
	lessEqualsDate    = "less_equals_date"
	greaterDate       = "greater_date"
	greaterEqualsDate = "greater_equals_date"
)

// newDate returns a CEL value for a date worked out during evaluation.
func newDate(d isotp.Date) *dateVal {
	v := dateVal(d)
	return &v
}

func (d *dateVal) date() isotp.Date { return isotp.Date(*d) }

func (d *dateVal) ConvertToNative(t reflect.Type) (any, error) {
	if t == reflect.TypeOf(isotp.Date{}) {
		return d.date(), nil
	}
	return nil, fmt.Errorf("cannot convert date to %v", t)
}

func (d *dateVal) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case celDateType:
		return d
	case types.StringType:
		return types.String(d.date().String())
	case types.TypeType:
		return celDateType
	}
	return types.NewErr("type conversion error from date to %v", t)
}

func (d *dateVal) Equal(o ref.Val) ref.Val {
	e, ok := o.(*dateVal)
	return types.Bool(ok && *d == *e)
}

func (d *dateVal) Compare(o ref.Val) ref.Val {
	e, ok := o.(*dateVal)
	if !ok {
		return types.MaybeNoSuchOverloadErr(o)
	}
	return compared[d.date().Compare(e.date())+1]
}

// compared holds the values Compare gives, made once: an int outside 0 to
// 255 made a CEL value is an allocation, and -1 is one.
var compared = [3]ref.Val{types.Int(-1), types.Int(0), types.Int(1)}

func (d *dateVal) Type() ref.Type { return celDateType }
func (d *dateVal) Value() any     { return d.date() }

// dateFunctions declares the date type and the deterministic date helpers
// every section may use, add_working_days counting the working days of
// cal. None reads a clock.
func dateFunctions(cal *Calendar) []cel.EnvOption {
	d := celDateType
	cmp := func(name, id string) cel.EnvOption {
		return cel.Function(name, cel.Overload(id, []*cel.Type{d, d}, cel.BoolType))
	}
	dateArg := func(v ref.Val) isotp.Date { return v.(*dateVal).date() }
	return []cel.EnvOption{
		cmp(operators.Less, lessDate),
		cmp(operators.LessEquals, lessEqualsDate),
		cmp(operators.Greater, greaterDate),
		cmp(operators.GreaterEquals, greaterEqualsDate),
		cel.Function("date",
			cel.Overload("date_string", []*cel.Type{cel.StringType}, d,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					s, ok := v.(types.String)
					if !ok {
						return types.MaybeNoSuchOverloadErr(v)
					}
					// ParseDate's error quotes its argument, which
					// may be a case's text: it is not passed on.
					t, err := isotp.ParseDate(string(s))
					if err != nil {
						return failure("date() was given text that is not a date written YYYY-MM-DD")
					}
					return newDate(t)
				}))),
		cel.Function("string",
			cel.Overload("string_date", []*cel.Type{d}, cel.StringType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return types.String(dateArg(v).String()) }))),
		cel.Function("long_date",
			cel.Overload(longDateOverload, []*cel.Type{d}, cel.StringType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return types.String(dateArg(v).Long()) }))),
		cel.Function("age_at",
			cel.Overload("age_at_date_date", []*cel.Type{d, d}, cel.IntType,
				cel.BinaryBinding(func(a, b ref.Val) ref.Val { return types.Int(dateArg(a).AgeAt(dateArg(b))) }))),
		cel.Function("months_between",
			cel.Overload("months_between_date_date", []*cel.Type{d, d}, cel.IntType,
				cel.BinaryBinding(func(a, b ref.Val) ref.Val { return types.Int(dateArg(b).MonthsSince(dateArg(a))) }))),
		cel.Function("days_between",
			cel.Overload("days_between_date_date", []*cel.Type{d, d}, cel.IntType,
				cel.BinaryBinding(func(a, b ref.Val) ref.Val { return types.Int(dateArg(b).DaysSince(dateArg(a))) }))),
		cel.Function("add_days",
			cel.Overload("add_days_date_int", []*cel.Type{d, cel.IntType}, d,
				cel.BinaryBinding(func(a, n ref.Val) ref.Val {
					return boundedDate(dateArg(a).AddDays(int(clampInt(n))))
				}))),
		cel.Function("add_months",
			cel.Overload("add_months_date_int", []*cel.Type{d, cel.IntType}, d,
				cel.BinaryBinding(func(a, n ref.Val) ref.Val {
					return boundedDate(dateArg(a).AddMonths(int(clampInt(n))))
				}))),
		cel.Function("add_working_days",
			cel.Overload("add_working_days_date_int", []*cel.Type{d, cel.IntType}, d,
				cel.BinaryBinding(func(a, n ref.Val) ref.Val {
					k := clampInt(n)
					if k < 0 || k > 10000 {
						return failure("add_working_days takes 0 to 10000 working days")
					}
					return boundedDate(cal.AddWorkingDays(dateArg(a), int(k)))
				}))),
		cel.Function("weekday",
			cel.Overload("weekday_date", []*cel.Type{d}, cel.IntType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return types.Int(dateArg(v).Weekday()) }))),
	}
}

// clampInt keeps day and month arithmetic far from overflow: a rule asking to
// move a date by more than ten thousand years gets an out-of-range error from
// boundedDate instead of a wrapped-around answer.
func clampInt(v ref.Val) int64 {
	n := int64(v.(types.Int))
	const limit = 10000 * 366
	if n > limit {
		return limit
	}
	if n < -limit {
		return -limit
	}
	return n
}

func boundedDate(d isotp.Date) ref.Val {
	if !d.IsValid() {
		return failure("date arithmetic left the years 1 to 9999")
	}
	return newDate(d)
}
