package isotp_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// secrets are the markers TestErrorsQuoteNoPersonalData puts in documents:
// no error may contain any of them.
var secrets = []string{"SECRET", "Jane", "Doe", "8675309", "1980", "14/02"}

// hostile are values made of the markers, each put in turn in every value
// of a case and of an intake file: text, a date of birth in another
// format, an impossible date, an id-like word too long to be taken for an
// enumeration spelling, numbers that are not whole or too large, long and
// broken strings, and JSON that is not JSON. (A short word of letters, such
// as "Doe", is quoted in an enumeration field's error by design: it reads
// as a mistyped spelling.)
var hostile = []string{
	`"SECRET Jane Doe 8675309"`,
	`"14/02/1980"`,
	`"1980-02-30"`,
	`"1980-02-14T10:00:00Z"`,
	`"14 February 1980"`,
	`"SECRET_JANE_DOE_EIGHT_SIX_SEVEN_FIVE"`,
	`"` + strings.Repeat("SECRET Jane Doe 8675309 ", 500) + `"`,
	`"SECRET\q Jane"`,
	"\"SECRET Jane\tDoe\"",
	`"SECRET Jane Doe 8675309`,
	`8675309.5`,
	`-8675309`,
	`8675309e999`,
	`86753098675309867530986753098675309`,
	strings.Repeat("8675309", 20),
	`SECRET`,
	`{"SECRET Jane Doe 8675309 SECRET Jane Doe 8675309 SECRET Jane Doe 8675309": 1}`,
	`["SECRET Jane Doe 8675309"]`,
	`{}`,
}

// slot stands for the value being replaced in a document's JSON.
const slot = `"\u0000slot"`

// caseBase is a case with a value at every field the format has.
func caseBase() map[string]any {
	return map[string]any{
		"as_of": "2026-11-27", "stage": "post_sentence",
		"offender": map[string]any{"id": "S1", "sex": "male", "date_of_birth": "1990-01-01", "risk_of_harm": "low", "deviance": "low"},
		"offences": []any{map[string]any{"offence": "possess_indecent_photograph", "date": "2019-03-01", "internet": true}},
		"order":    map[string]any{"type": "licence", "start": "2025-01-06", "supervision_months": 24, "requirements": []any{"programme"}},
		"attendance": map[string]any{
			"sessions":                  []any{map[string]any{"session": 1, "date": "2026-01-05", "outcome": "attended", "reason": "r"}},
			"warnings":                  []any{"2026-02-01"},
			"offender_manager_contacts": []any{"2026-02-02"},
			"between_session_work":      []any{map[string]any{"session": 1, "completed": true}},
		},
		"assessment": map[string]any{"pre": map[string]any{"date": "2025-12-01", "scores": map[string]any{"fantasy": 12}}},
	}
}

func intakeBase() map[string]any {
	return map[string]any{
		"start":     "2026-03-02",
		"referrals": []any{map[string]any{"id": "R1", "date_of_birth": "1990-01-01", "referred": "2026-01-05", "eligibility": "eligible"}},
	}
}

// values calls f with the path of every value in v, leaves and containers.
func values(v any, path []any, f func(path []any)) {
	f(path)
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			values(e, append(path[:len(path):len(path)], k), f)
		}
	case []any:
		for i, e := range x {
			values(e, append(path[:len(path):len(path)], i), f)
		}
	}
}

// withSlot returns the JSON of doc with the value at path replaced by slot.
func withSlot(t *testing.T, doc func() map[string]any, path []any) string {
	t.Helper()
	var root any = doc()
	if len(path) == 0 {
		return slot
	}
	v := root
	for i, p := range path {
		last := i == len(path)-1
		switch x := v.(type) {
		case map[string]any:
			if last {
				x[p.(string)] = "\x00slot"
			}
			v = x[p.(string)]
		case []any:
			if last {
				x[p.(int)] = "\x00slot"
			}
			v = x[p.(int)]
		}
	}
	data, err := json.Marshal(root)
	require.NoError(t, err)
	if !strings.Contains(string(data), slot) {
		t.Fatalf("no slot in %s", data)
	}
	return string(data)
}

// TestErrorsQuoteNoPersonalData puts each hostile value in every value of
// a case and of an intake file and decodes the result whole, a byte at a
// time and as a stream: no error may quote a marker.
func TestErrorsQuoteNoPersonalData(t *testing.T) {
	docs := []struct {
		name   string
		base   func() map[string]any
		decode func(r func() *strings.Reader) []error
	}{
		{"case", caseBase, func(r func() *strings.Reader) []error {
			_, err1 := isotp.DecodeCase(r())
			_, err2 := isotp.DecodeCase(iotest.OneByteReader(r()))
			_, err3 := isotp.NewCaseDecoder(r()).Decode()
			return []error{err1, err2, err3}
		}},
		{"intake", intakeBase, func(r func() *strings.Reader) []error {
			_, err1 := isotp.DecodeIntake(r())
			_, err2 := isotp.DecodeIntake(iotest.OneByteReader(r()))
			return []error{err1, err2}
		}},
	}
	for _, doc := range docs {
		var paths [][]any
		values(doc.base(), nil, func(path []any) { paths = append(paths, path) })
		errs := 0
		for _, path := range paths {
			tmpl := withSlot(t, doc.base, path)
			for _, v := range hostile {
				in := strings.Replace(tmpl, slot, v, 1)
				for _, err := range doc.decode(func() *strings.Reader { return strings.NewReader(in) }) {
					if err == nil {
						continue
					}
					errs++
					if !errors.Is(err, isotp.ErrInvalidInput) {
						t.Errorf("%s %v = %s: error %v is not ErrInvalidInput", doc.name, path, v, err)
					}
					for _, s := range secrets {
						if strings.Contains(err.Error(), s) {
							t.Errorf("%s with %v = %.60s: error %q quotes %q", doc.name, path, v, err, s)
						}
					}
				}
			}
		}
		// Most values are wrong for most fields: an error for fewer than
		// half of the documents would mean the test is not testing.
		if min := len(paths) * len(hostile); errs < min {
			t.Errorf("%s: %d errors, want at least %d", doc.name, errs, min)
		}
	}
}

// TestIntakeCheckQuotesNoDates checks the errors for impossible dates in an
// intake built in Go.
func TestIntakeCheckQuotesNoDates(t *testing.T) {
	for _, d := range []isotp.Date{isotp.NewDate(1980, 2, 30), isotp.NewDate(1980, 13, 1), isotp.NewDate(-1980, 1, 1)} {
		in := isotp.Intake{Start: isotp.NewDate(2026, 3, 2), Referrals: []isotp.Referral{{ID: "R1", DateOfBirth: d}}}
		err := in.Check()
		if !errors.Is(err, isotp.ErrInvalidInput) {
			t.Fatalf("Check with date of birth %v: %v, want an input error", d, err)
		}
		if strings.Contains(err.Error(), "1980") {
			t.Errorf("Check with date of birth %v: error %q quotes the year", d, err)
		}
	}
}
