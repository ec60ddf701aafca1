// Package policytest runs policy test files: YAML files, written by policy
// authors rather than Go programmers, that give cases and the decisions the
// policy should make for them. It is what `isotp test` runs.
//
// A test file's name ends in _test.yaml (Suffix), and it sits beside the
// rule or area file it tests (the national rules' tests are in rules/tests,
// beside rules/national, where every .yaml file is read as a rule file). Its
// fields:
//
//	description: what the file tests               (optional)
//	area: cheshire.yaml                            (optional) the area file the
//	                                               tests are for, relative to
//	                                               this file; none: national
//	tests:
//	  - name: a fourth catch-up means starting again
//	    case: cases/restart.json                   a JSON case file, relative
//	                                               to this file, or the case
//	                                               written out as a mapping
//	    with: {offender: {date_of_birth: null}}    (optional) changes to the case
//	    expect:
//	      eligibility: {outcome: ..., rules: {male: pass, ...}, ...}
//	      attendance:  {status: ..., completion: {met: ..., rules: {...}}, ...}
//	      assessment:  {scales: {cognitive_distortions: recovered}}
//
// Rules, in the order they apply:
//
//  0. The files a test file names (case:, area:) are in its own folder or
//     below it: an absolute path, a .. that leads out of the folder, or a
//     symbolic link to a file outside it is an error at the value, and the
//     file is not read. They are read, through an os.Root on the folder,
//     when the test file is. A case file that is not a valid case is an
//     error naming the case file's line and column and what was wanted
//     there, never quoting its content.
//  1. A case written out is read exactly as a JSON case file is read by
//     isotp.DecodeCase, field for field: the same fields, enums, types and
//     the rule that absent and null mean unknown. YAML's unquoted dates are
//     taken as the dates they spell. An error names the test file's line
//     and column.
//  2. with is merged into the case: mappings field by field, anything else
//     (a value, a list, null) replaces what the case has. null makes a fact
//     unknown. The case and with are each read as in rule 1 first.
//  3. expect names the decisions to make (eligibility, attendance and
//     assessment; groups take referrals, not a case, and are not tested
//     here) and, under each, only the fields to compare: a field not given
//     is not checked. Rule results are given by rule id, as a verdict (pass,
//     fail, unknown, not_applicable) or as {result, message_contains}. Lists
//     of JSON paths, finding codes and rule ids (missing, findings,
//     undecided) are compared as sets; outstanding is compared in order. An
//     unknown field or value is an error at its line and column.
//  4. A test passes when every field given matches. When a decision cannot be
//     made for the case (an outcome code the policy does not know, a score
//     for a scale not in the battery), the test fails with the error, placed
//     in the case where it can be.
//
// Test files are read as rule files are (internal/yamlfile): one YAML
// document, no anchors, aliases or merge keys, flow nesting at most 32 deep
// and any one text at most 20,000 bytes; a test file may be 8 MiB, and a
// case file 1 MiB (isotp.MaxCaseBytes).
//
// The tests of a file run under one policy: the national rule files with
// the file's area file overlaid, or the area file Config.Area names for
// files that name none. Running national tests under an area shows which
// national expectations the area's overrides change.
//
// Coverage is counted per policy and rule section (eligibility, completion):
// for each rule in force, how often the tests saw it pass, fail, be unknown
// and not apply. A rule never seen to fail has not been tested for what it
// is there to catch.
//
// A Suite, once loaded, is immutable; Run may be called on it from several
// goroutines. Run loads and compiles each policy once and decides each case
// in turn.
package policytest
