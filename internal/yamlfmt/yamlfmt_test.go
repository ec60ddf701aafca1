package yamlfmt_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/internal/yamlfmt"
)

// order is a key order for the tests: an area file's top level and rules.
func order(path []string) []string {
	switch {
	case len(path) == 0:
		return []string{"area", "policy", "description", "params", "eligibility"}
	case len(path) == 3 && path[1] == "rules":
		return []string{"id", "description", "applies_when", "unknown_when", "expression", "effect", "message"}
	}
	return nil
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"indentation", "a:\n    b:\n        c: 1\n", "a:\n  b:\n    c: 1\n"},
		{"lists indented under their key", "rules:\n- id: x\n  effect: advisory\n", "rules:\n  - id: x\n    effect: advisory\n"},
		{"keys in order, comments moving with them", "policy: p  # line\n# about area\narea: a\n", "# about area\narea: a\npolicy: p  # line\n"},
		{"unknown keys after known ones, as written", "zz: 1\npolicy: p\nyy: 2\narea: a\n", "area: a\npolicy: p\nzz: 1\nyy: 2\n"},
		{"plain where quotes are not needed", "area: 'cheshire'\npolicy: \"i-SOTP\"\n", "area: cheshire\npolicy: i-SOTP\n"},
		{"quotes kept where they are needed", "a: '2026.1'\nb: \"true\"\nc: 'x: y'\nd: '2026-01-01'\ne: \"it's\"\nf: ' x'\n", "a: '2026.1'\nb: \"true\"\nc: 'x: y'\nd: '2026-01-01'\ne: it's\nf: ' x'\n"},
		{"block texts keep their lines", "a:\n    b: >\n        one\n          two\n\n\n        three\n", "a:\n  b: >\n    one\n      two\n\n\n    three\n"},
		{"literal text keeps a comment-like line", "a: |\n  # not a comment\n  x\nb: 1\n", "a: |\n  # not a comment\n  x\nb: 1\n"},
		{"flow collections kept", "a: {x: 1,   y: [1, 2]}\nb:\n    - {session: 1, date: 2026-01-05}\n", "a: {x: 1,   y: [1, 2]}\nb:\n  - {session: 1, date: 2026-01-05}\n"},
		{"multi-line flow re-indented", "a:\n      - {x: 1,\n           y: 2}\n", "a:\n  - {x: 1,\n    y: 2}\n"},
		{"multi-line plain text", "a: one\n    two\n\n    three\nb: 1\n", "a: one\n  two\n\n  three\nb: 1\n"},
		{"blank lines: one for a run, none at the ends", "\n\na: 1\n\n\n\nb: 2\n\n\n", "a: 1\n\nb: 2\n"},
		{"trailing spaces", "a: 1   \nb:   # c   \n  - x  \n", "a: 1\nb: # c\n  - x\n"},
		{"a foot comment of a block stays under it", "a:\n  b: 1\n  # end of a\nc: 2\n", "a:\n  b: 1\n  # end of a\nc: 2\n"},
		{"a comment above the next key goes with it", "a:\n  b: 1\n# about c\nc: 2\n", "a:\n  b: 1\n# about c\nc: 2\n"},
		{"comments between list items", "l:\n  - 1\n  # two\n  - 2\n  # end\n# file end\n", "l:\n  - 1\n  # two\n  - 2\n  # end\n# file end\n"},
		{"a lone dash joined to its item", "l:\n  -\n    id: x\n    effect: e\n", "l:\n  - id: x\n    effect: e\n"},
		{"a lone dash with a comment kept", "l:\n  - # first\n    id: x\n", "l:\n  - # first\n    id: x\n"},
		{"the schema line kept", "# yaml-language-server: $schema=../../schema/area-file.schema.json\npolicy: p\narea: a\n",
			"# yaml-language-server: $schema=../../schema/area-file.schema.json\narea: a\npolicy: p\n"},
		{"empty values", "a:\nb: ~\nc: []\nl:\n  -\n  - x\n", "a:\nb: ~\nc: []\nl:\n  -\n  - x\n"},
		{"CRLF line ends", "a:\r\n    b: 1\r\n", "a:\n  b: 1\n"},
		{"a quoted text on two lines", "a: \"one\n    two\"\nb: 1\n", "a: \"one\n  two\"\nb: 1\n"},
		{"a top-level list", "- a\n-   b\n", "- a\n- b\n"},
		{"a list at its key's column ends before a comment there", "l:\n- x\n  # end of l\n# about a\na: 1\n", "l:\n  - x\n  # end of l\n# about a\na: 1\n"},
		{"comments around an empty last item", "key:\n# c1\n- # c2\n# c3\nzz: 1\n", "key:\n  # c1\n  - # c2\n# c3\nzz: 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := yamlfmt.Format([]byte(tt.in), order)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			again, err := yamlfmt.Format(got, order)
			require.NoError(t, err)
			require.Equal(t, string(got), string(again), "not idempotent")
		})
	}
}

func TestFormatGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/messy.yaml")
	require.NoError(t, err)
	got, err := yamlfmt.Format(src, order)
	require.NoError(t, err)
	golden.Check(t, "testdata/messy.golden.yaml", got)
	checkComments(t, src, got)
}

func TestFormatRefuses(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", "  \n"},
		{"syntax", "a: [1\n"},
		{"two documents", "a: 1\n---\nb: 2\n"},
		{"an anchor", "a: &x 1\nb: *x\n"},
		{"a tag", "a: !!str 1\n"},
		{"a duplicate key", "a: 1\na: 2\n"},
		{"a flow top level", "{a: 1}\n"},
		{"a scalar top level", "just text\n"},
		{"not UTF-8", "a: \xff\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := yamlfmt.Format([]byte(tt.in), nil)
			require.ErrorIs(t, err, yamlfmt.ErrUnsupported)
		})
	}
}

// comments returns every comment line of a YAML document, as yaml.v3
// finds them, sorted.
func comments(t *testing.T, src []byte) []string {
	t.Helper()
	var n yaml.Node
	require.NoError(t, yaml.Unmarshal(src, &n))
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, l := range strings.Split(c, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&n)
	slices.Sort(out)
	return out
}

// lostComments returns the comments of src that got lacks: got must hold
// every comment yaml.v3 finds in src (it may find more in got, where it
// missed one of src's), and as many # characters as src, since laying out
// a file moves comments but never adds, drops or splits one. yaml.v3 drops
// the comments above an empty last item ("- # c" at the end of the file);
// one it finds in src but not in got must end a line of got.
func lostComments(t *testing.T, src, got []byte) string {
	t.Helper()
	want, have := comments(t, src), comments(t, got)
	var lines []string
	for _, l := range strings.Split(string(got), "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	for _, c := range want {
		if i := slices.Index(have, c); i >= 0 {
			have = slices.Delete(have, i, i+1)
			continue
		}
		i := slices.IndexFunc(lines, func(l string) bool { return l == c || strings.HasSuffix(l, " "+c) })
		if i < 0 {
			return fmt.Sprintf("comment %q lost", c)
		}
		lines = slices.Delete(lines, i, i+1)
	}
	if a, b := bytes.Count(src, []byte("#")), bytes.Count(got, []byte("#")); a != b {
		return fmt.Sprintf("%d # characters, then %d", a, b)
	}
	return ""
}

// checkComments fails unless got keeps every comment of src.
func checkComments(t *testing.T, src, got []byte) {
	t.Helper()
	if lost := lostComments(t, src, got); lost != "" {
		t.Error(lost)
	}
}

// corpus lists the YAML files the project ships and tests with: the rule,
// area and test files, and the hostile and invalid ones.
func corpus(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"../../rules/national/*.yaml", "../../rules/tests/*.yaml", "../../examples/areas/*.yaml",
		"../../rules/testdata/*/*.yaml", "../../internal/yamlfile/testdata/*/*.yaml",
		"../../policytest/testdata/*/*.yaml", "../../policytest/testdata/*/*/*.yaml", "../../whatif/testdata/*.yaml",
	} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.NotEmpty(t, files)
	return files
}

// TestCorpus lays out every file of the corpus it can: twice the same,
// every comment kept (the values are checked by Format itself). Those it
// cannot are refused with ErrUnsupported.
func TestCorpus(t *testing.T) {
	laidOut := 0
	for _, file := range corpus(t) {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		got, err := yamlfmt.Format(src, order)
		if err != nil {
			if !errors.Is(err, yamlfmt.ErrUnsupported) {
				t.Errorf("%s: %v", file, err)
			}
			continue
		}
		laidOut++
		again, err := yamlfmt.Format(got, order)
		require.NoError(t, err, file)
		if diff := cmp.Diff(string(got), string(again)); diff != "" {
			t.Errorf("%s: not idempotent (-once +twice):\n%s", file, diff)
		}
		checkComments(t, src, got)
	}
	if laidOut < 40 {
		t.Errorf("only %d files laid out", laidOut)
	}
}

// FuzzFormat: whatever Format lays out, it lays out the same again, with
// every comment (and, as Format checks itself, every value) kept.
func FuzzFormat(f *testing.F) {
	for _, tt := range []string{"a:\n    b: 1 # c\n# d\n", "l:\n- {x: 1,\n   y: 2}\n- |\n  t\n", "a: >\n  x\n\n  y\nb: 'q'\n"} {
		f.Add([]byte(tt))
	}
	files, _ := filepath.Glob("../../examples/areas/*.yaml")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, err := yamlfmt.Format(src, order)
		if err != nil {
			return
		}
		again, err := yamlfmt.Format(got, order)
		if err != nil {
			t.Fatalf("the layout does not lay out again: %v\n%q", err, got)
		}
		if string(again) != string(got) {
			t.Fatalf("not idempotent:\n%q\n%q", got, again)
		}
		if lost := lostComments(t, src, got); lost != "" {
			t.Fatalf("%s:\n%q\n%q", lost, src, got)
		}
	})
}

// TestItemBelowItsDash: a list item written on the lines after its "-",
// with a comment after the dash or lines between, keeps them.
func TestItemBelowItsDash(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"a text below its dash", "tests:\n  -\n    s\n", "tests:\n  - s\n"},
		{"a comment after the dash", "tests:\n  - # the sample case\n    s\n", "tests:\n  - # the sample case\n    s\n"},
		{"blank lines between", "tests:\n  - # c\n\n\n     s\n", "tests:\n  - # c\n\n    s\n"},
		{"a flow list below its dash", "tests:\n  - # c\n    [a, b]\n", "tests:\n  - # c\n    [a, b]\n"},
		{"a quoted text below its dash", "tests:\n  -\n    'x: y'\n", "tests:\n  - 'x: y'\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := yamlfmt.Format([]byte(tt.src), nil)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
