package isotp_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
)

// fullCase gives every part of a case a value, so that a case decoded after
// it in the same memory shows what it would keep of it.
const fullCase = `{"as_of": "2026-11-27", "stage": "post_sentence",
	"offender": {"id": "X1", "sex": "male", "date_of_birth": "1980-01-02", "risk_of_harm": "high", "deviance": "high"},
	"offences": [{"offence": "Protection of Children Act 1978 s.1", "date": "2020-01-01", "internet": true}, {"offence": "x"}],
	"order": {"type": "community_order", "start": "2026-01-05", "supervision_months": 24, "requirements": ["programme", "supervision"]},
	"attendance": {"sessions": [{"session": 1, "date": "2026-02-02", "outcome": "ATTC"}, {"session": 2, "date": "2026-02-09", "outcome": "UAA", "reason": "r"}],
		"warnings": ["2026-02-10"], "offender_manager_contacts": ["2026-02-03", "2026-02-17"],
		"between_session_work": [{"session": 1, "completed": true}, {"session": 2}]},
	"assessment": {"pre": {"date": "2026-01-20", "scores": {"a": 1, "b": 2}}, "post": {"date": "2026-11-20", "scores": {"a": 3, "c": 4}}}}`

// reuseInputs are case files that give each part, leave it out, give it
// null and give it empty, after one another, and cases in error.
func reuseInputs(t *testing.T) []string {
	t.Helper()
	in := []string{fullCase,
		`{"stage": "pre_sentence"}`,
		fullCase,
		`{"offender": null, "offences": [], "order": {"requirements": []}, "attendance": {"sessions": [], "warnings": null}, "assessment": {"post": {"scores": {}}}}`,
		fullCase,
		`{"order": {"type": "community_order"}, "attendance": {"between_session_work": [{"session": 3, "completed": false}]}, "assessment": {"pre": null, "post": {"date": "2026-11-20"}}}`,
		`{"offences": [{"offence": "x"}], "attendance": {"sessions": [{"session": 1}]}}`, // in error: no date
		`{"assessment": {"pre": {"scores": {"z": 9}}}}`,
		`{"offences": [{"offence": "x"}, `, // broken JSON
		fullCase,
		`{}`,
	}
	var load bytes.Buffer
	require.NoError(t, synth.New(9, isotp.NewDate(2026, 11, 27)).Write(&load, 300))
	sc := bufio.NewScanner(&load)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		in = append(in, sc.Text())
	}
	files, err := filepath.Glob("examples/cases/*/*.json")
	require.NoError(t, err)
	errFiles, err := filepath.Glob("testdata/errors/case/*.json")
	require.NoError(t, err)
	for _, file := range append(files, errFiles...) {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		in = append(in, string(data), fullCase)
	}
	return in
}

// TestReusingDecoder: each case a ReusingDecoder decodes, in the memory of
// the case before, is the case DecodeCase decodes afresh, or the same
// error: nothing of the case before is kept, and what is not given stays
// not known.
func TestReusingDecoder(t *testing.T) {
	var d isotp.ReusingDecoder
	_, err := isotp.DecodeCase(strings.NewReader(fullCase))
	require.NoError(t, err, "the full case")
	var first *isotp.Case
	errs := 0
	for i, in := range reuseInputs(t) {
		want, wantErr := isotp.DecodeCase(strings.NewReader(in))
		got, err := d.Decode(strings.NewReader(in))
		if !sameError(err, wantErr) {
			t.Fatalf("input %d: error %v, want %v", i, err, wantErr)
		}
		if err != nil {
			errs++
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("input %d: mismatch (-DecodeCase +ReusingDecoder):\n%s", i, diff)
		}
		if first == nil {
			first = got
		} else if got != first {
			t.Fatalf("input %d: not decoded in the memory of the case before", i)
		}
	}
	require.Greater(t, errs, 10, "the inputs hold cases in error")
}

// A caller reading many case files, keeping nothing of each past the
// next, reads them into the same memory.
func ExampleReusingDecoder() {
	var d isotp.ReusingDecoder
	for _, in := range []string{
		`{"offender": {"id": "A1"}, "offences": [{"offence": "x"}, {"offence": "y"}]}`,
		`{"offender": {"id": "B2"}}`,
	} {
		c, err := d.Decode(strings.NewReader(in))
		if err != nil {
			panic(err)
		}
		// c is valid until the next Decode: keep copies, as id is.
		id := c.Offender.ID
		fmt.Println(id, len(c.Offences), c.Offences == nil)
	}
	// Output:
	// A1 2 false
	// B2 0 true
}
