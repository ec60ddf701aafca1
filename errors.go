package isotp

import (
	"errors"

	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/internal/jsonread"
)

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

// UnknownKeyError is the *InputError for key, a key of the object at path
// that names nothing of the kind given, such as a scale the policy's battery
// does not have, with hint added to the message. It words the error as the
// decoder words its own: the path shows the key as a plain name, quoted in
// brackets (["odd key"]) or, when longer than 64 bytes, described ([a key of
// 80 bytes]); the message quotes the key only when it looks like a short
// word of the caller's vocabulary (at most 32 bytes of letters, '_' and
// '-'), and otherwise describes it by its length.
func UnknownKeyError(path, kind, key, hint string) *InputError {
	return &InputError{Path: jsonread.KeyPath(path, key), Msg: enum.Unknown(kind, key) + hint}
}
