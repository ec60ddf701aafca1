package isotp_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

func TestUnknownKeyError(t *testing.T) {
	const hint = " (not in the battery)"
	long := strings.Repeat("x", 80)
	word33 := strings.Repeat("a", 33)
	tests := []struct {
		name, path, key string
		want            isotp.InputError
	}{
		{"a short word is quoted", "assessment.pre.scores", "fantasy_x",
			isotp.InputError{Path: "assessment.pre.scores.fantasy_x", Msg: `unknown scale "fantasy_x"` + hint}},
		{"a key with a space is bracketed, and described in the message", "assessment.pre.scores", "John Smith",
			isotp.InputError{Path: `assessment.pre.scores["John Smith"]`, Msg: "unknown scale: a string of 10 bytes, not quoted" + hint}},
		{"a long key is described in both", "assessment.post.scores", long,
			isotp.InputError{Path: "assessment.post.scores[a key of 80 bytes]", Msg: "unknown scale: a string of 80 bytes, not quoted" + hint}},
		{"a word longer than 32 bytes is shown in the path only", "s", word33,
			isotp.InputError{Path: "s." + word33, Msg: "unknown scale: a string of 33 bytes, not quoted" + hint}},
		{"at the top of the document", "", "x1",
			isotp.InputError{Path: "x1", Msg: "unknown scale: a string of 2 bytes, not quoted" + hint}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := isotp.UnknownKeyError(tt.path, "scale", tt.key, hint)
			if diff := cmp.Diff([]string{tt.want.Path, tt.want.Msg}, []string{got.Path, got.Msg}); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
