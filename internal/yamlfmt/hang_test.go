package yamlfmt_test

import (
	"math/rand"
	"os"
	"testing"

	"github.com/isotp-dev/isotp/internal/yamlfmt"
)

// TestMutations lays out thousands of small mutations of a few files,
// made of the characters YAML's syntax turns on: Format must not panic,
// and what it lays out it lays out the same again.
func TestMutations(t *testing.T) {
	seeds := []string{"a:\n    b: 1 # c\n# d\n", "l:\n- {x: 1,\n   y: 2}\n- |\n  t\n", "a: >\n  x\n\n  y\nb: 'q'\n"}
	if data, err := os.ReadFile("../../examples/areas/cheshire.yaml"); err == nil {
		seeds = append(seeds, string(data))
	}
	alphabet := []byte("\"'{}[]#:- \n|>,x1\té")
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		b := []byte(seeds[r.Intn(len(seeds))])
		for range 1 + r.Intn(4) {
			p := r.Intn(len(b) + 1)
			c := alphabet[r.Intn(len(alphabet))]
			switch r.Intn(3) {
			case 0:
				b = append(b[:p], append([]byte{c}, b[p:]...)...)
			case 1:
				if p < len(b) {
					b = append(b[:p], b[p+1:]...)
				}
			default:
				if p < len(b) {
					b[p] = c
				}
			}
		}
		got, err := yamlfmt.Format(b, order)
		if err != nil {
			continue
		}
		again, err := yamlfmt.Format(got, order)
		if err != nil || string(again) != string(got) {
			t.Fatalf("not idempotent (%v):\n%q\n%q\n%q", err, b, got, again)
		}
	}
}
