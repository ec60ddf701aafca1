package isotp_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

func TestDecodeCaseUnknownStaysUnknown(t *testing.T) {
	c, err := isotp.DecodeCase(strings.NewReader(`{
		"stage": null,
		"offender": {"sex": "male", "date_of_birth": null},
		"offences": [{"offence": "possess_indecent_photograph", "internet": null}],
		"order": {"type": "licence", "requirements": []}
	}`))
	require.NoError(t, err)
	want := &isotp.Case{
		Offender: &isotp.Offender{Sex: isotp.Male},
		Offences: []isotp.Offence{{Offence: "possess_indecent_photograph"}},
		Order:    &isotp.Order{Type: isotp.Licence, Requirements: []isotp.Requirement{}},
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	require.Nil(t, c.Offences[0].Internet, "internet: null decoded as known")
	require.Nil(t, c.Order.SupervisionMonths, "absent supervision_months decoded as known")
}

func TestDecodeCaseEmptyVersusAbsentLists(t *testing.T) {
	absent, err := isotp.DecodeCase(strings.NewReader(`{"order": {}}`))
	require.NoError(t, err)
	empty, err := isotp.DecodeCase(strings.NewReader(`{"offences": [], "order": {"requirements": []}}`))
	require.NoError(t, err)
	if absent.Offences != nil || absent.Order.Requirements != nil {
		t.Error("absent lists must decode as nil (not known)")
	}
	if empty.Offences == nil || empty.Order.Requirements == nil {
		t.Error("empty lists must decode as empty, not nil (known to be none)")
	}
}

func TestCaseDecoderStream(t *testing.T) {
	dec := isotp.NewCaseDecoder(strings.NewReader("{\"stage\": \"pre_sentence\"}\n{\"stage\": \"post_sentence\"}\n"))
	var stages []isotp.Stage
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		stages = append(stages, c.Stage)
	}
	if diff := cmp.Diff([]isotp.Stage{isotp.PreSentence, isotp.PostSentence}, stages); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
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
		require.NoError(t, err)
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
	require.ErrorIs(t, err, broken)
	require.Equal(t, "offender", wantInputError(t, err).Path, "the read error at its path")
}

// TestDecodeCaseBuffersOneRead checks that DecodeCase does not read ahead
// of what it needs in a stream by more than one buffer: it reads a case of
// a few bytes from a reader holding megabytes of trailing data and stops at
// the first byte of it.
func TestDecodeCaseBuffersOneRead(t *testing.T) {
	r := &countingReader{r: io.MultiReader(strings.NewReader(`{} x`), bytes.NewReader(make([]byte, 1<<24)))}
	_, err := isotp.DecodeCase(r)
	wantInputError(t, err)
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
