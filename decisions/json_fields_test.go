package decisions

import (
	"bytes"
	"encoding"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

// A filling says what fill puts in every field of a value.
type filling struct {
	full bool   // every pointer set, every slice of one element; else all nil
	s    string // every string (when full)
	n    int    // every int, the parts of a Date included (when full)
	u    uint8  // every enum
}

// fill sets every field of v, reached by reflection, as f says: so that a
// field a writer does not write cannot hide.
func fill(v reflect.Value, f filling) {
	switch v.Kind() {
	case reflect.String:
		if f.full {
			v.SetString(f.s)
		}
	case reflect.Int:
		if f.full {
			v.SetInt(int64(f.n))
		}
	case reflect.Uint8:
		v.SetUint(uint64(f.u))
	case reflect.Bool:
		v.SetBool(f.full)
	case reflect.Pointer:
		if f.full {
			p := reflect.New(v.Type().Elem())
			fill(p.Elem(), f)
			v.Set(p)
		}
	case reflect.Slice:
		if f.full {
			s := reflect.MakeSlice(v.Type(), 1, 1)
			fill(s.Index(0), f)
			v.Set(s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), f)
		}
	default:
		panic("fill: no filling for " + v.Type().String())
	}
}

// filled returns a new T filled as f says.
func filled[T any](f filling) *T {
	v := new(T)
	fill(reflect.ValueOf(v).Elem(), f)
	return v
}

// results are the results with writers, filled as f says.
func results(f filling) []any {
	return []any{filled[eligibility.Decision](f), filled[attendance.Summary](f)}
}

var (
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
)

// jsonKey returns the key a struct field's tag gives it, or "" for a field
// encoding/json leaves out.
func jsonKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch {
	case !f.IsExported() || name == "-":
		return ""
	case name == "":
		return f.Name
	}
	return name
}

// checkKeys compares, for a struct type t and everything in it, the keys
// its tags give with those of doc, the value written for it, filled so that
// no tag omits anything.
func checkKeys(t *testing.T, at string, typ reflect.Type, doc any) {
	t.Helper()
	if typ.Implements(textMarshaler) || typ.Implements(jsonMarshaler) {
		return // written by its own method, as one value
	}
	switch typ.Kind() {
	case reflect.Pointer:
		checkKeys(t, at, typ.Elem(), doc)
	case reflect.Slice:
		elems, ok := doc.([]any)
		if !ok || len(elems) != 1 {
			t.Errorf("%s: written as %T, want an array of one element", at, doc)
			return
		}
		checkKeys(t, at+"[0]", typ.Elem(), elems[0])
	case reflect.Struct:
		obj, ok := doc.(map[string]any)
		if !ok {
			t.Errorf("%s: written as %T, want an object", at, doc)
			return
		}
		var want []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			key := jsonKey(f)
			if key == "" {
				continue
			}
			want = append(want, key)
			if v, ok := obj[key]; ok {
				checkKeys(t, at+"."+key, f.Type, v)
			}
		}
		got := slices.Sorted(maps.Keys(obj))
		slices.Sort(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (%s): keys mismatch (-want +got):\n%s", at, typ, diff)
		}
	}
}

// TestWritersFollowTags fails when a field is added to a struct of a
// result with a writer and not to the writer: every field of every struct
// in it, filled so that no tag omits it, must be written under the key its
// tag gives; and, filled so and filled sparsely, the writer must write what
// encoding/json writes.
func TestWritersFollowTags(t *testing.T) {
	full := filling{full: true, s: "x", n: 1, u: 1}
	sparse := filling{u: 1}
	for _, v := range results(full) {
		typ := reflect.TypeOf(v).Elem()
		t.Run(typ.String(), func(t *testing.T) {
			fast, fastErr, _, _ := bothWays(t, v)
			require.NoError(t, fastErr)
			var doc any
			require.NoError(t, json.Unmarshal(fast, &doc))
			checkKeys(t, typ.Name(), typ, doc)
			requireSame(t, "filled", v)
		})
	}
	for _, v := range results(sparse) {
		requireSame(t, "sparse "+reflect.TypeOf(v).String(), v)
	}
}

// TestWritersFailAsEncodingJSON: a result holding a value encoding/json
// cannot write is no answer from the writer either, and WriteJSON gives
// encoding/json's error for it.
func TestWritersFailAsEncodingJSON(t *testing.T) {
	valid := filling{full: true, s: "x", n: 1, u: 1}
	tests := []struct {
		name string
		v    any
	}{
		{"no outcome", func() any { d := filled[eligibility.Decision](valid); d.Outcome = 0; return d }()},
		{"outcome out of range", func() any { d := filled[eligibility.Decision](valid); d.Outcome = 99; return d }()},
		{"stage out of range", func() any { d := filled[eligibility.Decision](valid); d.Stage = 99; return d }()},
		{"no verdict among the possible", func() any {
			d := filled[eligibility.Decision](valid)
			d.Rules[0].Possible = []rules.Verdict{rules.Pass, 0}
			return d
		}()},
		{"invalid as-of date", func() any {
			d := filled[eligibility.Decision](valid)
			d.AsOf = isotp.NewDate(2025, 2, 29)
			return d
		}()},
		{"failure with no date", func() any {
			s := filled[attendance.Summary](valid)
			s.Enforcement.Failures[0].Date = isotp.Date{}
			return s
		}()},
		{"breach by the zero date", func() any {
			s := filled[attendance.Summary](valid)
			s.Enforcement.BreachBy = &isotp.Date{}
			return s
		}()},
		{"no state in the grid", func() any { s := filled[attendance.Summary](valid); s.Grid[0].State = 0; return s }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fastErr, _, reflectedErr := bothWays(t, tt.v)
			require.Error(t, reflectedErr, "encoding/json")
			require.Error(t, fastErr, "the writer")
			var b bytes.Buffer
			err := WriteJSON(&b, tt.v)
			var me *json.MarshalerError
			require.ErrorAs(t, err, &me)
			require.Zero(t, b.Len(), "nothing written")
		})
	}
}

// FuzzWriters holds the writers to encoding/json on results whose every
// string, int and enum is the fuzzer's: strings with every awkward rune,
// dates that are no day, enums out of range.
func FuzzWriters(f *testing.F) {
	for _, s := range []string{"", "plain", `"\`, "<&>", "\x00\x1f\x7f", "\u2028\u2029", "\xff\xfe", "é日🙂", "\ufffd", "\xe2\x80"} {
		f.Add(s, 1, uint8(1))
	}
	f.Add("x", 0, uint8(0))
	f.Add("x", 31, uint8(2))
	f.Add("x", -1, uint8(255))
	f.Add("x", 10000, uint8(4))
	f.Fuzz(func(t *testing.T, s string, n int, u uint8) {
		for _, full := range []bool{true, false} {
			for _, v := range results(filling{full: full, s: s, n: n, u: u}) {
				requireSameOrBothFail(t, "", v)
			}
		}
	})
}

// TestWritersEveryEnumValue: with every enum of a result set to any one
// value, named or not, the writer writes what encoding/json writes, or
// fails where it fails.
func TestWritersEveryEnumValue(t *testing.T) {
	for u := range 256 {
		for _, full := range []bool{true, false} {
			for _, v := range results(filling{full: full, s: "x", n: 1, u: uint8(u)}) {
				requireSameOrBothFail(t, "with enums "+strconv.Itoa(u), v)
			}
		}
	}
}

// requireSameOrBothFail fails unless v's writer writes what encoding/json
// writes, or both fail.
func requireSameOrBothFail(t testing.TB, what string, v any) {
	t.Helper()
	fast, fastErr, reflected, reflectedErr := bothWays(t, v)
	if reflectedErr != nil {
		require.Error(t, fastErr, "%T %s: encoding/json fails (%v), the writer does not", v, what, reflectedErr)
		return
	}
	require.NoError(t, fastErr, "%T %s: the writer fails where encoding/json does not", v, what)
	if !bytes.Equal(reflected, fast) {
		t.Fatalf("%T %s: mismatch (-want +got):\n%s", v, what, cmp.Diff(string(reflected), string(fast)))
	}
}
