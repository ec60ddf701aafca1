package attendance

import (
	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// A Summary is what a participant's session history means for his Offender
// Manager: where he stands on the programme, what must happen next, what
// enforcement his failures call for, and whether the programme is completed
// under the completion policy. Its JSON form is the pinned output of
// `isotp attendance`. A Summary is plain data: Summarize returns a new one
// for each call, and nothing else holds it.
type Summary struct {
	AsOf              isotp.Date     `json:"as_of,omitzero"`
	Status            Status         `json:"status"`
	SessionsTotal     int            `json:"sessions_total"`      // params.sessions
	SessionsCompleted int            `json:"sessions_completed"`  // attended, or missed and caught up
	CatchUps          int            `json:"catch_ups"`           // sessions missed that had or need an individual catch-up
	CatchUpsRemaining int            `json:"catch_ups_remaining"` // CatchUpsAllowed less CatchUps, never below 0
	CatchUpsAllowed   int            `json:"catch_ups_allowed"`   // params.max_catch_ups
	Outstanding       []int          `json:"outstanding"`         // missed sessions still to be caught up, ascending
	Next              *Next          `json:"next,omitempty"`      // nil when completed or a restart is required
	HoursCompleted    int            `json:"hours_completed"`     // SessionsCompleted times params.session_hours: GroupHours and CatchUpHours together
	SessionsAttended  int            `json:"sessions_attended"`   // sessions completed by attending the group session
	SessionsCaughtUp  int            `json:"sessions_caught_up"`  // sessions completed by an individual catch-up
	GroupHours        int            `json:"group_hours"`         // SessionsAttended times params.session_hours
	CatchUpHours      int            `json:"catch_up_hours"`      // SessionsCaughtUp times params.session_hours: a catch-up counts as the session it makes up
	Enforcement       Enforcement    `json:"enforcement"`
	Completion        Completion     `json:"completion"`
	Findings          []Finding      `json:"findings"`
	Grid              []SessionState `json:"grid"` // every session of the programme, in order
	Policy            rules.Info     `json:"policy"`
}

// A Next is what must happen next on the programme.
type Next struct {
	Kind    NextKind `json:"kind"`
	Session int      `json:"session"`
}

// Enforcement is the National Standards enforcement his unacceptable
// failures call for under Criminal Justice Act 2003 Sch. 8 para 5.
type Enforcement struct {
	// Action is the action the latest failure calls for, or none.
	Action Action `json:"action"`
	// Failures are his unacceptable failures (unacceptable absences and
	// failures to comply) in date order, each with its action.
	Failures []Failure `json:"failures"`
	// Warnings are the dates of every warning in force for the computation:
	// those the case records and those his failures called for (dated the
	// day of the failure), in date order. It is nil, null in JSON, when the
	// case does not record his earlier warnings: then they are not known,
	// and an empty list would say there were none.
	Warnings []isotp.Date `json:"warnings"`
	// BreachBy is the last day to take breach action for the latest
	// failure, when that failure calls for a breach: the
	// params.breach_within_working_days-th working day after it, excluding
	// bank holidays in England and Wales and the area's closure days. It
	// is nil when that day would fall after 31 December 9999, the last day
	// a date can name; a finding says so.
	BreachBy *isotp.Date `json:"breach_by"`
	// BreachWithinWorkingDays is params.breach_within_working_days: breach
	// action is due that many working days after the failure.
	BreachWithinWorkingDays int `json:"breach_within_working_days"`
	// WorkingDays says which days are working days: "Monday to Friday,
	// excluding bank holidays in England and Wales", and the area's
	// closure days when it has any.
	WorkingDays string `json:"working_days"`
}

// A Failure is one unacceptable failure and the action it calls for.
type Failure struct {
	Date     isotp.Date           `json:"date"`
	Session  int                  `json:"session"`
	Outcome  isotp.SessionOutcome `json:"outcome"` // unacceptable_absence or failed_to_comply
	Action   Action               `json:"action"`
	BreachBy *isotp.Date          `json:"breach_by,omitempty"` // set when Action is breach, unless the day would fall after 9999
}

// Completion is the completion policy's judgment: each rule's result, and
// whether the programme is completed.
type Completion struct {
	// Met is true when no rule with effect required fails or is unknown.
	Met bool `json:"met"`
	// Undecided lists the required rules that could not be decided for lack
	// of facts; Met is then false, though the programme may in fact be
	// completed.
	Undecided []string       `json:"undecided"`
	Rules     []rules.Result `json:"rules"`
	Missing   []string       `json:"missing"` // facts, as JSON paths, that left a rule unknown
	// Variables shows how the rules' variables were worked out; only when
	// summarised with rules.Explain().
	Variables []rules.VariableExplanation `json:"variables,omitempty"`
}

// A Finding is something in the record an Offender Manager should look at:
// a break of the programme's rules that is not itself a decision (such as
// attending a group session before catching up), or a record that is
// inconsistent (the same session recorded twice). Findings never stop the
// summary from being made.
type Finding struct {
	Code    FindingCode `json:"code"`
	Session int         `json:"session,omitempty"` // 0 when the finding is about no one session
	Date    isotp.Date  `json:"date,omitzero"`
	Message string      `json:"message"`
}

// A SessionState is one session's place in the grid.
type SessionState struct {
	Session int        `json:"session"`
	State   State      `json:"state"`
	Date    isotp.Date `json:"date,omitzero"`   // attended, caught up, or missed on; zero for to_come and not_recorded
	Missed  isotp.Date `json:"missed,omitzero"` // for caught_up: the day the group session was missed
}
