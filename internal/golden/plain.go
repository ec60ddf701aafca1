package golden

import (
	"html"
	"regexp"
)

var (
	// jsonPath is a JSON path, which a sentence may name for a fact to
	// record: attendance.offender_manager_contacts,
	// attendance.between_session_work[1].completed.
	jsonPath = regexp.MustCompile(`\b[a-z][a-z0-9_]*(\[\d+\])?(\.[a-z][a-z0-9_]*(\[\d+\])?)+`)
	// snakeCase is an identifier written in snake_case: a rule id, a
	// parameter name, a finding code, a scale id.
	snakeCase = regexp.MustCompile(`\b[a-z][a-z0-9]*(_[a-z0-9]+)+\b`)

	styleOrScript = regexp.MustCompile(`(?s)<(style|script)\b.*?</(style|script)>`)
	tag           = regexp.MustCompile(`(?s)<[^>]*>`)
)

// Identifiers returns the snake_case identifiers in text, for what people
// read (a court, an Offender Manager, the man himself) must not name rule
// ids, parameter names, finding codes or scale ids. JSON paths are left
// out: a sentence may name the path of a fact to record.
func Identifiers(text string) []string {
	return snakeCase.FindAllString(jsonPath.ReplaceAllString(text, " "), -1)
}

// TextContent returns the text of an HTML page that a reader sees or
// hears: without its tags and their attributes, style sheet and script.
func TextContent(page string) string {
	return html.UnescapeString(tag.ReplaceAllString(styleOrScript.ReplaceAllString(page, " "), " "))
}
