package yamlfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp/internal/golden"
)

// ruleLimits is a Format with the limits rule files are read under.
var ruleLimits = &Format{
	Name:         "rule file",
	MaxSize:      1 << 20,
	MaxDepth:     DefaultMaxDepth,
	MaxText:      DefaultMaxText,
	TopLevel:     func(*yaml.Node) string { return "want a mapping of rule-file fields at the top level" },
	SyntaxError:  "invalid YAML at or just after this line",
	DuplicateKey: "key",
}

// generated are hostile inputs too large to keep as files.
var generated = []struct {
	name string
	src  func() string
}{
	{"a 30 KB line with a mistake in the middle", func() string {
		return "a: 1\nb: [" + strings.Repeat("x, ", 5000) + "@y, " + strings.Repeat("z, ", 5000) + "]\n"
	}},
	{"a 30 KB line with a NUL near its end", func() string {
		return "a: '" + strings.Repeat("x", 30000) + "\x00'\n"
	}},
	{"a file over the size limit, in short lines", func() string {
		return strings.Repeat("key: value\n", 100000)
	}},
	{"a file over the size limit, in one line", func() string {
		return "a: " + strings.Repeat("é", 600000) + "\n"
	}},
	{"flow nesting ten thousand deep", func() string {
		return "a: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n"
	}},
	{"a tab after a 30 KB line", func() string {
		return "a: " + strings.Repeat("x", 30000) + "\n\tb: 1\n"
	}},
}

// TestHostile reads files no one should write, under the limits of rule
// files, and holds every report to its promises: a line and a column, and
// an excerpt that is short and prints only itself. What is reported is in
// testdata/hostile.golden.
func TestHostile(t *testing.T) {
	type input struct{ name, src string }
	var inputs []input
	paths, err := filepath.Glob("testdata/hostile/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no hostile inputs: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{filepath.Base(p), string(data)})
	}
	for _, g := range generated {
		inputs = append(inputs, input{g.name, g.src()})
	}
	var out strings.Builder
	for _, in := range inputs {
		f := New(in.name, []byte(in.src), ruleLimits)
		rec := &recorder{t: t, file: in.name}
		if top := f.Parse(rec); top != nil {
			t.Errorf("%s: parsed", in.name)
			continue
		}
		for _, r := range rec.got {
			if r.Line < 1 || r.Col < 1 {
				t.Errorf("%s: %q reported at %d:%d, want a line and a column", in.name, r.Msg, r.Line, r.Col)
			}
			text, caret := Excerpt(r.Text, r.Col)
			if n := utf8.RuneCountInString(text); n > excerptWidth+2 {
				t.Errorf("%s: excerpt of %d characters", in.name, n)
			}
			if strings.ContainsFunc(text+r.Msg, func(c rune) bool { return c < 0x20 && c != '\t' || c == 0x7f || c == utf8.RuneError }) {
				t.Errorf("%s: raw control or invalid bytes in %q / %q", in.name, r.Msg, text)
			}
			fmt.Fprintf(&out, "%s:%d:%d: %s\n    %s\n    %s\n", in.name, r.Line, r.Col, r.Msg, text, caret)
		}
	}
	golden.CheckString(t, "testdata/hostile.golden", out.String())
}
