package enum_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/internal/golden"
)

type colour uint8

const (
	red colour = iota + 1
	green
	light_blue
)

var colourNames = enum.New[colour]("colour", "red", "green", "light_blue")

func (c colour) String() string                { return colourNames.String(c) }
func (c colour) MarshalText() ([]byte, error)  { return colourNames.MarshalText(c) }
func (c *colour) UnmarshalText(b []byte) error { return colourNames.UnmarshalText(b, c) }

func TestTable(t *testing.T) {
	require.Equal(t, "green", green.String())
	require.Equal(t, "", colour(0).String())
	require.Equal(t, "enum_test.colour(9)", colour(9).String())

	data, err := json.Marshal(map[string]colour{"a": light_blue})
	require.NoError(t, err)
	require.JSONEq(t, `{"a": "light_blue"}`, string(data))
	_, err = json.Marshal(colour(0))
	require.Error(t, err, "the zero value has no spelling")

	var c colour
	require.NoError(t, json.Unmarshal([]byte(`"red"`), &c))
	require.Equal(t, red, c)

	v, ok := colourNames.Parse("green")
	require.True(t, ok)
	require.Equal(t, green, v)
	_, ok = colourNames.Parse("Green")
	require.False(t, ok)

	if diff := cmp.Diff([]string{"red", "green", "light_blue"}, colourNames.Spellings()); diff != "" {
		t.Errorf("Spellings mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"red", "green", "light_blue"}, enum.Spellings[colour]()); diff != "" {
		t.Errorf("enum.Spellings mismatch (-want +got):\n%s", diff)
	}
}

// TestUnmarshalTextError: an unknown spelling is an error that names the
// choices, and quotes what it was given only when it looks like a
// spelling; the messages are in testdata/unmarshal_errors.txt.
func TestUnmarshalTextError(t *testing.T) {
	var c colour
	var got strings.Builder
	for _, in := range []string{"gren", "1980-02-03", strings.Repeat("x", 40)} {
		err := c.UnmarshalText([]byte(in))
		require.Error(t, err)
		got.WriteString(err.Error() + "\n")
	}
	golden.CheckString(t, "testdata/unmarshal_errors.txt", got.String())
}

func TestNewRefuses(t *testing.T) {
	for _, names := range [][]string{nil, {"a", "a"}, {""}, {"x(1)"}} {
		require.Panics(t, func() { enum.New[colour]("colour", names...) }, "%q", names)
	}
}
