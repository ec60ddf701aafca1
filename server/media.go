package server

import (
	"mime"
	"net/http"
	"strings"
)

// mediaError says why a request body of the headers h cannot be read, or
// returns nil when it can: the body must be sent as it is (no
// Content-Encoding, or identity) and be JSON (no Content-Type,
// application/json, text/json or any type/subtype+json), in UTF-8 (no
// charset parameter, or utf-8). Other parameters of the type are ignored.
//
// The message names what was given only when it is a short token, so that
// no long or odd header value is echoed back.
func mediaError(h http.Header) *apiError {
	for _, v := range h.Values("Content-Encoding") {
		for _, coding := range strings.Split(v, ",") {
			coding = strings.TrimSpace(coding)
			if coding == "" || strings.EqualFold(coding, "identity") {
				continue
			}
			msg := "the request body must not be compressed: it was sent with a Content-Encoding"
			if shortToken(coding) {
				msg += " (" + strings.ToLower(coding) + ")"
			}
			return unsupported(msg + "; send the JSON as it is, without Content-Encoding")
		}
	}
	types := h.Values("Content-Type")
	switch {
	case len(types) == 0 || len(types) == 1 && strings.TrimSpace(types[0]) == "":
		return nil
	case len(types) > 1:
		return unsupported("the request has more than one Content-Type header; " + wantJSON)
	}
	media, params, err := mime.ParseMediaType(types[0])
	if err != nil || !strings.Contains(media, "/") {
		return unsupported("the request's Content-Type is not a media type; " + wantJSON)
	}
	if !isJSONType(media) {
		msg := "the request body must be JSON, and it was sent as another type"
		if kind, sub, _ := strings.Cut(media, "/"); shortToken(kind) && shortToken(sub) {
			msg = "the request body must be JSON, and it was sent as " + media
		}
		if media == "application/x-www-form-urlencoded" {
			msg += " (what curl -d and --data-binary send unless told otherwise)"
		}
		return unsupported(msg + "; " + wantJSON)
	}
	if charset, given := params["charset"]; given && !strings.EqualFold(charset, "utf-8") {
		msg := "the request body must be JSON in UTF-8, and it was sent with another charset"
		if shortToken(charset) {
			msg = "the request body must be JSON in UTF-8, and it was sent with charset " + strings.ToLower(charset)
		}
		return unsupported(msg + "; send it in UTF-8, with charset=utf-8 or no charset")
	}
	return nil
}

// wantJSON says what a request's Content-Type may be.
const wantJSON = "send it with Content-Type: application/json (or another JSON type, or none)"

func unsupported(msg string) *apiError {
	return &apiError{Code: codeUnsupportedMediaType, Message: msg}
}

// isJSONType reports whether the media type (lower case, as
// mime.ParseMediaType gives it) is JSON: application/json, text/json, or a
// type with the +json structured syntax suffix (RFC 6839), such as
// application/problem+json.
func isJSONType(media string) bool {
	_, sub, _ := strings.Cut(media, "/")
	return media == "application/json" || media == "text/json" || len(sub) > len("+json") && strings.HasSuffix(sub, "+json")
}

// shortToken reports whether s is short enough, and plain enough (an HTTP
// token: letters, digits and !#$%&'*+-.^_`|~), to be named in a message.
func shortToken(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
