package rules

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"sync"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// Reuse between policies. A what-if run decides each case under two
// policies, which share most of their rules: an area file changes a
// parameter or two and adds a rule. A rule written alike in both, reading
// parameters of the same values and facts of the same values, has the same
// result under both; evaluating it twice is waste.
//
// A Reuse remembers the last evaluation of each section made with it that
// took nothing from another (or words what it took). An evaluation of the same section under
// another policy (or the same one) then takes from it each variable, rule
// and text that is the same:
//
//   - the same expressions, word for word (applies_when, unknown_when, the
//     expression, the finding and message, and a rule's description,
//     effect and fixed message), in policies whose catalogue of offences
//     and calendar of working days are the same;
//   - the parameters they read of the same values in both;
//   - the variables they read themselves taken;
//   - and the facts they read, compared field by field in the two
//     evaluations' inputs at the moment of reuse, the same.
//
// The last check makes reuse safe whatever the caller binds: an evaluation
// of another case shares only what reads the same facts. A rule's result
// is taken as it was before possible results were worked out; the possible
// results and worlds are taken too when the unknown rules are the same
// rules, taken in the same order (they are then worked out from the same
// rules over the same missing facts), and are worked out again otherwise.
// A variable is taken only when its value is a scalar (or unknown), never
// a value that holds the other evaluation's objects.
//
// Explained and capturing evaluations neither record nor take. An
// evaluation with messages may take from one without them: it then words
// the results it takes itself, evaluating only their findings and
// messages, and is recorded in the other's place, so that the next takes
// its words too.

// A Reuse lets an evaluation take, from the last evaluation of the same
// section made with the same Reuse that took nothing itself, the results
// of the rules, variables and texts both define alike and that read the
// same facts (see WithReuse). The zero
// Reuse is ready to use. A Reuse is not safe for concurrent use; give each
// goroutine its own.
type Reuse struct {
	last   []*reuseRecord // the last evaluation of each section
	reused int
	// results, when recycling, is the memory the evaluations' Results
	// are taken from, used up to len, given back at Reset.
	recycle bool
	results []Result
	strs    []string // likewise, for the evaluations' missing facts
	piles   []pile   // the decisions' memory (Recycled), by type
}

// Reset forgets the evaluations recorded so far: call it between cases,
// so that one case's evaluations are not held, or compared, for the next.
// With RecycleResults, it also takes back the Results and Missing of every
// evaluation made with r since the last Reset.
func (r *Reuse) Reset() {
	for _, rec := range r.last {
		rec.ev.unref()
	}
	clear(r.last)
	r.last = r.last[:0]
	if r.recycle {
		clear(r.results) // no case's strings are held
		r.results = r.results[:0]
		clear(r.strs)
		r.strs = r.strs[:0]
		for _, p := range r.piles {
			p.reset()
		}
	}
}

// RecycleResults makes the evaluations made with r take their Results and
// the lists of missing facts (Evaluation.Missing, each Result's Missing)
// from memory r keeps, and Reset take it back for the next case, so that a
// caller deciding many cases does not allocate them afresh. An
// evaluation's Results and those lists, and the rules of a decision made
// from it, are then valid only until r's next Reset: copy what is kept
// past it. The strings stay valid, and so do the Results' possible
// results. The decisions made with r (an eligibility.Decision, an
// attendance.Summary: see Recycled) are recycled too, and valid as long.
// For a caller that compares decisions and keeps nothing of them, as a
// what-if run does.
func (r *Reuse) RecycleResults() { r.recycle = true }

// Recycled returns a zeroed T for a decision made with opts: a new one, or,
// when opts hold a Reuse that recycles results (RecycleResults), one from
// its memory, valid until its next Reset, which zeroes it for the next
// case. It is for the packages that make decisions from evaluations, so
// that a caller deciding many cases with such a Reuse allocates no
// decision afresh.
func Recycled[T any](opts []EvalOption) *T {
	r := reuseIn(opts)
	if r == nil || !r.recycle {
		return new(T)
	}
	for _, p := range r.piles {
		if p, ok := p.(*pileOf[T]); ok {
			return p.next()
		}
	}
	p := new(pileOf[T])
	r.piles = append(r.piles, p)
	return p.next()
}

// configs holds the configurations reuseIn applies options to: a
// configuration given to an option escapes, and would cost an allocation.
var configs = sync.Pool{New: func() any { return new(evalConfig) }}

// reuseIn returns the Reuse among opts, or nil.
func reuseIn(opts []EvalOption) *Reuse {
	if len(opts) == 0 {
		return nil
	}
	c := configs.Get().(*evalConfig)
	for _, o := range opts {
		o(c)
	}
	r := c.reuse
	*c = evalConfig{}
	configs.Put(c)
	return r
}

// A pile is memory for the decisions of one type, handed out until Reset.
type pile interface{ reset() }

type pileOf[T any] struct {
	items []*T
	used  int
}

func (p *pileOf[T]) next() *T {
	if p.used == len(p.items) {
		p.items = append(p.items, new(T))
	}
	t := p.items[p.used]
	p.used++
	return t
}

// reset zeroes what was handed out, so that no case's decisions are held.
func (p *pileOf[T]) reset() {
	var zero T
	for _, t := range p.items[:p.used] {
		*t = zero
	}
	p.used = 0
}

// resultsFor returns n zeroed Results, from r's memory when it recycles.
func (r *Reuse) resultsFor(n int) []Result {
	if r == nil || !r.recycle {
		return make([]Result, n)
	}
	if len(r.results)+n > cap(r.results) {
		// Those handed out stay where they are; the next case finds room
		// for all it needs.
		r.results = make([]Result, 0, max(2*cap(r.results), n, 32))
	}
	k := len(r.results)
	r.results = r.results[:k+n]
	return r.results[k : k+n : k+n]
}

// stringsFor returns an empty slice with room for n strings, for an
// evaluation's missing facts: when recycling, in memory given back at
// Reset.
func (r *Reuse) stringsFor(n int) []string {
	if n == 0 {
		return nil
	}
	if r == nil || !r.recycle {
		return make([]string, 0, n)
	}
	if len(r.strs)+n > cap(r.strs) {
		r.strs = make([]string, 0, max(2*cap(r.strs), n, 32))
	}
	k := len(r.strs)
	r.strs = r.strs[:k+n]
	return r.strs[k : k : k+n]
}

// cloneStrings is slices.Clone(s), in the memory of stringsFor.
func (r *Reuse) cloneStrings(s []string) []string {
	if len(s) == 0 {
		return slices.Clone(s)
	}
	return append(r.stringsFor(len(s)), s...)
}

// Reused returns how many rules, variables, texts and sets of possible
// results evaluations made with r have taken from another evaluation.
func (r *Reuse) Reused() int { return r.reused }

// WithReuse makes Evaluate take what it can from the last evaluation of
// the same section made with r that took nothing itself; one that takes
// nothing is recorded for the next. The results are those Evaluate gives
// without it.
func WithReuse(r *Reuse) EvalOption { return func(c *evalConfig) { c.reuse = r } }

// reuseRecord is one evaluation, as the next may reuse it.
type reuseRecord struct {
	ev *Evaluation
	// unknown lists the rules unknown after the first pass, whose
	// results the possible results then changed, and first their
	// results as they were; ev.Results holds the others'.
	unknown []int
	first   []Result
	texts   []ref.Val // the texts evaluated, by index in Section.Texts
}

// sharing is what one evaluation takes from another, as it goes.
type sharing struct {
	r    *Reuse
	from *reuseRecord // nil when nothing may be taken
	pl   *pairing
	self *reuseRecord // this evaluation's record, for its texts
	// upgrade: this evaluation words its results and the other did
	// not, so that the results it takes it words itself.
	upgrade bool
	taken   uint64 // variables taken, by index
	took    uint64 // rules whose results were taken, by index
	// The input paths compared (by index in pl.paths), and those found
	// the same.
	compared, same uint64
}

// pairing is what evaluations of section b may take from evaluations of
// section a, as far as it can be known before evaluating: by b's variable,
// rule and text, what of a's it is the same as, given the same facts.
type pairing struct {
	vars  []shared // by index in b.vars
	rules []shared // by index in b.rules
	texts []shared // by index in b.texts
	paths []inputPath
}

// shared is one variable, rule or text of b and the one of a it is the
// same as, if the facts it reads are.
type shared struct {
	from   int   // a's variable slot, or rule or text index; -1 when none is the same
	vars   []int // b's variables it reads (by index in b.vars), which must be taken too
	inputs []int // the facts it reads, by index in pairing.paths
}

// inputPath is a fact expressions read: an input and the fields under it.
type inputPath struct {
	slot   int   // the input's slot, the same in both sections
	fields []int // field indexes, from the input's object down
}

// begin readies act's evaluation to take from the last evaluation of its
// section recorded in r.
func (sh *sharing) begin(r *Reuse, rs *RuleSet, cfg *evalConfig) {
	sh.r = r
	for _, rec := range r.last {
		if rec.ev.rs.section.Name != rs.section.Name {
			continue
		}
		quiet := rec.ev.act.cfg.noMessages
		if quiet == cfg.noMessages || quiet {
			if pl := rs.pairedWith(rec.ev.rs); pl != nil {
				sh.from, sh.pl, sh.upgrade = rec, pl, quiet && !cfg.noMessages
				rec.ev.refs.Add(1) // until this evaluation is released
			}
		}
		return
	}
}

// record keeps ev, whose rules' results are those of the first pass, for
// the next evaluation of its section made with the same Reuse.
func (sh *sharing) record(ev *Evaluation, unknown bool) {
	r := sh.r
	rec := &ev.record
	rec.ev = ev
	if unknown {
		for i := range ev.Results {
			if ev.Results[i].Verdict == Unknown {
				rec.unknown = append(rec.unknown, i)
				rec.first = append(rec.first, ev.Results[i])
			}
		}
	}
	sh.self = rec
	ev.refs.Add(1) // until the Reuse lets it go
	for i, old := range r.last {
		if old.ev.rs.section.Name == ev.rs.section.Name {
			r.last[i] = rec
			old.ev.unref()
			return
		}
	}
	r.last = append(r.last, rec)
}

// result returns the first-pass result of a's rule i.
func (rec *reuseRecord) result(i int) Result {
	if k := slices.Index(rec.unknown, i); k >= 0 {
		return rec.first[k]
	}
	return rec.ev.Results[i]
}

// variable returns the value of variable k of the evaluation, taken from
// the other, if it may be.
func (sh *sharing) variable(k int, act *activation) (ref.Val, bool) {
	if sh.pl == nil || k >= 64 {
		return nil, false
	}
	s := &sh.pl.vars[k]
	if !sh.holds(s, act) {
		return nil, false
	}
	v := sh.from.ev.act.vals[s.from]
	if !portable(v) {
		return nil, false
	}
	sh.taken |= 1 << k
	sh.r.reused++
	return v, true
}

// rule returns the first-pass result of rule i of the evaluation, taken
// from the other, if it may be; an error only from wording it.
func (sh *sharing) rule(ctx context.Context, i int, act *activation, res *Result) (bool, error) {
	if sh.pl == nil || i >= 64 {
		return false, nil
	}
	s := &sh.pl.rules[i]
	if !sh.holds(s, act) {
		return false, nil
	}
	*res = sh.from.result(s.from)
	res.Missing = sh.r.cloneStrings(res.Missing)
	if sh.upgrade && res.Verdict != Unknown {
		if err := act.decidedMessage(ctx, act.rs.rules[i], res); err != nil {
			return false, err
		}
	}
	sh.took |= 1 << i
	sh.r.reused++
	return true, nil
}

// text returns the value of text i, taken from the other evaluation, if
// it may be and the other evaluated it.
func (sh *sharing) text(i int, act *activation) (ref.Val, bool) {
	if sh.pl == nil || sh.from == nil {
		return nil, false
	}
	s := &sh.pl.texts[i]
	if s.from < 0 || s.from >= len(sh.from.texts) || sh.from.texts[s.from] == nil || !sh.holds(s, act) {
		return nil, false
	}
	sh.r.reused++
	return sh.from.texts[s.from], true
}

// keepText records the value of text i of this evaluation, for the next.
func (sh *sharing) keepText(i, n int, v ref.Val) {
	if sh.self == nil || !portable(v) {
		return
	}
	if len(sh.self.texts) < n {
		sh.self.texts = slices.Grow(sh.self.texts[:0], n)[:n]
	}
	sh.self.texts[i] = v
}

// possibilities takes the other evaluation's possible results for ev's
// unknown rules, and its worlds, when its unknown rules were the same
// rules, taken from it in the same order: the possible results are then
// worked out from the same rules over the same missing facts. It reports
// whether it took them.
func (sh *sharing) possibilities(ctx context.Context, ev *Evaluation) (bool, error) {
	if sh.pl == nil || len(sh.from.unknown) == 0 {
		return false, nil
	}
	other := sh.from
	n := 0
	for i := range ev.Results {
		if ev.Results[i].Verdict != Unknown {
			continue
		}
		s := &sh.pl.rules[i]
		if n >= len(other.unknown) || !sh.tookRule(i) || s.from != other.unknown[n] {
			return false, nil
		}
		n++
	}
	if n != len(other.unknown) {
		return false, nil
	}
	from := other.ev
	var all []Verdicts
	ev.worlds, all = ev.room.worldsFor(len(from.worlds), len(ev.Results))
	for k, w := range from.worlds {
		n := len(ev.Results)
		world := all[k*n : (k+1)*n : (k+1)*n]
		for i := range ev.Results {
			if sh.tookRule(i) {
				world[i] = w[sh.pl.rules[i].from]
			} else {
				world[i] = VerdictsOf(ev.Results[i].Verdict)
			}
		}
		ev.worlds[k] = world
	}
	for i := range ev.Results {
		if ev.Results[i].Verdict != Unknown {
			continue
		}
		res := from.Results[sh.pl.rules[i].from]
		res.Missing, res.Possible = sh.r.cloneStrings(res.Missing), slices.Clone(res.Possible)
		if sh.upgrade && res.Verdict != Unknown {
			// The missing facts cannot change its result: worded as
			// a result that is known.
			if err := ev.act.decidedMessage(ctx, ev.rs.rules[i], &res); err != nil {
				return false, err
			}
		}
		ev.Results[i] = res
	}
	sh.r.reused++
	return true, nil
}

// tookRule reports whether rule i's result was taken: its result is then
// the same as the other's rule pl.rules[i].from.
func (sh *sharing) tookRule(i int) bool { return i < 64 && sh.took&(1<<i) != 0 }

// holds reports whether s may be taken: the variables it reads were
// taken, and the facts it reads are the same in both evaluations.
func (sh *sharing) holds(s *shared, act *activation) bool {
	if s.from < 0 {
		return false
	}
	for _, k := range s.vars {
		if sh.taken&(1<<k) == 0 {
			return false
		}
	}
	for _, p := range s.inputs {
		if !sh.sameInput(p, act) {
			return false
		}
	}
	return true
}

// sameInput reports whether input path p has the same value in both
// evaluations, comparing it once per evaluation.
func (sh *sharing) sameInput(p int, act *activation) bool {
	bit := uint64(1) << (p % 64)
	if p < 64 && sh.compared&bit != 0 {
		return sh.same&bit != 0
	}
	in := &sh.pl.paths[p]
	same := samePath(sh.from.ev.act.vals[in.slot], act.vals[in.slot], in.fields)
	if p < 64 {
		sh.compared |= bit
		if same {
			sh.same |= bit
		}
	}
	return same
}

// pairedWith returns what evaluations of rs may take from evaluations of
// a, worked out once for each a.
func (rs *RuleSet) pairedWith(a *RuleSet) *pairing {
	if p, ok := rs.pairs.Load(a); ok {
		return p.(*pairing)
	}
	p, _ := rs.pairs.LoadOrStore(a, pair(a, rs))
	return p.(*pairing)
}

// pair works out what evaluations of b may take from evaluations of a;
// nil when nothing can be taken.
func pair(a, b *RuleSet) *pairing {
	if !sameSection(a.section, b.section) || !sameFunctions(a.policy, b.policy) {
		return nil
	}
	p := &pairing{vars: make([]shared, len(b.vars)), rules: make([]shared, len(b.rules)), texts: make([]shared, len(b.texts))}
	any := false
	for k, bv := range b.vars {
		p.vars[k].from = -1
		if k >= 64 {
			continue // taken variables are kept in one word
		}
		for _, av := range a.vars {
			if av.name != bv.name {
				continue
			}
			if s, ok := p.sharedExprs(a, b, []*compiledExpr{av.expr, av.unknownWhen}, []*compiledExpr{bv.expr, bv.unknownWhen}); ok {
				s.from = av.slot
				p.vars[k], any = s, true
			}
			break
		}
	}
	for k, br := range b.rules {
		p.rules[k].from = -1
		if k >= 64 {
			continue // taken rules are kept in one word
		}
		for i, ar := range a.rules {
			if ar.id != br.id {
				continue
			}
			if !sameRuleText(ar, br) {
				break
			}
			if s, ok := p.sharedExprs(a, b, ar.exprs(), br.exprs()); ok {
				s.from = i
				p.rules[k], any = s, true
			}
			break
		}
	}
	for k := range b.texts {
		p.texts[k].from = -1
		i := slices.Index(a.section.Texts, b.section.Texts[k])
		if i < 0 {
			continue
		}
		if s, ok := p.sharedExprs(a, b, []*compiledExpr{a.texts[i]}, []*compiledExpr{b.texts[k]}); ok {
			s.from = i
			p.texts[k], any = s, true
		}
	}
	if !any {
		return nil
	}
	return p
}

func (r *compiledRule) exprs() []*compiledExpr {
	return []*compiledExpr{r.appliesWhen, r.unknownWhen, r.expr, r.finding, r.messageExpr}
}

// sameRuleText reports whether two rules say the same when they need no
// expression to say it.
func sameRuleText(a, b *compiledRule) bool {
	return a.description == b.description && a.effect == b.effect && a.message == b.message &&
		a.passMessage == b.passMessage && a.naMessage == b.naMessage && a.failMessage == b.failMessage
}

// sameSection reports whether two sections read the same inputs.
func sameSection(a, b Section) bool {
	return a.Name == b.Name && slices.Equal(a.Inputs, b.Inputs)
}

// sameFunctions reports whether expressions call the same functions in two
// policies: the catalogue and the calendar are all that policies' functions
// read.
func sameFunctions(a, b *Policy) bool {
	if a == b {
		return true
	}
	return reflect.DeepEqual(a.catalogue.entries, b.catalogue.entries) &&
		(a.calendar == b.calendar || a.calendar != nil && b.calendar != nil && reflect.DeepEqual(*a.calendar, *b.calendar))
}

// sharedExprs reports whether expressions as of a (in a's RuleSet) and bs
// (in b's) are the same, pairwise, given the same facts: the same source,
// reading the same facts and parameters, the parameters of the same
// values, and the variables they read shared too. It returns what must
// hold at run time.
func (p *pairing) sharedExprs(a, b *RuleSet, as, bs []*compiledExpr) (shared, bool) {
	var s shared
	for i := range as {
		ae, be := as[i], bs[i]
		if ae == nil || be == nil {
			if ae != be {
				return s, false
			}
			continue
		}
		if ae.src != be.src || !slices.Equal(ae.refs, be.refs) || !slices.Equal(ae.params, be.params) {
			return s, false
		}
		for _, name := range be.params {
			pa, pb := a.policy.paramIndex[name], b.policy.paramIndex[name]
			if pa == nil || pb == nil || pa.kind != pb.kind || !reflect.DeepEqual(pa.value, pb.value) {
				return s, false
			}
		}
		for _, path := range be.refs {
			parts := strings.Split(path, ".")
			slot, ok := b.slots[parts[0]] // an input's slot is the same in both
			if !ok {
				return s, false
			}
			if slot >= len(b.section.Inputs) { // a variable
				k := slices.IndexFunc(b.vars, func(v *compiledVar) bool { return v.slot == slot })
				if k < 0 || p.vars[k].from < 0 {
					return s, false
				}
				if len(parts) > 1 {
					return s, false // a field of a variable's value: only scalars are taken
				}
				if !slices.Contains(s.vars, k) {
					s.vars = append(s.vars, k)
				}
				continue
			}
			in, ok := inputFields(b.section.Inputs[slot].Type, parts[1:])
			if !ok {
				return s, false
			}
			s.inputs = append(s.inputs, p.path(inputPath{slot: slot, fields: in}))
		}
	}
	return s, true
}

// inputFields returns the field indexes of path under a value of type t;
// false when the path does not name fields of objects all the way.
func inputFields(t Type, path []string) ([]int, bool) {
	var out []int
	for _, name := range path {
		if t.obj == nil || t.elem != nil {
			return nil, false
		}
		i := t.obj.fieldIndex(name)
		if i < 0 {
			return nil, false
		}
		out = append(out, i)
		t = t.obj.fields[i].Type
	}
	return out, true
}

// path returns the index of in in p.paths, adding it if it is new.
func (p *pairing) path(in inputPath) int {
	for i, q := range p.paths {
		if q.slot == in.slot && slices.Equal(q.fields, in.fields) {
			return i
		}
	}
	p.paths = append(p.paths, in)
	return len(p.paths) - 1
}

// samePath reports whether the fields under x and y are the same fact.
// Objects that are the same Go value hold the same facts throughout.
func samePath(x, y ref.Val, fields []int) bool {
	for _, f := range fields {
		if sameObject(x, y) {
			return true
		}
		var ok bool
		if x, ok = fieldOf(x, f); !ok {
			return false
		}
		if y, ok = fieldOf(y, f); !ok {
			return false
		}
	}
	return sameValue(x, y, maxCompareDepth)
}

// sameObject reports whether x and y are values of the same object.
func sameObject(x, y ref.Val) bool {
	a, ok := x.(*objVal)
	if !ok {
		return false
	}
	b, ok := y.(*objVal)
	return ok && a.obj == b.obj && a.ptr == b.ptr
}

// maxCompareDepth is the deepest sameValue looks into objects and lists.
const maxCompareDepth = 8

// fieldOf returns field i of v, an object's value; false when v is not an
// object or the field cannot be read.
func fieldOf(v ref.Val, i int) (ref.Val, bool) {
	o, ok := v.(*objVal)
	if !ok || i >= len(o.obj.fields) {
		return nil, false
	}
	f, err := o.obj.field(o, i)
	return f, err == nil
}

// sameValue reports whether x and y are the same fact: equal scalars of
// the same type, both unknown (unknown facts at the same place in the same
// inputs are the same fact), or objects and lists made of the same facts.
// Where it cannot tell, it says no.
func sameValue(x, y ref.Val, depth int) bool {
	switch a := x.(type) {
	case *objVal:
		b, ok := y.(*objVal)
		if !ok || a.obj != b.obj {
			return false
		}
		if a.ptr == b.ptr {
			return true
		}
		if depth == 0 {
			return false
		}
		for i := range a.obj.fields {
			fa, oka := fieldOf(a, i)
			fb, okb := fieldOf(b, i)
			if !oka || !okb || !sameValue(fa, fb, depth-1) {
				return false
			}
		}
		return true
	case *listVal:
		b, ok := y.(*listVal)
		if !ok || len(a.elems) != len(b.elems) || depth == 0 {
			return false
		}
		for i := range a.elems {
			if !sameValue(a.elems[i], b.elems[i], depth-1) {
				return false
			}
		}
		return true
	case *types.Unknown:
		_, ok := y.(*types.Unknown)
		return ok
	case types.String:
		b, ok := y.(types.String)
		return ok && a == b
	case types.Int:
		b, ok := y.(types.Int)
		return ok && a == b
	case types.Bool:
		b, ok := y.(types.Bool)
		return ok && a == b
	case *dateVal:
		b, ok := y.(*dateVal)
		return ok && *a == *b
	}
	return false
}

// portable reports whether a variable's value may be taken into another
// evaluation: a scalar, or unknown; never a value holding objects or lists
// of the evaluation it was made in.
func portable(v ref.Val) bool {
	switch v.(type) {
	case *types.Unknown, types.String, types.Int, types.Bool, types.Double, types.Uint, *dateVal, types.Null:
		return true
	}
	return false
}
