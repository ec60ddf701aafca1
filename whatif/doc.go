// Package whatif answers a policy author's question "what would change?":
// it decides the cases of a caseload under two policies (national policy
// and an area file, or two area files) and reports every case whose
// decisions differ, what changed from what to what, and which difference
// between the policies the changed decision reads.
//
// The decisions compared are, in this order:
//
//   - eligibility: outcome, refer_to, regime, proposal and each rule's
//     result;
//   - attendance, when the case has an attendance record: status, next,
//     catch_ups_remaining, enforcement.action, completion.met and each
//     completion rule's result;
//   - assessment, when the case has assessments: each scale's category.
//
// A change in any of them is a change of the case. Each change says why
// (Change.Because): the differences between the policies (parameters, rules
// added or replaced, texts, scale figures, outcome codes) that the decision
// reads, found once from the compiled rules, not guessed per case. A
// decision no difference can reach is not made at all: when an area only
// lowers max_catch_ups, eligibility is not decided twice to find it
// unchanged.
//
// Run reads a caseload as JSON Lines, one case file per line, with a fixed
// number of worker goroutines and a bounded window of lines in flight, and
// reports cases in input order; memory does not grow with the caseload.
// Lines that are not valid case files are reported with their line number
// and counted, never fatal. The Summary counts each distinct change, so its
// size depends on the policies, not on the number of cases.
//
// It is not a test runner: it does not say whether a change is right, only
// who it reaches and why.
package whatif
