// Package cases holds the sample case files the examples and tests use,
// embedded so that the example programs run from any directory. On disk they
// are under examples/cases/, for the isotp command:
//
//	isotp eligibility examples/cases/eligibility/eligible-pre-sentence.json
package cases

import "embed"

// FS holds the sample case files: eligibility/*.json.
//
//go:embed eligibility/*.json
var FS embed.FS
