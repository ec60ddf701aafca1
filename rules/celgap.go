package rules

import (
	"slices"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"

	"github.com/isotp-dev/isotp"
)

// gapFunctions declares the helpers that measure how long a person went
// without something happening, such as a meeting with his Offender Manager:
//
//	longest_gap_days(dates, from, to)  int   the longest gap, in days
//	longest_gap_start(dates, from, to) date  the day that gap begins
//
// The window's edges count as if something happened on them: the gaps
// measured are from `from` to the first date inside the window, between
// consecutive dates, and from the last date to `to`. Dates before `from` or
// after `to` are ignored, and their order in the list does not matter. A
// window with no dates in it is one gap, from `from` to `to`. When several
// gaps are equally long, longest_gap_start gives the earliest. A `to` before
// `from` is an evaluation error.
func gapFunctions() []cel.EnvOption {
	args := []*cel.Type{cel.ListType(celDateType), celDateType, celDateType}
	return []cel.EnvOption{
		cel.Function("longest_gap_days",
			cel.Overload("longest_gap_days_list_date_date", args, cel.IntType,
				cel.FunctionBinding(func(v ...ref.Val) ref.Val {
					days, _, err := gapArgs(v)
					if err != nil {
						return err
					}
					return types.Int(days)
				}))),
		cel.Function("longest_gap_start",
			cel.Overload("longest_gap_start_list_date_date", args, celDateType,
				cel.FunctionBinding(func(v ...ref.Val) ref.Val {
					_, start, err := gapArgs(v)
					if err != nil {
						return err
					}
					return newDate(start)
				}))),
	}
}

func gapArgs(v []ref.Val) (int, isotp.Date, ref.Val) {
	list, ok := v[0].(traits.Lister)
	from, ok1 := v[1].(*dateVal)
	to, ok2 := v[2].(*dateVal)
	if !ok || !ok1 || !ok2 {
		return 0, isotp.Date{}, failure("longest_gap takes a list of dates, a from date and a to date")
	}
	var buf [64]isotp.Date // a usual list of meetings fits: no allocation
	dates := buf[:0]
	if l, isInput := list.(*listVal); isInput {
		// A list from the input: its elements are read as they are,
		// without the list cel-go would make to index them.
		for i, e := range l.elems {
			d, ok := e.(*dateVal)
			if !ok {
				return 0, isotp.Date{}, failure("longest_gap: list element %d is not a date", i)
			}
			dates = append(dates, d.date())
		}
	} else {
		n := int(list.Size().(types.Int))
		for i := range n {
			d, ok := list.Get(types.Int(i)).(*dateVal)
			if !ok {
				return 0, isotp.Date{}, failure("longest_gap: list element %d is not a date", i)
			}
			dates = append(dates, d.date())
		}
	}
	if to.date().Before(from.date()) {
		return 0, isotp.Date{}, failure("longest_gap: the window ends before it begins")
	}
	days, start := longestGap(dates, from.date(), to.date())
	return days, start, nil
}

// longestGap returns the longest gap, in days, between consecutive dates of
// the window from..to, counting the window's edges as dates, and the day the
// gap begins; see longest_gap_days for the rules. It returns 0 and from when
// to is not after from. It sorts dates in place, unless they are sorted
// already, as a case's usually are.
func longestGap(dates []isotp.Date, from, to isotp.Date) (days int, start isotp.Date) {
	if !slices.IsSortedFunc(dates, isotp.Date.Compare) {
		slices.SortFunc(dates, isotp.Date.Compare)
	}
	prev, start := from, from
	step := func(d isotp.Date) {
		if g := d.DaysSince(prev); g > days {
			days, start = g, prev
		}
		prev = d
	}
	for _, d := range dates {
		if d.After(from) && d.Before(to) {
			step(d)
		}
	}
	step(to)
	return days, start
}
