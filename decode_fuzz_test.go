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

// FuzzDecodeAgreesWithEncodingJSON holds the case and intake decoders to
// encoding/json at the level of values (internal/jsonread's fuzz target
// holds the tokenizer to it token by token): for any bytes, a document
// either decoder accepts is valid JSON, and its values, null meaning not
// known, are those encoding/json reads; a document refused for its JSON
// syntax is one encoding/json refuses too. The decoders must also read the
// same from a reader that returns one byte at a time, which cuts every token
// at a buffer boundary; a stream of an accepted case twice must give the
// case twice; and a stream of a document that is JSON but not a valid case,
// then a case, must give the document's error and then the case.
func FuzzDecodeAgreesWithEncodingJSON(f *testing.F) {
	for _, pattern := range []string{"examples/cases/*/*.json", "groups/testdata/*.json", "groups/testdata/errors/*.json", "testdata/errors/*/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
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
		`{"assessment": {"pre": {"scores": {"a": -0.5e+3, "b": 0, "c": 1E2, "\u0000": 2, "d": null}}}}`,
		`{"order": {"supervision_months": 12, "requirements": []}, "offences": [{"internet": true}, {"internet": false}]}`,
		`{"offender": {"id": "x"} , "stage" : null }  `,
		`{"start": "2026-03-02", "referrals": [{"id": "R1", "eligibility": "eligible"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := isotp.DecodeCase(bytes.NewReader(data))
		agree(t, "DecodeCase", data, c, err)
		c1, err1 := isotp.DecodeCase(iotest.OneByteReader(bytes.NewReader(data)))
		if diff := cmp.Diff(c, c1); diff != "" || !sameError(err, err1) {
			t.Fatalf("DecodeCase one byte at a time: %v, want %v; case mismatch (-whole +bytewise):\n%s", err1, err, diff)
		}

		in, inErr := isotp.DecodeIntake(bytes.NewReader(data))
		agree(t, "DecodeIntake", data, in, inErr)
		in1, inErr1 := isotp.DecodeIntake(iotest.OneByteReader(bytes.NewReader(data)))
		if diff := cmp.Diff(in, in1); diff != "" || !sameError(inErr, inErr1) {
			t.Fatalf("DecodeIntake one byte at a time: %v, want %v; mismatch (-whole +bytewise):\n%s", inErr1, inErr, diff)
		}

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

		// Decoded in the memory of a case that gives every part, it is the
		// same case, and so is that case decoded again after it.
		var rd isotp.ReusingDecoder
		if _, err := rd.Decode(strings.NewReader(fullCase)); err != nil {
			t.Fatal(err)
		}
		cr, errR := rd.Decode(bytes.NewReader(data))
		if diff := cmp.Diff(c, cr); diff != "" || !sameError(err, errR) {
			t.Fatalf("ReusingDecoder after a full case: %v, want %v; case mismatch (-DecodeCase +ReusingDecoder):\n%s", errR, err, diff)
		}
		fresh, _ := isotp.DecodeCase(strings.NewReader(fullCase))
		if again, err := rd.Decode(strings.NewReader(fullCase)); err != nil || !cmp.Equal(fresh, again) {
			t.Fatalf("ReusingDecoder: the full case after this one: %v; mismatch (-fresh +reused):\n%s", err, cmp.Diff(fresh, again))
		}

		if c == nil && json.Valid(data) && !isSyntax(inputError(t, err)) && depth(data) <= 10000 {
			const next = `{"offender": {"id": "next"}}`
			d := isotp.NewCaseDecoder(iotest.HalfReader(bytes.NewReader(append(bytes.Clone(data), "\n"+next...))))
			if _, err1 := d.Decode(); !sameError(err1, err) {
				t.Fatalf("stream of the document, then a case: %v, want %v", err1, err)
			}
			if got, err := d.Decode(); err != nil || got.Offender == nil || got.Offender.ID != "next" {
				t.Fatalf("stream of the document, then a case: after the document's error: %+v, %v, want the case", got, err)
			}
		}
	})
}

// agree fails t unless a decoder's result for data agrees with
// encoding/json: an accepted document is valid JSON whose values, nulls
// left out, are those of the result written back as JSON; an error is an
// *InputError matching ErrInvalidInput, and one for the JSON syntax is for
// a document that is not JSON.
func agree[T any](t *testing.T, name string, data []byte, got *T, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, isotp.ErrInvalidInput) {
			t.Fatalf("%s: error %v is not ErrInvalidInput", name, err)
		}
		if isSyntax(inputError(t, err)) && json.Valid(data) {
			t.Fatalf("%s: error %v, but encoding/json finds the document valid", name, err)
		}
		return
	}
	var want any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("%s accepted a document encoding/json refuses: %v", name, err)
	}
	out, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("%s: cannot marshal the result: %v", name, err)
	}
	var back any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("%s: cannot read the result back: %v", name, err)
	}
	if diff := cmp.Diff(dropNulls(want), back); diff != "" {
		t.Fatalf("%s: mismatch (-encoding/json +decoded):\n%s", name, diff)
	}
}

// dropNulls removes the members of objects whose value is null: not known,
// as if absent.
func dropNulls(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = dropNulls(e)
		}
	case []any:
		for i, e := range x {
			x[i] = dropNulls(e)
		}
	}
	return v
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

// isSyntax reports whether e is about the JSON syntax rather than the case
// format.
func isSyntax(e *isotp.InputError) bool { return isotp.Broken(e) }

// sameError reports whether two decoders' errors are the same: both nil,
// or *InputError values with the same path, message and kind.
func sameError(a, b error) bool {
	var ia, ib *isotp.InputError
	switch {
	case a == nil || b == nil:
		return a == b
	case !errors.As(a, &ia) || !errors.As(b, &ib):
		return false
	}
	return *ia == *ib
}
