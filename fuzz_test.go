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
// every error must be an input error, and every case it accepts must survive
// a round trip through JSON unchanged.
func FuzzDecodeCase(f *testing.F) {
	seeds, _ := filepath.Glob("examples/cases/*/*.json")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := isotp.DecodeCase(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, isotp.ErrInvalidInput) {
				t.Fatalf("error %v is not ErrInvalidInput", err)
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
