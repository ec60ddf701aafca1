package decisions

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendIndented holds appendIndented to json.Indent on every document
// encoding/json writes.
func FuzzAppendIndented(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, `{"a":[1,{},[],{"b":"c\"d\\"}]}`, `"x"`, `1`, `null`,
		`{"a\u003c":"<&>","\\":"\\\\"}`, `[[[]],[{}]]`, `{"k":"é\u2028"}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		var v any
		if json.Unmarshal(doc, &v) != nil {
			return
		}
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, compact.Bytes()); !bytes.Equal(want.Bytes(), got) {
			t.Errorf("appendIndented(%q) =\n%s\nwant\n%s", compact.Bytes(), got, want.Bytes())
		}
	})
}
