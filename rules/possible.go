package rules

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// The possible results of an unknown rule.
//
// A rule left unknown by missing facts could still have only some results:
// with the stage missing, a rule that applies only after sentence and
// passes there is not_applicable or pass, never fail. Evaluate works this
// out by supposing values for the missing facts whose values are few (an
// enumeration's spellings, true and false) and evaluating the rule again
// under each; a missing fact of any other kind (a date, a number, a text,
// a whole object or list) can be anything, so a rule still unknown once
// every such fact is supposed could pass or fail (and not apply, where its
// applies_when is not known to hold). The results so found over-approximate
// the truth, never under-approximate it: a rule is never said to be unable
// to fail when it can.
//
// Rules that read the same missing fact are correlated (the stage decides
// every rule that applies only after sentence at once), so the facts that
// more than one unknown rule reads are supposed jointly: each assignment of
// values to them is a world, and in each world every unknown rule gets the
// results it could have there. A decision whose outcome is the same in every
// world, and for every combination of its rules' results within a world, is
// decided whatever the missing facts are (see Evaluation.Worlds). Facts only
// one rule reads need no joint enumeration: they are supposed rule by rule.
//
// The work is bounded: at most maxWorlds worlds (a shared fact that would
// make more is supposed rule by rule, as if independent, which can only
// leave more possible); a rule is worked out value by value only while its
// missing facts have no more than maxWorlds combinations of values (one
// reading a hundred missing booleans could pass or fail); and per Evaluate
// at most maxSupposed evaluations of
// a rule, together estimated to cost no more than DecisionCostLimit (past
// that, a rule still unknown could have any result). Variables are worked
// out again only where they read a supposed fact. It costs nothing when no
// rule is unknown.
const maxWorlds = 64

// maxSupposed is the most rules evaluated under supposed values per
// Evaluate (a variable, so that a test can lower it).
var maxSupposed = 1024

// supposed holds the values supposed for missing facts, by JSON path, while
// possible results are worked out.
type supposed struct {
	values map[string]ref.Val
}

var boolDomain = []ref.Val{types.True, types.False}

// domain returns the values a fact of type t can take, if they are few.
func (t Type) domain() []ref.Val {
	if t.t != nil && t.t.Kind() == types.BoolKind {
		return boolDomain
	}
	if t.values == nil {
		return nil
	}
	return *t.values
}

// Worlds returns the possible worlds of an evaluation that left rules
// unknown: in each, one set of possible results per rule, in Results order
// (a single result for a rule that was decided). The missing facts that
// several unknown rules read take one set of values in each world; within
// a world, the rules' possible results are independent of one another. An
// outcome that is the same for every combination of results in every world
// cannot be changed by the missing facts. Worlds returns nil when no rule
// is unknown.
func (e *Evaluation) Worlds() [][]Verdicts { return e.worlds }

// possibilities works out the possible results of ev's unknown rules, and
// its worlds; a rule that turns out to have only one possible result gets
// it.
func (a *activation) possibilities(ctx context.Context, ev *Evaluation) error {
	var unknown []int
	for i := range ev.Results {
		if ev.Results[i].Verdict == Unknown {
			unknown = append(unknown, i)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	p := newProver(a)
	p.suppose()
	err := p.worlds(ctx, ev, unknown)
	p.done()
	if err != nil {
		return err
	}
	for _, i := range unknown {
		var all Verdicts
		for _, w := range ev.worlds {
			all |= w[i]
		}
		res := &ev.Results[i]
		if v, ok := all.single(); ok {
			// The missing facts cannot change this rule's result.
			res.Verdict, res.Missing = v, nil
			if err := a.decidedMessage(ctx, a.rs.rules[i], res); err != nil {
				return err
			}
			continue
		}
		res.Possible = all.List()
	}
	return nil
}

// worlds works out ev.worlds: each unknown rule's possible results in
// each world of the facts that several of them read.
func (p *prover) worlds(ctx context.Context, ev *Evaluation, unknown []int) error {
	// The facts with few values that more than one unknown rule reads,
	// those most read first. Each is supposed jointly while the worlds
	// number no more than maxWorlds; one that would make more is left to
	// be supposed rule by rule.
	type readers struct {
		path string
		n    int // unknown rules that read it
	}
	var buf [8]readers
	read := buf[:0]
	for _, i := range unknown {
		for _, path := range ev.Results[i].Missing {
			if _, ok := p.domain(path); !ok {
				continue
			}
			k := slices.IndexFunc(read, func(r readers) bool { return r.path == path })
			if k < 0 {
				k = len(read)
				read = append(read, readers{path: path})
			}
			read[k].n++
		}
	}
	shared := slices.DeleteFunc(read, func(r readers) bool { return r.n < 2 })
	slices.SortFunc(shared, func(x, y readers) int {
		if x.n != y.n {
			return y.n - x.n
		}
		return strings.Compare(x.path, y.path)
	})
	worlds := []map[string]ref.Val{{}}
	for _, r := range shared {
		path := r.path
		dom, _ := p.domain(path)
		if len(worlds)*len(dom) > maxWorlds {
			continue
		}
		var next []map[string]ref.Val
		for _, w := range worlds {
			for _, v := range dom {
				m := maps.Clone(w)
				m[path] = v
				next = append(next, m)
			}
		}
		worlds = next
	}

	ev.worlds = make([][]Verdicts, len(worlds))
	all := make([]Verdicts, len(worlds)*len(ev.Results)) // every world's results, in one allocation
	for k, given := range worlds {
		world := all[k*len(ev.Results) : (k+1)*len(ev.Results) : (k+1)*len(ev.Results)]
		for i := range ev.Results {
			world[i] = VerdictsOf(ev.Results[i].Verdict)
		}
		for _, i := range unknown {
			var known *Result
			if len(given) == 0 {
				known = &ev.Results[i] // nothing supposed: the case's own result
			}
			s, err := p.results(ctx, p.a.rs.rules[i], given, known) // results restores given
			if err != nil {
				return err
			}
			world[i] = s
		}
		ev.worlds[k] = world
	}
	return nil
}

// A prover evaluates rules again under supposed values of missing facts,
// in an activation of its own, recording nothing.
type prover struct {
	a     *activation // the evaluation's own
	w     *activation // for supposed worlds
	over  supposed
	spent uint64 // estimated steps so far
	runs  int    // rule evaluations so far
}

// newProver makes a prover for a, in one allocation with its activation
// when the section is small enough for a's to be in the evaluation's.
func newProver(a *activation) *prover {
	var p *prover
	var w *activation
	if len(a.vals) <= smallSection && len(a.locals) <= smallLocals {
		all := &struct {
			p      prover
			w      activation
			vals   [smallSection]ref.Val
			locals [smallLocals]ref.Val
		}{}
		p, w = &all.p, &all.w
		w.vals, w.locals = all.vals[:len(a.vals)], all.locals[:len(a.locals)]
	} else {
		p, w = &prover{}, &activation{vals: make([]ref.Val, len(a.vals)), locals: make([]ref.Val, len(a.locals))}
	}
	w.rs, w.cfg, w.catalogue = a.rs, evalConfig{noMessages: true}, a.catalogue
	p.a, p.w = a, w
	return p
}

// suppose points the case's objects at the prover's supposed values and
// stops them recording; done puts them back.
func (p *prover) suppose() { p.roots(nil, &p.over) }
func (p *prover) done()    { p.roots(p.a.rec, nil) }

func (p *prover) roots(rec *recorder, over *supposed) {
	for i, in := range p.a.rs.section.Inputs {
		switch v := p.a.vals[i].(type) {
		case *objVal:
			v.rec, v.over = rec, over
		case *listVal:
			v.rec, v.over = rec, over
			v.attach(nil, in.Name)
		}
	}
}

// results returns the results rule r could have with the facts in given
// supposed: it evaluates r (or takes known, its result already evaluated
// with them), and while r is unknown for missing facts with few values,
// tries each value of one in turn. given is restored before it returns.
func (p *prover) results(ctx context.Context, r *compiledRule, given map[string]ref.Val, known *Result) (Verdicts, error) {
	res := known
	if res == nil {
		changed := p.changedVars(given)
		cost := r.cost() + p.varsCost(changed)
		if p.runs >= maxSupposed || p.spent+cost > DecisionCostLimit {
			return p.anyResult(ctx, r, given)
		}
		p.runs++
		p.spent += cost
		got, err := p.evaluate(ctx, r, given, changed)
		if err != nil {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			// A world that cannot be evaluated (a supposed value the
			// rule cannot work with) says nothing: any result is
			// possible there.
			return p.anyResult(ctx, r, given)
		}
		res = &got
	}
	if res.Verdict != Unknown {
		return VerdictsOf(res.Verdict), nil
	}
	var next string
	var values []ref.Val
	combinations := 1
	for _, path := range res.Missing {
		if _, done := given[path]; done {
			continue
		}
		dom, ok := p.domain(path)
		if !ok {
			continue
		}
		if next == "" {
			next, values = path, dom
		}
		if combinations *= len(dom); combinations > maxWorlds {
			return p.anyResult(ctx, r, given)
		}
	}
	if next == "" {
		return p.anyResult(ctx, r, given)
	}
	// Once every result the rule can have is among those found, the
	// values left cannot add one.
	every := VerdictsOf(Pass, Fail)
	if r.appliesWhen != nil {
		every |= VerdictsOf(NotApplicable)
	}
	var s Verdicts
	for _, v := range values {
		given[next] = v
		t, err := p.results(ctx, r, given, nil)
		delete(given, next)
		if err != nil {
			return 0, err
		}
		if s |= t; s == every {
			break
		}
	}
	return s, nil
}

// anyResult is what a rule still unknown could be: pass or fail, and not
// applicable unless its applies_when is known to hold.
func (p *prover) anyResult(ctx context.Context, r *compiledRule, given map[string]ref.Val) (Verdicts, error) {
	s := VerdictsOf(Pass, Fail)
	if r.appliesWhen == nil {
		return s, nil
	}
	var v ref.Val
	var err error
	changed := p.changedVars(given)
	if p.spent+r.appliesWhen.cost+p.varsCost(changed) > DecisionCostLimit {
		err = errTooCostly
	} else if err = p.prepare(ctx, given, changed); err == nil {
		p.spent += r.appliesWhen.cost
		v, err = p.w.eval(ctx, r.appliesWhen)
	}
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	if err != nil || v != types.True {
		s |= VerdictsOf(NotApplicable)
	}
	return s, nil
}

var errTooCostly = ruleFailure("the possible results would cost too much to work out")

// evaluate evaluates r with the facts in given supposed; changed is
// changedVars(given).
func (p *prover) evaluate(ctx context.Context, r *compiledRule, given map[string]ref.Val, changed []bool) (Result, error) {
	if err := p.prepare(ctx, given, changed); err != nil {
		return Result{}, err
	}
	return p.w.rule(ctx, r)
}

// prepare sets the prover's activation to the case with the facts in given
// supposed, working out again the variables that read a supposed fact
// (changed, as changedVars gives them).
func (p *prover) prepare(ctx context.Context, given map[string]ref.Val, changed []bool) error {
	p.over.values = given
	rs := p.a.rs
	for i, in := range rs.section.Inputs {
		p.w.vals[i] = p.a.vals[i]
		if v, ok := given[in.Name]; ok && p.a.vals[i] == rs.unknowns[i] {
			p.w.vals[i] = v
		}
	}
	for k, v := range rs.vars {
		if !changed[k] {
			p.w.vals[v.slot] = p.a.vals[v.slot]
			continue
		}
		val, err := p.w.variable(ctx, v)
		if err != nil {
			return err
		}
		p.w.vals[v.slot] = val
	}
	return nil
}

// changedVars reports, for each variable, whether it reads a fact in given
// or a variable that does, and so must be worked out again.
func (p *prover) changedVars(given map[string]ref.Val) []bool {
	rs := p.a.rs
	changed := make([]bool, len(rs.vars))
	var buf [8]string
	paths := buf[:0] // given's keys: ranging over a map costs more than over a slice
	for path := range given {
		paths = append(paths, path)
	}
	reads := func(refs []string) bool {
		for _, r := range refs {
			for _, path := range paths {
				if path == r || strings.HasPrefix(path, r) && (path[len(r)] == '.' || path[len(r)] == '[') {
					return true
				}
			}
			for k, v := range rs.vars {
				if changed[k] && v.name == r {
					return true
				}
			}
		}
		return false
	}
	for k, v := range rs.vars {
		changed[k] = reads(v.expr.refs) || v.unknownWhen != nil && reads(v.unknownWhen.refs)
	}
	return changed
}

// varsCost is the most working out again the changed variables (those
// changedVars gives) can cost.
func (p *prover) varsCost(changed []bool) uint64 {
	var n uint64
	for k, c := range changed {
		if c {
			v := p.a.rs.vars[k]
			n += v.expr.cost
			if v.unknownWhen != nil {
				n += v.unknownWhen.cost
			}
		}
	}
	return n
}

// cost is the most evaluating r's verdict can cost.
func (r *compiledRule) cost() uint64 {
	var n uint64
	for _, e := range []*compiledExpr{r.appliesWhen, r.unknownWhen, r.expr} {
		if e != nil {
			n += e.cost
		}
	}
	return n
}

// domain returns the values the fact at path could take, if it is missing
// from the case and its values are few.
func (p *prover) domain(path string) ([]ref.Val, bool) {
	t, v, ok := p.a.lookup(path)
	if !ok || v != nil {
		return nil, false
	}
	dom := t.domain()
	return dom, len(dom) > 0
}

// lookup finds the fact at path (an input, its fields and list items:
// "offences[0].internet") in the case: its type, and its value, nil when
// it is missing. ok is false when path names no fact of the inputs, or
// passes through a missing one.
func (a *activation) lookup(path string) (t Type, v ref.Val, ok bool) {
	name, rest := path, ""
	if i := strings.IndexAny(path, ".["); i >= 0 {
		name, rest = path[:i], path[i:]
	}
	i := slices.IndexFunc(a.rs.section.Inputs, func(in *Var) bool { return in.Name == name })
	if i < 0 {
		return Type{}, nil, false
	}
	t, v = a.rs.section.Inputs[i].Type, a.vals[i]
	if v == a.rs.unknowns[i] {
		v = nil
	}
	for rest != "" {
		if v == nil {
			return Type{}, nil, false
		}
		switch rest[0] {
		case '.':
			field := rest[1:]
			if j := strings.IndexAny(field, ".["); j >= 0 {
				field, rest = field[:j], field[j:]
			} else {
				rest = ""
			}
			ov, isObj := v.(*objVal)
			if !isObj {
				return Type{}, nil, false
			}
			k := slices.IndexFunc(ov.obj.fields, func(f Field) bool { return f.Name == field })
			if k < 0 {
				return Type{}, nil, false
			}
			f := ov.obj.fields[k]
			// The value the evaluation read, if it did: reading it
			// again would make it again (a list of objects, for one).
			switch read := ov.fields[k].(type) {
			case nil:
				t, v = f.Type, f.Get(ov.ptr).v
			case *types.Unknown:
				t, v = f.Type, nil
			default:
				t, v = f.Type, read
			}
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return Type{}, nil, false
			}
			n, err := strconv.Atoi(rest[1:end])
			lv, isList := v.(*listVal)
			if err != nil || !isList || n < 0 || n >= len(lv.elems) || t.elem == nil {
				return Type{}, nil, false
			}
			t, v, rest = *t.elem, lv.elems[n], rest[end+1:]
		default:
			return Type{}, nil, false
		}
	}
	return t, v, true
}
