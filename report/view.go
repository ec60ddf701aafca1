package report

import (
	"fmt"
	"strings"

	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/rules"
)

// A view is a report's wording, worked out once so that the text, Markdown
// and HTML forms say the same things; each writer only lays it out.
type view struct {
	Title   string // the report's name
	Label   string // its case and date, as far as known
	Caution string // the assessment's caution: illustrative norms
	Notice  string
	Intro   string

	// For him.
	Status      string
	Attendance  []string
	Enforcement []string
	When        string // when he answered the questionnaires
	Caveat      string // what a reliable change is; empty without scores
	Scales      []scaleView
	Unscored    string // the scales with no score at all, when some have scores
	Tally       string

	// For his Offender Manager.
	Headline    string
	Facts       []fact
	Grid        []gridRow
	Legend      []fact // state mark, meaning
	Action      string
	Failures    []failureView
	Deadlines   string // how the breach deadlines are counted, when a failure has one
	Warnings    string
	Met         string
	Rules       []ruleView
	AttFindings []string
	Notes       []string
	AsFindings  []string
	Method      string
	Norms       []string // where the norms come from, for the method note
	Policy      []fact
}

type fact struct{ Label, Value string }

type scaleView struct {
	ID, Title      string
	HigherIsBetter bool
	Better         string // "lower" or "higher"
	BetterText     string // "A lower score is better."
	Scores         string // "38 before, 24 after"
	Explain        string // what the change means, to him
	Plain          string // the category in a few words
	Pre, Post      string
	Change, SDiff  string
	RCI, Reliable  string
	Cutoff         string
	Category       string
	Scored         bool   // a pre or post score is recorded
	Chart          *chart // set for HTML only
	res            assessment.ScaleResult
}

type gridRow struct {
	Label string
	Cells []gridCell
}

type gridCell struct {
	Session int
	Mark    string
	State   string // the state in words
	Class   string // the state's JSON spelling, for the HTML page's style
}

type failureView struct {
	Date    string
	Session int
	Outcome string
	Action  string
	ActBy   string
}

type ruleView struct {
	Mark    string // the verdict in words
	Advice  bool   // an advisory rule: reported, changing nothing
	Message string // what was found against what is required
}

// Text is the rule's line: its finding, marked as advice when the rule is
// advisory.
func (r ruleView) Text() string {
	if r.Advice {
		return "Advice only. " + r.Message
	}
	return r.Message
}

// view works out the report's wording.
func (rep *Report) view() *view {
	s, a := rep.Attendance, rep.Assessment
	words := a.Wording()
	v := &view{
		Title:       rep.Policy.Name + " Post-Programme Report",
		Label:       rep.label(),
		Caution:     a.Caution,
		Notice:      strings.Join(strings.Fields(rep.Notice), " "),
		Status:      yourStatus(s),
		Attendance:  yourAttendance(s),
		Enforcement: yourEnforcement(s),
		When:        words.When,
		Caveat:      words.Caveat,
		Tally:       words.Tally,
		Headline:    s.Headline(),
		Notes:       words.Notes,
		AsFindings:  words.Findings,
		Method:      words.Method,
		Norms:       words.Norms,
	}
	upTo := ""
	if rep.AsOf != nil {
		upTo = " up to " + rep.AsOf.Long()
	}
	v.Intro = fmt.Sprintf("This report is about your time on the %s programme%s. The first part is for you. "+
		"The second part is for your Offender Manager: it gives the figures behind the first.", rep.Policy.Name, upTo)
	var unscored []string
	for _, sc := range a.Scales {
		v.Scales = append(v.Scales, newScaleView(sc))
		if sc.Pre == nil && sc.Post == nil {
			unscored = append(unscored, sc.Title)
		}
	}
	if v.Caveat != "" && len(unscored) > 0 {
		v.Unscored = fmt.Sprintf("There are no scores from before or after the programme for %s, so no change can be worked out: %s.",
			pick(len(unscored), "one questionnaire", fmt.Sprintf("%d questionnaires", len(unscored))), joinWords(unscored))
	}
	v.omAttendance(s)
	for _, f := range s.Findings {
		v.AttFindings = append(v.AttFindings, f.Message)
	}
	asOf := "not recorded"
	if rep.AsOf != nil {
		asOf = rep.AsOf.Long()
	}
	v.Facts = append([]fact{{"As of", asOf}}, v.Facts...)
	v.Policy = []fact{{"Name", rep.Policy.Name}, {"Version", rep.Policy.Version}, {"Area", rep.Policy.Area}, {"Digest", rep.Policy.Digest}}
	return v
}

func newScaleView(s assessment.ScaleResult) scaleView {
	better := "lower"
	if s.HigherIsBetter {
		better = "higher"
	}
	w := s.Wording()
	return scaleView{
		ID: s.ID, Title: s.Title, HigherIsBetter: s.HigherIsBetter,
		Better: better, BetterText: capital(w.Better) + ".",
		Scores: w.Scores, Explain: s.Explain(), Plain: plainCategory(s.Category),
		Pre: w.Pre, Post: w.Post, Change: w.Change, SDiff: w.SDiff,
		RCI: w.RCI, Reliable: w.Reliable, Cutoff: w.Cutoff,
		Category: strings.ReplaceAll(s.Category.String(), "_", " "),
		Scored:   s.Pre != nil || s.Post != nil,
		res:      s,
	}
}

// omAttendance works out the Offender Manager's view of the attendance
// summary.
func (v *view) omAttendance(s *attendance.Summary) {
	v.Facts = []fact{
		{"Completed", s.CompletedText()},
		{"Catch-ups", fmt.Sprintf("%d used or due of %d allowed (%d remaining)", s.CatchUps, s.CatchUpsAllowed, s.CatchUpsRemaining)},
		{"Next", s.NextStep()},
	}
	for i := 0; i < len(s.Grid); i += 10 {
		row := s.Grid[i:min(i+10, len(s.Grid))]
		r := gridRow{Label: fmt.Sprintf("%d-%d", row[0].Session, row[len(row)-1].Session)}
		for _, st := range row {
			r.Cells = append(r.Cells, gridCell{Session: st.Session, Mark: stateMarks[st.State], State: stateWords(s, st.State), Class: st.State.String()})
		}
		v.Grid = append(v.Grid, r)
	}
	for _, st := range []attendance.State{attendance.StateAttended, attendance.StateCaughtUp, attendance.StateMissed, attendance.StateToCome, attendance.StateNotRecorded} {
		v.Legend = append(v.Legend, fact{stateMarks[st], stateWords(s, st)})
	}

	e := s.Enforcement
	switch e.Action {
	case attendance.ActionNone:
		v.Action = "None: no unacceptable failures."
	case attendance.ActionWarning:
		v.Action = "Warning: his latest failure calls for a formal warning; he was not under a warning when he failed."
	case attendance.ActionBreach:
		v.Action = "Breach: lay an information or refer for breach. " + s.DeadlineText() + " He was already under a warning when he failed again."
	case attendance.ActionUnknown:
		v.Action = "Not known: his earlier warnings are not recorded. His latest failure calls for breach action if he was already under a warning, and for a formal warning if he was not: the findings below say which warnings would decide it."
	}
	deadlines := 0
	for _, f := range e.Failures {
		fv := failureView{Date: f.Date.Long(), Session: f.Session, Outcome: strings.ReplaceAll(f.Outcome.String(), "_", " "), Action: actionWords[f.Action], ActBy: "-"}
		if f.BreachBy != nil {
			fv.ActBy = f.BreachBy.Long()
			deadlines++
		}
		v.Failures = append(v.Failures, fv)
	}
	// The latest failure's deadline is worded with the action; others in
	// the table are counted the same way, and a line says how.
	if deadlines > 1 || (deadlines == 1 && e.Action != attendance.ActionBreach) {
		v.Deadlines = "Breach action is due " + s.DeadlineRule() + "."
	}
	if e.Warnings == nil && len(e.Failures) > 0 {
		v.Warnings = "Warnings given before: not recorded in the case."
	}
	if len(e.Warnings) > 0 {
		ds := make([]string, len(e.Warnings))
		for i, d := range e.Warnings {
			ds[i] = d.Long()
		}
		v.Warnings = "Warnings counted (from the case, or given for a failure above): " + strings.Join(ds, ", ") + "."
	}

	v.Met = capital(strings.ToLower(s.CompletionTitle()))
	for _, r := range s.Completion.Rules {
		v.Rules = append(v.Rules, ruleView{Mark: verdictWords(r.Verdict), Advice: r.Effect == attendance.EffectAdvisory, Message: r.Message})
	}
}

// actionWords are the actions as the failures table gives them.
var actionWords = map[attendance.Action]string{
	attendance.ActionWarning: "formal warning", attendance.ActionBreach: "breach action", attendance.ActionUnknown: "not known",
}

var stateMarks = map[attendance.State]string{
	attendance.StateAttended: "A", attendance.StateCaughtUp: "C", attendance.StateMissed: "M",
	attendance.StateToCome: ".", attendance.StateNotRecorded: "?",
}

func stateWords(s *attendance.Summary, st attendance.State) string {
	switch st {
	case attendance.StateAttended:
		return "attended"
	case attendance.StateCaughtUp:
		return "caught up"
	case attendance.StateMissed:
		if s.Status == attendance.RestartRequired {
			return "missed"
		}
		return "missed, catch-up due"
	case attendance.StateToCome:
		return "to come"
	}
	return "not recorded"
}

func verdictWords(v rules.Verdict) string {
	switch v {
	case rules.Pass:
		return "Met"
	case rules.Fail:
		return "NOT MET"
	case rules.Unknown:
		return "Not known"
	case rules.NotApplicable:
		return "Not applicable"
	}
	return "?"
}

// joinWords writes "a", "a and b" or "a, b and c".
func joinWords(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
