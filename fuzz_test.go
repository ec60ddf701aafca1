package isotp_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

// FuzzDecodeCase feeds arbitrary bytes to DecodeCase: it must never panic,
// every error must be an input error that quotes no long part of the input
// (see quotesInput), and every case it accepts must survive a round trip
// through JSON unchanged.
func FuzzDecodeCase(f *testing.F) {
	seeds, _ := filepath.Glob("examples/cases/*/*.json")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, v := range hostile {
		f.Add([]byte(`{"offender": {"id": "S1", "date_of_birth": ` + v + `}}`))
		f.Add([]byte(`{"offender": {"sex": ` + v + `}, "stage": "pre_sentence"}`))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := isotp.DecodeCase(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, isotp.ErrInvalidInput) {
				t.Fatalf("error %v is not ErrInvalidInput", err)
			}
			if s, ok := quotesInput(err.Error(), data); ok {
				t.Fatalf("error %q quotes %q of the input", err, s)
			}
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("cannot marshal a decoded case: %v", err)
		}
		again, err := isotp.DecodeCase(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("cannot decode a marshalled case: %v\n%s", err, out)
		}
		if diff := cmp.Diff(c, again); diff != "" {
			t.Fatalf("round trip changed the case (-first +second):\n%s", diff)
		}
	})
}

// maxQuoted is the longest part of the input an error may show: an object
// key of 64 bytes in a path, quoted. Enumeration spellings are shorter.
const maxQuoted = 64 + 2

// quotesInput returns a part of data longer than maxQuoted that msg
// contains, if any.
func quotesInput(msg string, data []byte) (string, bool) {
	for i := 0; i+maxQuoted < len(msg); i++ {
		if s := msg[i : i+maxQuoted+1]; bytes.Contains(data, []byte(s)) {
			return s, true
		}
	}
	return "", false
}
