package isotp

import "errors"

// ErrInvalidInput is matched, with errors.Is, by every error that reports a
// problem in an input document (a case file, a referral list) rather than in
// the policy or the program.
var ErrInvalidInput = errors.New("invalid input")

// ErrTooLarge is matched, with errors.Is, by an *InputError for a document
// over one of the limits (see MaxCaseBytes): a list with too many items, a
// string or number too long, a document too large. Such an error matches
// ErrInvalidInput too; a service may answer it as a request too large.
var ErrTooLarge = errors.New("input over a limit")

// An InputError reports a problem in an input document at a JSON path such
// as attendance.sessions[3].outcome. It names the place and what was
// expected, and describes the offending value by its shape, never quoting
// it, unless it is a short enumeration spelling ("attnded"), which is the
// caller's vocabulary rather than personal data; the path shows object keys
// of up to 64 bytes (see the package's Privacy section).
type InputError struct {
	Path string // JSON path of the offending value; "" for the whole document
	Msg  string
	// Err is the kind of problem, for a caller to branch on with errors.Is:
	// ErrTooLarge, the error reading the input (when that is what failed),
	// or nil.
	Err error

	// broken says that the JSON itself is broken, or could not be read.
	broken bool
}

// Error returns the path and the message: "offender.sex: unknown sex \"mael\"",
// or the message alone for the whole document.
func (e *InputError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Is reports whether target is ErrInvalidInput.
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }

// Unwrap returns e.Err.
func (e *InputError) Unwrap() error { return e.Err }
