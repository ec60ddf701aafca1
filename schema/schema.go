// Package schema holds JSON Schemas (draft 2020-12) for the files isotp
// reads, for editors and for other systems that write them:
//
//	case.schema.json       a case file (isotp eligibility, attendance, assessment, report)
//	referrals.schema.json  the referrals for group formation (isotp groups)
//	rule-file.schema.json  a national rule file
//	area-file.schema.json  an area file
//	test-file.schema.json  a policy test file
//
// and the OpenAPI 3.1 description of the HTTP service (isotp serve),
// openapi.json, whose request bodies refer to the case and referral schemas
// by their file names; the service serves it at /v1/openapi.json and those
// schemas beside it.
//
// Rule files name their schema in a first-line comment that YAML editors
// using yaml-language-server follow:
//
//	# yaml-language-server: $schema=../../schema/area-file.schema.json
//
// The schemas check shape and spelling, and the case and referral schemas
// the input limits of package isotp (maxItems, maxLength; the sizes in
// bytes are in their descriptions, and maxLength counts characters where
// isotp counts bytes); isotp itself checks everything else (types of CEL
// expressions, parameter bounds) and is the authority.
package schema

import "embed"

// FS holds the schemas, by file name.
//
//go:embed *.schema.json
var FS embed.FS

// OpenAPI is openapi.json, the description of the HTTP service.
//
//go:embed openapi.json
var OpenAPI []byte
