package isotp_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

func TestDecodeCaseStrings(t *testing.T) {
	tests := []struct {
		name   string
		in     string // the JSON string, quotes included
		want   string
		reason string
	}{
		{name: "plain", in: `"S1"`, want: "S1"},
		{name: "escapes", in: `"\"\\\/\b\f\n\r\t"`, want: "\"\\/\b\f\n\r\t"},
		{name: "unicode escape", in: `"caf\u00e9 \u00E9"`, want: "café é"},
		{name: "surrogate pair", in: `"\ud83d\ude00"`, want: "😀"},
		{name: "lone high surrogate", in: `"\ud83dx"`, want: "\ufffdx", reason: "as encoding/json: U+FFFD"},
		{name: "lone low surrogate", in: `"\ude00\ud83d"`, want: "\ufffd\ufffd"},
		{name: "high surrogate then escape", in: `"\ud83d\u0041"`, want: "\ufffdA", reason: "the second escape is read on its own"},
		{name: "escaped NUL", in: `"a\u0000b"`, want: "a\x00b"},
		{name: "raw UTF-8", in: `"Zoë 😀"`, want: "Zoë 😀"},
		{name: "invalid UTF-8", in: "\"a\xffb\xe2\x82\"", want: "a\ufffdb\ufffd\ufffd", reason: "each bad byte becomes U+FFFD"},
		{name: "encoded surrogate", in: "\"\xed\xa0\x80\"", want: "\ufffd\ufffd\ufffd", reason: "not UTF-8: three bad bytes"},
		{name: "DEL is not a control character", in: "\"a\x7fb\"", want: "a\x7fb"},
		{name: "longest id", in: `"` + strings.Repeat("é", isotp.MaxIDLen/2) + `"`, want: strings.Repeat("é", isotp.MaxIDLen/2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// White space before the string puts each of its bytes in turn
			// at the edge of the 8 KB read buffer.
			for pad := 8192 - 20 - len(tt.in); pad <= 8192-20; pad++ {
				in := `{"offender": {"id": ` + strings.Repeat(" ", pad) + tt.in + `}}`
				for _, r := range []io.Reader{strings.NewReader(in), iotest.OneByteReader(strings.NewReader(in))} {
					c, err := isotp.DecodeCase(r)
					if err != nil {
						t.Fatalf("pad %d: %v", pad, err)
					}
					if c.Offender.ID != tt.want {
						t.Fatalf("pad %d: id = %q, want %q (%s)", pad, c.Offender.ID, tt.want, tt.reason)
					}
				}
			}
		})
	}
}

func TestDecodeCaseNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0", 0}, {"-0", 0}, {"12", 12}, {"-3.25", -3.25}, {"1e2", 100}, {"1E+2", 100},
		{"2.5e-1", 0.25}, {"0.000", 0}, {"1" + strings.Repeat("0", 30), 1e30},
	}
	for _, tt := range tests {
		c, err := isotp.DecodeCase(strings.NewReader(`{"assessment": {"pre": {"scores": {"s": ` + tt.in + `}}}}`))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got := c.Assessment.Pre.Scores["s"]; got != tt.want {
			t.Errorf("%s: score %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCaseDecoderStreamOffsets(t *testing.T) {
	in := "{\"stage\": \"pre_sentence\"}{}\n\n  {\"stage\":\"post_sentence\"}\r\n\t"
	dec := isotp.NewCaseDecoder(iotest.HalfReader(strings.NewReader(in)))
	var stages []isotp.Stage
	var offsets []int64
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		stages = append(stages, c.Stage)
		offsets = append(offsets, dec.InputOffset())
	}
	if diff := cmp.Diff([]isotp.Stage{isotp.PreSentence, isotp.StageUnknown, isotp.PostSentence}, stages); diff != "" {
		t.Errorf("stages mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{25, 27, 56}, offsets); diff != "" {
		t.Errorf("offsets just after each case mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeCaseReadError(t *testing.T) {
	broken := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(`{"offender": {"id": "S1", `), iotest.ErrReader(broken))
	_, err := isotp.DecodeCase(r)
	if err == nil || err.Error() != "offender: disk on fire" || !errors.Is(err, isotp.ErrInvalidInput) {
		t.Errorf("DecodeCase = %v, want the read error at its path", err)
	}
}

// TestDecodeCaseBuffersOneRead checks that DecodeCase does not read ahead
// of what it needs in a stream by more than one buffer: it reads a case of
// a few bytes from a reader holding megabytes of trailing data and stops at
// the first byte of it.
func TestDecodeCaseBuffersOneRead(t *testing.T) {
	r := &countingReader{r: io.MultiReader(strings.NewReader(`{} x`), bytes.NewReader(make([]byte, 1<<24)))}
	if _, err := isotp.DecodeCase(r); err == nil {
		t.Fatal("DecodeCase succeeded, want an error for trailing data")
	}
	if r.n > 8<<10 {
		t.Errorf("read %d bytes, want at most one 8 KB buffer", r.n)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
