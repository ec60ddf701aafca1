package rules

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"
)

// An Evaluation is the result of evaluating a RuleSet on one case: each
// rule's result in policy order, the facts whose absence left anything
// unknown, and the section's outputs and texts.
type Evaluation struct {
	Results   []Result
	Missing   []string              // sorted JSON paths of missing facts that left a rule unknown
	Variables []VariableExplanation // with the Explain option only
	rs        *RuleSet
	act       activation
	// The values of the section's inputs and variables, and the local
	// variables of the direct evaluation, in the Evaluation's own
	// allocation when there are few.
	vals   [smallSection]ref.Val
	locals [smallLocals]ref.Val
	// The room made for more values, and for worlds, kept for the next
	// evaluation.
	room   evalRoom
	worlds [][]Verdicts // nil unless a rule is unknown
	share  sharing      // what it takes from another evaluation (WithReuse)
	// record is the Evaluation as a Reuse keeps it for the next, which
	// lives as long as the Evaluation is held.
	record reuseRecord
	// refs counts what holds the Evaluation: its caller until Release, a
	// Reuse while it is recorded there, and each evaluation taking from it
	// until that one is released. At none, it is zeroed and pooled.
	refs atomic.Int32
}

// smallSection is the most inputs and variables a section has, and
// smallLocals the most local variables its expressions need, for its
// evaluation to hold their values in its own allocation.
const (
	smallSection = 12
	smallLocals  = 5
)

// evalRoom is the memory an Evaluation makes when its own is too little,
// kept from one use to the next: for the values of a large section, and
// for the possible worlds (Worlds), which are not used past Release.
type evalRoom struct {
	vals, locals []ref.Val
	worlds       [][]Verdicts
	verdicts     []Verdicts
}

// worldsFor returns room for n worlds of m results each: the list, and the
// results, back to back.
func (r *evalRoom) worldsFor(n, m int) ([][]Verdicts, []Verdicts) {
	if cap(r.worlds) < n {
		r.worlds = make([][]Verdicts, n)
	}
	if cap(r.verdicts) < n*m {
		r.verdicts = make([]Verdicts, n*m)
	}
	return r.worlds[:n], r.verdicts[:n*m]
}

// room returns n values' room: in small, the Evaluation's own, when they
// fit, and otherwise in *more, made when it has too little.
func room(small []ref.Val, more *[]ref.Val, n int) []ref.Val {
	if n <= len(small) {
		return small[:n:n]
	}
	if cap(*more) < n {
		*more = make([]ref.Val, n)
	}
	return (*more)[:n:n]
}

// Output returns the value of output v, one of Section.Outputs; the zero
// Value when it is unknown or v is not an output of the section.
func (e *Evaluation) Output(v *Var) Value {
	for i, out := range e.rs.section.Outputs {
		if out == v {
			if val := e.act.vals[e.rs.outputs[i]]; !types.IsUnknown(val) {
				return valueOf(val)
			}
			return Value{}
		}
	}
	return Value{}
}

// Messages reports whether the evaluation words its results: false when it
// was made WithoutMessages, so that a decision can skip its own words too.
func (e *Evaluation) Messages() bool { return !e.act.cfg.noMessages }

// OutputMissing returns the facts, as JSON paths, whose absence left output
// v unknown; nil when v is known or not an output of the section.
func (e *Evaluation) OutputMissing(v *Var) []string {
	for i, out := range e.rs.section.Outputs {
		if out == v {
			if u, ok := e.act.vals[e.rs.outputs[i]].(*types.Unknown); ok {
				return trails(u)
			}
		}
	}
	return nil
}

// Text evaluates text t, one of Section.Texts, against the same facts. It
// returns false when the text depends on a fact that is not known.
func (e *Evaluation) Text(ctx context.Context, t *Var) (string, bool, error) {
	i := slices.Index(e.rs.section.Texts, t)
	if i < 0 {
		name := "<nil>"
		if t != nil {
			name = t.Name
		}
		return "", false, fmt.Errorf("rules: section %s declares no text %q", e.rs.section.Name, name)
	}
	if v, ok := e.share.text(i, &e.act); ok {
		s, ok := v.(types.String)
		return string(s), ok, nil
	}
	ce := e.rs.texts[i]
	s, other, err := e.act.evalText(ctx, ce)
	if err != nil {
		if ctx.Err() != nil {
			return "", false, ctx.Err()
		}
		return "", false, evalError(e.rs.section.Name, "text", t.Name, "expression", ce, err)
	}
	if e.share.self != nil { // the text is kept for the next evaluation
		v := other
		if v == nil {
			v = types.String(s)
		}
		e.share.keepText(i, len(e.rs.texts), v)
	}
	return s, other == nil, nil
}

// Release gives e's memory back, to be used by a later Evaluate: call it
// once done with e, as the decisions do, to spare the collector. After
// Release, e must not be used, nor the Values bound to it, whose memory is
// used again for later ones (Evaluate refuses such a Value, bound again or
// returned by a field's Get, with an error rather than read another case's
// memory); what was taken from it stays valid (the
// Results, Missing and Variables slices, each Result's slices, texts and
// the values of outputs). Release is optional: an Evaluation not released
// is collected as any other value is; one released while a Reuse still
// holds it, to be taken from, is given back once the Reuse lets it go.
// Release it once only.
func (e *Evaluation) Release() {
	if e != nil {
		e.unref()
	}
}

// unref drops one hold on e (see Evaluation.refs), pooling it after the
// last, and dropping its own hold on the evaluation it took from.
func (e *Evaluation) unref() {
	if e.refs.Add(-1) != 0 {
		return
	}
	if from := e.share.from; from != nil {
		from.ev.unref()
	}
	if e.rs != nil && e.rs.recycles {
		for i := range e.rs.section.Inputs {
			recycle(e.act.vals[i])
		}
	}
	rec := e.record // its room, kept for the next
	clear(rec.texts)
	text := e.act.text // empty: the buffer is kept for the next texts
	room := e.room
	clear(room.vals) // no case's values are held
	clear(room.locals)
	memo := e.act.memo // the unknowns merged and named, kept for the next
	*e = Evaluation{record: reuseRecord{unknown: rec.unknown[:0], first: rec.first[:0], texts: rec.texts[:0]}, room: room}
	e.act.text, e.act.memo = text, memo
	clear(rec.first[:cap(rec.first)]) // no case's strings are held
	evaluations.Put(e)
}

// evaluations holds released Evaluations, zeroed.
var evaluations = sync.Pool{New: func() any { return new(Evaluation) }}

// activation resolves input and variable names to their values by slot.
type activation struct {
	rs     *RuleSet
	vals   []ref.Val
	locals []ref.Val // the comprehensions' variables, for the direct evaluation
	cfg    evalConfig
	rec    *recorder // nil unless explaining
	// longDate is the last day long_date wrote, and what it wrote.
	longDate struct {
		at *dateVal
		v  ref.Val
	}
	// catalogue is what the catalogue said of the names looked up.
	catalogue catalogueMemo
	// text is the buffer its texts are evaluated in, kept from one
	// evaluation to the next (takeText); textBusy while one is.
	text     *textBuf
	textBusy bool
	// frame is the execution frame every expression of one Evaluate
	// runs in but those that track their cost, which need a frame of
	// their own; nil once Evaluate has returned.
	frame *interpreter.ExecutionFrame
	// framing is set while Evaluate runs, when a frame may be made.
	framing bool
	// memo is the unknowns merged and the facts named, kept from one
	// evaluation to the next.
	memo unknownMemo
}

func (a *activation) ResolveName(name string) (any, bool) {
	i, ok := a.rs.slots[name]
	if !ok {
		return nil, false
	}
	v := a.vals[i]
	if a.rec != nil {
		if _, isObject := v.(*objVal); !isObject { // an object's fields are recorded as they are read
			a.rec.record(name, v)
		}
	}
	return v, true
}

func (a *activation) Parent() interpreter.Activation { return nil }

// eval evaluates one expression. Cancellation is checked before each
// expression rather than inside it: a context-aware evaluation costs a
// context and a goroutine-safe frame per call, more than most rules take to
// run, and the cost limit bounds how long any one expression can run.
func (a *activation) eval(ctx context.Context, e *compiledExpr) (ref.Val, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if e.direct != nil && a.rec == nil {
		// An error, or giving up, has cel-go evaluate it again: the
		// error it gives is the one to report.
		if v := e.direct(a); !types.IsError(v) {
			if checkDirect != nil {
				cv, err := a.celEval(e)
				checkDirect(e, v, cv, err)
			}
			return v, nil
		}
	}
	return a.celEval(e)
}

// checkDirect, set by tests only, is given the value of every expression
// evaluated directly, and cel-go's value and error for it.
var checkDirect func(e *compiledExpr, direct ref.Val, celgo ref.Val, err error)

// closeFrame gives back the frame Evaluate's expressions shared, if one
// was made, once Evaluate is done.
func (a *activation) closeFrame() {
	a.framing = false
	if a.frame != nil {
		a.frame.Close()
		a.frame = nil
	}
}

// celEval evaluates e with cel-go's interpreter.
func (a *activation) celEval(e *compiledExpr) (ref.Val, error) {
	var in any = a
	if !e.tracked && a.framing {
		if a.frame == nil {
			frame, err := interpreter.NewExecutionFrame(a)
			if err != nil {
				return nil, err
			}
			a.frame = frame
		}
		in = a.frame
	}
	v, _, err := e.prg.Eval(in)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// Evaluate evaluates every variable and rule of the set against the inputs
// bound in in (see Var.Bind); an input not bound is not known. It takes
// ownership of the bound Values: build fresh ones for each call. An
// expression that fails at run time gives an *EvalError (errors.Is
// ErrEvaluation) naming it; an input longer than its Type allows, an
// *isotp.InputError; a cancelled ctx, the context's error; a binding of a
// Var that is not one of the section's inputs, or of one input twice, an
// error naming it. Nothing is guessed.
func (rs *RuleSet) Evaluate(ctx context.Context, in []Binding, opts ...EvalOption) (*Evaluation, error) {
	ev := evaluations.Get().(*Evaluation)
	ev.rs = rs
	ev.refs.Store(1)
	act := &ev.act
	act.rs = rs
	for _, o := range opts {
		o(&act.cfg)
	}
	if act.cfg.explain {
		act.rec = &recorder{}
	}
	act.vals = room(ev.vals[:], &ev.room.vals, len(rs.unknowns))
	act.locals = room(ev.locals[:], &ev.room.locals, rs.locals)
	ev.Results = act.cfg.reuse.resultsFor(len(rs.rules))
	// The frame cel-go's evaluations share is made once one is needed:
	// most sections are evaluated directly throughout.
	act.framing = true
	defer act.closeFrame()
	inputs := rs.section.Inputs
	var bound uint64
	for _, b := range in {
		i := slices.Index(inputs, b.v)
		switch {
		case i < 0:
			name := "<nil>"
			if b.v != nil {
				name = b.v.Name
			}
			return nil, fmt.Errorf("rules: section %s has no input %q", rs.section.Name, name)
		case bound&(1<<i) != 0:
			return nil, fmt.Errorf("rules: section %s: input %q is bound twice", rs.section.Name, b.v.Name)
		}
		bound |= 1 << i
		name := inputs[i].Name
		if b.val.stale() {
			return nil, fmt.Errorf("rules: section %s: input %q: %w", rs.section.Name, name, errStale)
		}
		if err := oversize(b.val.v, inputs[i].Type, func() string { return name }); err != nil {
			return nil, err
		}
		switch v := b.val.v.(type) {
		case nil:
			continue
		case *objVal:
			v.name, v.rec = name, act.rec
			hold(v)
		case *listVal:
			v.rec = act.rec
			v.attach(nil, name)
			hold(v)
		}
		act.vals[i] = b.val.v
	}
	for i := range inputs {
		if act.vals[i] == nil {
			act.vals[i] = rs.unknowns[i]
		}
	}
	sh := &ev.share
	if r := act.cfg.reuse; r != nil && act.rec == nil && act.cfg.capture == nil {
		sh.begin(r, rs, &act.cfg)
	}
	for k, v := range rs.vars {
		if val, ok := sh.variable(k, act); ok {
			act.vals[v.slot] = val
			continue
		}
		val, err := act.variable(ctx, v)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s rules: %w", rs.section.Name, ctx.Err())
			}
			return nil, err
		}
		act.vals[v.slot] = val
		if act.rec != nil {
			ve := VariableExplanation{Name: v.name, Value: formatVal(val),
				Explanation: Explanation{Expression: strings.TrimSpace(v.expr.src), Read: act.rec.take(), Params: rs.policy.paramFacts(v.expr.params)}}
			if v.unknownWhen != nil {
				ve.Explanation.UnknownWhen = strings.TrimSpace(v.unknownWhen.src)
			}
			ev.Variables = append(ev.Variables, ve)
		}
	}
	if act.cfg.capture != nil {
		res, ok, err := act.cfg.capture.capture(ctx, rs, act)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s rules: %w", rs.section.Name, ctx.Err())
			}
			return nil, err
		}
		if ok {
			*act.cfg.into = res
		}
	}
	unknown := false
	for i, r := range rs.rules {
		res := &ev.Results[i]
		ok, err := false, error(nil)
		if sh.pl != nil {
			ok, err = sh.rule(ctx, i, act, res)
		}
		if !ok && err == nil {
			err = act.rule(ctx, r, res)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s rules: %w", rs.section.Name, ctx.Err())
			}
			return nil, err
		}
		if act.rec != nil {
			res.Explanation = rs.policy.explanation(r, act.rec.take())
		}
		unknown = unknown || res.Verdict == Unknown
	}
	if sh.r != nil && (sh.pl == nil || sh.upgrade) {
		// One that took nothing, or that words what it took, is the
		// one to take from.
		sh.record(ev, unknown)
	}
	if !unknown {
		return ev, nil
	}
	if took, err := sh.possibilities(ctx, ev); err != nil || !took {
		if err == nil {
			err = act.possibilities(ctx, ev)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s rules: %w", rs.section.Name, ctx.Err())
			}
			return nil, err
		}
	}
	n := 0
	for i := range ev.Results {
		if res := &ev.Results[i]; res.Verdict == Unknown {
			n += len(res.Missing)
		}
	}
	missing := act.cfg.reuse.stringsFor(n)
	for i := range ev.Results {
		res := &ev.Results[i]
		if res.Verdict != Unknown {
			continue
		}
		missing = append(missing, res.Missing...)
		if !act.cfg.noMessages {
			res.Message = rs.unknownMessage(rs.rules[i], res)
		}
	}
	ev.Missing = dedupe(missing)
	return ev, nil
}

func (a *activation) variable(ctx context.Context, v *compiledVar) (ref.Val, error) {
	fail := func(field string, ce *compiledExpr, err error) error {
		return evalError(a.rs.section.Name, "variable", v.name, field, ce, err)
	}
	if v.unknownWhen != nil {
		u, err := a.eval(ctx, v.unknownWhen)
		if err != nil {
			return nil, fail("unknown_when", v.unknownWhen, err)
		}
		switch u {
		case types.True:
			return v.unknownWhen.unknown, nil
		case types.False:
		default:
			return u, nil // unknown itself
		}
	}
	val, err := a.eval(ctx, v.expr)
	if err != nil {
		return nil, fail("expression", v.expr, err)
	}
	return val, nil
}

// rule applies the pinned order: applies_when, then unknown_when, then the
// expression.
func (a *activation) rule(ctx context.Context, r *compiledRule, res *Result) error {
	*res = Result{ID: r.id, Effect: r.effect}
	u, err := a.verdict(ctx, r, res)
	if u != nil {
		res.Missing = a.trails(u)
	}
	return err
}

// verdict is rule without naming the missing facts, into res: an unknown
// result comes with the unknown that names them, which the prover reads
// without writing their paths.
func (a *activation) verdict(ctx context.Context, r *compiledRule, res *Result) (*types.Unknown, error) {
	fail := func(field string, ce *compiledExpr, err error) error {
		return evalError(a.rs.section.Name, "rule", r.id, field, ce, err)
	}
	if r.appliesWhen != nil {
		v, err := a.eval(ctx, r.appliesWhen)
		if err != nil {
			return nil, fail("applies_when", r.appliesWhen, err)
		}
		if v == types.False {
			res.Verdict = NotApplicable
			if !a.cfg.noMessages {
				res.Message = r.naMessage
			}
			return nil, nil
		}
		if v != types.True && !types.IsUnknown(v) {
			return nil, fail("applies_when", r.appliesWhen, ruleFailure(fmt.Sprintf("it gave a value of type %v, not a bool", v.Type().TypeName())))
		}
		if u, ok := v.(*types.Unknown); ok {
			res.Verdict = Unknown
			return u, nil
		}
	}
	if r.unknownWhen != nil {
		v, err := a.eval(ctx, r.unknownWhen)
		if err != nil {
			return nil, fail("unknown_when", r.unknownWhen, err)
		}
		switch x := v.(type) {
		case *types.Unknown:
			res.Verdict = Unknown
			return x, nil
		case types.Bool:
			if x {
				res.Verdict = Unknown
				return r.unknownWhen.unknown, nil
			}
		}
	}
	v, err := a.eval(ctx, r.expr)
	if err != nil {
		return nil, fail("expression", r.expr, err)
	}
	switch x := v.(type) {
	case *types.Unknown:
		res.Verdict = Unknown
		return x, nil
	case types.Bool:
		res.Verdict = Fail
		if x {
			res.Verdict = Pass
		}
	default:
		return nil, fail("expression", r.expr, ruleFailure(fmt.Sprintf("it gave a value of type %v, not a bool", v.Type().TypeName())))
	}
	if a.cfg.noMessages {
		return nil, nil
	}
	return nil, a.decidedMessage(ctx, r, res)
}

// decidedMessage sets the message of res, a rule's result that is not
// unknown: for pass and fail, the rule's finding, with, on a failure, its
// message after it; the rule's description and the verdict where it gives
// neither (or they read a missing fact).
func (a *activation) decidedMessage(ctx context.Context, r *compiledRule, res *Result) error {
	if a.cfg.noMessages {
		return nil
	}
	text := func(field string, ce *compiledExpr) (string, error) {
		if ce == nil {
			return "", nil
		}
		s, _, err := a.evalText(ctx, ce)
		if err != nil {
			return "", evalError(a.rs.section.Name, "rule", r.id, field, ce, err)
		}
		return s, nil
	}
	finding, err := text("finding", r.finding)
	if err != nil {
		return err
	}
	switch res.Verdict {
	case Pass:
		res.Message = cmpOr(finding, r.passMessage)
	case NotApplicable:
		res.Message = r.naMessage
	case Fail:
		then := r.message
		if r.messageExpr != nil {
			if then, err = text("message_expression", r.messageExpr); err != nil {
				return err
			}
		}
		if then == "" { // the same, without making finding + " " to trim
			res.Message = strings.TrimSpace(finding)
		} else {
			res.Message = strings.TrimSpace(finding + " " + then)
		}
		if res.Message == "" {
			res.Message = r.failMessage
		}
	}
	return nil
}

func cmpOr(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}

// unknownMessage words an unknown result: the requirement, the facts
// without which it cannot be decided, and, where its possible results
// cannot go against the case or cannot go for it, that.
func (rs *RuleSet) unknownMessage(r *compiledRule, res *Result) string {
	then := unknownThen(res.Possible)
	if msg, ok := r.unknowns.find(res.Missing, then); ok {
		return msg
	}
	msg := rs.wordUnknown(r, res.Missing, then)
	r.unknowns.keep(res.Missing, then, msg)
	return msg
}

// unknownThen is what an unknown rule's message says of its possible
// results: that it cannot go against the case, or for it, or nothing.
func unknownThen(possible []Verdict) string {
	p := VerdictsOf(possible...)
	switch {
	case len(possible) == 0:
	case p.Within(VerdictsOf(Pass, NotApplicable)):
		return "met or does not apply."
	case p.Within(VerdictsOf(Fail, NotApplicable)):
		return "not met or does not apply."
	}
	return ""
}

// wordUnknown writes unknownMessage's message.
func (rs *RuleSet) wordUnknown(r *compiledRule, missing []string, then string) string {
	const (
		yet     = " This cannot be decided yet."
		without = " This cannot be decided without knowing "
	)
	var buf [4]string
	said := buf[:0]
	n := len(r.description) + len(yet)
	if len(missing) > 0 {
		n = len(r.description) + len(without) + len(".")
	}
	for i, m := range missing {
		said = append(said, rs.section.Words.Say(m))
		n += len(said[i])
		switch { // as writeWords joins them
		case i == 0:
		case i == len(missing)-1:
			n += len(" and ")
		default:
			n += len(", ")
		}
	}
	whatever := " Whatever that turns out to be, it is "
	if len(missing) > 1 {
		whatever = " Whatever they turn out to be, it is "
	}
	if then != "" {
		n += len(whatever) + len(then)
	}
	var b strings.Builder
	b.Grow(n) // the message's length: made in one allocation of its size
	b.WriteString(r.description)
	if len(missing) == 0 {
		b.WriteString(yet)
	} else {
		b.WriteString(without)
		writeWords(&b, said)
		b.WriteString(".")
	}
	if then != "" {
		b.WriteString(whatever)
		b.WriteString(then)
	}
	return strings.TrimSpace(b.String())
}

// unknownOf makes an unknown naming the facts refs.
func unknownOf(refs []string) *types.Unknown {
	var u *types.Unknown
	for _, r := range refs {
		next := types.NewUnknown(unknownID, types.NewAttributeTrail(r))
		if u == nil {
			u = next
		} else {
			u = mergeUnknowns(u, next)
		}
	}
	if u == nil {
		u = types.NewUnknown(unknownID, nil)
	}
	return u
}

// trails lists the facts an unknown carries, sorted. Every unknown an
// evaluation meets carries unknownID alone: this package makes them so,
// and cel-go makes others only for partial activations and asynchronous
// functions, which evaluations do not use. So its trails are read under
// that id, without listing the ids (a map's keys, sorted) first.
func trails(u *types.Unknown) []string {
	return trailsIn(u, nil, nil)
}

// trails is trails(u), its facts named as the activation has named them
// before, and listed, when recycling, in its Reuse's memory.
func (a *activation) trails(u *types.Unknown) []string {
	return trailsIn(u, a.cfg.reuse, &a.memo)
}

// trailsIn is trails, the list made in r (which may be nil) and the facts
// named through um (likewise).
func trailsIn(u *types.Unknown, r *Reuse, um *unknownMemo) []string {
	ts, _ := u.GetAttributeTrails(unknownID)
	out := r.stringsFor(len(ts))
	for _, t := range ts {
		if s := um.name(t); s != "<unspecified>" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return dedupe(out)
}

func dedupe(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	sort.Strings(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
