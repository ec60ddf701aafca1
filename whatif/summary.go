package whatif

import (
	"cmp"
	"slices"
	"strings"

	"github.com/isotp-dev/isotp/rules"
)

// A Summary is what a run over a caseload found: how the policies differ,
// and how many cases each change reaches. Counts of changes are kept per
// distinct change, so a summary's size does not grow with the caseload.
type Summary struct {
	From        rules.Info    `json:"from"` // the first policy
	To          rules.Info    `json:"to"`   // the second policy
	Differences []Difference  `json:"differences"`
	Changes     []ChangeCount `json:"changes"` // by decision in output order, then most cases first

	Cases            int `json:"cases"`     // cases read (non-blank lines)
	Changed          int `json:"changed"`   // cases with at least one change
	Unchanged        int `json:"unchanged"` // cases decided alike under both policies
	InputErrors      int `json:"input_errors"`
	EvaluationErrors int `json:"evaluation_errors"`

	counts map[changeKey]*ChangeCount
	d      *Differ
}

// A ChangeCount is one change and the number of cases it reaches. For
// attendance.next, From and To are the kinds (group, catch_up) without the
// session number.
type ChangeCount struct {
	Field   string   `json:"field"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Cases   int      `json:"cases"`
	Because []string `json:"because,omitempty"` // as in Change, over every case
}

// Errors returns the number of cases that could not be compared.
func (s *Summary) Errors() int { return s.InputErrors + s.EvaluationErrors }

type changeKey struct{ field, from, to string }

func (d *Differ) newSummary() *Summary {
	return &Summary{From: d.from.info, To: d.to.info, Differences: d.Differences(),
		counts: map[changeKey]*ChangeCount{}, d: d}
}

// add counts a decided batch and emits its diffs.
func (s *Summary) add(b *batch, emit func(*CaseDiff) error) error {
	s.Unchanged += b.unchanged
	s.Cases += b.unchanged
	for i := range b.diffs {
		cd := &b.diffs[i]
		s.Cases++
		switch cd.ErrorKind {
		case InputError:
			s.InputErrors++
		case EvaluationError:
			s.EvaluationErrors++
		default:
			s.Changed++
			for _, ch := range cd.Changes {
				s.count(ch)
			}
		}
		if err := emit(cd); err != nil {
			return err
		}
	}
	return nil
}

func (s *Summary) count(ch Change) {
	k := changeKey{ch.Field, ch.From, ch.To}
	if ch.Field == "attendance.next" {
		// Grouped by kind: which session comes next varies from case to
		// case and would split the table into dozens of rows.
		k.from, k.to = nextKind(ch.From), nextKind(ch.To)
	}
	cc := s.counts[k]
	if cc == nil {
		cc = &ChangeCount{Field: k.field, From: k.from, To: k.to}
		s.counts[k] = cc
	}
	cc.Cases++
	for _, b := range ch.Because {
		if !slices.Contains(cc.Because, b) {
			cc.Because = append(cc.Because, b)
		}
	}
}

func (s *Summary) progress() Progress {
	return Progress{Cases: s.Cases, Changed: s.Changed, Errors: s.Errors()}
}

// finish orders the counted changes: by decision, in the order Compare
// reports them, then by the number of cases, most first.
func (s *Summary) finish() {
	s.Changes = make([]ChangeCount, 0, len(s.counts))
	for _, cc := range s.counts {
		cc.Because = s.d.present(cc.Because)
		s.Changes = append(s.Changes, *cc)
	}
	slices.SortFunc(s.Changes, func(a, b ChangeCount) int {
		return cmp.Or(
			cmp.Compare(s.d.rank(a.Field), s.d.rank(b.Field)),
			cmp.Compare(a.Field, b.Field),
			cmp.Compare(b.Cases, a.Cases),
			cmp.Compare(a.From, b.From),
			cmp.Compare(a.To, b.To))
	})
	if s.Differences == nil {
		s.Differences = []Difference{}
	}
}

// nextKind drops the session number from a next value: "group 12" ->
// "group".
func nextKind(v string) string {
	if i := strings.IndexByte(v, ' '); i > 0 && v != none {
		return v[:i]
	}
	return v
}
