package isotp

import "errors"

// ErrInvalidInput is matched, with errors.Is, by every error that reports a
// problem in an input document (a case file, a referral list) rather than in
// the policy or the program.
var ErrInvalidInput = errors.New("invalid input")

// An InputError reports a problem in an input document at a JSON path such
// as attendance.sessions[3].outcome. It names the place and what was
// expected; it quotes the offending value only when that value is not
// personal data (an enum spelling, a malformed date).
type InputError struct {
	Path string // JSON path of the offending value; "" for the whole document
	Msg  string
}

func (e *InputError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Is reports whether target is ErrInvalidInput.
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }
