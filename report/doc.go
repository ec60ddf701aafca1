// Package report makes the Post-Programme Report that a man and his
// Offender Manager receive at the end of the i-SOTP programme, and that
// often goes to a court.
//
// A Reporter, made once per policy with New, joins a case's attendance
// summary (package attendance), the completion rules' judgment and the
// psychometric assessment (package assessment) into a Report. A Report is
// written as text (WriteText), Markdown (WriteMarkdown), one self-contained
// HTML page (WriteHTML, standard or large print, with a pre/post chart per
// scale as inline SVG) or JSON (encoding/json). Each form has two parts:
// first, in plain English and addressed to him, his attendance and what his
// questionnaires show; then, for his Offender Manager, the figures: the
// session grid, enforcement, completion rules, findings, the reliable change
// table, the method and the policy's identity.
//
// The report speaks as of the case's as_of, never the clock, so the same
// case and policy always give the same bytes. It is the only package that
// reads both attendance and assessment; the wording of the assessment's
// figures is that package's own (assessment.Wording), quoted here.
package report
