package isotp_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
)

// FuzzTokenizerAgreesWithEncodingJSON checks the case and intake decoders
// against the same decoders built on encoding/json's Decoder.Token (kept in
// olddecode_test.go): for any bytes, one accepts a document iff the other
// does, with equal values; when both refuse it, they refuse it for the same
// reason (a JSON syntax error, or the same message word for word) at the
// same path. One difference is by design: the tokenizer reads no further
// into a string or number too long for any field, so where encoding/json
// finds a syntax error later in that value, the new decoder refuses it at
// the same path for its length (or for whatever else is wrong with it). The
// new decoders must also read the same from a reader that returns one byte
// at a time, which cuts every token at a buffer boundary, and a stream of
// the document twice must give the case twice; a stream of a document that
// is JSON but not a valid case, then a case, must give the document's error
// and then the case.
func FuzzTokenizerAgreesWithEncodingJSON(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"examples/cases/*/*.json", "groups/testdata/*.json", "groups/testdata/errors/*.json"} {
		files, _ := filepath.Glob(pattern)
		seeds = append(seeds, files...)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	var load bytes.Buffer
	if err := synth.New(7, isotp.NewDate(2026, 11, 27)).Write(&load, 40); err != nil {
		f.Fatal(err)
	}
	sc := bufio.NewScanner(&load)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f.Add(bytes.Clone(sc.Bytes()))
	}
	for _, s := range []string{
		`{"offender": {"id": "\u00e9\ud83d\ude00\ud800x\udc00\\\/\b\f\n\r\t\"", "sex": "male"}}`,
		"{\"offender\": {\"id\": \"\xff\xe2\x82\xed\xa0\x80\"}}",
		`{"assessment": {"pre": {"scores": {"a": -0.5e+3, "b": 0, "c": 1E2, "\u0000": 2}}}}`,
		`{"order": {"supervision_months": 12, "requirements": []}, "offences": [{"internet": true}, {"internet": false}]}`,
		`{"order": {"supervision_months": 012}}`,
		`{"offender": {"id": "x"} , "stage" : null }  `,
		`{"start": "2026-03-02", "referrals": [{"id": "R1", "eligibility": "eligible"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, cut, err := isotp.DecodeCaseCut(bytes.NewReader(data))
		oldC, oldErr := isotp.OldDecodeCase(bytes.NewReader(data))
		agree(t, "DecodeCase", c, err, oldC, oldErr, cut)

		c1, err1 := isotp.DecodeCase(iotest.OneByteReader(bytes.NewReader(data)))
		if diff := cmp.Diff(c, c1); diff != "" || errString(err) != errString(err1) {
			t.Fatalf("DecodeCase one byte at a time: %v, want %v; case mismatch (-whole +bytewise):\n%s", err1, err, diff)
		}

		in, inCut, inErr := isotp.DecodeIntakeCut(bytes.NewReader(data))
		oldIn, oldInErr := isotp.OldDecodeIntake(bytes.NewReader(data))
		agree(t, "DecodeIntake", in, inErr, oldIn, oldInErr, inCut)

		if c != nil {
			twice := append(append(bytes.Clone(data), '\n'), data...)
			d := isotp.NewCaseDecoder(iotest.HalfReader(bytes.NewReader(twice)))
			for i := range 2 {
				got, err := d.Decode()
				if err != nil {
					t.Fatalf("stream of the document twice: case %d: %v", i, err)
				}
				if diff := cmp.Diff(c, got); diff != "" {
					t.Fatalf("stream of the document twice: case %d mismatch (-want +got):\n%s", i, diff)
				}
			}
			if _, err := d.Decode(); err != io.EOF {
				t.Fatalf("stream of the document twice: after two cases: %v, want EOF", err)
			}
		}

		if c == nil && json.Valid(data) && !isSyntax(inputError(t, err)) && depth(data) <= 10000 {
			const next = `{"offender": {"id": "next"}}`
			d := isotp.NewCaseDecoder(iotest.HalfReader(bytes.NewReader(append(bytes.Clone(data), "\n"+next...))))
			if _, err1 := d.Decode(); errString(err1) != errString(err) {
				t.Fatalf("stream of the document, then a case: %v, want %v", err1, err)
			}
			if got, err := d.Decode(); err != nil || got.Offender == nil || got.Offender.ID != "next" {
				t.Fatalf("stream of the document, then a case: after the document's error: %+v, %v, want the case", got, err)
			}
		}
	})
}

// depth is the deepest nesting of arrays and objects in a JSON document.
func depth(data []byte) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	n, most := 0, 0
	for {
		t, err := dec.Token()
		if err != nil {
			return most
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			n++
			most = max(most, n)
		case json.Delim('}'), json.Delim(']'):
			n--
		}
	}
}

func inputError(t *testing.T, err error) *isotp.InputError {
	t.Helper()
	var ie *isotp.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not an *InputError", err)
	}
	return ie
}

// agree fails t unless the new decoder's result (got, err) agrees with the
// old one's; cut says whether the new decoder cut a string or number.
func agree[T any](t *testing.T, name string, got *T, err error, want *T, wantErr error, cut bool) {
	t.Helper()
	switch {
	case err == nil && wantErr == nil:
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: mismatch (-old +new):\n%s", name, diff)
		}
		return
	case err == nil || wantErr == nil:
		t.Fatalf("%s: error %v, encoding/json: %v", name, err, wantErr)
	case !errors.Is(err, isotp.ErrInvalidInput):
		t.Fatalf("%s: error %v is not ErrInvalidInput", name, err)
	}
	var ie, oldIE *isotp.InputError
	if !errors.As(err, &ie) || !errors.As(wantErr, &oldIE) {
		t.Fatalf("%s: errors %v and %v are not both *InputError", name, err, wantErr)
	}
	syntax, oldSyntax := isSyntax(ie), isSyntax(oldIE)
	switch {
	case cut && !syntax && oldSyntax && ie.Path == oldIE.Path:
		return // encoding/json read on to a syntax error in the value cut
	case syntax != oldSyntax || ie.Path != oldIE.Path:
		t.Fatalf("%s: error %q, encoding/json: %q", name, err, wantErr)
	case !syntax && ie.Msg != oldIE.Msg:
		t.Fatalf("%s: error %q, encoding/json: %q", name, err, wantErr)
	}
}

// isSyntax reports whether e is about JSON syntax rather than the case
// format.
func isSyntax(e *isotp.InputError) bool {
	return strings.HasPrefix(e.Msg, "invalid JSON at byte ") || e.Msg == "unexpected end of input"
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
