package isotp

import (
	"io"

	"github.com/isotp-dev/isotp/internal/jsonread"
)

// caseDoc is what the decoders hold a case to.
var caseDoc = jsonread.Doc{Name: "case", Bytes: MaxCaseBytes, String: maxStringLen, Number: maxNumberLen, Key: MaxNameLen}

// DecodeCase reads one case file in the JSON case format. Unknown fields,
// duplicate keys, unknown enum spellings, malformed dates, wrong JSON types,
// JSON syntax errors, trailing data and a case over the limits (see
// MaxCaseBytes) are errors; each is an *InputError naming the JSON path,
// and the last match ErrTooLarge too. Absent and null values stay unknown.
// DecodeCase reads r to its end, to make sure nothing follows the case, but
// never more than MaxCaseBytes and one read (8 KB) of it, and it holds no
// more at a time than that read and the longest string a field may have. It
// is safe for concurrent use.
func DecodeCase(r io.Reader) (*Case, error) {
	rd := jsonread.Get(r, caseDoc)
	defer rd.Release()
	return decodeOne(rd)
}

// decodeOne reads the one case file rd reads, and makes sure nothing
// follows it.
func decodeOne(rd *jsonread.Reader) (*Case, error) {
	c, err := decodeCase(rd)
	switch {
	case err == io.EOF:
		return nil, &InputError{Msg: "empty input: want a JSON object"}
	case err != nil:
		return nil, inputError(err)
	}
	if end, err := rd.End(); err != nil {
		return nil, inputError(err)
	} else if !end {
		return nil, &InputError{Msg: "unexpected data after the case object"}
	}
	return c, nil
}

// A CaseDecoder reads a stream of case objects, such as a JSON Lines
// caseload: JSON values one after another, separated by white space or not
// at all. Each case is read as DecodeCase reads one, within the same limits:
// a case of more than MaxCaseBytes, or over any other limit, is an error for
// that case alone. It is not safe for concurrent use.
type CaseDecoder struct {
	r    jsonread.Reader
	err  error // io.EOF once the stream has ended
	skip bool  // the last case was in error: pass the rest of it first
}

// NewCaseDecoder returns a decoder reading cases from r.
func NewCaseDecoder(r io.Reader) *CaseDecoder {
	d := new(CaseDecoder)
	d.r.Stream(r, caseDoc)
	return d
}

// Decode reads the next case. It returns io.EOF, unwrapped, when the stream
// holds no more values; any other error is an *InputError.
//
// An error in a case that is still JSON (an unknown field, a malformed
// date, a case over a limit) is that case's alone: the next call passes the
// rest of the case, however long, holding none of it, and reads the one
// after. An error in the JSON itself, or reading the stream, ends the
// stream, since the next case cannot be found in a broken one: Decode
// returns the error once and io.EOF after it. So a loop that reports each
// error and carries on until io.EOF reads every case that can be read.
func (d *CaseDecoder) Decode() (*Case, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.skip {
		d.skip = false
		if err := d.r.Skip(); err != nil {
			d.err = io.EOF
			return nil, inputError(err)
		}
	}
	c, err := decodeCase(&d.r)
	switch {
	case err == nil:
		return c, nil
	case err != io.EOF && !d.r.Broken():
		d.skip = true
	default:
		d.err = io.EOF
	}
	return nil, inputError(err)
}

// InputOffset returns the byte offset just after the last value read.
func (d *CaseDecoder) InputOffset() int64 { return d.r.Offset() }

// decodeCase reads the next case, or returns io.EOF if there is none.
func decodeCase(r *jsonread.Reader) (*Case, error) {
	t, err := r.Document()
	if err != nil {
		return nil, err
	}
	c := memOf(r).newCase()
	if err := r.Object(t, "a case object", c.field); err != nil {
		return nil, err
	}
	return c, nil
}

// inputError returns err, an error of a decoder, as an *InputError: a
// *jsonread.Error becomes one with the same path and message, matching
// ErrTooLarge or the error reading the input. Any other error, io.EOF or an
// *InputError, is returned as it is.
func inputError(err error) error {
	e, ok := err.(*jsonread.Error)
	if !ok {
		return err
	}
	ie := &InputError{Path: e.Path, Msg: e.Msg, Err: e.Err, broken: e.Broken}
	if e.TooLarge {
		ie.Err = ErrTooLarge
	}
	return ie
}

// readDate reads a date written YYYY-MM-DD; null reads as the zero Date
// (not known).
func readDate(r *jsonread.Reader, t jsonread.Token) (Date, error) {
	switch t.Kind {
	case jsonread.Null:
		return Date{}, nil
	case jsonread.String:
		d, err := parseDateText(t.Bytes())
		if err != nil {
			return Date{}, r.Errorf("%v", err)
		}
		return d, nil
	}
	return Date{}, r.Errorf("want a date string YYYY-MM-DD, got %s", t.Describe())
}

// readDates reads an array of at most max dates (items names them for the
// error past it) into the memory of into (see jsonread.GatherInto): nil for
// null (not known), empty for [].
func readDates(into *[]Date, r *jsonread.Reader, t jsonread.Token, max int, items string) ([]Date, error) {
	return jsonread.GatherInto(into, r, t, max, items, func(t jsonread.Token) (Date, error) {
		d, err := readDate(r, t)
		if err == nil && d.IsZero() {
			err = r.Errorf("want a date string YYYY-MM-DD, got null")
		}
		return d, err
	})
}
