package rules

import (
	"context"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/isotp-dev/isotp"
)

// Texts evaluated directly. A finding, a message or a text is mostly
// strings joined with + and chosen between with ?:, nested:
//
//	'His offence "' + offence_title(o) + '"'
//	  + (n == 1 ? ' is one' : ' and ' + string(n - 1) + ' others are ones')
//
// Evaluated as a value, each nested join makes a string of its own, and
// the whole is boxed as a CEL value besides. Evaluated as a text, every
// piece is appended to one buffer, made once at the end into the Go string
// the message is. The text is the string the value would be:
// where a piece is not a string (a fact is missing, or it fails), the
// expression's value is worked out as a value after all.

// A textDirect appends the string an expression of type string gives to
// text, and returns nil. When the expression gives something else (an
// unknown, an error, giving up), it returns that value, and text may hold
// part of the string: its caller puts it back as it was.
type textDirect func(a *activation, text *textBuf) ref.Val

// A textBuf is a text being evaluated: the one piece it is so far, as it
// came (a message that is one literal is not copied), or the bytes of the
// pieces once there are more.
type textBuf struct {
	one  string
	b    []byte
	many bool
	// made are the last texts made of many pieces, given again when the
	// same: many cases are given the same few texts.
	made [keptTexts]string
	next int // the place in made of the next text made
}

// keptTexts is how many texts a textBuf keeps.
const keptTexts = 8

func (t *textBuf) add(s string) {
	if t.many {
		t.b = append(t.b, s...)
		return
	}
	t.addSecond(s)
}

// addSecond is add while the text is one piece, or none.
func (t *textBuf) addSecond(s string) {
	switch {
	case t.one == "":
		t.one = s
	case s != "":
		t.b = append(append(t.b[:0], t.one...), s...)
		t.many = true
	}
}

// addLongDate adds d's long form, as long_date writes it.
func (t *textBuf) addLongDate(d isotp.Date) {
	if !t.many {
		t.b = append(t.b[:0], t.one...)
		t.many = true
	}
	t.b = d.AppendLong(t.b)
}

// A textMark is where a text was, to put it back.
type textMark struct {
	one  string
	n    int
	many bool
}

func (t *textBuf) mark() textMark { return textMark{t.one, len(t.b), t.many} }

func (t *textBuf) reset(m textMark) { t.one, t.b, t.many = m.one, t.b[:m.n], m.many }

func (t *textBuf) String() string {
	if !t.many {
		return t.one
	}
	for _, m := range t.made {
		if len(m) == len(t.b) && m == string(t.b) {
			return m
		}
	}
	s := string(t.b)
	t.made[t.next] = s
	t.next = (t.next + 1) % keptTexts
	return s
}

// planText returns the text closures for checked expression a, of type
// string, or nil when they cannot evaluate it.
func (p *directPlanner) planText(a *cel.Ast) textDirect {
	b := &directBuilder{p: p, ast: a.NativeRep()}
	t, ok := b.buildText(b.ast.Expr())
	if !ok {
		return nil
	}
	p.locals = max(p.locals, b.most)
	return t
}

func (b *directBuilder) buildText(e ast.Expr) (textDirect, bool) {
	if s, ok := b.textConstant(e); ok {
		return literalText(s), true
	}
	switch {
	case b.isConcat(e):
		return b.concatText(e)
	case e.Kind() == ast.CallKind && e.AsCall().FunctionName() == operators.Conditional && len(e.AsCall().Args()) == 3:
		return b.conditionalText(e.AsCall().Args())
	case e.Kind() == ast.ComprehensionKind:
		loop, _, result, ok := b.fold(e.AsComprehension(), true)
		if !ok {
			return nil, false
		}
		folded := func(a *activation, text *textBuf) ref.Val {
			if v := loop(a); v != nil {
				return v
			}
			return result(a, text)
		}
		var body textDirect
		count, counted := b.countedBind(e.AsComprehension(), func(x ast.Expr) (ok bool) {
			body, ok = b.buildText(x)
			return ok
		})
		if !counted {
			return folded, true
		}
		return func(a *activation, text *textBuf) ref.Val {
			if count(a) {
				return body(a, text)
			}
			return folded(a, text)
		}, true
	}
	if t, ok := b.longDateText(e); ok {
		return t, true
	}
	d, ok := b.build(e)
	if !ok {
		return nil, false
	}
	return func(a *activation, text *textBuf) ref.Val {
		v := d(a)
		if s, ok := v.(types.String); ok {
			text.add(string(s))
			return nil
		}
		return v
	}, true
}

// concatText appends the pieces of a chain of strings joined with +. When
// one is not a string, the chain's value is what the value closures make
// of it (the unknowns merged, the first error, giving up): rare, as a
// message that reads a missing fact is not the rule's message.
func (b *directBuilder) concatText(e ast.Expr) (textDirect, bool) {
	whole, ok := b.concat(e)
	if !ok {
		return nil, false
	}
	var spine []ast.Expr // as concat takes it apart
	for x := e; ; x = x.AsCall().Args()[0] {
		if !b.isConcat(x) {
			spine = append(spine, x)
			break
		}
		spine = append(spine, x.AsCall().Args()[1])
	}
	// Constant pieces next to each other are joined when planned, into
	// one: they never fail, so the text is the same. A constant piece is
	// appended as it is, without a call.
	type piece struct {
		s string
		t textDirect // nil for the constant s
	}
	var pieces []piece
	joined, constants := "", 0
	for i := range spine {
		x := spine[len(spine)-1-i]
		if s, ok := b.textConstant(x); ok {
			joined += s
			constants++
			continue
		}
		if constants > 0 {
			pieces = append(pieces, piece{s: joined})
			joined, constants = "", 0
		}
		t, ok := b.buildText(x)
		if !ok {
			return nil, false
		}
		pieces = append(pieces, piece{t: t})
	}
	if constants > 0 {
		pieces = append(pieces, piece{s: joined})
	}
	return func(a *activation, text *textBuf) ref.Val {
		m := text.mark()
		for i := range pieces {
			p := &pieces[i]
			if p.t == nil {
				text.add(p.s)
				continue
			}
			if v := p.t(a, text); v != nil {
				text.reset(m)
				w := whole(a)
				if s, ok := w.(types.String); ok {
					text.add(string(s))
					return nil
				}
				return w
			}
		}
		return nil
	}, true
}

// literalText is the text s.
func literalText(s string) textDirect {
	return func(_ *activation, text *textBuf) ref.Val { text.add(s); return nil }
}

// textConstant returns the string e always gives: a literal, a constant
// (a parameter), or a call of constants made when planned (constantCall).
func (b *directBuilder) textConstant(e ast.Expr) (string, bool) {
	v, ok := b.constant(e)
	if !ok && e.Kind() == ast.CallKind {
		r, found := b.ast.ReferenceMap()[e.ID()]
		if !found || len(r.OverloadIDs) != 1 {
			return "", false
		}
		impl, found := b.p.disp.FindOverload(r.OverloadIDs[0])
		if !found || impl.Async != nil || impl.LateBound {
			return "", false
		}
		v, ok = b.constantCall(e.AsCall(), r.OverloadIDs[0], impl)
	}
	if !ok {
		return "", false
	}
	s, ok := v.(types.String)
	return string(s), ok
}

// longDateText is long_date(arg) of a day worked out as the case is
// evaluated, written as its text is: the day's long form, which is what
// long_date's binding gives, written into the text without making a
// string of it. Of anything but a date, it is the binding's.
func (b *directBuilder) longDateText(e ast.Expr) (textDirect, bool) {
	if e.Kind() != ast.CallKind || len(e.AsCall().Args()) != 1 || e.AsCall().IsMemberFunction() {
		return nil, false
	}
	if r, ok := b.ast.ReferenceMap()[e.ID()]; !ok || len(r.OverloadIDs) != 1 || r.OverloadIDs[0] != longDateOverload {
		return nil, false
	}
	if _, ok := b.constant(e.AsCall().Args()[0]); ok {
		return nil, false // made once, when planned (constantCall)
	}
	impl, ok := b.p.disp.FindOverload(longDateOverload)
	if !ok || impl.Unary == nil || impl.Async != nil || impl.LateBound {
		return nil, false
	}
	arg, ok := b.build(e.AsCall().Args()[0])
	if !ok {
		return nil, false
	}
	return func(a *activation, text *textBuf) ref.Val {
		v := arg(a)
		d, ok := v.(*dateVal)
		if !ok {
			out := callUnary(impl, v)
			if s, ok := out.(types.String); ok {
				text.add(string(s))
				return nil
			}
			return out
		}
		text.addLongDate(d.date())
		return nil
	}, true
}

// conditionalText is cond ? yes : no, as conditional evaluates it, with
// the branches texts.
func (b *directBuilder) conditionalText(args []ast.Expr) (textDirect, bool) {
	cond, ok1 := b.build(args[0])
	yes, ok2 := b.buildText(args[1])
	no, ok3 := b.buildText(args[2])
	if !ok1 || !ok2 || !ok3 {
		return nil, false
	}
	return func(a *activation, text *textBuf) ref.Val {
		c := cond(a)
		if b, ok := c.(types.Bool); ok {
			if b {
				return yes(a, text)
			}
			return no(a, text)
		}
		if c == giveUp {
			return giveUp
		}
		if types.IsUnknown(c) {
			return c
		}
		return types.MaybeNoSuchOverloadErr(c)
	}, true
}

// textBuffers hold texts while they are evaluated: the closures are given
// them through calls the compiler cannot see into, so a buffer on the
// stack would be moved to the heap every time. An activation takes one
// the first time it evaluates a text and keeps it (activation.text), so
// that its texts share it; a text evaluated while another is (through a
// binding that evaluates one) takes one of its own.
var textBuffers = sync.Pool{New: func() any { return &textBuf{b: make([]byte, 0, 512)} }}

// mostTextKept is the largest buffer kept for later texts: one grown for
// a text of a hostile size is let go.
const mostTextKept = 64 << 10

// takeText returns the buffer to evaluate a text in, and whether it is
// the activation's own (given back with giveText).
func (a *activation) takeText() (text *textBuf, own bool) {
	if a.textBusy {
		return textBuffers.Get().(*textBuf), false
	}
	if a.text == nil {
		a.text = textBuffers.Get().(*textBuf)
	}
	a.textBusy = true
	return a.text, true
}

// giveText gives back text, taken with takeText, empty.
func (a *activation) giveText(text *textBuf, own bool) {
	switch {
	case own && cap(text.b) <= mostTextKept:
		text.reset(textMark{})
		a.textBusy = false
	case own:
		a.text, a.textBusy = nil, false
	case cap(text.b) <= mostTextKept:
		text.reset(textMark{})
		textBuffers.Put(text)
	}
}

// evalText evaluates e, an expression of type string, as eval does, to the
// text it gives; or, when it gives something else (it read a fact that is
// missing), to that value, other.
func (a *activation) evalText(ctx context.Context, e *compiledExpr) (s string, other ref.Val, err error) {
	if e.text == nil || a.rec != nil {
		v, err := a.eval(ctx, e)
		if err != nil {
			return "", nil, err
		}
		if str, ok := v.(types.String); ok {
			return string(str), nil, nil
		}
		return "", v, nil
	}
	if err := ctx.Err(); err != nil {
		return "", nil, err
	}
	text, own := a.takeText()
	v := e.text(a, text)
	if v == nil {
		s = text.String()
	}
	a.giveText(text, own)
	if v != nil && types.IsError(v) {
		// An error, or giving up, has cel-go evaluate it again, as eval
		// does.
		if v, err = a.celEval(e); err != nil {
			return "", nil, err
		}
		if str, ok := v.(types.String); ok {
			return string(str), nil, nil
		}
		return "", v, nil
	}
	if checkDirect != nil {
		got := v
		if got == nil {
			got = types.String(s)
		}
		cv, err := a.celEval(e)
		checkDirect(e, got, cv, err)
	}
	return s, v, nil
}
