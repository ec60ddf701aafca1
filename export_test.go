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
