package whatif

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/rules"
)

// A Change is one decision that a case gets differently under the second
// policy. Field is the decision's JSON path in the output of the command
// that makes it ("attendance.status", "eligibility.rules.min_age",
// "assessment.scales.fantasy.category"); From and To are its values under
// the first and second policy, "(none)" where a policy does not make it.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
	// Note is, for a rule, its message under the second policy (or the
	// first, if the second has no such rule); for a decision that one
	// policy could not make, the input error.
	Note string `json:"note,omitempty"`
	// Because names the Differences between the policies that the
	// decision reads: the parameters its rules and code read, the rule
	// itself when it was added or replaced, the scale's figures.
	Because []string `json:"because,omitempty"`
}

// A Differ decides cases under two policies and lists what changes. It is
// immutable and safe for concurrent use; make one per pair of policies with
// New and keep it.
type Differ struct {
	from, to side
	diffs    []Difference
	diffIdx  map[string]int
	causes   map[string][]string  // field -> names of the differences it reads
	ruleSecs map[string][]string  // section -> its rule fields, for the derived decisions
	fields   map[[2]string]string // {rulesPrefix, rule id} -> the rule's field, made once
	advisory map[string]bool      // rule fields whose rules change no decision
	codes    bool                 // the policies differ in outcome codes
	order    map[string]int       // field -> its place in the output
	// reach says, by decision name, which decisions a difference can
	// reach; the others come out the same under both policies and are not
	// made.
	reach map[string]bool
	// derived are the fields decided from rule results, with the section
	// whose rules they follow.
	derived map[string]string
	// codeReaders are the decisions that read outcome codes: a case's
	// codes that differ explain their changes.
	codeReaders []string
}

// side is one policy's decision makers, by decision name. Attendance is
// summarised with its Summarizer's Brief, which makes every decision
// compared and none of the text.
type side struct {
	info   rules.Info
	makers map[string]*decisions.Decider
	att    *attendance.Summarizer
}

func newSide(pol *rules.Policy) (side, error) {
	s := side{info: pol.Info(), makers: map[string]*decisions.Decider{}}
	for _, dec := range compared {
		if dec.Name() == "attendance" {
			var err error
			if s.att, err = attendance.New(pol); err != nil {
				return s, err
			}
			continue
		}
		m, err := dec.New(pol)
		if err != nil {
			return s, err
		}
		s.makers[dec.Name()] = m
	}
	return s, nil
}

// New prepares to compare decisions under policy from with those under
// policy to. It compiles every decision under both; errors in either
// policy's rules are reported as a rules.ErrorList with file:line:col.
func New(from, to *rules.Policy) (*Differ, error) {
	if from == nil || to == nil {
		return nil, errors.New("whatif: New needs two policies")
	}
	d := &Differ{causes: map[string][]string{}, ruleSecs: map[string][]string{}, fields: map[[2]string]string{}, advisory: map[string]bool{}, reach: map[string]bool{}, derived: map[string]string{}}
	var err error
	if d.from, err = newSide(from); err != nil {
		return nil, err
	}
	if d.to, err = newSide(to); err != nil {
		return nil, err
	}
	sa, sb := map[string]*staticSection{}, map[string]*staticSection{}
	for _, dec := range compared {
		s := dec.Spec().Section
		if s == nil {
			continue
		}
		if sa[s.Name], err = readSection(from, *s); err != nil {
			return nil, err
		}
		if sb[s.Name], err = readSection(to, *s); err != nil {
			return nil, err
		}
	}
	d.diffs = differences(from, to, sa, sb)
	d.diffIdx = make(map[string]int, len(d.diffs))
	for i, df := range d.diffs {
		d.diffIdx[df.Name] = i
		d.codes = d.codes || strings.HasPrefix(df.Name, "outcome_codes.")
	}
	d.planCauses(sa, sb, from.Battery(), to.Battery())
	d.planOrder(from.Battery(), to.Battery())
	d.planReach(sa, sb)
	return d, nil
}

// Differences returns how the second policy differs from the first. The
// result is a copy.
func (d *Differ) Differences() []Difference { return slices.Clone(d.diffs) }

// Policies returns the two policies compared, first and second.
func (d *Differ) Policies() (from, to rules.Info) { return d.from.info, d.to.info }

// Compare decides case c under both policies and returns the decisions
// that differ, in the order eligibility, attendance (when the case has an
// attendance record), assessment (when it has assessments); nil when none
// does. Compared are: eligibility's outcome, refer_to, regime, proposal
// and rule results; attendance's status, next, catch_ups_remaining,
// enforcement.action, completion.met and completion rule results; each
// assessment scale's category. A rule or scale that only one policy has
// counts as a change only when its result says something: a rule that
// fails or is unknown, a scale that is not incomplete.
//
// A decision that no difference between the policies can reach (see
// Differences: a parameter it does not read, a rule of another concern) is
// not made at all, as it would come out the same; so, for instance, when
// only max_catch_ups differs, eligibility is not decided.
//
// Input that a decision cannot read under either policy is returned as the
// *isotp.InputError; input that only one policy can read is a change. An
// error in a policy's rules wraps rules.ErrEvaluation.
func (d *Differ) Compare(ctx context.Context, c *isotp.Case) ([]Change, error) {
	return d.compare(ctx, c, newReusing(false)) // its memory is the caller's
}

// compare is Compare, the two policies' evaluations of each section of
// the case made with r, so that the second takes from the first what the
// policies share (rules.WithReuse). The list is in r's memory, valid until
// r compares the next case.
func (d *Differ) compare(ctx context.Context, c *isotp.Case, r *reusing) ([]Change, error) {
	if c == nil {
		return nil, &isotp.InputError{Msg: "no case given"}
	}
	r.reuse.Reset()
	defer r.reuse.Reset() // the case's evaluations, given back (rules.Evaluation.Release)
	cs := &r.cs
	clear(cs.list) // no case's changes are held
	cs.list = cs.list[:0]
	for _, dec := range compared {
		cmp := comparers[dec.Name()]
		if !d.reach[dec.Name()] || cmp.applies != nil && !cmp.applies(c) {
			continue
		}
		if err := cmp.compare(d, ctx, c, cs); err != nil {
			return nil, err
		}
	}
	if len(cs.list) == 0 {
		return nil, nil
	}
	d.explain(c, cs.list)
	return cs.list, nil
}

// ruleField returns the field of rule id of the decision whose rules'
// fields begin with prefix (rulesPrefix).
func (d *Differ) ruleField(prefix, id string) string {
	if f, ok := d.fields[[2]string{prefix, id}]; ok {
		return f
	}
	return prefix + id
}

// explain fills in each change's Because.
func (d *Differ) explain(c *isotp.Case, list []Change) {
	var codes []string
	if d.codes && c.Attendance != nil {
		for _, ev := range c.Attendance.Sessions {
			if _, ok := d.diffIdx["outcome_codes."+ev.Outcome]; ok && !slices.Contains(codes, "outcome_codes."+ev.Outcome) {
				codes = append(codes, "outcome_codes."+ev.Outcome)
			}
		}
	}
	// A derived decision (an outcome, completion.met, and what follows
	// outcomes: referrals, proposals) is explained by the rules that
	// changed with it, advisory rules aside, and by what it reads itself.
	for i := range list {
		ch := &list[i]
		if sec, ok := d.derived[ch.Field]; ok {
			var names []string
			for _, other := range list {
				if !d.advisory[other.Field] && slices.Contains(d.ruleSecs[sec], other.Field) {
					names = append(names, d.causes[other.Field]...)
				}
			}
			ch.Because = d.present(append(names, d.causes[ch.Field]...))
		} else {
			ch.Because = d.causes[ch.Field]
		}
		if len(codes) > 0 && slices.ContainsFunc(d.codeReaders, func(name string) bool { return within(ch.Field, name) }) {
			ch.Because = d.present(append(slices.Clone(ch.Because), codes...))
		}
	}
}

// changes collects a case's changes.
type changes struct {
	list []Change
	*reusing
}

// reusing is what a goroutine comparing cases reuses: from one policy's
// evaluations in the other's, the options that make it so, without
// messages and with them; from case to case, the memory the changes are
// collected in.
type reusing struct {
	reuse       *rules.Reuse
	quiet, loud []rules.EvalOption
	cs          changes
}

// options returns the options to decide with, with messages or without.
func (r *reusing) options(messages bool) []rules.EvalOption {
	if messages {
		return r.loud
	}
	return r.quiet
}

// newReusing returns what one goroutine reuses; recycling, the rules'
// results of one case are made in the memory of the last (Run keeps
// nothing of a case's decisions but strings).
func newReusing(recycle bool) *reusing {
	r := &rules.Reuse{}
	if recycle {
		r.RecycleResults()
	}
	with := rules.WithReuse(r)
	re := &reusing{reuse: r, quiet: []rules.EvalOption{rules.WithoutMessages(), with}, loud: []rules.EvalOption{with}}
	re.cs.reusing = re
	return re
}

func (cs *changes) add(field, from, to string) {
	if from != to {
		cs.list = append(cs.list, Change{Field: field, From: from, To: to})
	}
}

// both runs a decision under each policy and sorts out errors: nil, nil
// means compare the two results.
func both[T any](ctx context.Context, c *isotp.Case, field string, cs *changes,
	from, to func(context.Context, *isotp.Case) (T, error)) (a, b T, done bool, err error) {
	a, errA := from(ctx, c)
	b, errB := to(ctx, c)
	switch {
	case errA == nil && errB == nil:
		return a, b, false, nil
	case errA != nil && !errors.Is(errA, isotp.ErrInvalidInput):
		return a, b, true, errA
	case errB != nil && !errors.Is(errB, isotp.ErrInvalidInput):
		return a, b, true, errB
	case errA != nil && errB != nil:
		if errA.Error() == errB.Error() {
			return a, b, true, errA
		}
		cs.list = append(cs.list, Change{Field: field, From: "input error", To: "input error", Note: errB.Error()})
	case errA != nil:
		cs.list = append(cs.list, Change{Field: field, From: "input error", To: "decided", Note: errA.Error()})
	default:
		cs.list = append(cs.list, Change{Field: field, From: "decided", To: "input error", Note: errB.Error()})
	}
	return a, b, true, nil
}
