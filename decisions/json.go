package decisions

import (
	"encoding/json"
	"io"
)

// WriteJSON writes v, a Result or any other output of the tools, as they
// print it: JSON indented by two spaces, with <, > and & written as
// themselves, and a final newline. The command (--format json) and the HTTP
// service write through it, so that both give the same bytes for the same
// result.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
