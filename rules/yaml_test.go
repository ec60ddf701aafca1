package rules_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp/rules"
)

// TestBooleanSpellings: YAML reads True and TRUE as booleans, and a rule file
// must mean by them what it says, both in a field (fixed) and in a
// parameter's value.
func TestBooleanSpellings(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  bool
	}{
		{name: "lower true", value: "true", want: true},
		{name: "title true", value: "True", want: true},
		{name: "upper true", value: "TRUE", want: true},
		{name: "lower false", value: "false", want: false},
		{name: "title false", value: "False", want: false},
		{name: "upper false", value: "FALSE", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := fmt.Sprintf("parameters:\n  test_flag:\n    type: bool\n    default: %s\n    fixed: %s\n    description: A flag for this test.\n", tt.value, tt.value)
			pol, err := rules.Load(nationalWith(t, map[string]string{"flags.yaml": file}))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pol.Params() {
				if p.Name != "test_flag" {
					continue
				}
				if p.Value != tt.want || p.Fixed != tt.want {
					t.Errorf("%s: value %v, fixed %v; want %v for both", tt.value, p.Value, p.Fixed, tt.want)
				}
				return
			}
			t.Error("test_flag not loaded")
		})
	}
}

// TestBrokenSecondDocument: a rule file holds one document, and a second one
// that is not even valid YAML is an error at its line, not ignored.
func TestBrokenSecondDocument(t *testing.T) {
	area := "area: x\npolicy: i-SOTP\n---\n[\n"
	_, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(area)))
	var list rules.ErrorList
	if !errors.As(err, &list) || !errors.Is(err, rules.ErrInvalidPolicy) {
		t.Fatalf("Load = %v, want an ErrorList", err)
	}
	want := rules.Position{File: "area.yaml", Line: 4}
	if len(list) != 1 {
		t.Errorf("%d errors, want 1: %v", len(list), list)
	}
	if diff := cmp.Diff(want, list[0].Pos); diff != "" {
		t.Errorf("position mismatch (-want +got):\n%s", diff)
	}
}
