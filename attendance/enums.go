package attendance

// Status is where he stands on the programme. When more than one applies,
// the first in this order is given: restart_required, completed,
// catch_up_required, in_progress, not_started.
type Status string

const (
	RestartRequired Status = "restart_required"  // more sessions missed than may be caught up: he starts again
	Completed       Status = "completed"         // every session completed
	CatchUpRequired Status = "catch_up_required" // a missed session must be caught up before the next group session
	InProgress      Status = "in_progress"       // on the programme, nothing outstanding
	NotStarted      Status = "not_started"       // no session recorded (as of the as-of date)
)

// Action is the enforcement an unacceptable failure calls for.
type Action string

const (
	// ActionNone: no unacceptable failure.
	ActionNone Action = "none"
	// ActionWarning: a formal warning; no warning was given in the 12 months
	// before the failure.
	ActionWarning Action = "warning"
	// ActionBreach: lay an information or refer for breach, within
	// params.breach_within_working_days working days; he had been warned in
	// the 12 months before the failure.
	ActionBreach Action = "breach"
	// ActionUnknown: the case does not say what warnings he was given before
	// (attendance.warnings is absent), so a warning and a breach are both
	// possible.
	ActionUnknown Action = "unknown"
)

// State is one session's state in the grid.
type State string

const (
	StateAttended    State = "attended"     // attended in the group
	StateCaughtUp    State = "caught_up"    // missed, then completed by an individual catch-up
	StateMissed      State = "missed"       // missed and not yet caught up
	StateToCome      State = "to_come"      // nothing recorded yet
	StateNotRecorded State = "not_recorded" // nothing recorded, though a later session is: a gap in the record
)

// FindingCode names the kind of a Finding.
type FindingCode string

const (
	// ContinuedBeforeCatchUp: he attended a group session while a missed
	// session was still to be caught up.
	ContinuedBeforeCatchUp FindingCode = "continued_before_catch_up"
	// SessionRecordedTwice: a group session is recorded again after it was
	// completed. A failure recorded so still counts for enforcement.
	SessionRecordedTwice FindingCode = "session_recorded_twice"
	// DuplicateEvent: the same event (session, date and outcome) is recorded
	// more than once; it is counted once.
	DuplicateEvent FindingCode = "duplicate_event"
	// CatchUpNotMissed: a catch-up for a session that had not been missed by
	// then; it is not counted.
	CatchUpNotMissed FindingCode = "catch_up_not_missed"
	// CatchUpRepeated: a second catch-up for a session already caught up;
	// it is not counted.
	CatchUpRepeated FindingCode = "catch_up_repeated"
	// GapInRecord: a session has no record although a later one has.
	GapInRecord FindingCode = "gap_in_record"
	// AfterAsOf: an event, warning or contact dated after the as-of date; it
	// is left out of the summary.
	AfterAsOf FindingCode = "after_as_of"
	// WarningOnFailureDate: a recorded warning bears the date of a failure
	// in the record, so it counts as a prior warning for that failure.
	WarningOnFailureDate FindingCode = "warning_on_failure_date"
	// PriorWarningsUnknown: the case does not record his prior warnings, so
	// the enforcement his failures call for cannot be decided.
	PriorWarningsUnknown FindingCode = "prior_warnings_unknown"
)
