package attendance

import (
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/rules"
)

// The enumerations of a summary. Each is a typed value whose zero value is
// not one of its values; it is written, in JSON and text, as its spelling.

// Status is where he stands on the programme. When more than one applies,
// the first in this order is given: restart_required, completed,
// catch_up_required, in_progress, not_started.
type Status uint8

const (
	RestartRequired Status = iota + 1 // "restart_required": more sessions missed than may be caught up: he starts again
	Completed                         // "completed": every session completed
	CatchUpRequired                   // "catch_up_required": a missed session must be caught up before the next group session
	InProgress                        // "in_progress": on the programme, nothing outstanding
	NotStarted                        // "not_started": no session recorded (as of the as-of date)
)

var statusNames = enum.New[Status]("status", "restart_required", "completed", "catch_up_required", "in_progress", "not_started").ListChoices()

func (s Status) String() string                { return statusNames.String(s) }
func (s Status) MarshalText() ([]byte, error)  { return statusNames.MarshalText(s) }
func (s *Status) UnmarshalText(b []byte) error { return statusNames.UnmarshalText(s, b) }

// Action is the enforcement an unacceptable failure calls for.
type Action uint8

const (
	// ActionNone, "none": no unacceptable failure.
	ActionNone Action = iota + 1
	// ActionWarning, "warning": a formal warning; no warning was given in
	// the 12 months before the failure.
	ActionWarning
	// ActionBreach, "breach": lay an information or refer for breach,
	// within params.breach_within_working_days working days; he had been
	// warned in the 12 months before the failure.
	ActionBreach
	// ActionUnknown, "unknown": the case does not say what warnings he was
	// given before (attendance.warnings is absent), and a warning and a
	// breach are both possible.
	ActionUnknown
)

var actionNames = enum.New[Action]("enforcement action", "none", "warning", "breach", "unknown").ListChoices()

func (a Action) String() string                { return actionNames.String(a) }
func (a Action) MarshalText() ([]byte, error)  { return actionNames.MarshalText(a) }
func (a *Action) UnmarshalText(b []byte) error { return actionNames.UnmarshalText(a, b) }

// The status and the enforcement action as the completion rules read them:
// their spellings, each made a CEL value once. They are declared after
// statusNames and actionNames, which they spell with: initialisation does
// not see that NewEnum calls String.
var (
	statusValues = rules.NewEnum[Status]()
	actionValues = rules.NewEnum[Action]()
)

// State is one session's state in the grid.
type State uint8

const (
	StateAttended    State = iota + 1 // "attended": attended in the group
	StateCaughtUp                     // "caught_up": missed, then completed by an individual catch-up
	StateMissed                       // "missed": missed and not yet caught up
	StateToCome                       // "to_come": nothing recorded yet
	StateNotRecorded                  // "not_recorded": nothing recorded, though a later session is: a gap in the record
)

var stateNames = enum.New[State]("session state", "attended", "caught_up", "missed", "to_come", "not_recorded").ListChoices()

func (s State) String() string                { return stateNames.String(s) }
func (s State) MarshalText() ([]byte, error)  { return stateNames.MarshalText(s) }
func (s *State) UnmarshalText(b []byte) error { return stateNames.UnmarshalText(s, b) }

// NextKind says whether the next session is an individual catch-up or a
// group session.
type NextKind uint8

const (
	NextCatchUp NextKind = iota + 1 // "catch_up": an individual catch-up for the lowest outstanding session
	NextGroup                       // "group": the lowest session not yet completed, in the group
)

var nextKindNames = enum.New[NextKind]("next session", "catch_up", "group").ListChoices()

func (k NextKind) String() string                { return nextKindNames.String(k) }
func (k NextKind) MarshalText() ([]byte, error)  { return nextKindNames.MarshalText(k) }
func (k *NextKind) UnmarshalText(b []byte) error { return nextKindNames.UnmarshalText(k, b) }

// FindingCode names the kind of a Finding.
type FindingCode uint8

const (
	// ContinuedBeforeCatchUp, "continued_before_catch_up": he attended a
	// group session while a missed session was still to be caught up.
	ContinuedBeforeCatchUp FindingCode = iota + 1
	// SessionRecordedTwice, "session_recorded_twice": a group session is
	// recorded again after it was completed. A failure recorded so still
	// counts for enforcement.
	SessionRecordedTwice
	// DuplicateEvent, "duplicate_event": the same event (session, date and
	// outcome) is recorded more than once; it is counted once.
	DuplicateEvent
	// CatchUpNotMissed, "catch_up_not_missed": a catch-up for a session
	// that had not been missed by then; it is not counted.
	CatchUpNotMissed
	// CatchUpRepeated, "catch_up_repeated": a second catch-up for a
	// session already caught up; it is not counted.
	CatchUpRepeated
	// GapInRecord, "gap_in_record": a session has no record although a
	// later one has.
	GapInRecord
	// AfterAsOf, "after_as_of": an event, warning or contact dated after
	// the as-of date; it is left out of the summary.
	AfterAsOf
	// WarningOnFailureDate, "warning_on_failure_date": a recorded warning
	// bears the date of a failure in the record, so it counts as a prior
	// warning for that failure.
	WarningOnFailureDate
	// PriorWarningsUnknown, "prior_warnings_unknown": the case does not
	// record his prior warnings, and what a failure calls for turns on
	// them; the finding says how.
	PriorWarningsUnknown
	// DecidedWithoutWarnings, "decided_without_warnings": the case does
	// not record his prior warnings, but a failure calls for breach action
	// whatever they were.
	DecidedWithoutWarnings
	// CalendarNotChecked, "calendar_not_checked": a breach deadline is
	// counted over a year whose one-off bank holidays the policy has not
	// checked.
	CalendarNotChecked
)

var findingNames = enum.New[FindingCode]("finding", "continued_before_catch_up", "session_recorded_twice", "duplicate_event",
	"catch_up_not_missed", "catch_up_repeated", "gap_in_record", "after_as_of", "warning_on_failure_date", "prior_warnings_unknown",
	"decided_without_warnings", "calendar_not_checked").ListChoices()

func (c FindingCode) String() string                { return findingNames.String(c) }
func (c FindingCode) MarshalText() ([]byte, error)  { return findingNames.MarshalText(c) }
func (c *FindingCode) UnmarshalText(b []byte) error { return findingNames.UnmarshalText(c, b) }
