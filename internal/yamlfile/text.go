package yamlfile

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// checkText returns the byte offset and description of the first thing in
// src that the YAML parser would refuse as text, before any syntax: a
// UTF-16 or UTF-32 byte order mark, a byte that is not UTF-8, or a
// character YAML does not allow (a control character other than tab, line
// feed and carriage return; DEL; U+FFFE, U+FFFF). The parser reports these
// without a place; found first, they are reported where they are. ok is
// false when there is something to report.
func checkText(src []byte, name string) (off int, msg string, ok bool) {
	for _, bom := range []struct{ mark, enc string }{
		{"\x00\x00\xfe\xff", "UTF-32"}, {"\xff\xfe\x00\x00", "UTF-32"},
		{"\xfe\xff", "UTF-16"}, {"\xff\xfe", "UTF-16"},
	} {
		if bytes.HasPrefix(src, []byte(bom.mark)) {
			return 0, fmt.Sprintf("the %s is encoded as %s; save it as UTF-8", name, bom.enc), false
		}
	}
	for i := 0; i < len(src); {
		b := src[i]
		if b >= 0x20 && b < 0x7f || b == '\n' || b == '\t' || b == '\r' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return i, fmt.Sprintf("byte 0x%02x is not UTF-8 text; a %s must be UTF-8", b, name), false
		case r == 0:
			return i, fmt.Sprintf("a NUL byte: a %s holds text, not binary data", name), false
		case !allowed(r):
			return i, fmt.Sprintf("control character %U is not allowed in YAML", r), false
		}
		i += size
	}
	return 0, "", true
}

// allowed reports whether YAML allows character r (beyond printable ASCII,
// tab and line breaks) in a file.
func allowed(r rune) bool {
	return r == 0x85 || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
}
