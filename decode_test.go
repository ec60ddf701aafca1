package isotp_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp"
)

func TestDecodeCaseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the error, exactly: path and message
	}{
		{"unknown enum", `{"offender": {"sex": "mael"}}`, `offender.sex: unknown sex "mael"`},
		{"malformed date", `{"as_of": "2026-02-30"}`, `as_of: invalid date: no such day in that month`},
		{"date format", `{"offences": [{"date": "01/03/2019"}]}`, `offences[0].date: invalid date: looks like DD/MM/YYYY; want YYYY-MM-DD`},
		{"wrong type bool", `{"offences": [{}, {"internet": "yes"}]}`, `offences[1].internet: want true, false or null, got a string`},
		{"wrong type int", `{"order": {"supervision_months": "36"}}`, `order.supervision_months: want a whole number, got a string`},
		{"fractional int", `{"order": {"supervision_months": 36.5}}`, `order.supervision_months: want a whole number, got a number with a decimal point`},
		{"exponent int", `{"order": {"supervision_months": 3e1}}`, `order.supervision_months: want a whole number, got a number with an exponent`},
		{"huge int", `{"order": {"supervision_months": 99999999999999999999}}`, `order.supervision_months: want a whole number, got a number too large to hold`},
		{"negative months", `{"order": {"supervision_months": -1}}`, `order.supervision_months: want a whole number of at least 0, got a negative number`},
		{"session zero", `{"attendance": {"sessions": [{"session": 0}]}}`, `attendance.sessions[0].session: want a whole number of at least 1, got 0`},
		{"infinite score", `{"assessment": {"pre": {"scores": {"s": 1e999}}}}`, `assessment.pre.scores.s: want a finite number, got one too large to hold`},
		{"unknown field", `{"offender": {"gender": "male"}}`, `offender.gender: unknown field`},
		{"unknown top-level field", `{"asof": "2026-01-01"}`, `asof: unknown field`},
		{"duplicate key", `{"stage": "pre_sentence", "stage": "post_sentence"}`, `stage: duplicate key`},
		{"requirement", `{"order": {"requirements": ["supervision", "unpaid_work"]}}`, `order.requirements[1]: unknown requirement "unpaid_work"`},
		{"null requirement", `{"order": {"requirements": [null]}}`, `order.requirements[0]: want a requirement, got null`},
		{"object expected", `{"offender": []}`, `offender: want an object, got an array`},
		{"array expected", `{"offences": {}}`, `offences: want an array, got an object`},
		{"session needs a number", `{"attendance": {"sessions": [{"date": "2026-01-05", "outcome": "attended"}]}}`, `attendance.sessions[0]: session: required`},
		{"session number", `{"attendance": {"sessions": [{"session": 0, "date": "2026-01-05", "outcome": "attended"}]}}`, `attendance.sessions[0].session: want a whole number of at least 1, got 0`},
		{"warning date null", `{"attendance": {"warnings": [null]}}`, `attendance.warnings[0]: want a date string YYYY-MM-DD, got null`},
		{"score not a number", `{"assessment": {"pre": {"scores": {"fantasy": "high"}}}}`, `assessment.pre.scores.fantasy: want a number, got a string`},
		{"empty string", `{"offender": {"id": ""}}`, `offender.id: want a non-empty string or null, got ""`},
		{"top level not object", `[]`, `want a case object, got an array`},
		{"null document", `null`, `want a case object, got null`},
		{"empty input", ``, `empty input: want a JSON object`},
		{"trailing data", `{} {}`, `unexpected data after the case object`},
		{"truncated", `{"offender": {"sex": "male"`, `offender: unexpected end of input`},
		{"syntax error", `{"offender": {"sex" "male"}}`, `offender.sex: invalid JSON at byte 20: want ':' after an object key, got '"'`},
		{"missing comma", `{"stage": null "as_of": null}`, `invalid JSON at byte 15: want ',' or '}' after an object member, got '"'`},
		{"trailing comma", `{"stage": null,}`, `invalid JSON at byte 15: want a string key, got '}'`},
		{"key not a string", `{stage: null}`, `invalid JSON at byte 1: want a string key or '}', got 's'`},
		{"missing array comma", `{"offences": [{} {}]}`, `offences[1]: invalid JSON at byte 17: want ',' or ']' after an array element, got '{'`},
		{"mismatched close", `{"offences": [}`, `offences: invalid JSON at byte 14: want a value or ']', got '}'`},
		{"missing value", `{"stage": }`, `stage: invalid JSON at byte 10: want a value, got '}'`},
		{"bad literal", `{"offences": [{"internet": tru}]}`, `offences[0].internet: invalid JSON at byte 30: invalid character '}' in literal true`},
		{"bad escape", `{"offender": {"id": "a\qb"}}`, `offender.id: invalid JSON at byte 23: want one of " \ / b f n r t u after '\' in a string, got 'q'`},
		{"bad unicode escape", `{"offender": {"id": "\u12x4"}}`, `offender.id: invalid JSON at byte 25: want four hex digits after \u, got 'x'`},
		{"control character", "{\"offender\": {\"id\": \"a\tb\"}}", `offender.id: invalid JSON at byte 22: control character "\t" in a string: want it escaped`},
		{"minus alone", `{"order": {"supervision_months": -}}`, `order.supervision_months: invalid JSON at byte 34: want a digit after '-', got '}'`},
		{"bare fraction", `{"order": {"supervision_months": 1.}}`, `order.supervision_months: invalid JSON at byte 35: want a digit after the decimal point, got '}'`},
		{"bare exponent", `{"order": {"supervision_months": 1e+}}`, `order.supervision_months: invalid JSON at byte 36: want a digit in the exponent, got '}'`},
		{"leading zero", `{"order": {"supervision_months": 012}}`, `order: invalid JSON at byte 34: want ',' or '}' after an object member, got '1'`},
		{"plus sign", `{"order": {"supervision_months": +1}}`, `order.supervision_months: invalid JSON at byte 33: want a value, got '+'`},
		{"truncated string", `{"offender": {"id": "ab`, `offender.id: unexpected end of input`},
		{"truncated escape", `{"offender": {"id": "ab\u00`, `offender.id: unexpected end of input`},
		{"deep nesting", `{"offender": ` + strings.Repeat("[", 100000), `offender: want an object, got an array`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := isotp.DecodeCase(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("DecodeCase succeeded, want error %q", tt.want)
			}
			if !errors.Is(err, isotp.ErrInvalidInput) {
				t.Errorf("error %v is not ErrInvalidInput", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q\nwant    %q", err, tt.want)
			}
		})
	}
}

func TestDecodeCaseUnknownStaysUnknown(t *testing.T) {
	c, err := isotp.DecodeCase(strings.NewReader(`{
		"stage": null,
		"offender": {"sex": "male", "date_of_birth": null},
		"offences": [{"offence": "possess_indecent_photograph", "internet": null}],
		"order": {"type": "licence", "requirements": []}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	want := &isotp.Case{
		Offender: &isotp.Offender{Sex: isotp.Male},
		Offences: []isotp.Offence{{Offence: "possess_indecent_photograph"}},
		Order:    &isotp.Order{Type: isotp.Licence, Requirements: []isotp.Requirement{}},
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if c.Offences[0].Internet != nil {
		t.Error("internet: null decoded as known")
	}
	if c.Order.SupervisionMonths != nil {
		t.Error("absent supervision_months decoded as known")
	}
}

func TestDecodeCaseEmptyVersusAbsentLists(t *testing.T) {
	absent, err := isotp.DecodeCase(strings.NewReader(`{"order": {}}`))
	if err != nil {
		t.Fatal(err)
	}
	empty, err := isotp.DecodeCase(strings.NewReader(`{"offences": [], "order": {"requirements": []}}`))
	if err != nil {
		t.Fatal(err)
	}
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
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatal(err)
			}
			break
		}
		stages = append(stages, c.Stage)
	}
	if diff := cmp.Diff([]isotp.Stage{isotp.PreSentence, isotp.PostSentence}, stages); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeOddKeys(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"offender": {"": 1}}`, `offender[""]: unknown field`},
		{`{"offender": {"[x": 1}}`, `offender["[x"]: unknown field`},
		{`{"assessment": {"pre": {"scores": {"a b": "x"}}}}`, `assessment.pre.scores["a b"]: want a number, got a string`},
	}
	for _, tt := range tests {
		_, err := isotp.DecodeCase(strings.NewReader(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("DecodeCase(%s) = %v, want %s", tt.in, err, tt.want)
		}
	}
}
