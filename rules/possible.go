package rules

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

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

// supposed holds the values supposed for missing facts while possible
// results are worked out: the case's objects look a missing field up here.
type supposed struct {
	facts []fact        // every fact supposed about in one Evaluate
	given []supposition // those supposed now, and their values
}

// A fact is a missing fact the prover supposes values for, resolved once:
// what it is called, the values it can take, and how the evaluation meets
// it.
type fact struct {
	path string
	dom  []ref.Val // nil when the fact is not missing or its values are many
	// u is the unknown the evaluation read for it: a field is found by it
	// without writing the field's path. Nil when the evaluation had not
	// read the field (an unknown_when's reference, say), which is then
	// found by its path.
	u     *types.Unknown
	input int // the input the fact is, or -1 for a field
	// vars is where, in prover.reads, the fact's variables begin: by
	// variable, whether it reads the fact, directly or through another.
	vars int
}

// A supposition is a value supposed for a fact, by index in supposed.facts.
type supposition struct {
	fact int
	v    ref.Val
}

// field returns the value supposed for the field of ov whose unknown is u
// and name is name, if one is.
func (s *supposed) field(ov *objVal, name string, u *types.Unknown) (ref.Val, bool) {
	byPath := false
	for _, g := range s.given {
		f := &s.facts[g.fact]
		if f.u == u {
			return g.v, true
		}
		byPath = byPath || f.u == nil && f.input < 0
	}
	if !byPath {
		return nil, false
	}
	var buf [64]byte
	path, named := ov.appendFieldPath(buf[:0], name)
	if !named {
		path = []byte(ov.trail(name).String())
	}
	for _, g := range s.given {
		if f := &s.facts[g.fact]; f.u == nil && f.input < 0 && f.path == string(path) {
			return g.v, true
		}
	}
	return nil, false
}

// has reports whether fact k is supposed in given.
func has(given []supposition, k int) bool {
	return slices.ContainsFunc(given, func(g supposition) bool { return g.fact == k })
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
// is unknown. The worlds are in e's memory: valid until e is released.
func (e *Evaluation) Worlds() [][]Verdicts { return e.worlds }

// possibilities works out the possible results of ev's unknown rules, and
// its worlds; a rule that turns out to have only one possible result gets
// it.
func (a *activation) possibilities(ctx context.Context, ev *Evaluation) error {
	var buf [16]int
	unknown := buf[:0]
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
	p.release()
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
		fact int
		path string
		n    int // unknown rules that read it
	}
	var buf [8]readers
	read := buf[:0]
	for _, i := range unknown {
		for _, path := range ev.Results[i].Missing {
			f := p.fact(path)
			if p.over.facts[f].dom == nil {
				continue
			}
			k := slices.IndexFunc(read, func(r readers) bool { return r.fact == f })
			if k < 0 {
				k = len(read)
				read = append(read, readers{fact: f, path: path})
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
	// The worlds, each the suppositions that make it, in memory the
	// prover keeps: one world, supposing nothing, or the product of the
	// shared facts' values.
	box := p.box
	worlds := append(box.worlds[:0], nil)
	for _, r := range shared {
		dom := p.over.facts[r.fact].dom
		if len(worlds)*len(dom) > maxWorlds {
			continue
		}
		n := len(worlds)
		for _, w := range worlds[:n] {
			for _, v := range dom {
				k := len(box.given)
				box.given = append(append(box.given, w...), supposition{r.fact, v})
				worlds = append(worlds, box.given[k:len(box.given):len(box.given)])
			}
		}
		worlds = append(worlds[:0], worlds[n:]...)
	}
	box.worlds = worlds

	var all []Verdicts // every world's results, back to back
	ev.worlds, all = ev.room.worldsFor(len(worlds), len(ev.Results))
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
			p.stack = append(p.stack[:0], given...)
			s, err := p.results(ctx, p.a.rs.rules[i], p.stack, known)
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
	// changed is changedVars' answer, made again by each call.
	changed []bool
	reads   []bool        // every fact's variables (see fact.vars)
	stack   []supposition // the suppositions of results' recursion
	trails  []namedTrail  // the trails met, and their facts
	// missingBuf holds missing's answer.
	missingBuf []int
	// The first facts, variables and suppositions, in the prover's own
	// allocation.
	factBuf    [2]fact
	readBuf    [32]bool
	stackBuf   [3]supposition
	trailBuf   [2]namedTrail
	missingArr [4]int
	changedBuf [16]bool
	box        *proverBox // what holds p, to be given back
}

// newProver makes a prover for a: one a finished prover gave back (see
// release), or a new one, in one allocation with its activation and that
// activation's values when the section is small.
func newProver(a *activation) *prover {
	box := provers.Get().(*proverBox)
	p, w := &box.p, &box.w
	p.box = box
	nv, n := len(a.vals), len(a.vals)+len(a.locals)
	slots := box.slots[:]
	if n > len(slots) {
		if cap(box.more) < n {
			box.more = make([]ref.Val, n)
		}
		slots = box.more
	}
	w.vals, w.locals = slots[:nv:nv], slots[nv:n:n]
	w.rs, w.cfg, w.catalogue = a.rs, evalConfig{noMessages: true}, a.catalogue
	p.a, p.w = a, w
	p.over.facts, p.reads, p.stack = p.factBuf[:0], p.readBuf[:0], p.stackBuf[:0]
	p.trails, p.missingBuf = p.trailBuf[:0], p.missingArr[:0]
	if k := len(a.rs.vars); k <= len(p.changedBuf) {
		p.changed = p.changedBuf[:k:k]
	}
	return p
}

// A proverBox is a prover, its activation and that activation's values
// in one allocation: in its slots when they are few, else in more.
type proverBox struct {
	p     prover
	w     activation
	slots [smallSection + smallLocals]ref.Val
	more  []ref.Val
	// The worlds of shared facts, and the suppositions they are made of.
	worlds [][]supposition
	given  []supposition
}

// provers holds the proverBoxes finished provers gave back, zeroed but
// for the room made for a large section's values: a prover is done with
// once its evaluation's possible results are known, and nothing it made
// is kept past that.
var provers = sync.Pool{New: func() any { return new(proverBox) }}

// release gives p back to be used again, once it is done with; p must not
// be used after.
func (p *prover) release() {
	box := p.box
	more, worlds, given := box.more, box.worlds, box.given
	clear(more)
	clear(worlds)
	clear(given) // no case's values are held
	*box = proverBox{more: more, worlds: worlds[:0], given: given[:0]}
	provers.Put(box)
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
// tries each value of one in turn. given is p.stack, or its beginning: its
// items are not changed, and those after them are the recursion's.
func (p *prover) results(ctx context.Context, r *compiledRule, given []supposition, known *Result) (Verdicts, error) {
	res, u := known, (*types.Unknown)(nil)
	if res == nil {
		changed := p.changedVars(given)
		cost := r.cost() + p.varsCost(changed)
		if p.runs >= maxSupposed || p.spent+cost > DecisionCostLimit {
			return p.anyResult(ctx, r, given)
		}
		p.runs++
		p.spent += cost
		got, unknown, err := p.evaluate(ctx, r, given, changed)
		if err != nil {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			// A world that cannot be evaluated (a supposed value the
			// rule cannot work with) says nothing: any result is
			// possible there.
			return p.anyResult(ctx, r, given)
		}
		res, u = &got, unknown
	}
	if res.Verdict != Unknown {
		return VerdictsOf(res.Verdict), nil
	}
	next := -1 // the first, by path, of the facts with few values not yet supposed
	combinations := 1
	for _, f := range p.missing(res, u) {
		dom := p.over.facts[f].dom
		if dom == nil || has(given, f) {
			continue
		}
		if next < 0 || p.over.facts[f].path < p.over.facts[next].path {
			next = f
		}
		if combinations *= len(dom); combinations > maxWorlds {
			return p.anyResult(ctx, r, given)
		}
	}
	if next < 0 {
		return p.anyResult(ctx, r, given)
	}
	// Once every result the rule can have is among those found, the
	// values left cannot add one.
	every := VerdictsOf(Pass, Fail)
	if r.appliesWhen != nil {
		every |= VerdictsOf(NotApplicable)
	}
	var s Verdicts
	more := append(given, supposition{fact: next})
	if cap(more) > cap(p.stack) {
		p.stack = more
	}
	for _, v := range p.over.facts[next].dom {
		more[len(more)-1].v = v
		t, err := p.results(ctx, r, more, nil)
		if err != nil {
			return 0, err
		}
		if s |= t; s == every {
			break
		}
	}
	return s, nil
}

// missing returns the facts whose absence left res unknown, as indexes in
// p.over.facts: those u names, when the prover evaluated res (found by
// their trails, without writing their paths where it has met them
// before), or res.Missing. The slice is the prover's, until the next call.
func (p *prover) missing(res *Result, u *types.Unknown) []int {
	out := p.missingBuf[:0]
	if u == nil {
		for _, path := range res.Missing {
			out = append(out, p.fact(path))
		}
		p.missingBuf = out
		return out
	}
	ts, _ := u.GetAttributeTrails(unknownID) // see trails
	for _, t := range ts {
		k := slices.IndexFunc(p.trails, func(n namedTrail) bool { return n.t == t })
		if k < 0 {
			path := trailString(t)
			if path == "<unspecified>" {
				continue
			}
			k = len(p.trails)
			p.trails = append(p.trails, namedTrail{t, p.fact(path)})
		}
		if f := p.trails[k].fact; !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	p.missingBuf = out
	return out
}

// A namedTrail is a trail the prover has met, and the fact it names.
type namedTrail struct {
	t    *types.AttributeTrail
	fact int
}

// anyResult is what a rule still unknown could be: pass or fail, and not
// applicable unless its applies_when is known to hold.
func (p *prover) anyResult(ctx context.Context, r *compiledRule, given []supposition) (Verdicts, error) {
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
func (p *prover) evaluate(ctx context.Context, r *compiledRule, given []supposition, changed []bool) (Result, *types.Unknown, error) {
	if err := p.prepare(ctx, given, changed); err != nil {
		return Result{}, nil, err
	}
	res := Result{ID: r.id, Effect: r.effect}
	u, err := p.w.verdict(ctx, r, &res)
	return res, u, err
}

// prepare sets the prover's activation to the case with the facts in given
// supposed, working out again the variables that read a supposed fact
// (changed, as changedVars gives them).
func (p *prover) prepare(ctx context.Context, given []supposition, changed []bool) error {
	p.over.given = given
	rs := p.a.rs
	copy(p.w.vals[:len(rs.section.Inputs)], p.a.vals)
	for _, g := range given {
		if i := p.over.facts[g.fact].input; i >= 0 {
			p.w.vals[i] = g.v
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
// or a variable that does, and so must be worked out again. The answer is
// the prover's, until the next call.
func (p *prover) changedVars(given []supposition) []bool {
	if p.changed == nil {
		p.changed = make([]bool, len(p.a.rs.vars))
	}
	clear(p.changed)
	n := len(p.changed)
	for _, g := range given {
		at := p.over.facts[g.fact].vars
		for k, reads := range p.reads[at : at+n] {
			p.changed[k] = p.changed[k] || reads
		}
	}
	return p.changed
}

// varsReading appends to changed, for each variable, whether it reads the
// fact at path or a variable that does.
func (rs *RuleSet) varsReading(changed []bool, path string) []bool {
	at := len(changed)
	changed = slices.Grow(changed, len(rs.vars))[:at+len(rs.vars)]
	clear(changed[at:])
	reads := func(refs []string) bool {
		for _, r := range refs {
			if path == r || strings.HasPrefix(path, r) && (path[len(r)] == '.' || path[len(r)] == '[') {
				return true
			}
			for k, v := range rs.vars {
				if changed[at+k] && v.name == r {
					return true
				}
			}
		}
		return false
	}
	for k, v := range rs.vars {
		changed[at+k] = reads(v.expr.refs) || v.unknownWhen != nil && reads(v.unknownWhen.refs)
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

// fact returns the index in p.over.facts of the fact at path, resolving
// it the first time it is asked for: its values, if it is missing from the
// case and they are few, and where the evaluation meets it.
func (p *prover) fact(path string) int {
	if k := slices.IndexFunc(p.over.facts, func(f fact) bool { return f.path == path }); k >= 0 {
		return k
	}
	f := fact{path: path, input: -1}
	if t, v, u, ok := p.a.lookup(path); ok && v == nil {
		f.dom, f.u = t.domain(), u
		if len(f.dom) == 0 {
			f.dom = nil
		}
		if f.dom != nil {
			f.vars = len(p.reads)
			p.reads = p.a.rs.varsReading(p.reads, path)
			f.input = slices.IndexFunc(p.a.rs.section.Inputs, func(in *Var) bool { return in.Name == path })
			if f.input >= 0 {
				f.u = nil
			}
		}
	}
	p.over.facts = append(p.over.facts, f)
	return len(p.over.facts) - 1
}

// lookup finds the fact at path (an input, its fields and list items:
// "offences[0].internet") in the case: its type, and its value, nil when
// it is missing, with the unknown the evaluation read for it when it read
// one. ok is false when path names no fact of the inputs, or passes
// through a missing one.
func (a *activation) lookup(path string) (t Type, v ref.Val, u *types.Unknown, ok bool) {
	name, rest := path, ""
	if i := strings.IndexAny(path, ".["); i >= 0 {
		name, rest = path[:i], path[i:]
	}
	i := slices.IndexFunc(a.rs.section.Inputs, func(in *Var) bool { return in.Name == name })
	if i < 0 {
		return Type{}, nil, nil, false
	}
	t, v = a.rs.section.Inputs[i].Type, a.vals[i]
	if v == a.rs.unknowns[i] {
		v = nil
	}
	for rest != "" {
		if v == nil {
			return Type{}, nil, nil, false
		}
		u = nil
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
				return Type{}, nil, nil, false
			}
			k := slices.IndexFunc(ov.obj.fields, func(f Field) bool { return f.Name == field })
			if k < 0 {
				return Type{}, nil, nil, false
			}
			f := ov.obj.fields[k]
			// The value the evaluation read, if it did: reading it
			// again would make it again (a list of objects, for one).
			switch read := ov.fields[k].(type) {
			case nil:
				t, v = f.Type, f.Get(ov.ptr).v
			case *types.Unknown:
				t, v, u = f.Type, nil, read
			default:
				t, v = f.Type, read
			}
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return Type{}, nil, nil, false
			}
			n, err := strconv.Atoi(rest[1:end])
			lv, isList := v.(*listVal)
			if err != nil || !isList || n < 0 || n >= len(lv.elems) || t.elem == nil {
				return Type{}, nil, nil, false
			}
			t, v, rest = *t.elem, lv.elems[n], rest[end+1:]
		default:
			return Type{}, nil, nil, false
		}
	}
	return t, v, u, true
}
