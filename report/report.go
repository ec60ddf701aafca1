package report

import (
	"context"
	"errors"
	"fmt"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/rules"
)

// A Reporter makes Post-Programme Reports under one policy: it summarises a
// case's attendance and assesses its psychometric scores, and joins the two.
// It is immutable and safe for concurrent use; make one per policy with
// New and keep it. The zero Reporter is not usable.
type Reporter struct {
	att  *attendance.Summarizer
	as   *assessment.Assessor
	info rules.Info
}

// New compiles what a report needs from the policy: the attendance
// completion rules and the psychometric battery. It fails as attendance.New
// and assessment.New do, with the policy's errors.
func New(pol *rules.Policy) (*Reporter, error) {
	att, err := attendance.New(pol)
	if err != nil {
		return nil, err
	}
	as, err := assessment.New(pol)
	if err != nil {
		return nil, err
	}
	return &Reporter{att: att, as: as, info: pol.Info()}, nil
}

// A Report is the Post-Programme Report: what a man's attendance, the
// completion rules and his pre- and post-programme assessments show, for him
// and for his Offender Manager. Its JSON form is the output of
// `isotp report --format json`; WriteText, WriteMarkdown and WriteHTML write
// it for people. A Report is plain data: Report returns a new one for each
// call, and a program may build one itself from a summary and a result made
// under the same policy.
type Report struct {
	// AsOf is the day the report speaks as of: the case's as_of, never the
	// clock, so that the same case always gives the same report. Nil when
	// the case does not give it.
	AsOf *isotp.Date `json:"as_of"`
	// OffenderID is the case's offender.id, if it gives one.
	OffenderID string `json:"offender_id,omitempty"`
	// Notice is a caution a program may set before writing the report, such
	// as that it is a draft or that its norms are illustrative; every format
	// shows it at the top. Report leaves it empty.
	Notice     string              `json:"notice,omitempty"`
	Attendance *attendance.Summary `json:"attendance"`
	Assessment *assessment.Result  `json:"assessment"`
	Policy     rules.Info          `json:"policy"`
}

// ErrIncomplete is returned by the Write methods of a Report that has no
// attendance summary or no assessment result.
var ErrIncomplete = errors.New("report: the report needs an attendance summary and an assessment result")

// Report makes case c's Post-Programme Report as of c.AsOf. The report is
// made whatever stage he has reached: a report on a programme not yet
// completed says so. Input the attendance summary or the assessment cannot
// read is an *isotp.InputError naming the JSON path (an absent attendance
// record among them: give "sessions": [] if he has not started); an error in
// the completion rules wraps rules.ErrEvaluation; a cancelled ctx gives the
// context's error.
func (r *Reporter) Report(ctx context.Context, c *isotp.Case) (*Report, error) {
	if c == nil {
		return nil, &isotp.InputError{Msg: "no case given"}
	}
	sum, err := r.att.Summarize(ctx, c)
	if err != nil {
		return nil, err
	}
	res, err := r.as.Assess(ctx, c)
	if err != nil {
		return nil, err
	}
	rep := &Report{Attendance: sum, Assessment: res, Policy: r.info}
	if !c.AsOf.IsZero() {
		asOf := c.AsOf
		rep.AsOf = &asOf
	}
	if c.Offender != nil {
		rep.OffenderID = c.Offender.ID
	}
	return rep, nil
}

// check reports whether the report has both its parts.
func (rep *Report) check() error {
	if rep == nil || rep.Attendance == nil || rep.Assessment == nil {
		return ErrIncomplete
	}
	return nil
}

// label names the report for a title: its case and date, as far as known.
func (rep *Report) label() string {
	switch {
	case rep.OffenderID != "" && rep.AsOf != nil:
		return fmt.Sprintf("%s, %s", rep.OffenderID, rep.AsOf.Long())
	case rep.OffenderID != "":
		return rep.OffenderID
	case rep.AsOf != nil:
		return rep.AsOf.Long()
	}
	return ""
}
