package isotp_test

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/golden"
)

// The wording of every input error is kept in golden files under
// testdata/errors, so that a change to it shows in review: one file of bad
// cases and one of bad intake files, each case a file of its own under
// testdata/errors/case and testdata/errors/intake (written without a final
// line break, which would change some errors), and one for documents too
// large to keep as files, made by generated below. Run go test -update . to
// rewrite them.

// goldenError writes name and err for a golden file: the name, marked when
// err matches ErrTooLarge, then the error on a line of its own.
func goldenError(b *strings.Builder, name string, err error) {
	mark := ""
	if errors.Is(err, isotp.ErrTooLarge) {
		mark = "  (ErrTooLarge)"
	}
	fmt.Fprintf(b, "%s%s\n\t%v\n", name, mark, err)
}

// wantInputError fails t unless err is an *InputError matching
// ErrInvalidInput.
func wantInputError(t *testing.T, err error) *isotp.InputError {
	t.Helper()
	require.ErrorIs(t, err, isotp.ErrInvalidInput)
	var ie *isotp.InputError
	require.ErrorAs(t, err, &ie)
	return ie
}

// corpus returns the files of a folder of bad documents, in name order.
func corpus(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no documents in %s", dir)
	docs := make(map[string][]byte, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		docs[filepath.Base(f)] = data
	}
	return docs
}

// TestDecodeCaseErrors decodes each bad case under testdata/errors/case,
// whole, a byte at a time and as the first case of a stream: each must be
// the same input error, as testdata/errors/case.golden words it.
func TestDecodeCaseErrors(t *testing.T) {
	docs := corpus(t, "testdata/errors/case")
	var out strings.Builder
	out.WriteString("# DecodeCase of each file in testdata/errors/case\n")
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		data := docs[name]
		_, err := isotp.DecodeCase(strings.NewReader(string(data)))
		ie := wantInputError(t, err)
		_, err1 := isotp.DecodeCase(iotest.OneByteReader(strings.NewReader(string(data))))
		require.True(t, sameError(err, err1), "%s: one byte at a time: %v, want %v", name, err1, err)
		if ie.Msg != "empty input: want a JSON object" && ie.Msg != "unexpected data after the case object" {
			_, err2 := isotp.NewCaseDecoder(strings.NewReader(string(data))).Decode()
			require.True(t, sameError(err, err2), "%s: CaseDecoder: %v, want %v", name, err2, err)
		}
		goldenError(&out, name, err)
	}
	golden.CheckString(t, "testdata/errors/case.golden", out.String())
}

// TestDecodeIntakeErrors decodes each bad intake file under
// testdata/errors/intake, whole and a byte at a time, as
// testdata/errors/intake.golden words it.
func TestDecodeIntakeErrors(t *testing.T) {
	docs := corpus(t, "testdata/errors/intake")
	var out strings.Builder
	out.WriteString("# DecodeIntake of each file in testdata/errors/intake\n")
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		data := docs[name]
		_, err := isotp.DecodeIntake(strings.NewReader(string(data)))
		wantInputError(t, err)
		_, err1 := isotp.DecodeIntake(iotest.OneByteReader(strings.NewReader(string(data))))
		require.True(t, sameError(err, err1), "%s: one byte at a time: %v, want %v", name, err1, err)
		goldenError(&out, name, err)
	}
	golden.CheckString(t, "testdata/errors/intake.golden", out.String())
}

// generated are bad documents too large to keep as files: each at the
// first size past a limit, or far past it.
var generated = []struct {
	name   string
	doc    func() string
	intake bool
}{
	{"101 offences", func() string {
		return `{"offences": [` + list(isotp.MaxOffences+1, same(`{}`)) + `]}`
	}, false},
	{"11 requirements", func() string {
		return `{"order": {"requirements": [` + list(isotp.MaxRequirements+1, same(`"programme"`)) + `]}}`
	}, false},
	{"501 session events", func() string {
		return `{"attendance": {"sessions": [` + list(isotp.MaxSessions+1, same(`{"session": 1, "date": "2026-01-05", "outcome": "attended"}`)) + `]}}`
	}, false},
	{"101 warnings", func() string {
		return `{"attendance": {"warnings": [` + list(isotp.MaxWarnings+1, same(`"2026-01-05"`)) + `]}}`
	}, false},
	{"1,001 contacts", func() string {
		return `{"attendance": {"offender_manager_contacts": [` + list(isotp.MaxContacts+1, same(`"2026-01-05"`)) + `]}}`
	}, false},
	{"501 work items", func() string {
		return `{"attendance": {"between_session_work": [` + list(isotp.MaxWorkItems+1, same(`{"session": 1}`)) + `]}}`
	}, false},
	{"101 scores", func() string {
		return `{"assessment": {"post": {"scores": {` + list(isotp.MaxScores+1, func(i int) string { return fmt.Sprintf(`"s%d": 1`, i) }) + `}}}}`
	}, false},
	{"an id of 101 bytes", func() string { return `{"offender": {"id": "` + strings.Repeat("a", isotp.MaxIDLen+1) + `"}}` }, false},
	{"an id of 1 MB", func() string { return `{"offender": {"id": "` + strings.Repeat("a", 1<<20) + `"}}` }, false},
	{"an id of 101 escapes", func() string { return `{"offender": {"id": "` + strings.Repeat(`\u0061`, isotp.MaxIDLen+1) + `"}}` }, false},
	{"an offence of 201 bytes", func() string {
		return `{"offences": [{"offence": "` + strings.Repeat("a", isotp.MaxNameLen+1) + `"}]}`
	}, false},
	{"a reason of 1,001 bytes", func() string {
		return `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "attended", "reason": "` + strings.Repeat("a", isotp.MaxTextLen+1) + `"}]}}`
	}, false},
	{"a key of 201 bytes", func() string { return `{"offender": {"` + strings.Repeat("a", isotp.MaxNameLen+1) + `": 1}}` }, false},
	{"a scale id of 201 bytes", func() string {
		return `{"assessment": {"pre": {"scores": {"` + strings.Repeat("a", isotp.MaxNameLen+1) + `": 1}}}}`
	}, false},
	{"a number of 101 characters", func() string {
		return `{"order": {"supervision_months": ` + strings.Repeat("1", isotp.MaxNumberLen+1) + `}}`
	}, false},
	{"a score of 101 characters", func() string {
		return `{"assessment": {"pre": {"scores": {"s": 1` + strings.Repeat("0", isotp.MaxNumberLen) + `}}}}`
	}, false},
	{"a case of MaxCaseBytes and one", func() string { return padded(isotp.MaxCaseBytes + 1) }, false},
	{"a case cut off past MaxCaseBytes", func() string {
		return `{"attendance": {"sessions": [` + strings.Repeat(" ", isotp.MaxCaseBytes)
	}, false},
	{"nested 100,000 deep", func() string { return `{"offender": ` + strings.Repeat("[", 100000) }, false},
	{"a sex of 5,000 letters", func() string { return `{"offender": {"sex": "` + strings.Repeat("a", 5000) + `"}}` }, false},
	{"a date of birth of 5,000 digits", func() string {
		return `{"offender": {"date_of_birth": "` + strings.Repeat("1", 5000) + `"}}`
	}, false},
	{"10,001 referrals", func() string {
		return `{"start": "2026-03-02", "referrals": [` + list(isotp.MaxReferrals+1, func(i int) string { return fmt.Sprintf(`{"id": "R%d"}`, i) }) + `]}`
	}, true},
	{"a referral id of 101 bytes", func() string {
		return `{"start": "2026-03-02", "referrals": [{"id": "` + strings.Repeat("a", isotp.MaxIDLen+1) + `"}]}`
	}, true},
	{"an eligibility of 5,000 letters", func() string {
		return `{"start": "2026-03-02", "referrals": [{"id": "R1", "eligibility": "` + strings.Repeat("a", 5000) + `"}]}`
	}, true},
	{"an intake of MaxIntakeBytes and one", func() string {
		const head = `{"start": "2026-03-02", "referrals": []`
		return head + strings.Repeat(" ", isotp.MaxIntakeBytes+1-len(head)-1) + "}"
	}, true},
}

// TestGeneratedErrors decodes each generated document, as
// testdata/errors/generated.golden words its error.
func TestGeneratedErrors(t *testing.T) {
	var out strings.Builder
	out.WriteString("# DecodeCase or DecodeIntake of each generated document (see generated in decode_errors_test.go)\n")
	for _, g := range generated {
		var err error
		if g.intake {
			_, err = isotp.DecodeIntake(strings.NewReader(g.doc()))
		} else {
			_, err = isotp.DecodeCase(strings.NewReader(g.doc()))
		}
		wantInputError(t, err)
		goldenError(&out, g.name, err)
	}
	golden.CheckString(t, "testdata/errors/generated.golden", out.String())
}
