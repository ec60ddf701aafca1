package isotp

// DescribeUnknown words the error for a value s that is not one of an
// enumeration's spellings, for decoders of this module's documents beyond
// the root's (an outcome code the policy does not map, read by package
// attendance): "unknown outcome \"ATTX\"", quoting s only when it looks
// like a spelling (a word of letters, '_' and '-' of at most 32 bytes),
// which is the caller's vocabulary mistyped; otherwise "unknown outcome: a
// string of 80 bytes, not quoted", as a value in the wrong place may be
// personal data. kind names what s should have been.
func DescribeUnknown(kind, s string) string { return enumError(kind, []byte(s)) }
