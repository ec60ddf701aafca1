package enum_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/internal/golden"
)

func TestChoicesAndSpellings(t *testing.T) {
	require.Equal(t, "apple or blood_orange", fruits.Choices())
	if diff := cmp.Diff([]string{"apple", "blood_orange"}, enum.Spellings[fruit]()); diff != "" {
		t.Errorf("Spellings mismatch (-want +got):\n%s", diff)
	}
}

// TestUnknownValue: a value that is no spelling is quoted only when it
// looks like one; the messages are in testdata/unknown_value.golden.
func TestUnknownValue(t *testing.T) {
	var got strings.Builder
	for _, s := range []string{"ATTX", "1980-02-03", "J. Smith", strings.Repeat("x", 40)} {
		got.WriteString(enum.Unknown("outcome", s) + "\n")
	}
	golden.CheckString(t, "testdata/unknown_value.golden", got.String())
}

func TestOrList(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a or b"},
		{[]string{"a", "b", "c"}, "a, b or c"},
	} {
		if got := enum.OrList(tt.in); got != tt.want {
			t.Errorf("OrList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
