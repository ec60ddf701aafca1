package yamlfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse reads arbitrary bytes as a rule file: Parse must not panic,
// must report something when it returns nil, and every report must have a
// line and a column inside the file, and an excerpt that is short and holds
// no byte that does not print.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/hostile/*.yaml")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("a: 1\nb: [1, {c: 2}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		format := *ruleLimits
		format.MaxSize = 4096
		file := New("f.yaml", data, &format)
		rec := &recorder{t: t, file: "f.yaml"}
		top := file.Parse(rec)
		if top == nil && len(rec.got) == 0 {
			t.Fatal("refused without a report")
		}
		for _, r := range rec.got {
			if r.Line < 1 || r.Line > len(file.lineStarts) || r.Col < 1 || r.Col > len(file.Line(r.Line))+1 {
				t.Fatalf("%q reported at %d:%d, outside the file", r.Msg, r.Line, r.Col)
			}
			text, caret := Excerpt(r.Text, r.Col)
			if utf8.RuneCountInString(text) > excerptWidth+2 || utf8.RuneCountInString(caret) > excerptWidth+2 {
				t.Fatalf("excerpt of %d characters", utf8.RuneCountInString(text))
			}
			if strings.ContainsFunc(text+r.Msg, func(c rune) bool { return c < 0x20 && c != '\t' || c == 0x7f || c == utf8.RuneError }) {
				t.Fatalf("raw control or invalid bytes in %q / %q", r.Msg, text)
			}
		}
	})
}
