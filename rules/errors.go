package rules

import (
	"errors"
	"fmt"
	"sort"

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

// ErrorList is a list of rule-file errors, sorted by position by Sort. Like
// go/scanner.ErrorList, its Error method reports the first error and how many
// more there are; Err returns nil for an empty list.
type ErrorList []*Error

func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i].Pos, l[j].Pos
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	return l[i].Msg < l[j].Msg
}

// Sort sorts the list by file, line, column and message.
func (l ErrorList) Sort() { sort.Stable(l) }

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

// Err returns l sorted as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// add appends an error at pos.
func (l *ErrorList) add(pos Position, line string, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Line: line})
}
