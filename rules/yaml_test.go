package rules_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

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
			require.NoError(t, err)
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
	want := rules.Position{File: "area.yaml", Line: 4, Column: 2}
	if len(list) != 1 {
		t.Errorf("%d errors, want 1: %v", len(list), list)
	}
	if diff := cmp.Diff(want, list[0].Pos); diff != "" {
		t.Errorf("position mismatch (-want +got):\n%s", diff)
	}
}

// TestYAMLErrorPositions: every problem with an area file's YAML is an
// error at its line and column, found even where the YAML parser gives
// none, and its Detail shows a short excerpt of the line, never the whole
// of a long one nor a byte that does not print as itself.
func TestYAMLErrorPositions(t *testing.T) {
	const head = "area: x\npolicy: i-SOTP\n"
	tests := []struct {
		name string
		src  string
		want rules.Position
	}{
		{name: "tab indentation", src: head + "params:\n\tmax_catch_ups: 3\n", want: rules.Position{Line: 4, Column: 1}},
		{name: "NUL byte", src: head + "description: a\x00b\n", want: rules.Position{Line: 3, Column: 15}},
		{name: "invalid UTF-8", src: head + "description: caf\xe9\n", want: rules.Position{Line: 3, Column: 17}},
		{name: "terminal escape", src: head + "description: \x1b[2J\n", want: rules.Position{Line: 3, Column: 14}},
		{name: "flow nesting too deep", src: head + "params: {max_catch_ups: " + strings.Repeat("[", 40) + "\n", want: rules.Position{Line: 3, Column: 56}},
		{name: "over the size limit", src: head + strings.Repeat("# a comment line\n", 70000), want: rules.Position{Line: 61682, Column: 11}},
		{name: "unknown field after accented text", src: head + "params: {é: 1}\n", want: rules.Position{Line: 3, Column: 10}},
		{name: "a mistake in a 30 KB line", src: head + "description: [" + strings.Repeat("x, ", 10000) + "@y]\n", want: rules.Position{Line: 3, Column: 30015}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(tt.src)))
			var list rules.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load = %v, want an ErrorList", err)
			}
			tt.want.File = "area.yaml"
			if diff := cmp.Diff(tt.want, list[0].Pos); diff != "" {
				t.Errorf("position mismatch (-want +got):\n%s\n%s", diff, list[0].Detail())
			}
			for _, line := range strings.Split(list[0].Detail(), "\n")[1:] { // the excerpt and the caret
				if n := utf8.RuneCountInString(line); n > 250 {
					t.Errorf("Detail has a line of %d characters", n)
				}
				if strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 && r != '\t' || r == utf8.RuneError }) {
					t.Errorf("Detail holds a byte that does not print: %q", line)
				}
			}
		})
	}
}

// TestAreaFileThatNeverEnds: reading an area file stops past the size
// limit, so a device that never ends is an error where the limit is
// passed, not a process that reads until it runs out of memory.
func TestAreaFileThatNeverEnds(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	_, err := rules.Load(rules.National, rules.AreaPath("/dev/zero"))
	var list rules.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load = %v, want an ErrorList", err)
	}
	want := rules.Position{File: "/dev/zero", Line: 1, Column: 1<<20 + 1}
	if diff := cmp.Diff(want, list[0].Pos); diff != "" {
		t.Errorf("position mismatch (-want +got):\n%s", diff)
	}
}
