package policytest

import (
	"errors"

	"github.com/isotp-dev/isotp/rules"
	"go.yaml.in/yaml/v3"
)

// ErrInvalidTest is matched, with errors.Is, by every error that reports a
// problem in a test file: its YAML, its fields, an expectation, or a case it
// gives or names. Such a suite is not run.
var ErrInvalidTest = errors.New("invalid policy test file")

// ErrorList is a list of problems in test files, each at file:line:col with
// its source line. It reads like rules.ErrorList, but it matches
// ErrInvalidTest, not rules.ErrInvalidPolicy: the policy may be fine.
type ErrorList []*rules.Error

func (l ErrorList) Error() string { return rules.ErrorList(l).Error() }

// Is reports whether target is ErrInvalidTest.
func (l ErrorList) Is(target error) bool { return target == ErrInvalidTest }

// Err returns l sorted by position as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	_ = rules.ErrorList(l).Err() // sorts l in place
	return l
}

// errorf adds an error at node n of file f (at the file when n is nil).
func (l *ErrorList) errorf(f *srcFile, n *yaml.Node, format string, args ...any) {
	f.Errorf((*report)(l), n, format, args...)
}
