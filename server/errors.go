package server

import (
	"errors"
	"net/http"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// An apiError is the body of every answer that is not a success:
// {"error": {...}}. Code is stable, for programs; Message is for people and
// never quotes the case.
type apiError struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Path    *string `json:"path,omitempty"` // the JSON path of an input error; "" for the whole document

	Parameter string `json:"parameter,omitempty"` // the query parameter of an invalid_query error

	// For a rule that failed on the case: where, in the policy.
	Section  string `json:"section,omitempty"`
	Kind     string `json:"kind,omitempty"` // rule, variable or text
	Name     string `json:"name,omitempty"` // the rule's id, or the variable's or text's name
	Position string `json:"position,omitempty"`
}

// The error codes, by status.
const (
	codeInvalidInput         = "invalid_input"          // 400
	codeInvalidQuery         = "invalid_query"          // 400
	codeUnauthorized         = "unauthorized"           // 401
	codeNotFound             = "not_found"              // 404
	codeMethodNotAllowed     = "method_not_allowed"     // 405
	codeTooLarge             = "too_large"              // 413
	codeUnsupportedMediaType = "unsupported_media_type" // 415
	codeEvaluation           = "evaluation_failed"      // 422
	codeCostLimit            = "cost_limit"             // 422
	codeShuttingDown         = "shutting_down"          // 503
	codeInternal             = "internal"               // 500
)

func writeError(w http.ResponseWriter, status int, e *apiError) {
	writeJSON(w, status, struct {
		Error *apiError `json:"error"`
	}{e})
}

// decisionError says how to answer err, an error from decoding a request
// body or making a decision: an input error is the caller's (400, or 413
// when it is over a limit), naming the JSON path; a rule that failed on the
// case is 422, naming the rule; anything else is the server's own failure.
func decisionError(err error) (int, *apiError) {
	var in *isotp.InputError
	if errors.As(err, &in) {
		path := in.Path
		e := &apiError{Code: codeInvalidInput, Message: in.Error(), Path: &path}
		if errors.Is(err, isotp.ErrTooLarge) {
			e.Code = codeTooLarge
			return http.StatusRequestEntityTooLarge, e
		}
		return http.StatusBadRequest, e
	}
	var ev *rules.EvalError
	if errors.As(err, &ev) {
		e := &apiError{Code: codeEvaluation, Message: ev.Error(), Section: ev.Section, Kind: ev.Kind, Name: ev.Name}
		if ev.Pos.File != "" {
			e.Position = ev.Pos.String()
		}
		if errors.Is(err, rules.ErrCostLimit) {
			e.Code = codeCostLimit
		}
		return http.StatusUnprocessableEntity, e
	}
	return http.StatusInternalServerError, &apiError{Code: codeInternal, Message: "the decision could not be made: " + err.Error()}
}
