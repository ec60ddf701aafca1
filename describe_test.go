package isotp_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/isotp-dev/isotp"
)

func TestDescribeUnknown(t *testing.T) {
	tests := []struct{ s, want string }{
		{"attnded", `unknown outcome "attnded"`},
		{"ATTX", `unknown outcome "ATTX"`},
		{strings.Repeat("x", 33), "unknown outcome: a string of 33 bytes, not quoted"},
		{"1980-02-03", "unknown outcome: a string of 10 bytes, not quoted"},
		{"J. Smith", "unknown outcome: a string of 8 bytes, not quoted"},
	}
	for _, tt := range tests {
		if got := isotp.DescribeUnknown("outcome", tt.s); got != tt.want {
			t.Errorf("DescribeUnknown(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func ExampleDescribeUnknown() {
	for _, s := range []string{"attnded", "1980-02-03"} {
		fmt.Println(isotp.DescribeUnknown("outcome", s))
	}
	// Output:
	// unknown outcome "attnded"
	// unknown outcome: a string of 10 bytes, not quoted
}
