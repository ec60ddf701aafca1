package groups_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/golden"
)

// goldenCases are the sample referral files, formed under national policy and
// under area overrides. Each writes testdata/<name>.json and <name>.txt.
var goldenCases = []struct {
	name   string
	input  string
	params string // area parameters, if any
}{
	{"mixed", "../examples/cases/groups/mixed.json", ""},
	{"young-group", "../examples/cases/groups/young-group.json", ""},
	{"young-group-adult-group", "../examples/cases/groups/young-group.json", "  young_fallback: adult_group\n"},
	{"young-group-wait", "../examples/cases/groups/young-group.json", "  young_fallback: wait\n"},
	{"birthdays", "../examples/cases/groups/birthdays.json", ""},
	{"birthdays-small-groups", "../examples/cases/groups/birthdays.json", "  max_group_size: 3\n  min_group_size: 2\n"},
	// Ids holding the characters that could reorder or hide text: the text
	// marks them (<U+202E>), the JSON keeps them as given.
	{"marks", "testdata/input/marks.json", ""},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(tc.input)
			require.NoError(t, err)
			defer f.Close()
			in, err := isotp.DecodeIntake(f)
			require.NoError(t, err)
			plan, err := planner(t, tc.params).Form(context.Background(), in)
			require.NoError(t, err)
			// The digest changes with every edit to the national files.
			plan.Policy.Digest = "sha256:(digest)"
			var js bytes.Buffer
			enc := json.NewEncoder(&js)
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(plan))
			var txt bytes.Buffer
			require.NoError(t, plan.WriteText(&txt))
			golden.Check(t, filepath.Join("testdata", tc.name+".json"), js.Bytes())
			golden.Check(t, filepath.Join("testdata", tc.name+".txt"), txt.Bytes())
		})
	}
}

// TestGoldenErrors decodes each malformed input under testdata/errors and
// compares the error with its .err file.
func TestGoldenErrors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no error cases")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			_, err = isotp.DecodeIntake(bytes.NewReader(data))
			require.ErrorIs(t, err, isotp.ErrInvalidInput)
			golden.Check(t, strings.TrimSuffix(file, ".json")+".err", []byte(err.Error()+"\n"))
		})
	}
}
