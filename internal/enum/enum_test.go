package enum_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/internal/golden"
)

type fruit uint8

const (
	fruitUnknown fruit = iota
	apple
	bloodOrange
)

var fruits = enum.New[fruit]("fruit", "apple", "blood_orange")

func (v fruit) String() string                { return fruits.String(v) }
func (v fruit) MarshalText() ([]byte, error)  { return fruits.MarshalText(v) }
func (v fruit) MarshalJSON() ([]byte, error)  { return fruits.JSON(v) }
func (v *fruit) UnmarshalText(b []byte) error { return fruits.UnmarshalText(v, b) }

var listed = enum.New[fruit]("fruit", "apple", "blood_orange").ListChoices().MaxText(10)

func TestRoundTrip(t *testing.T) {
	require.Equal(t, []fruit{apple, bloodOrange}, fruits.Values())
	for _, v := range fruits.Values() {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back fruit
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, v, back)
		got, ok := fruits.Lookup(v.String())
		require.True(t, ok)
		require.Equal(t, v, got)
	}
	type basket struct {
		A fruit   `json:"a"`
		B fruit   `json:"b"`
		L []fruit `json:"l"`
	}
	out, err := json.Marshal(basket{A: apple, L: []fruit{bloodOrange, fruitUnknown}})
	require.NoError(t, err)
	require.JSONEq(t, `{"a": "apple", "b": null, "l": ["blood_orange", null]}`, string(out))
	var back basket
	require.NoError(t, json.Unmarshal([]byte(`{"a": "blood_orange", "l": ["apple"]}`), &back))
	if diff := cmp.Diff(basket{A: bloodOrange, L: []fruit{apple}}, back); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestInvalidValues(t *testing.T) {
	tests := []struct {
		v     fruit
		str   string
		valid bool
	}{
		{fruitUnknown, "", false},
		{apple, "apple", true},
		{fruit(3), "enum_test.fruit(3)", false},
	}
	for _, tt := range tests {
		require.Equal(t, tt.str, tt.v.String())
		require.Equal(t, tt.valid, fruits.Valid(tt.v))
		_, err := tt.v.MarshalText()
		require.Equal(t, tt.valid, err == nil, "MarshalText(%d) error %v", tt.v, err)
		_, err = tt.v.MarshalJSON()
		require.Equal(t, tt.valid || tt.v == fruitUnknown, err == nil, "MarshalJSON(%d) error %v", tt.v, err)
	}
	_, ok := fruits.Lookup("")
	require.False(t, ok, "the empty text spells nothing")
	_, ok = fruits.Lookup("Apple")
	require.False(t, ok, "spellings are exact")
}

// TestUnknownSpellings compares the errors for unknown spellings with
// testdata/unknown.golden: a word of letters, '_' and '-' of up to 32 bytes
// is quoted, anything else described by its length.
func TestUnknownSpellings(t *testing.T) {
	in := []string{"", "aple", "Blood-Orange_", "blood orange", "apple2", "Jane Doe 1980-02-14",
		strings.Repeat("a", 32), strings.Repeat("a", 33), strings.Repeat("é", 20)}
	var out strings.Builder
	for _, set := range []struct {
		name string
		set  *enum.Set[fruit]
	}{{"plain", fruits}, {"listing its choices, texts of at most 10 bytes", listed}} {
		fmt.Fprintf(&out, "# %s\n", set.name)
		for _, s := range in {
			var v fruit
			err := set.set.UnmarshalText(&v, []byte(s))
			require.Error(t, err, "%q", s)
			require.Equal(t, fruitUnknown, v, "%q leaves the value alone", s)
			fmt.Fprintf(&out, "%.40q\n\t%v\n", s, err)
		}
	}
	golden.CheckString(t, "testdata/unknown.golden", out.String())
}

// BenchmarkUnmarshalText reads a known spelling: it must not allocate.
func BenchmarkUnmarshalText(b *testing.B) {
	b.ReportAllocs()
	text := []byte("blood_orange")
	var v fruit
	for b.Loop() {
		if err := v.UnmarshalText(text); err != nil {
			b.Fatal(err)
		}
	}
}

func TestUnmarshalTextDoesNotAllocate(t *testing.T) {
	text := []byte("blood_orange")
	var v fruit
	if n := testing.AllocsPerRun(100, func() { _ = v.UnmarshalText(text) }); n != 0 {
		t.Errorf("UnmarshalText of a known spelling allocates %v times, want 0", n)
	}
}
