package whatif

import (
	"context"
	"fmt"
	"strconv"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/rules"
)

// decide makes decision name for c under one side's policy, its result of
// type R.
func decide[R decisions.Result](s side, name string, ctx context.Context, c *isotp.Case, opts []rules.EvalOption) (R, error) {
	var zero R
	res, err := s.makers[name].Decide(ctx, c, opts...)
	if err != nil {
		return zero, err
	}
	r, ok := res.(R)
	if !ok {
		return zero, fmt.Errorf("whatif: %s gave a %T, not a %T", name, res, zero)
	}
	return r, nil
}

func (d *Differ) eligibility(ctx context.Context, c *isotp.Case, cs *changes) error {
	// Decisions are first made without failure messages, which only the
	// cases whose rule results change need: those are decided again with
	// messages.
	for _, messages := range []bool{false, true} {
		opts := cs.options(messages)
		mark := len(cs.list)
		a, b, done, err := both(ctx, c, "eligibility", cs,
			func(ctx context.Context, c *isotp.Case) (*eligibility.Decision, error) {
				return decide[*eligibility.Decision](d.from, "eligibility", ctx, c, opts)
			},
			func(ctx context.Context, c *isotp.Case) (*eligibility.Decision, error) {
				return decide[*eligibility.Decision](d.to, "eligibility", ctx, c, opts)
			})
		if done {
			return err
		}
		cs.add("eligibility.outcome", a.Outcome.String(), b.Outcome.String())
		cs.add("eligibility.refer_to", optional(a.ReferTo), optional(b.ReferTo))
		cs.add("eligibility.regime", a.Regime.String(), b.Regime.String())
		cs.add("eligibility.proposal", optional(a.Proposal), optional(b.Proposal))
		if !d.compareRules(cs, "eligibility.rules.", a.Rules, b.Rules) || messages {
			return nil
		}
		cs.list = cs.list[:mark] // decide again, with the messages the notes quote
	}
	return nil
}

func (d *Differ) attendance(ctx context.Context, c *isotp.Case, cs *changes) error {
	// Decisions are first made without failure messages, which only the
	// cases whose rule results change need: those are decided again with
	// messages.
	for _, messages := range []bool{false, true} {
		opts := cs.options(messages)
		mark := len(cs.list)
		// Both summaries are made at once, reading the record once when
		// the policies read it alike.
		var second *attendance.Summary
		var errSecond error
		a, b, done, err := both(ctx, c, "attendance", cs,
			func(ctx context.Context, c *isotp.Case) (*attendance.Summary, error) {
				var first *attendance.Summary
				var errFirst error
				first, second, errFirst, errSecond = attendance.BriefBoth(ctx, d.from.att, d.to.att, c, opts, opts)
				return first, errFirst
			},
			func(context.Context, *isotp.Case) (*attendance.Summary, error) { return second, errSecond })
		if done {
			return err
		}
		cs.add("attendance.status", a.Status.String(), b.Status.String())
		if !sameNext(a.Next, b.Next) {
			cs.add("attendance.next", nextText(a.Next), nextText(b.Next))
		}
		if a.CatchUpsRemaining != b.CatchUpsRemaining {
			cs.add("attendance.catch_ups_remaining", strconv.Itoa(a.CatchUpsRemaining), strconv.Itoa(b.CatchUpsRemaining))
		}
		cs.add("attendance.enforcement.action", a.Enforcement.Action.String(), b.Enforcement.Action.String())
		if a.Completion.Met != b.Completion.Met {
			cs.add("attendance.completion.met", strconv.FormatBool(a.Completion.Met), strconv.FormatBool(b.Completion.Met))
		}
		if !d.compareRules(cs, "attendance.completion.rules.", a.Completion.Rules, b.Completion.Rules) || messages {
			return nil
		}
		cs.list = cs.list[:mark] // summarise again, with the messages the notes quote
	}
	return nil
}

func (d *Differ) assessment(ctx context.Context, c *isotp.Case, cs *changes) error {
	a, b, done, err := both(ctx, c, "assessment", cs,
		func(ctx context.Context, c *isotp.Case) (*assessment.Result, error) {
			return decide[*assessment.Result](d.from, "assessment", ctx, c, cs.loud)
		},
		func(ctx context.Context, c *isotp.Case) (*assessment.Result, error) {
			return decide[*assessment.Result](d.to, "assessment", ctx, c, cs.loud)
		})
	if done {
		return err
	}
	find := func(ss []assessment.ScaleResult, i int, id string) *assessment.ScaleResult {
		if i < len(ss) && ss[i].ID == id {
			return &ss[i]
		}
		for k := range ss {
			if ss[k].ID == id {
				return &ss[k]
			}
		}
		return nil
	}
	category := func(s *assessment.ScaleResult) string {
		if s == nil {
			return none
		}
		return s.Category.String()
	}
	for i := range a.Scales {
		sa := &a.Scales[i]
		sb := find(b.Scales, i, sa.ID)
		if sb == nil && sa.Category == assessment.Incomplete {
			continue
		}
		cs.add(scaleField(sa.ID), category(sa), category(sb))
	}
	for i := range b.Scales {
		sb := &b.Scales[i]
		if find(a.Scales, i, sb.ID) == nil && sb.Category != assessment.Incomplete {
			cs.add(scaleField(sb.ID), none, category(sb))
		}
	}
	return nil
}

func scaleField(id string) string { return "assessment.scales." + id + ".category" }

// compareRules adds a change for each rule whose result differs, and
// reports whether it added any. Rules are matched by id; in the usual case
// both policies list the same rules in the same order.
func (d *Differ) compareRules(cs *changes, prefix string, a, b []rules.Result) bool {
	before := len(cs.list)
	find := func(rs []rules.Result, i int, id string) *rules.Result {
		if i < len(rs) && rs[i].ID == id {
			return &rs[i]
		}
		for k := range rs {
			if rs[k].ID == id {
				return &rs[k]
			}
		}
		return nil
	}
	for i := range a {
		ra := &a[i]
		rb := find(b, i, ra.ID)
		switch {
		case rb == nil:
			if says(ra) {
				cs.list = append(cs.list, Change{Field: d.ruleField(prefix, ra.ID), From: ra.Verdict.String(), To: none, Note: ra.Message})
			}
		case ra.Verdict != rb.Verdict:
			cs.list = append(cs.list, Change{Field: d.ruleField(prefix, ra.ID), From: ra.Verdict.String(), To: rb.Verdict.String(), Note: rb.Message})
		}
	}
	if len(a) == len(b) && sameIDs(a, b) {
		return len(cs.list) > before
	}
	for i := range b {
		rb := &b[i]
		if find(a, i, rb.ID) == nil && says(rb) {
			cs.list = append(cs.list, Change{Field: d.ruleField(prefix, rb.ID), From: none, To: rb.Verdict.String(), Note: rb.Message})
		}
	}
	return len(cs.list) > before
}

// says reports whether a rule's result tells anyone anything: a rule that
// only one policy has is a change only then.
func says(r *rules.Result) bool { return r.Verdict == rules.Fail || r.Verdict == rules.Unknown }

func sameIDs(a, b []rules.Result) bool {
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

func optional(s *string) string {
	if s == nil {
		return none
	}
	return *s
}

func sameNext(a, b *attendance.Next) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// nextText writes what comes next as "group 12", "catch_up 3" or "(none)".
func nextText(n *attendance.Next) string {
	if n == nil {
		return none
	}
	return n.Kind.String() + " " + strconv.Itoa(n.Session)
}
