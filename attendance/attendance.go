// Package attendance turns a participant's session history into what his
// Offender Manager must do next: which session comes next, whether a
// catch-up is due, whether he must start the programme again, what
// enforcement an unacceptable failure calls for, and whether the programme
// is completed under the completion rules of a loaded policy.
//
// The history is read in this order of steps:
//
//  1. Each event's outcome is resolved: a pinned outcome (attended,
//     acceptable_absence, unacceptable_absence, failed_to_comply, catch_up)
//     or an outcome code the policy maps (nDelius ATTC, UAAB, AAME, ...).
//     Anything else is an input error naming the event.
//  2. Events, warnings and Offender Manager contacts dated after the case's
//     as_of are left out, each with a finding: the summary is the state on
//     that day.
//  3. Events are taken in date order; on one day, lower sessions first and a
//     group session before a catch-up for the same session. The same event
//     recorded twice counts once.
//  4. A session is completed by attending it, or by an individual catch-up
//     after it was missed. It is missed by an acceptable absence, an
//     unacceptable absence or a failure to comply; a missed session must be
//     caught up before the next group session, and attending a group
//     session while a miss is outstanding is the finding
//     continued_before_catch_up. A missed session later attended in the
//     group is completed and needs no catch-up.
//  5. Catch-ups are the sessions missed and not later attended: those
//     caught up and those outstanding. More than params.max_catch_ups and
//     he must start again (restart_required).
//  6. Each unacceptable failure (an unacceptable absence or a failure to
//     comply), in date order, calls for a warning, or for breach action when
//     a warning was given on or before the failure's day and less than
//     params.warning_window_months calendar months before it (Criminal
//     Justice Act 2003 Sch. 8 para 5). Warnings come from the case and from
//     the failures before it, each dated the day of its failure. Breach
//     action is due within params.breach_within_working_days working days
//     after the failure: Monday to Friday, excluding bank holidays in
//     England and Wales and the area's closure days (the policy's
//     calendar). When the case does not record his earlier warnings, a
//     failure's action is what it is in every possible history of earlier
//     warnings, and unknown, with a finding saying what it turns on, where
//     those histories differ: a second failure on the day of a first is
//     breach action whatever came before.
//  7. The policy's completion rules judge the summary.
//
// Nothing in the record stops a summary from being made except input that
// cannot be read: inconsistencies are reported as findings.
package attendance

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// spec declares what the attendance summary reads of a policy. The
// completion rules read the summary (completion.rules), and so what
// decides it.
var spec = rules.Spec{
	Name:    "attendance",
	Section: &section,
	Params: []rules.ParamUse{
		{Name: "sessions", For: []string{"sessions_total", "status", "next", "grid", "completion.rules"}},
		{Name: "session_hours", For: []string{"hours_completed", "group_hours", "catch_up_hours", "completion.rules"}},
		{Name: "max_catch_ups", For: []string{"catch_ups_allowed", "catch_ups_remaining", "status", "next", "completion.rules"}},
		{Name: "warning_window_months", For: []string{"enforcement.action", "enforcement.failures", "completion.rules"}},
		{Name: "breach_within_working_days", For: []string{"enforcement.breach_by", "enforcement.failures"}},
	},
	Tables: []rules.Table{rules.OutcomeCodes, rules.WorkingDays},
}

// Spec returns what the attendance summary reads of a policy: the
// completion rules, the parameters New reads and the outcome codes that
// resolve a session's outcome.
func Spec() rules.Spec { return spec }

// A Summarizer summarises attendance under one policy. It is immutable and
// safe for concurrent use; make one per policy with New and keep it.
type Summarizer struct {
	pol          *rules.Policy
	rs           *rules.RuleSet
	info         rules.Info
	cal          *rules.Calendar
	work         *workdays                       // cal's working days, as bits
	workingDays  string                          // which days count as working days, in words
	sessions     int                             // params.sessions
	sessionHours int                             // params.session_hours
	maxCatchUps  int                             // params.max_catch_ups
	windowMonths int                             // params.warning_window_months
	breachDays   int                             // params.breach_within_working_days
	codes        string                          // the policy's outcome codes and their outcomes: two policies that spell them alike read a record alike
	outcomes     map[string]isotp.SessionOutcome // pol.SessionOutcome of every spelling it knows
}

// New compiles the policy's completion rules and reads the attendance
// parameters. Errors in the rules are reported as a rules.ErrorList with
// file:line:col; a nil pol is an error.
func New(pol *rules.Policy) (*Summarizer, error) {
	if pol == nil {
		return nil, errors.New("attendance: no policy given")
	}
	rs, err := pol.Compile(section)
	if err != nil {
		return nil, err
	}
	s := &Summarizer{pol: pol, rs: rs, info: pol.Info(), cal: pol.Calendar()}
	s.work = &workdays{cal: s.cal}
	for _, p := range []struct {
		name string
		dst  *int
	}{
		{"sessions", &s.sessions},
		{"session_hours", &s.sessionHours},
		{"max_catch_ups", &s.maxCatchUps},
		{"warning_window_months", &s.windowMonths},
		{"breach_within_working_days", &s.breachDays},
	} {
		if *p.dst, err = rules.ParamValue[int](pol, &spec, p.name); err != nil {
			return nil, err
		}
	}
	var codes strings.Builder
	for _, oc := range pol.OutcomeCodes() {
		codes.WriteString(oc.Code + "=" + oc.Outcome.String() + "\n")
	}
	s.codes = codes.String()
	s.outcomes = outcomeSpellings(pol)
	s.workingDays = "Monday to Friday, excluding bank holidays in England and Wales"
	if s.cal.HasClosures() {
		s.workingDays += " and the area's closure days"
	}
	if s.sessions < 1 {
		return nil, fmt.Errorf("attendance: params.sessions is %d; the programme needs at least one session", s.sessions)
	}
	return s, nil
}

// Summarize summarises case c's attendance as of c.AsOf. Input it cannot
// read (no case, no attendance record, a session number outside the
// programme, an outcome the policy does not know) is an *isotp.InputError
// naming the JSON path; an error in the completion rules wraps rules.ErrEvaluation; a
// cancelled ctx gives the context's error. An unknown as_of leaves rules
// that need it unknown. With rules.Explain(), each completion rule's result
// carries the expressions evaluated and the facts they read.
func (s *Summarizer) Summarize(ctx context.Context, c *isotp.Case, opts ...rules.EvalOption) (*Summary, error) {
	return s.summarize(ctx, c, false, opts)
}

// Brief summarises case c as Summarize does, without what only a person
// reads: its Findings, Grid, Enforcement.Failures and Enforcement.Warnings
// are nil. Every decision is Summarize's: the status, what comes next, the
// counts and hours, the enforcement action and deadline of the latest
// failure, and the completion, each rule's result included (the rules do
// not read what Brief leaves out). It is for a caller that compares
// decisions over many cases, such as a what-if, and is quicker: it writes
// no text and makes no grid.
func (s *Summarizer) Brief(ctx context.Context, c *isotp.Case, opts ...rules.EvalOption) (*Summary, error) {
	return s.summarize(ctx, c, true, opts)
}

// BriefBoth is s.Brief(ctx, c, optsS...) and then t.Brief(ctx, c,
// optsT...), for a caller that compares the decisions of two policies.
// When the two read a record alike (the same number of sessions, the same
// outcome codes), the case's record is read and walked once, for both:
// only the enforcement and what follows from each policy's parameters, and
// the completion rules, are worked out for each.
func BriefBoth(ctx context.Context, s, t *Summarizer, c *isotp.Case, optsS, optsT []rules.EvalOption) (a, b *Summary, errA, errB error) {
	if s.sessions != t.sessions || s.codes != t.codes {
		a, errA = s.Brief(ctx, c, optsS...)
		b, errB = t.Brief(ctx, c, optsT...)
		return a, b, errA, errB
	}
	ma := rules.Recycled[summaryMem](optsS)
	rec, w, err := s.readWalk(ctx, c, true, ma, nil)
	if err != nil {
		return nil, nil, err, err
	}
	a, errA = s.finish(ctx, c, rec, w, ma, optsS)
	if err := ctx.Err(); err != nil { // as t.Brief would find it
		return a, nil, errA, err
	}
	b, errB = t.finish(ctx, c, rec, w, rules.Recycled[summaryMem](optsT), optsT)
	return a, b, errA, errB
}

// summaryMem is the memory of one summary: the summary, the summary as
// the completion rules read it, room for the usual programme's states, and
// the record read, made together.
type summaryMem struct {
	sum    Summary
	cs     celSummary
	states [40]State
	read   readMem
}

// summarize is Summarize, or Brief when brief.
func (s *Summarizer) summarize(ctx context.Context, c *isotp.Case, brief bool, opts []rules.EvalOption) (*Summary, error) {
	m := rules.Recycled[summaryMem](opts)
	if brief { // Brief writes no findings: it needs no scratch
		rec, w, err := s.readWalk(ctx, c, brief, m, nil)
		if err != nil {
			return nil, err
		}
		return s.finish(ctx, c, rec, w, m, opts)
	}
	sc := getScratch()
	defer sc.release()
	rec, w, err := s.readWalk(ctx, c, brief, m, sc)
	if err != nil {
		return nil, err
	}
	defer rec.give() // before sc's release: deferred calls run last first
	return s.finish(ctx, c, rec, w, m, opts)
}

// readWalk reads case c's record and walks its events (package comment,
// steps 1 to 5), in m: the record, and the sessions' states when it has
// room for them. Its findings are found in sc, which may be nil when brief.
func (s *Summarizer) readWalk(ctx context.Context, c *isotp.Case, brief bool, m *summaryMem, sc *scratch) (*record, walked, error) {
	if err := ctx.Err(); err != nil {
		return nil, walked{}, err
	}
	if c == nil {
		return nil, walked{}, &isotp.InputError{Msg: "no case given"}
	}
	rec, err := s.read(c, brief, sc, &m.read)
	if err != nil {
		return nil, walked{}, err
	}
	states := m.states[:]
	if s.sessions > len(states) {
		states = make([]State, s.sessions)
	}
	w := s.walk(rec, states, sc)
	rec.findings = nil // now the walk's, in sc
	return rec, w, nil
}

// finish makes, in m, the summary of what readWalk found (steps 6 and
// 7). rec and w are only read: the summaries of two policies may share
// them.
func (s *Summarizer) finish(ctx context.Context, c *isotp.Case, rec *record, w walked, m *summaryMem, opts []rules.EvalOption) (*Summary, error) {
	sum, cs, states := &m.sum, &m.cs, w.states
	*sum = Summary{
		AsOf:            c.AsOf,
		SessionsTotal:   s.sessions,
		CatchUpsAllowed: s.maxCatchUps,
		Findings:        w.findings,
		Grid:            w.grid,
		Outstanding:     []int{},
		Policy:          s.info,
	}
	for i, st := range states {
		switch st {
		case StateAttended:
			sum.SessionsCompleted++
			sum.SessionsAttended++
		case StateCaughtUp:
			sum.SessionsCompleted++
			sum.SessionsCaughtUp++
			sum.CatchUps++
		case StateMissed:
			sum.CatchUps++
			sum.Outstanding = append(sum.Outstanding, i+1)
		}
	}
	sum.CatchUpsRemaining = max(0, s.maxCatchUps-sum.CatchUps)
	sum.HoursCompleted = sum.SessionsCompleted * s.sessionHours
	sum.GroupHours = sum.SessionsAttended * s.sessionHours
	sum.CatchUpHours = sum.SessionsCaughtUp * s.sessionHours
	sum.Status, sum.Next = s.status(sum, states, rec.n() > 0)

	sum.Enforcement, sum.Findings = s.enforce(w.failures, rec.warnings, w.brief, sum.Findings)

	*cs = celSummary{Summary: sum, states: states, first: w.first, last: w.last, failures: len(w.failures)}
	var err error
	sum.Completion, err = s.complete(ctx, &c.AsOf, rec, cs, opts)
	if err != nil {
		return nil, err
	}
	if w.brief {
		return sum, nil
	}
	// The findings so far are in the scratch memory, given back once the
	// summary is made: the summary's own are exactly as many.
	findings := []Finding{}
	if len(sum.Findings) > 0 {
		findings = append(make([]Finding, 0, len(sum.Findings)), sum.Findings...)
	}
	slices.SortStableFunc(findings, compareFindings)
	sum.Findings = findings
	return sum, nil
}

// addFinding appends f to fs, making room for a few more the first time:
// a summary has no findings or a few.
func addFinding(fs []Finding, f Finding) []Finding {
	if fs == nil {
		fs = make([]Finding, 0, 8)
	}
	return append(fs, f)
}

// compareFindings orders findings by date (findings about no one day
// first), session, code and message, so that their order never depends on
// the order of the input.
func compareFindings(a, b Finding) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if a.Session != b.Session {
		return a.Session - b.Session
	}
	if c := strings.Compare(a.Code.String(), b.Code.String()); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// status applies the pinned order of statuses and says what comes next;
// states are the sessions' states, in order.
func (s *Summarizer) status(sum *Summary, states []State, started bool) (Status, *Next) {
	switch {
	case sum.CatchUps > s.maxCatchUps:
		return RestartRequired, nil
	case sum.SessionsCompleted == s.sessions:
		return Completed, nil
	case len(sum.Outstanding) > 0:
		return CatchUpRequired, &Next{Kind: NextCatchUp, Session: sum.Outstanding[0]}
	}
	next := &Next{Kind: NextGroup}
	for i, st := range states {
		if st != StateAttended && st != StateCaughtUp {
			next.Session = i + 1
			break
		}
	}
	if !started {
		return NotStarted, next
	}
	return InProgress, next
}
