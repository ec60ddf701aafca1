package isotp_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

// A streamed is what one call of CaseDecoder.Decode gave: a case's
// offender.id, or an error's path and kind.
type streamed struct {
	ID       string
	Err      string // the error's path, or "EOF"
	TooLarge bool   // the error matches ErrTooLarge
}

// decodeAll calls Decode until io.EOF, and once more.
func decodeAll(t *testing.T, r io.Reader) []streamed {
	t.Helper()
	dec := isotp.NewCaseDecoder(r)
	var got []streamed
	for range 100 {
		c, err := dec.Decode()
		switch {
		case err == io.EOF:
			if _, err := dec.Decode(); err != io.EOF {
				t.Errorf("Decode after io.EOF: %v, want io.EOF", err)
			}
			return append(got, streamed{Err: "EOF"})
		case err != nil:
			var ie *isotp.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			got = append(got, streamed{Err: ie.Path, TooLarge: errors.Is(err, isotp.ErrTooLarge)})
		case c.Offender == nil:
			got = append(got, streamed{ID: "?"})
		default:
			got = append(got, streamed{ID: c.Offender.ID})
		}
	}
	t.Fatal("Decode did not end")
	return nil
}

func TestCaseDecoderAfterErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     []string // lines
		read   error    // the error reading after the lines, if any
		want   []streamed
		reason string
	}{
		{
			name: "an error in a case that is still JSON is that case's",
			in: []string{
				`{"offender": {"id": "S1"}}`,
				`{"offences": [` + strings.Repeat(`{"offence": "x"}, `, isotp.MaxOffences) + `{}]}`,
				`{"offender": {"id": "S3"}}`,
				`{"offender": {"id": "` + strings.Repeat("a", 5000) + `"}, "stage": "pre_sentence"}`,
				`{"offender": {"id": "S5"}}`,
				`{"stage": "later", "offender": {"sex": {"deep": [[{"x": "]}\"{"}]]}}, "order": {}}`,
				`{"offender": {"id": "S7"}}`,
				`{"offender": {"id": "S8"}` + strings.Repeat(" ", isotp.MaxCaseBytes) + `}`,
				`{"offender": {"id": "S9"}}`,
				`[1, {"a": [2]}]`,
				`{"offender": {"id": "S11"}}`,
			},
			want: []streamed{
				{ID: "S1"}, {Err: "offences[100]", TooLarge: true},
				{ID: "S3"}, {Err: "offender.id", TooLarge: true},
				{ID: "S5"}, {Err: "stage"},
				{ID: "S7"}, {Err: "", TooLarge: true},
				{ID: "S9"}, {Err: ""},
				{ID: "S11"}, {Err: "EOF"},
			},
			reason: "the decoder passes the rest of each case in error, strings with brackets and quotes, nesting and a case over the size limit included",
		},
		{
			name: "broken JSON ends the stream",
			in:   []string{`{"offender": {"id": "S1"}}`, `{"offender": {"id": "S2" "x": 1}}`, `{"offender": {"id": "S3"}}`},
			want: []streamed{{ID: "S1"}, {Err: "offender"}, {Err: "EOF"}},
		},
		{
			name:   "broken JSON in the rest of a case in error ends the stream",
			in:     []string{`{"stage": "later", "x": [}`, `{"offender": {"id": "S2"}}`},
			want:   []streamed{{Err: "stage"}, {Err: ""}, {Err: "EOF"}},
			reason: "the error passing the rest of the case is the stream's, with no path",
		},
		{
			name:   "a raw line break in a string left in error ends the stream",
			in:     []string{`{"offender": {"id": "` + strings.Repeat("a", 2000), `"}}`, `{"offender": {"id": "S2"}}`},
			want:   []streamed{{Err: "offender.id", TooLarge: true}, {Err: ""}, {Err: "EOF"}},
			reason: "JSON Lines cannot break a line in a string: the decoder does not take the next line for the rest of the string",
		},
		{
			name: "a read error ends the stream",
			in:   []string{`{"offender": {"id": "S1"}}`, `{"offender": {"id": "S2"`},
			read: errors.New("disk on fire"),
			want: []streamed{{ID: "S1"}, {Err: "offender"}, {Err: "EOF"}},
		},
		{
			name: "the end of the input in a case in error",
			in:   []string{`{"offender": {"id": "S1"}}`, `{"stage": "later", "offender": {`},
			want: []streamed{{ID: "S1"}, {Err: "stage"}, {Err: "EOF"}},
		},
		{
			name:   "a case of exactly MaxCaseBytes",
			in:     []string{`{"offender": {"id": "S1"}` + strings.Repeat(" ", isotp.MaxCaseBytes-len(`{"offender": {"id": "S1"}}`)) + `}`, `{"offender": {"id": "S2"}}`},
			want:   []streamed{{ID: "S1"}, {ID: "S2"}, {Err: "EOF"}},
			reason: "the line break after a case is not part of it",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Join(tt.in, "\n")
			src := func() io.Reader {
				if tt.read != nil {
					return io.MultiReader(strings.NewReader(in), iotest.ErrReader(tt.read))
				}
				return strings.NewReader(in + "\n")
			}
			for _, r := range []struct {
				name string
				r    io.Reader
			}{
				{"whole", src()},
				{"half reads", iotest.HalfReader(src())},
				{"one byte reads", iotest.OneByteReader(src())},
			} {
				if diff := cmp.Diff(tt.want, decodeAll(t, r.r)); diff != "" {
					t.Errorf("%s: mismatch (-want +got):\n%s\n%s", r.name, diff, tt.reason)
				}
			}
		})
	}
}
