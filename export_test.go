package isotp

import "io"

// The decoders before the hand-written tokenizer, for the agreement fuzz
// target and the benchmarks in package isotp_test (see olddecode_test.go).
var (
	OldDecodeCase   = oldDecodeCase
	OldDecodeIntake = oldDecodeIntake
)

// OldNewCaseDecoder is NewCaseDecoder before the hand-written tokenizer.
func OldNewCaseDecoder(r io.Reader) interface{ Decode() (*Case, error) } {
	return oldNewCaseDecoder(r)
}

// DecodeCaseCut is DecodeCase, reporting also whether the tokenizer cut a
// string or number too long for any field (and left the rest unread).
func DecodeCaseCut(r io.Reader) (c *Case, cut bool, err error) {
	d := getReader(r, "case", MaxCaseBytes)
	defer d.release()
	c, err = d.decodeOnly()
	return c, d.tok.cut, err
}

// DecodeIntakeCut is DecodeIntake, reporting also whether the tokenizer cut
// a string or number.
func DecodeIntakeCut(r io.Reader) (in *Intake, cut bool, err error) {
	d := getReader(r, "file", MaxIntakeBytes)
	defer d.release()
	in, err = d.decodeIntake()
	return in, d.tok.cut, err
}

// MaxNumberLen is the longest number a document may write.
const MaxNumberLen = maxNumberLen
