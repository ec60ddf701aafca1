package policytest

import (
	"strings"
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

// TestTestFileLimits: test files are read under the limits of rule files
// for flow nesting and any one text (they may be larger, holding cases),
// and a problem with their YAML is at its line and column like any other.
func TestTestFileLimits(t *testing.T) {
	const head = "tests:\n  - name: "
	tests := []struct {
		name string
		src  string
		want []rules.Position
	}{
		{name: "flow nesting past the limit",
			src:  head + "deep\n    case: {offences: " + strings.Repeat("[", 40) + "\n",
			want: []rules.Position{{File: "x_test.yaml", Line: 3, Column: 53}}},
		{name: "a test name past the text limit",
			src:  head + strings.Repeat("n", 20001) + "\n    case: {as_of: 2026-11-27}\n    expect: {attendance: {status: completed}}\n",
			want: []rules.Position{{File: "x_test.yaml", Line: 2, Column: 11}}},
		{name: "a tab in the indentation",
			src:  head + "tab\n\tcase: {}\n",
			want: []rules.Position{{File: "x_test.yaml", Line: 3, Column: 1}}},
		{name: "a NUL byte",
			src:  head + "n\x00\n",
			want: []rules.Position{{File: "x_test.yaml", Line: 2, Column: 12}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs ErrorList
			parseFile(&errs, "x_test.yaml", []byte(tt.src))
			var got []rules.Position
			for _, e := range errs {
				got = append(got, e.Pos)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error positions mismatch (-want +got):\n%s\n%v", diff, errs)
			}
		})
	}
}
