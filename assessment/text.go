package assessment

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/textwrap"
	"github.com/isotp-dev/isotp/rules"
)

// WriteText writes the result in two parts: first, in plain English for the
// man himself, what each scale's change means; then, for his Offender
// Manager, a table of the figures, the notes and findings, the method and
// the policy it was worked out under.
func (r *Result) WriteText(w io.Writer) error {
	words := r.Wording()
	var b strings.Builder
	fmt.Fprintf(&b, "%s psychometric assessment: before and after the programme\n\n", r.Policy.Name)
	if r.Caution != "" {
		b.WriteString(textwrap.Wrap(r.Caution, 78, "") + "\n")
	}
	b.WriteString("What your results show\n")
	b.WriteString(textwrap.Wrap(words.When, 78, "  "))
	if words.Caveat != "" {
		b.WriteString(textwrap.Wrap(words.Caveat, 78, "  "))
		for i, s := range r.Scales {
			b.WriteString("\n" + heading(fmt.Sprintf("%s (%s):", s.Title, words.Scales[i].Better), words.Scales[i].Scores))
			b.WriteString(textwrap.Wrap(s.Explain(), 78, "    "))
		}
		b.WriteString("\n")
		b.WriteString(textwrap.Wrap(words.Tally, 78, "  "))
	}

	b.WriteString("\nFor the Offender Manager\n")
	if err := r.WriteFigures(&b); err != nil {
		return err
	}
	if len(words.Notes) > 0 {
		b.WriteString("\nNotes\n")
		for _, n := range words.Notes {
			b.WriteString(textwrap.Wrap(n, 78, "  "))
		}
	}
	b.WriteString("\nFindings\n")
	if len(words.Findings) == 0 {
		b.WriteString("  None: both assessments are recorded, on time, with every score.\n")
	}
	for _, f := range words.Findings {
		b.WriteString(textwrap.Wrap(f, 78, "  "))
	}
	b.WriteString("\nMethod (Jacobson and Truax 1991)\n")
	b.WriteString(textwrap.Wrap(words.Method, 78, "  "))
	for _, n := range words.Norms {
		b.WriteString(textwrap.Wrap(n, 78, "  "))
	}
	fmt.Fprintf(&b, "\nPolicy:  %s %s, %s\n  %s\n", r.Policy.Name, r.Policy.Version, r.Policy.Area, r.Policy.Digest)
	_, err := io.WriteString(w, textwrap.Visible(b.String()))
	return err
}

// Wording is what WriteText says about a result, piece by piece, for a
// document that quotes it, such as the Post-Programme Report: the sentences
// for the man, the notes, findings and method for his Offender Manager, and
// each scale's scores and figures as the text writes them. Quoting it keeps
// every document's wording the same as this package's.
type Wording struct {
	When     string   // when he answered the questionnaires
	Caveat   string   // what counts as a change; empty when no scale has a score
	Tally    string   // how many scales fall in each category
	Notes    []string // the scales' notes, each with the names of the scales it applies to
	Findings []string // each finding's message (its code is in the JSON); per-scale findings of one code gathered in one line
	Method   string   // how the figures are worked out
	// Norms says, for the method note, where the figures of the scales that
	// have them come from: one line per statement in the policy
	// (published or illustrative, and the source), and one for the scales
	// whose policy does not say. Empty when no scale has figures.
	Norms  []string
	Scales []ScaleWording // one per scale, in the order of Result.Scales
}

// Wording works out the result's wording.
func (r *Result) Wording() Wording {
	w := Wording{When: r.when(), Tally: r.tally(), Notes: r.notes(), Findings: r.findingLines(), Method: r.method(),
		Norms: r.normsLines(), Scales: make([]ScaleWording, len(r.Scales))}
	if hasScores(r.Scales, true) || hasScores(r.Scales, false) {
		w.Caveat = "A questionnaire score goes up and down a little from one time to the next, " +
			"even when nothing has really changed. A change only counts when it is bigger than that."
	}
	for i, s := range r.Scales {
		w.Scales[i] = s.Wording()
	}
	return w
}

// ScaleWording is one scale's scores and figures as the text writes them:
// numbers with at most two decimals, the RCI with exactly two, a change
// with its sign, and "-" for a figure not known.
type ScaleWording struct {
	Better string // "a lower score is better" or "a higher score is better"
	Scores string // "38 before, 24 after", "38 before, no score after", ...
	Pre    string
	Post   string
	Change string // "+3", "-14" or "0"
	SDiff  string
	RCI    string // "-2.21"
	// Reliable is "yes", "no" or "-".
	Reliable string
	Cutoff   string
}

// Wording works out the scale's wording.
func (s ScaleResult) Wording() ScaleWording {
	return ScaleWording{Better: betterText(s.HigherIsBetter), Scores: s.scoresText(),
		Pre: optNum(s.Pre), Post: optNum(s.Post), Change: signed(s.Change), SDiff: optNum(s.SDiff),
		RCI: fixed(s.RCI), Reliable: optBool(s.Reliable), Cutoff: optNum(s.Cutoff)}
}

// WriteFigures writes the tables of every scale's figures that WriteText
// gives the Offender Manager, each line indented two spaces and at most 78
// columns wide, for a document that includes them: the scores, the change
// and its category; then, after a blank line, the reliable change figures.
// A scale's title too long for its column is filled within it.
func (r *Result) WriteFigures(w io.Writer) error {
	scores := [][]string{{"SCALE", "BETTER", "PRE", "POST", "CHANGE", "CATEGORY"}}
	reliable := [][]string{{"SCALE", "S_DIFF", "RCI", "RELIABLE", "CUT-OFF"}}
	for _, s := range r.Scales {
		better := "lower"
		if s.HigherIsBetter {
			better = "higher"
		}
		scores = append(scores, []string{s.Title, better, optNum(s.Pre), optNum(s.Post), signed(s.Change), categoryText(s.Category)})
		reliable = append(reliable, []string{s.Title, optNum(s.SDiff), fixed(s.RCI), optBool(s.Reliable), optNum(s.Cutoff)})
	}
	_, err := io.WriteString(w, textwrap.Table("  ", 78, 0, scores)+"\n"+textwrap.Table("  ", 78, 0, reliable))
	return err
}

// method states how the figures are worked out.
func (r *Result) method() string {
	return fmt.Sprintf("S_diff = sd x sqrt(2 x (1 - r)), from the scale's sd and reliability r; "+
		"RCI = (post - pre) / S_diff; a change is reliable when |RCI| > %s. "+
		"Cut-off = (SDf x Md + SDd x Mf) / (SDf + SDd), from the means M and standard deviations SD of the "+
		"functional (f) and dysfunctional (d) norms, or the cut-off the policy gives. Recovered: a reliable improvement from the dysfunctional side of the cut-off "+
		"(or on it) to the functional side. Figures are the area's policy; a scale without them reports the raw change.",
		num(r.RCIThreshold))
}

// normsLines says where the figures of the scales that have them come from,
// one line per statement, in battery order.
func (r *Result) normsLines() []string {
	var order []string
	ids := map[string][]string{}
	for _, s := range r.Scales {
		if s.SDiff == nil && s.Cutoff == nil {
			continue
		}
		line := "the policy does not say whether the norms are published or illustrative, nor where they come from."
		if n := s.Norms; n != nil {
			line = "the norms are published."
			if n.Status == rules.NormsIllustrative {
				line = "the norms are ILLUSTRATIVE, made up to show how the assessment works, not for any decision."
			}
			if n.Source != "" {
				line += " Source: " + strings.Join(strings.Fields(n.Source), " ")
				if !strings.HasSuffix(line, ".") {
					line += "."
				}
			}
		}
		if _, seen := ids[line]; !seen {
			order = append(order, line)
		}
		ids[line] = append(ids[line], s.Title)
	}
	out := make([]string, len(order))
	for i, line := range order {
		out[i] = strings.Join(ids[line], "; ") + ": " + line
	}
	return out
}

// notes gathers the scales' notes, one line per note with the scales it
// applies to. Incomplete scales are left out: the findings cover them.
func (r *Result) notes() []string {
	var order []string
	ids := map[string][]string{}
	for _, s := range r.Scales {
		if s.Note == "" || s.Category == Incomplete {
			continue
		}
		if _, seen := ids[s.Note]; !seen {
			order = append(order, s.Note)
		}
		ids[s.Note] = append(ids[s.Note], s.Title)
	}
	out := make([]string, len(order))
	for i, n := range order {
		out[i] = strings.Join(ids[n], "; ") + ": " + n + "."
	}
	return out
}

// findingLines writes each finding's message, gathering the per-scale
// findings of one code into one line. The codes are for JSON and the
// finding's reader need not know them.
func (r *Result) findingLines() []string {
	titles := map[string]string{}
	for _, s := range r.Scales {
		titles[s.ID] = s.Title
	}
	var out []string
	for i := 0; i < len(r.Findings); {
		f := r.Findings[i]
		j := i + 1
		for j < len(r.Findings) && f.Scale != "" && r.Findings[j].Code == f.Code && r.Findings[j].Scale != "" {
			j++
		}
		if j-i == 1 {
			out = append(out, f.Message)
			i = j
			continue
		}
		names := make([]string, 0, j-i)
		for _, g := range r.Findings[i:j] {
			names = append(names, titles[g.Scale])
		}
		when := "pre-programme"
		if f.Code == PostScoreMissing {
			when = "post-programme"
		}
		out = append(out, fmt.Sprintf("No %s score is recorded for %d scales: %s.", when, j-i, strings.Join(names, "; ")))
		i = j
	}
	return out
}

// Explain says in plain English, to the man himself, what the scale's change
// means. It stands on its own, for a report to quote.
func (s ScaleResult) Explain() string {
	const beyond = "by more than the usual ups and downs of this questionnaire"
	switch s.Category {
	case Recovered:
		return "Your score changed for the better " + beyond + ", and it has moved into the range usual for people who do not have difficulties in this area."
	case Improved:
		return "Your score changed for the better " + beyond + "."
	case Unchanged:
		return "Your score did not change " + beyond + ", so it counts as unchanged."
	case Deteriorated:
		return "Your score changed for the worse " + beyond + "."
	case NormsMissing:
		return "Whether this change is more than the usual ups and downs of this questionnaire cannot be said: the figures needed have not been set."
	case Incomplete:
		switch {
		case s.Pre == nil && s.Post == nil:
			return "There are no scores from before or after the programme, so no change can be worked out."
		case s.Pre == nil:
			return "There is no score from before the programme, so no change can be worked out."
		}
		return "There is no score from after the programme, so no change can be worked out."
	}
	return ""
}

func (s ScaleResult) scoresText() string {
	switch {
	case s.Pre != nil && s.Post != nil:
		return fmt.Sprintf("%s before, %s after", num(*s.Pre), num(*s.Post))
	case s.Pre != nil:
		return fmt.Sprintf("%s before, no score after", num(*s.Pre))
	case s.Post != nil:
		return fmt.Sprintf("no score before, %s after", num(*s.Post))
	}
	return "no scores"
}

func (r *Result) when() string {
	on := func(d *isotp.Date, scored bool) string {
		switch {
		case d != nil:
			return "on " + d.Long()
		case scored:
			return "on a date not recorded"
		}
		return ""
	}
	pre, post := on(r.PreDate, hasScores(r.Scales, true)), on(r.PostDate, hasScores(r.Scales, false))
	switch {
	case pre == "" && post == "":
		return "There are no questionnaire results from before or after the programme."
	case post == "":
		return "You answered the questionnaires before the programme " + pre + ". There are no results from after it."
	case pre == "":
		return "There are no results from before the programme. You answered the questionnaires after it " + post + "."
	}
	return "You answered the questionnaires before the programme " + pre + " and after it " + post + "."
}

func hasScores(scales []ScaleResult, pre bool) bool {
	for _, s := range scales {
		if pre && s.Pre != nil || !pre && s.Post != nil {
			return true
		}
	}
	return false
}

// tally counts the scales in each category, in words: "Of the 14 scales, 2
// recovered, 10 did not change reliably and 2 got worse."
func (r *Result) tally() string {
	counts := map[Category]int{}
	for _, s := range r.Scales {
		counts[s.Category]++
	}
	total := len(r.Scales)
	if total == 0 {
		return "The policy's battery has no scales."
	}
	var parts []string
	for c := Recovered; c <= Incomplete; c++ {
		n := counts[c]
		if n == 0 {
			continue
		}
		if n == total {
			return allScales(c, total)
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, tallyWords(c, n)))
	}
	last := len(parts) - 1
	list := parts[last]
	if last > 0 {
		list = strings.Join(parts[:last], ", ") + " and " + parts[last]
	}
	return fmt.Sprintf("Of the %d scales, %s.", total, list)
}

// allScales says what every one of the total scales did, when all are of
// category c: "None of the 14 scales can be judged, because the figures
// needed have not been set."
func allScales(c Category, total int) string {
	switch {
	case total == 1:
		return "The one scale " + tallyWords(c, 1) + "."
	case c == Unchanged:
		return fmt.Sprintf("None of the %d scales changed by more than the usual ups and downs.", total)
	case c == NormsMissing:
		return fmt.Sprintf("None of the %d scales can be judged, because the figures needed have not been set.", total)
	case total == 2:
		return "Both scales " + tallyWords(c, 2) + "."
	}
	return fmt.Sprintf("All %d scales %s.", total, tallyWords(c, total))
}

// tallyWords says what n scales of category c did, as a verb phrase.
func tallyWords(c Category, n int) string {
	switch c {
	case Recovered:
		return "recovered (a reliable improvement past the cut-off)"
	case Improved:
		return "improved reliably"
	case Unchanged:
		return "did not change by more than the usual ups and downs"
	case Deteriorated:
		return "got reliably worse"
	case NormsMissing:
		return "cannot be judged, because the figures needed have not been set"
	}
	if n == 1 {
		return "lacks a score from before or after the programme"
	}
	return "lack a score from before or after the programme"
}

func betterText(higher bool) string {
	if higher {
		return "a higher score is better"
	}
	return "a lower score is better"
}

// num writes a number with at most two decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func optNum(p *float64) string {
	if p == nil {
		return "-"
	}
	return num(*p)
}

func signed(p *float64) string {
	if p == nil {
		return "-"
	}
	if s := num(*p); s != "0" && !strings.HasPrefix(s, "-") {
		return "+" + s
	}
	return num(*p)
}

func fixed(p *float64) string {
	if p == nil {
		return "-"
	}
	s := strconv.FormatFloat(*p, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

func optBool(p *bool) string {
	switch {
	case p == nil:
		return "-"
	case *p:
		return "yes"
	}
	return "no"
}

// categoryText writes a category as people read it: "norms missing".
func categoryText(c Category) string {
	return strings.ReplaceAll(c.String(), "_", " ")
}

// heading writes a scale's heading line, "  title (better): scores", or,
// when that is wider than 78 columns, the scores on a line of their own
// under it, so that no figure is split from the others.
func heading(title, scores string) string {
	line := "  " + title + " " + scores
	if textwrap.Width(textwrap.Visible(line)) <= 78 {
		return textwrap.Visible(line) + "\n"
	}
	return textwrap.Hang(title, 78, "  ", "    ") + textwrap.Wrap(scores, 78, "    ")
}
