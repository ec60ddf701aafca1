// Package isotp holds the domain of the accredited Internet Sexual Offending
// Treatment Programme (i-SOTP): the case file and its parts (Offender,
// Offence, Order, Attendance, Assessment), civil dates, and the enumerations
// the case format uses. It has no rules, no CEL and no I/O beyond decoding a
// case from a reader.
//
// The decisions live in subpackages, each compiled once from a loaded policy
// and then safe for concurrent use:
//
//	rules        rule files, parameters, area overrides, the CEL engine
//	eligibility  who is eligible (pre-sentence proposal, post-sentence allocation)
//	attendance   session history: catch-ups, restart, enforcement, completion
//	assessment   psychometric change (reliable change), the Post-Programme Report
//	groups       group formation from referrals
//	policytest   policy authors' test files (isotp test)
//	schema       JSON Schemas for case, referral, rule and test files
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
// ErrInvalidInput with errors.Is. Problems in rule files are rules.ErrorList
// values with file:line:col positions, matching rules.ErrInvalidPolicy.
//
// # Concurrency
//
// Loaded policies and the evaluators made from them are immutable and safe
// for concurrent use. Decoded cases are plain values owned by the caller.
//
// # Privacy
//
// The library writes nothing anywhere. Error messages name fields and paths;
// they quote a value only when it is not personal data (an enumeration
// spelling, a malformed date).
package isotp
