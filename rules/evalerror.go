package rules

import (
	"errors"
	"fmt"
	"strings"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/isotp-dev/isotp"
)

// ErrCostLimit is matched, with errors.Is, by an EvalError whose expression
// was stopped at ExpressionCostLimit while it ran.
var ErrCostLimit = errors.New("cost limit exceeded")

// An EvalError is an expression that failed on one case: the decision cannot
// be made. It matches ErrEvaluation with errors.Is, and ErrCostLimit when the
// expression was stopped at its cost limit; when a value of the case was
// larger than the rules accept, it also matches isotp.ErrInvalidInput and
// unwraps to the *isotp.InputError naming the value's path.
//
// Its message names the section, the rule, variable or text, the part of it
// that failed and where that is written, and the kind of failure. It never
// quotes a value of the case: CEL's own messages can (a text that does not
// convert to a number, a map key), so they are replaced by a description.
type EvalError struct {
	Section string   // "eligibility"
	Kind    string   // "rule", "variable", "text", or "expression" for an Expr
	Name    string   // the rule's id, or the variable's or text's name; "" for an Expr
	Field   string   // "expression", "unknown_when", "applies_when" or "message_expression"
	Pos     Position // where the failing expression is written
	Problem string   // what went wrong, in words that quote nothing of the case
	cause   error    // *isotp.InputError, ErrCostLimit or errStale, or nil
}

func (e *EvalError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", e.Section, e.Kind)
	if e.Name != "" {
		b.WriteString(" " + e.Name)
	}
	if e.Pos.File != "" {
		fmt.Fprintf(&b, " (%s)", e.Pos)
	}
	b.WriteString(": ")
	if e.Field != "" && e.Field != "expression" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Problem)
	return b.String()
}

// Is reports whether target is ErrEvaluation, or ErrCostLimit for an
// expression stopped at its cost limit.
func (e *EvalError) Is(target error) bool {
	return target == ErrEvaluation || target == e.cause
}

// Unwrap returns the input error behind the failure, if any.
func (e *EvalError) Unwrap() error {
	if e.cause == ErrCostLimit {
		return nil
	}
	return e.cause
}

// A ruleFailure is a failure of one of this package's functions whose
// message quotes nothing of the case and is shown as it is.
type ruleFailure string

func (f ruleFailure) Error() string { return string(f) }

// failure returns a CEL error value with message msg, which must quote
// nothing of the case.
func failure(format string, args ...any) ref.Val {
	return types.WrapErr(ruleFailure(fmt.Sprintf(format, args...)))
}

// evalError describes err, raised by expression ce, in words that quote
// nothing of the case.
func evalError(section, kind, name, field string, ce *compiledExpr, err error) *EvalError {
	e := &EvalError{Section: section, Kind: kind, Name: name, Field: field, Pos: ce.pos}
	var cancelled interpreter.EvalCancelledError
	var input *isotp.InputError
	var own ruleFailure
	switch {
	case errors.As(err, &cancelled) && cancelled.Cause == interpreter.CostLimitExceeded:
		e.cause = ErrCostLimit
		e.Problem = fmt.Sprintf("stopped after %s steps, the limit for one expression", count(runtimeCostLimit))
	case errors.As(err, &input):
		e.cause = input
		e.Problem = input.Error()
	case errors.As(err, &own):
		e.Problem = string(own)
	case errors.Is(err, errStale): // the caller's mistake, not the case's
		e.cause = errStale
		e.Problem = "a field's Get returned a value kept from an earlier evaluation: " + errStale.Error()
	default:
		e.Problem = describe(err.Error())
	}
	return e
}

// celFailures describe CEL's run-time errors by what their messages start
// with or contain, in the order they are tried.
var celFailures = []struct{ says, means string }{
	{"no such overload", "a function or operator was given a value of a type it does not take"},
	{"no such key", "it reads a map key that is not there"},
	{"no such field", "it reads a field that is not there"},
	{"no such attribute", "it reads a name or field that is not there"},
	{"index out of range", "it reads past the end of a list or text"},
	{"index out of bounds", "it reads past the end of a list or text"},
	{"division by zero", "it divides by zero"},
	{"modulus by zero", "it divides by zero"},
	{"overflow", "a number is too large"},
	{"out of range", "a number is out of range"},
	{"regexp", "a regular expression is not valid"},
	{"regex", "a regular expression is not valid"},
	{"type conversion error", "a value could not be converted, such as text that is not a number"},
	{"invalid syntax", "a value could not be converted, such as text that is not a number"},
	{"parsing", "a value could not be converted, such as text that is not a number"},
	{"format", "format was given a value it cannot write"},
}

// describe returns what CEL's error message msg means, without quoting it.
func describe(msg string) string {
	for _, f := range celFailures {
		if strings.Contains(msg, f.says) {
			return f.means
		}
	}
	return "it failed on this case (CEL's message is not shown, as it may quote the case)"
}
