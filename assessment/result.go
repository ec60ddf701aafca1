package assessment

import (
	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
)

// A Result is what a man's pre- and post-programme psychometric assessments
// show: each scale's change and category, the compliance findings, and the
// policy it was worked out under. Its JSON form is the output of
// `isotp assessment`; a Post-Programme Report embeds it. A nil pointer field
// is not known and marshals as null, never as 0.
type Result struct {
	// Caution is set when the figures of some scale are marked in the
	// policy as illustrative (rules.NormsIllustrative): it says so, for
	// every view to show first. Empty otherwise.
	Caution      string        `json:"caution,omitempty"`
	PreDate      *isotp.Date   `json:"pre_date"`      // date of the pre-programme assessment
	PostDate     *isotp.Date   `json:"post_date"`     // date of the post-programme assessment
	FirstSession *isotp.Date   `json:"first_session"` // earliest session event in the attendance record
	LastSession  *isotp.Date   `json:"last_session"`  // latest session event, catch-ups included
	RCIThreshold float64       `json:"rci_threshold"` // a change is reliable when |RCI| exceeds it
	Scales       []ScaleResult `json:"scales"`        // the battery in force, in policy order
	Findings     []Finding     `json:"findings"`      // never null; empty when all is in order
	Policy       rules.Info    `json:"policy"`
}

// A ScaleResult is one scale's change from the pre- to the post-programme
// assessment.
type ScaleResult struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	HigherIsBetter bool     `json:"higher_is_better"`
	Pre            *float64 `json:"pre"`      // null: no pre-programme score
	Post           *float64 `json:"post"`     // null: no post-programme score
	Change         *float64 `json:"change"`   // post - pre; null when either is missing
	SDiff          *float64 `json:"s_diff"`   // standard error of the difference; null without sd and reliability
	RCI            *float64 `json:"rci"`      // reliable change index, change / s_diff; null when it cannot be worked out
	Reliable       *bool    `json:"reliable"` // |rci| > the threshold; null when rci is null
	Cutoff         *float64 `json:"cutoff"`   // between the dysfunctional and functional ranges; null without norms or a cutoff
	Category       Category `json:"category"`
	// Note says, for the Offender Manager, why a category is limited: why
	// recovery could not be judged, or which figures are missing.
	Note string `json:"note,omitempty"`
	// Norms is what the policy states of the scale's figures: published or
	// illustrative, and their source. Nil when the scale has no figures or
	// the policy does not say.
	Norms *rules.Norms `json:"norms"`
}

// A Category is what a scale's change amounts to, after Jacobson and Truax
// (1991). The zero Category is invalid.
type Category uint8

const (
	// Recovered: a reliable improvement that takes the score from the
	// dysfunctional side of the cut-off (or on it) to the functional side.
	Recovered Category = iota + 1
	// Improved: a reliable improvement that does not cross the cut-off, or
	// on a scale that has no cut-off.
	Improved
	// Unchanged: the change is not reliable: |RCI| is not above the
	// threshold.
	Unchanged
	// Deteriorated: a reliable change for the worse.
	Deteriorated
	// NormsMissing: the policy gives no sd and reliability for the scale,
	// so only the raw change is reported.
	NormsMissing
	// Incomplete: the pre- or post-programme score is missing.
	Incomplete
)

var categoryNames = enum.New[Category]("category", "recovered", "improved", "unchanged", "deteriorated", "norms_missing", "incomplete").ListChoices()

// String returns the category's JSON spelling.
func (c Category) String() string                { return categoryNames.String(c) }
func (c Category) MarshalText() ([]byte, error)  { return categoryNames.MarshalText(c) }
func (c *Category) UnmarshalText(b []byte) error { return categoryNames.UnmarshalText(c, b) }

// A Finding is a problem with how or when the assessments were done: a
// stable code for programs and a message for people. Scale names the scale
// a finding is about, if it is about one.
type Finding struct {
	Code    FindingCode `json:"code"`
	Scale   string      `json:"scale,omitempty"`
	Message string      `json:"message"`
}

// A FindingCode names the kind of a Finding. The zero FindingCode is not
// one.
type FindingCode uint8

const (
	PreMissing            FindingCode = iota + 1 // "pre_missing": no pre-programme assessment recorded
	PostMissing                                  // "post_missing": no post-programme assessment recorded
	PreDateMissing                               // "pre_date_missing": the pre-programme assessment has no date
	PostDateMissing                              // "post_date_missing": the post-programme assessment has no date
	PreAfterFirstSession                         // "pre_after_first_session": pre dated after the first session
	PostBeforeLastSession                        // "post_before_last_session": post dated before the last session
	PostNotAfterPre                              // "post_not_after_pre": post dated on or before pre
	SessionsMissing                              // "sessions_missing": no session dates: the timing cannot be checked
	PreScoreMissing                              // "pre_score_missing": a scale, or every scale, has no pre-programme score
	PostScoreMissing                             // "post_score_missing": a scale, or every scale, has no post-programme score
)

var findingNames = enum.New[FindingCode]("finding", "pre_missing", "post_missing", "pre_date_missing", "post_date_missing",
	"pre_after_first_session", "post_before_last_session", "post_not_after_pre", "sessions_missing",
	"pre_score_missing", "post_score_missing").ListChoices()

func (c FindingCode) String() string                { return findingNames.String(c) }
func (c FindingCode) MarshalText() ([]byte, error)  { return findingNames.MarshalText(c) }
func (c *FindingCode) UnmarshalText(b []byte) error { return findingNames.UnmarshalText(c, b) }
