package jsonwrite

import "testing"

// TestSpecial: special reports a word special when, and only when, one of
// its bytes is not plain ASCII, whatever the others are: every byte in
// every place among plain bytes, and every pair of bytes in two places.
func TestSpecial(t *testing.T) {
	isPlain := func(b byte) bool { return b < 0x80 && plain[b] }
	word := func(bs [8]byte) uint64 { return load8(bs[:]) }
	for b := range 256 {
		for at := range 8 {
			bs := [8]byte{'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
			bs[at] = byte(b)
			if got, want := special(word(bs)), !isPlain(byte(b)); got != want {
				t.Errorf("special(%q) = %v, want %v", bs, got, want)
			}
		}
	}
	for b := range 256 {
		for c := range 256 {
			bs := [8]byte{' ', '~', byte(b), '#', '}', byte(c), '!', '['}
			if got, want := special(word(bs)), !isPlain(byte(b)) || !isPlain(byte(c)); got != want {
				t.Errorf("special(%q) = %v, want %v", bs, got, want)
			}
		}
	}
}
