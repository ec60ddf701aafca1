package policytest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/isotp-dev/isotp/rules"
)

// TestBooleanExpectation: a boolean expectation takes YAML's spellings of
// true and false; anything else, even tagged !!bool, is an error at the
// value rather than an expectation silently dropped.
func TestBooleanExpectation(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		wantErr []rules.Position // nil: the file is accepted
	}{
		{name: "true", value: "true"},
		{name: "title case", value: "True"},
		{name: "upper case", value: "FALSE"},
		{name: "tagged yes", value: "!!bool yes", wantErr: []rules.Position{{File: "x_test.yaml", Line: 4, Column: 45}}},
		{name: "text", value: `"true"`, wantErr: []rules.Position{{File: "x_test.yaml", Line: 4, Column: 45}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "tests:\n  - name: met\n    case: {as_of: 2026-11-27}\n" +
				"    expect: {attendance: {completion: {met: " + tt.value + "}}}\n"
			var errs ErrorList
			parseFile(&errs, "x_test.yaml", []byte(src))
			var got []rules.Position
			for _, e := range errs {
				got = append(got, e.Pos)
			}
			if diff := cmp.Diff(tt.wantErr, got); diff != "" {
				t.Errorf("error positions mismatch (-want +got):\n%s\n%v", diff, errs)
			}
		})
	}
}
