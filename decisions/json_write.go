package decisions

import (
	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/jsonwrite"
)

// The writers of json_*.go write a result as encoding/json writes it,
// without reflection: each writes the members of a struct in the order of
// its fields, with the keys its json tags give, leaving out what its tags
// omit (omitempty: an empty slice or string, a nil pointer, a zero int;
// omitzero: a zero value), a nil slice as null, and an enum as its
// MarshalText writes it (or its MarshalJSON, where it has one; see
// jsonwrite.Enum and EnumJSON). The tags stay the one
// source of the names: TestWritersFollowTags fails when a struct gains a
// field its writer does not write, and TestWritersMatchEncodingJSON holds
// every writer to encoding/json over the samples, the policy test cases
// and synthetic caseloads.

// writeFast writes v with its writer and reports true, or reports false
// when v has none (or is a nil pointer, which encoding/json writes as
// null).
func writeFast(e *jsonwrite.Encoder, v any) bool {
	switch x := v.(type) {
	case *eligibility.Decision:
		if x == nil {
			return false
		}
		writeEligibility(e, x)
	case *attendance.Summary:
		if x == nil {
			return false
		}
		writeSummary(e, x)
	default:
		return false
	}
	e.End()
	return true
}

// writeDate writes d as its MarshalText does, YYYY-MM-DD, without the
// allocations of MarshalText; an invalid date, the zero Date included, is
// MarshalText's error.
func writeDate(e *jsonwrite.Encoder, d *isotp.Date) {
	if !d.IsValid() {
		e.Text(d.MarshalText())
		return
	}
	var b [12]byte // "YYYY-MM-DD"
	b[0] = '"'
	putDigits(b[1:5], d.Year)
	b[5] = '-'
	putDigits(b[6:8], int(d.Month))
	b[8] = '-'
	putDigits(b[9:11], d.Day)
	b[11] = '"'
	e.Raw(b[:], nil)
}

// putDigits writes n, which is at least 0, in the decimal digits of b,
// zero-padded.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// writeDatePtr writes *d, or null for a nil d.
func writeDatePtr(e *jsonwrite.Encoder, d *isotp.Date) {
	if d == nil {
		e.Null()
		return
	}
	writeDate(e, d)
}

// writeStringPtr writes *s, or null for a nil s.
func writeStringPtr(e *jsonwrite.Encoder, s *string) {
	if s == nil {
		e.Null()
		return
	}
	e.String(*s)
}

// writeIntPtr writes *n, or null for a nil n.
func writeIntPtr(e *jsonwrite.Encoder, n *int) {
	if n == nil {
		e.Null()
		return
	}
	e.Int(*n)
}
