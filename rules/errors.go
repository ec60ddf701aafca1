package rules

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/isotp-dev/isotp/internal/yamlfile"
)

// ErrInvalidPolicy is matched, with errors.Is, by every error that reports a
// problem in a rule file or area file: an ErrorList from Load or Compile.
var ErrInvalidPolicy = errors.New("invalid policy")

// ErrEvaluation is matched by errors raised while evaluating a rule against a
// case: a runtime error in a CEL expression or a cost limit exceeded. The
// decision cannot be made; nothing is guessed.
var ErrEvaluation = errors.New("rule evaluation failed")

// codes are the families of rule-file errors, by code, as Error.Code gives
// them. A code is stable: tools (editors, CI annotations) may rely on it,
// where the wording of a message may change.
var codes = []struct{ code, means string }{
	{"yaml.syntax", "not valid YAML, an empty file, more than one document, or a top level that is not a mapping"},
	{"yaml.text", "bytes that are not UTF-8 text, or control characters"},
	{"yaml.limit", "a file, a nesting of lists and mappings, or a text over its limit"},
	{"yaml.alias", "an anchor, alias or merge key, which rule files do not allow"},
	{"field.unknown", "a field the file's format does not have, such as a misspelt one"},
	{"field.missing", "a required field not given"},
	{"field.duplicate", "a field given twice"},
	{"field.type", "a value of the wrong kind: a list for text, text for a number"},
	{"field.value", "a value the field does not take: empty text, a number out of range, an unknown choice"},
	{"policy.name", "the policy's name or version missing or given twice"},
	{"area.name", "an area file's area name that is reserved"},
	{"area.policy", "an area file for another policy"},
	{"param.name", "a parameter declared with a name that is not snake_case"},
	{"param.declaration", "a national parameter declared wrongly, such as a fixed one with bounds"},
	{"param.duplicate", "a parameter declared twice"},
	{"param.unknown", "a parameter the national policy does not declare, such as a misspelt one"},
	{"param.type", "a parameter value of the wrong type, or a type that does not exist"},
	{"param.fixed", "an area setting a parameter national policy fixes"},
	{"param.bounds", "a parameter value outside the bounds national policy sets"},
	{"rule.id", "a rule id that is not snake_case"},
	{"rule.duplicate", "a rule defined twice"},
	{"rule.override", "an area replacing a national rule that is not marked overridable"},
	{"rule.effect", "a rule effect its section does not have"},
	{"rule.message", "a rule with both message and message_expression"},
	{"section.name", "a variable or text whose name is not snake_case or is an input's"},
	{"section.duplicate", "a variable or text defined twice"},
	{"section.missing", "a variable or text a decision needs that the policy does not define"},
	{"section.type", "a variable a decision reads whose expression is of the wrong type"},
	{"cel.syntax", "a CEL expression that does not parse"},
	{"cel.type", "a CEL expression that does not type-check: an unknown name or field, a wrong type"},
	{"cel.cost", "a CEL expression, or a section's expressions together, that could cost more than the limit"},
	{"cel.plan", "a CEL expression that cannot be planned"},
	{"catalogue", "an error in the offence catalogue"},
	{"battery", "an error in the psychometric battery or its norms"},
	{"calendar", "an error in the working-day calendar: its checked years, one-off bank holidays or an area's closure days"},
	{"outcome_code", "an error in the outcome codes of a case-management system"},
	{"internal", "a failure of isotp itself, not of the file"},
}

// Codes returns the code of every family of rule-file error, in the order
// of the documentation; Error.Code is always one of them.
func Codes() []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c.code
	}
	return out
}

// CodeMeaning returns what errors of family code are, or "" for a code
// that is not one.
func CodeMeaning(code string) string {
	for _, c := range codes {
		if c.code == code {
			return c.means
		}
	}
	return ""
}

// A Position is a place in a rule file. Line and Column count from 1; a
// Position with Line 0 names only the file.
type Position struct {
	File   string
	Line   int
	Column int
}

// String returns file:line:col, file:line or file.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// An Error is one problem in a rule file, at a position, with the source line
// it is on when that is known.
type Error struct {
	Pos  Position
	Code string // the family of the problem, one of Codes: "param.bounds", "cel.type"
	Msg  string
	Line string // the offending source line, for display; may be empty
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Detail returns the error followed by its source line and a caret under the
// column, as the check command prints it. A long line is cut to a short
// excerpt around the column, and a byte that would not print as itself (a
// control character, a byte that is not UTF-8) is shown escaped.
func (e *Error) Detail() string {
	if e.Line == "" || e.Pos.Column == 0 {
		return e.Error()
	}
	text, caret := yamlfile.Excerpt(e.Line, e.Pos.Column)
	return fmt.Sprintf("%s\n    %s\n    %s", e.Error(), text, caret)
}

// ErrorList is a list of rule-file errors. Like go/scanner.ErrorList, its
// Error method reports the first error and how many more there are; Err
// sorts it by position and returns nil for an empty list.
type ErrorList []*Error

// compareErrors orders errors by file, line, column and message.
func compareErrors(a, b *Error) int {
	return cmp.Or(strings.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column), strings.Compare(a.Msg, b.Msg))
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Is reports whether target is ErrInvalidPolicy.
func (l ErrorList) Is(target error) bool { return target == ErrInvalidPolicy }

// Err sorts l in place by file, line, column and message and returns it as
// an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	slices.SortStableFunc(l, compareErrors)
	return l
}

// add appends an error of family code at pos.
func (l *ErrorList) add(code string, pos Position, line string, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Code: code, Msg: fmt.Sprintf(format, args...), Line: line})
}
