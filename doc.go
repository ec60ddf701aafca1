// Package isotp holds the domain of the accredited Internet Sexual Offending
// Treatment Programme (i-SOTP): the case file and its parts (Offender,
// Offence, Order, Attendance, Assessment), the groups intake file (Intake,
// Referral), civil dates, the enumerations the case format uses, and the
// limits and errors of its input documents. It has no rules, no CEL and no
// I/O beyond decoding a case from a reader: it keeps the case format itself
// (which JSON key goes to which field, with each field's limits and the
// wording of its errors), and a JSON reader below it walks the document.
//
// The decisions live in subpackages, each compiled once from a loaded policy
// and then safe for concurrent use:
//
//	rules        the engine: rule files, parameters, area overrides, CEL bound by name
//	eligibility  who is eligible (pre-sentence proposal, post-sentence allocation)
//	attendance   session history: catch-ups, restart, enforcement, completion
//	assessment   psychometric change (reliable change)
//	groups       group formation from referrals
//	decisions    the one list of the decisions above, for the tools that serve them all
//	report       the Post-Programme Report (attendance and assessment together)
//	policytest   policy authors' test files (isotp test)
//	whatif       a caseload's decisions under two policies (isotp diff)
//	server       the decisions over HTTP (isotp serve)
//	schema       JSON Schemas for case, referral, rule and test files, and the service's OpenAPI description
//
// A typical use:
//
//	pol, err := rules.Load(rules.National, rules.AreaPath("cheshire.yaml"))
//	elig, err := eligibility.New(pol)
//	c, err := isotp.DecodeCase(r)
//	dec, err := elig.Decide(ctx, c)
//
// # Unknown facts
//
// Absent and null values in a case file mean "not known", never false or
// zero: a nil pointer, a zero Date, a zero enumeration value or a nil slice.
// A rule that needs a fact that is not known is itself unknown, and the
// decision names the missing fact by its JSON path.
//
// # Rule files
//
// Policy is written in YAML rule files as CEL expressions. The national
// policy ships embedded in package rules; see rules for the format, and
// docs/policy-authoring.md for a guide.
//
// # Area overrides
//
// Each probation area may overlay one small area file on the national
// policy: it may set parameters within the bounds national policy gives
// them, add rules of its own, and replace national rules marked overridable.
// Everything is checked when the policy is loaded.
//
// # As-of dates
//
// Nothing here reads a clock. Every decision is made at the case's as_of
// date; a case without one leaves age-dependent rules unknown. The same case
// and policy always give the same decision.
//
// # Errors
//
// Problems in an input document are *InputError values naming the JSON path
// (attendance.sessions[3].outcome: unknown outcome "attnded") and match
// ErrInvalidInput with errors.Is; those over a limit (see Limits) match
// ErrTooLarge too, and an error reading the input is reported at the path
// reached and matches the reader's error. Problems in rule files are rules.ErrorList values with
// file:line:col positions, matching rules.ErrInvalidPolicy.
//
// # Limits
//
// So that no document can make a decision slow or exhaust memory, the
// decoders hold each to limits, the Max constants (see MaxCaseBytes), which
// the JSON Schemas state too: the size of a case (MaxCaseBytes, for a case
// file or each case of a caseload) and of an intake file (MaxIntakeBytes);
// the number of offences, requirements, session events, warnings, offender
// manager contacts, between-session work items, scores and referrals
// (MaxOffences, MaxRequirements, MaxSessions, MaxWarnings, MaxContacts,
// MaxWorkItems, MaxScores, MaxReferrals); the length in bytes of an id
// (offender.id and a referral's id: MaxIDLen), of a name (an offence, an
// outcome code, a scale id, any object key: MaxNameLen) and of free text (a
// session's reason: MaxTextLen); and 100 characters for a number. They
// are generous for real cases, and the rule engine bounds the cost of every
// rule over them.
//
// The limits are checked as a document is read: a list is refused at its
// first item past its limit, a string or number at the byte past it, and a
// document at the byte past its size, without reading or holding the rest,
// so that refusing a document of any size costs no more than its limit. The
// error names the path of the first item past the limit (offences[100]:
// more than 100 offences; offender.id: longer than 100 bytes). A
// CaseDecoder reports such a case as an error for that case alone, passes
// the rest of it without holding it, and reads the next.
//
// # Concurrency
//
// Loaded policies and the evaluators made from them are immutable and safe
// for concurrent use. Decoded cases are plain values owned by the caller.
//
// # Privacy
//
// The library writes nothing anywhere. Error messages name fields and paths
// and say what was wanted; they never quote a value from a document, which
// may be a date of birth, a name or an id put in the wrong field. They
// describe it instead: by its shape (offender.date_of_birth: invalid date:
// looks like DD/MM/YYYY; want YYYY-MM-DD), by what is wrong with it (no
// such day in that month; a number with a decimal point), by its JSON type
// (want a string, got a number) or by its length. Two things from a
// document are shown, both the caller's vocabulary rather than data: an
// unknown enumeration spelling that looks like one, a word of letters, '_'
// and '-' of up to 32 bytes (unknown sex "mael"), to help fix a typo; and
// object keys in paths, up to 64 bytes (a longer key is shown as [a key of
// 80 bytes]). A JSON syntax error gives the byte offset and the one
// character found there. ParseDate's error quotes its argument: it is for
// the text of a program or a policy file, not for case data.
//
// The text written for people (the WriteText, WriteMarkdown and WriteHTML
// methods of the decision and report packages) shows an id or name from a
// case as given, but for the characters that could reorder or hide what is
// read: the bidirectional controls U+061C, U+200E, U+200F, U+202A to U+202E
// and U+2066 to U+2069, the control characters other than tab and newline,
// and the separators U+2028 and U+2029, each written as a visible mark,
// <U+202E> (&lt;U+202E&gt; in HTML). JSON keeps every value as given.
package isotp
