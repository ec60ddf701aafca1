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

// add appends an error at pos.
func (l *ErrorList) add(pos Position, line string, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Line: line})
}
