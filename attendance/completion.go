package attendance

import (
	"context"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// Effects of completion rules.
const (
	EffectRequired = "required" // a failure, or an unknown, means the programme is not completed
	EffectAdvisory = "advisory" // a failure is reported, nothing more
)

// outcomes are the session outcomes as CEL strings.
var outcomes = rules.NewEnum[isotp.SessionOutcome]()

// The completion rules' inputs, bound by name.
var (
	inAsOf       = &rules.Var{Name: "as_of", Type: rules.DateType, Doc: "the date the summary is made at"}
	inAttendance = &rules.Var{Name: "attendance", Type: recordObject.Type(), Doc: "the case's attendance record as of as_of, outcomes as the policy maps them"}
	inSummary    = &rules.Var{Name: "summary", Type: summaryObject.Type(), Doc: "the attendance summary"}
)

// section is what the completion rules read.
var section = rules.Section{
	Name:    "completion",
	Inputs:  []*rules.Var{inAsOf, inAttendance, inSummary},
	Effects: []string{EffectRequired, EffectAdvisory},
	Words:   words,
}

// words names the facts the completion rules read for the default text,
// where JSON and --explain give their paths: "This cannot be decided
// without knowing the days he met his Offender Manager."
var words = rules.Words{
	"as_of":                                       "the date of the decision",
	"attendance":                                  "his attendance",
	"attendance.sessions":                         "his sessions",
	"attendance.sessions[].session":               "the number of his {nth} recorded session",
	"attendance.sessions[].date":                  "the day of his {nth} recorded session",
	"attendance.sessions[].outcome":               "the outcome of his {nth} recorded session",
	"attendance.sessions[].code":                  "the code recorded for his {nth} session",
	"attendance.warnings":                         "the warnings he was given before",
	"attendance.offender_manager_contacts":        "the days he met his Offender Manager",
	"attendance.between_session_work":             "whether he did the work set between sessions",
	"attendance.between_session_work[].session":   "which session the {nth} piece of work between sessions was set after",
	"attendance.between_session_work[].completed": "whether he did the {nth} piece of work set between sessions",
	"summary":                     "his attendance",
	"summary.status":              "where he is in the programme",
	"summary.sessions_total":      "how many sessions the programme has",
	"summary.sessions_completed":  "how many sessions he has completed",
	"summary.completed_sessions":  "which sessions he has completed",
	"summary.catch_ups":           "how many sessions he has needed to make up by individual catch-up",
	"summary.catch_ups_remaining": "how many catch-ups he may still have",
	"summary.outstanding":         "which missed sessions he still has to make up",
	"summary.hours_completed":     "how many hours he has completed",
	"summary.first_session":       "the day of his first session",
	"summary.last_session":        "the day of his last session",
	"summary.failures":            "how many unacceptable failures are recorded",
	"summary.enforcement_action":  "what his latest failure calls for",
}

// complete evaluates the completion rules.
func (s *Summarizer) complete(ctx context.Context, asOf *isotp.Date, rec *record, cs *celSummary, opts []rules.EvalOption) (Completion, error) {
	ev, err := s.rs.Evaluate(ctx, []rules.Binding{
		inAsOf.Bind(rules.DateOf(asOf)),
		inAttendance.Bind(rules.ObjectValue(recordObject, rec)),
		inSummary.Bind(rules.ObjectValue(summaryObject, cs)),
	}, opts...)
	if err != nil {
		return Completion{}, err
	}
	defer ev.Release() // the completion keeps its results, not the evaluation
	c := Completion{Met: true, Undecided: []string{}, Rules: ev.Results, Missing: ev.Missing, Variables: ev.Variables}
	for _, r := range ev.Results {
		if r.Effect != EffectRequired {
			continue
		}
		switch r.Verdict {
		case rules.Fail:
			c.Met = false
		case rules.Unknown:
			c.Met = false
			c.Undecided = append(c.Undecided, r.ID)
		}
	}
	if c.Missing == nil {
		c.Missing = []string{}
	}
	return c, nil
}

// celSummary is the summary as completion rules read it, with the facts
// the summary's JSON form does not carry.
type celSummary struct {
	*Summary
	states      []State // each session's state, in order
	first, last isotp.Date
	failures    int
}

// completed lists the sessions completed, ascending; it is made only when a
// rule reads it.
func (cs *celSummary) completed() []int {
	out := make([]int, 0, cs.SessionsCompleted)
	for i, st := range cs.states {
		if st == StateAttended || st == StateCaughtUp {
			out = append(out, i+1)
		}
	}
	return out
}

// celEvent is an event as completion rules read it, with its code; the
// events are made so only when a rule reads attendance.sessions.
type celEvent struct {
	event
	code string
}

func ints(n []int) rules.Value {
	return rules.List(len(n), func(i int) rules.Value { return rules.Int(n[i]) })
}

var (
	summaryObject = rules.NewObject("attendance.Summary",
		rules.Field{Name: "status", Type: rules.StringType, Doc: "restart_required, completed, catch_up_required, in_progress or not_started",
			Get: func(o any) rules.Value { return statusValues.Value(o.(*celSummary).Status) }},
		rules.Field{Name: "sessions_total", Type: rules.IntType, Doc: "the sessions in the programme",
			Get: func(o any) rules.Value { return rules.Int(o.(*celSummary).SessionsTotal) }},
		rules.Field{Name: "sessions_completed", Type: rules.IntType, Doc: "sessions attended, or missed and caught up",
			Get: func(o any) rules.Value { return rules.Int(o.(*celSummary).SessionsCompleted) }},
		rules.Field{Name: "completed_sessions", Type: rules.ListOf(rules.IntType).AtMost(isotp.MaxSessions), Doc: "the sessions completed, ascending",
			Get: func(o any) rules.Value { return ints(o.(*celSummary).completed()) }},
		rules.Field{Name: "catch_ups", Type: rules.IntType, Doc: "sessions missed that had or need an individual catch-up",
			Get: func(o any) rules.Value { return rules.Int(o.(*celSummary).CatchUps) }},
		rules.Field{Name: "catch_ups_remaining", Type: rules.IntType, Doc: "catch-ups still allowed",
			Get: func(o any) rules.Value { return rules.Int(o.(*celSummary).CatchUpsRemaining) }},
		rules.Field{Name: "outstanding", Type: rules.ListOf(rules.IntType).AtMost(isotp.MaxSessions), Doc: "missed sessions still to be caught up, ascending",
			Get: func(o any) rules.Value { return ints(o.(*celSummary).Outstanding) }},
		rules.Field{Name: "hours_completed", Type: rules.IntType, Doc: "hours of sessions completed",
			Get: func(o any) rules.Value { return rules.Int(o.(*celSummary).HoursCompleted) }},
		rules.Field{Name: "first_session", Type: rules.DateType, Doc: "the day of the first recorded event; unknown when none",
			Get: func(o any) rules.Value { return rules.DateOf(&o.(*celSummary).first) }},
		rules.Field{Name: "last_session", Type: rules.DateType, Doc: "the day of the last recorded event; unknown when none",
			Get: func(o any) rules.Value { return rules.DateOf(&o.(*celSummary).last) }},
		rules.Field{Name: "failures", Type: rules.IntType, Doc: "unacceptable failures recorded",
			Get: func(o any) rules.Value { return rules.Int(o.(*celSummary).failures) }},
		rules.Field{Name: "enforcement_action", Type: rules.StringType, Doc: "none, warning, breach or unknown: the action the latest failure calls for",
			Get: func(o any) rules.Value { return actionValues.Value(o.(*celSummary).Enforcement.Action) }},
	)

	eventObject = rules.NewObject("isotp.SessionEvent",
		rules.Field{Name: "session", Type: rules.IntType, Doc: "the session number, 1 to params.sessions", Get: func(o any) rules.Value { return rules.Int(o.(*celEvent).session) }},
		rules.Field{Name: "date", Type: rules.DateType, Doc: "the day of the event", Get: func(o any) rules.Value { return rules.DateOf(&o.(*celEvent).date) }},
		rules.Field{Name: "outcome", Type: outcomes.Type(), Doc: "attended, acceptable_absence, unacceptable_absence, failed_to_comply or catch_up",
			Get: func(o any) rules.Value { return outcomes.Value(o.(*celEvent).outcome) }},
		rules.Field{Name: "code", Type: rules.StringType.AtMost(isotp.MaxNameLen), Doc: "the outcome as recorded: a pinned outcome or a case-management code",
			Get: func(o any) rules.Value { return rules.String(o.(*celEvent).code) }},
	)

	workObject = rules.NewObject("isotp.Work",
		rules.Field{Name: "session", Type: rules.IntType, Doc: "the session the work was set after", Get: func(o any) rules.Value { return rules.Int(o.(*isotp.Work).Session) }},
		rules.Field{Name: "completed", Type: rules.BoolType, Doc: "whether the work set after the session was done",
			Get: func(o any) rules.Value { return rules.BoolPtr(o.(*isotp.Work).Completed) }},
	)

	recordObject = rules.NewObject("isotp.Attendance",
		rules.Field{Name: "sessions", Type: rules.ListOf(eventObject.Type()).AtMost(isotp.MaxSessions), Doc: "session events in date order, each counted once",
			Get: func(o any) rules.Value {
				rec := o.(*record).again()
				if rec == nil {
					return rules.Value{}
				}
				evs := make([]celEvent, rec.n())
				for j := range evs {
					e := rec.event(j)
					evs[j] = celEvent{event: e, code: rec.sessions[e.i].Outcome}
				}
				return rules.ObjectList(eventObject, evs)
			}},
		rules.Field{Name: "warnings", Type: rules.ListOf(rules.DateType).AtMost(isotp.MaxWarnings), Doc: "the days of warnings given before, from the case",
			Get: func(o any) rules.Value { return rules.Dates(o.(*record).warnings) }},
		rules.Field{Name: "offender_manager_contacts", Type: rules.ListOf(rules.DateType).AtMost(isotp.MaxContacts), Doc: "the days he met his Offender Manager, ascending",
			Get: func(o any) rules.Value { return rules.Dates(o.(*record).contacts) }},
		rules.Field{Name: "between_session_work", Type: rules.ListOf(workObject.Type()).AtMost(isotp.MaxWorkItems), Doc: "whether the work set after each session was done",
			Get: func(o any) rules.Value {
				work := o.(*record).work
				if work == nil {
					return rules.Value{}
				}
				return rules.ObjectList(workObject, work)
			}},
	)
)
