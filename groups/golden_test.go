package groups_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

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
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(tc.input)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			in, err := isotp.DecodeIntake(f)
			if err != nil {
				t.Fatalf("DecodeIntake: %v", err)
			}
			plan, err := planner(t, tc.params).Form(context.Background(), in)
			if err != nil {
				t.Fatalf("Form: %v", err)
			}
			// The digest changes with every edit to the national files.
			plan.Policy.Digest = "sha256:(digest)"
			var js bytes.Buffer
			enc := json.NewEncoder(&js)
			enc.SetIndent("", "  ")
			if err := enc.Encode(plan); err != nil {
				t.Fatal(err)
			}
			var txt bytes.Buffer
			if err := plan.WriteText(&txt); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tc.name+".json"), js.Bytes())
			golden(t, filepath.Join("testdata", tc.name+".txt"), txt.Bytes())
		})
	}
}

// TestGoldenErrors decodes each malformed input under testdata/errors and
// compares the error with its .err file.
func TestGoldenErrors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no error cases: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = isotp.DecodeIntake(bytes.NewReader(data))
			if err == nil {
				t.Fatal("DecodeIntake succeeded, want an error")
			}
			golden(t, strings.TrimSuffix(file, ".json")+".err", []byte(err.Error()+"\n"))
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
