package rules

import (
	"math"
	"sort"
	"strings"
	"testing"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"github.com/stretchr/testify/require"
)

// TestEveryFunctionIsCosted calls every function rule expressions can call,
// overload by overload, on arguments of bounded size, and requires the cost
// estimate to bound both the call and the size of its result: a function
// the estimate knows nothing of would let an expression grow unseen. It
// cannot drift from the functions declared, since it asks the environment
// for them.
func TestEveryFunctionIsCosted(t *testing.T) {
	pol, err := Load(National)
	require.NoError(t, err)
	short := StringType.AtMost(100)
	inputs := map[string]Type{
		"str":   short,
		"strs":  ListOf(short).AtMost(10),
		"num":   IntType,
		"nums":  ListOf(IntType).AtMost(10),
		"dbl":   {t: types.DoubleType},
		"flag":  BoolType,
		"day":   DateType,
		"days":  ListOf(DateType).AtMost(10),
		"unum":  {t: types.UintType},
		"raw":   {t: types.BytesType, max: 100},
		"table": {t: types.NewMapType(types.StringType, types.StringType)},
	}
	var opts []cel.EnvOption
	sz := pol.sizer()
	for name, typ := range inputs {
		opts = append(opts, cel.Variable(name, typ.t))
		sz.roots[name] = sizedRoot{typ: typ}
	}
	tableSize := sizeOf(10, sizeOf(100, nil))
	tableSize.Key = sizeOf(100, nil)
	sz.roots["table"] = sizedRoot{typ: inputs["table"], size: tableSize}
	env, err := pol.base.Extend(opts...)
	require.NoError(t, err)

	// arg writes an argument of type at.
	arg := func(at *types.Type) string {
		switch at.Kind() {
		case types.StringKind, types.DynKind, types.TypeParamKind, types.AnyKind:
			return "str"
		case types.IntKind:
			return "num"
		case types.UintKind:
			return "unum"
		case types.DoubleKind:
			return "dbl"
		case types.BoolKind:
			return "flag"
		case types.BytesKind:
			return "raw"
		case types.StructKind:
			return "day"
		case types.TimestampKind:
			return "timestamp(num)"
		case types.DurationKind:
			return "duration(str)"
		case types.TypeKind:
			return "type(str)"
		case types.NullTypeKind:
			return "null"
		case types.MapKind:
			return "table"
		case types.ListKind:
			switch at.Parameters()[0].Kind() {
			case types.IntKind:
				return "nums"
			case types.StructKind:
				return "days"
			}
			return "strs"
		}
		return ""
	}
	// use wraps a call so that its cost depends on the size of its result.
	use := func(call string, result *types.Type) string {
		switch result.Kind() {
		case types.StringKind, types.BytesKind:
			return "cel.bind(r, " + call + ", r + r)"
		case types.ListKind, types.MapKind:
			return "cel.bind(r, " + call + ", r.exists(x, true))"
		}
		return call
	}

	var names []string
	for name := range env.Functions() {
		names = append(names, name)
	}
	sort.Strings(names)
	tried := 0
	for _, name := range names {
		if !isCallable(name) {
			continue // operators are covered below; cel.@block is cel-go's own
		}
		for _, o := range env.Functions()[name].OverloadDecls() {
			var args []string
			for _, at := range o.ArgTypes() {
				a := arg(at)
				if a == "" {
					t.Fatalf("%s: no argument of type %s to call it with", o.ID(), at)
				}
				args = append(args, a)
			}
			var call string
			if o.IsMemberFunction() {
				call = args[0] + "." + name + "(" + strings.Join(args[1:], ", ") + ")"
			} else {
				call = name + "(" + strings.Join(args, ", ") + ")"
			}
			checkBounded(t, env, sz, o.ID(), use(call, o.ResultType()))
			tried++
		}
	}
	if tried < 50 {
		t.Errorf("only %d overloads tried", tried)
	}
	// The operators that make text and lists.
	for _, src := range []string{
		"cel.bind(r, str + str, r + r)",
		"cel.bind(r, raw + raw, r + r)",
		"cel.bind(r, strs + strs, r.exists(x, true))",
		"cel.bind(r, strs[num], r + r)",
		"cel.bind(r, table[str], r + r)",
		"cel.bind(r, flag ? str : str + str, r + r)",
		"cel.bind(r, strs.map(x, x + x), r.join(''))",
		"cel.bind(r, strs.filter(x, x.size() > 1), r.join(''))",
		"cel.bind(r, [str, str], r.join(''))",
		"str in strs && str in table",
		"cel.bind(r, {str: strs}, r[str].join(''))",
	} {
		checkBounded(t, env, sz, src, src)
	}
}

// checkBounded requires the estimated cost of src to be bounded.
func checkBounded(t *testing.T, env *cel.Env, sz *sizer, what, src string) {
	t.Helper()
	a, iss := env.Compile(src)
	if iss.Err() != nil {
		t.Errorf("%s: %s: %v", what, src, iss.Err())
		return
	}
	est, err := env.EstimateCost(a, sz)
	if err != nil || est.Max == math.MaxUint64 {
		t.Errorf("%s: %s: the estimate does not bound it (%v, %v)", what, src, est, err)
	}
}

// sizeOf is a size of at most n, with elements of size elem.
func sizeOf(n uint64, elem *cost.SizeEstimate) *cost.SizeEstimate {
	s := cost.RangedSizeEstimate(0, n)
	s.Elem = elem
	return &s
}

// isCallable reports whether rule files can call name: it is a function's,
// not an operator's, and written in CEL's names (the probe's is not).
func isCallable(name string) bool {
	return name != "in" && !strings.Contains(name, "@") && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z')
}
