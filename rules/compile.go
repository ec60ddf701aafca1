package rules

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
)

// A Section tells Compile what one concern's rules may read and must
// provide. Decision packages declare theirs as package variables, with a
// *Var for each input, output and text: values are bound and read through
// those Vars, by name, never by position.
type Section struct {
	Name    string   // the rule files' top-level key: "eligibility", "completion"
	Inputs  []*Var   // the facts expressions read, besides params.<name>
	Effects []string // the effects its rules may have
	Outputs []*Var   // variables the policy must define, with these types
	Texts   []*Var   // texts the policy must define: CEL expressions of Type StringType
	// Words names the inputs' facts in plain English, for the messages of
	// rules that cannot be decided without them. When it is not nil it
	// must name every fact of the inputs, and nothing else; when it is
	// nil, messages name facts by their JSON paths.
	Words Words
}

// A Var is a named, typed value of a section: an input its rules read, a
// variable they must define, or a text. A decision package declares each
// once, as a package variable, and passes that same *Var to Bind,
// Evaluation.Output and Evaluation.Text.
type Var struct {
	Name string
	Type Type
	Doc  string
	// For names, on an output or a text, the fields of the decision's
	// result it makes, as JSON paths within the result ("regime",
	// "proposal"), so that a tool can say which part of a policy a
	// result reads.
	For []string
}

// Bind gives input v the value val, for Evaluate.
func (v *Var) Bind(val Value) Binding { return Binding{v: v, val: val} }

// A Binding is an input's value for one evaluation, made by Var.Bind.
type Binding struct {
	v   *Var
	val Value
}

// A RuleSet is one section of a policy, compiled: every expression parsed,
// type-checked and planned. It is immutable and safe for concurrent use.
type RuleSet struct {
	policy   *Policy
	section  Section
	slots    map[string]int // input and variable names -> activation slot
	unknowns []*types.Unknown
	vars     []*compiledVar
	rules    []*compiledRule
	texts    []*compiledExpr // in Section.Texts order
	outputs  []int           // slot of each Section.Outputs entry
	locals   int             // local variables the direct evaluation needs
	// recycles: no output can hold an object, so that a released
	// evaluation can give back its inputs' values (see recycle).
	recycles bool
	// pairs holds, by *RuleSet, what evaluations of this set may take from
	// evaluations of that one (a *pairing, nil when nothing), worked out
	// the first time they are evaluated with the same Reuse.
	pairs sync.Map
}

// maxInputs is the most inputs a section may declare: Evaluate keeps the
// inputs it has been given in one word.
const maxInputs = 64

type compiledExpr struct {
	src string
	pos Position // where the expression starts in its rule file
	prg cel.Program
	// tracked: the program counts its cost as it runs, with a tracker
	// of its own in its execution frame.
	tracked bool
	// direct evaluates it without cel-go's interpreter (direct.go); nil
	// when it cannot, and when it tracks its cost.
	direct direct
	text   textDirect // the same for an expression of type string, as a text (directtext.go)
	refs   []string   // the facts it reads, as paths, for naming what is missing
	// unknown, for an unknown_when, is the value it gives when true: an
	// unknown naming refs, made once.
	unknown *types.Unknown
	params  []string           // the parameters it reads
	cost    uint64             // the most it can cost, as estimated
	size    *cost.SizeEstimate // for a variable: how large its value can be
}

type compiledVar struct {
	name        string
	slot        int
	expr        *compiledExpr
	unknownWhen *compiledExpr
}

type compiledRule struct {
	id, description, effect, message string
	pos                              Position
	// Messages for a pass or a failure without a finding or message, and
	// for not_applicable, made once at compile time.
	passMessage, naMessage, failMessage string
	expr, unknownWhen, appliesWhen      *compiledExpr
	messageExpr, finding                *compiledExpr
	// unknowns holds the messages of the rule's unknown results made so
	// far (see unknownMessage).
	unknowns unknownMessages
}

// Compile compiles section s of the policy: every variable, rule and text in
// force, against the inputs s declares and the policy's parameters. Type
// errors, expressions that could cost more than ExpressionCostLimit (or,
// together, DecisionCostLimit), unknown effects, and missing or mistyped
// outputs and texts are reported together as an ErrorList with
// file:line:col.
func (p *Policy) Compile(s Section) (*RuleSet, error) {
	rs, _, _, err := p.compileSection(s)
	return rs, err
}

// compileSection compiles section s as Compile does, and also returns the
// environment its rules were compiled in (the inputs, parameters and every
// variable) and the compiler, for an expression compiled after them
// (CompileExpr).
func (p *Policy) compileSection(s Section) (*RuleSet, *cel.Env, *compiler, error) {
	sec, ok := p.sections[s.Name]
	if !ok {
		return nil, nil, nil, fmt.Errorf("rules: no rule section %q (known sections: %s)", s.Name, strings.Join(ruleSections, ", "))
	}
	if err := s.check(); err != nil {
		return nil, nil, nil, err
	}
	rs := &RuleSet{policy: p, section: s, slots: map[string]int{}}
	var errs ErrorList
	objects := map[string]*Object{}
	opts := []cel.EnvOption{}
	for _, in := range s.Inputs {
		collectObjects(objects, in.Type)
		opts = append(opts, cel.VariableWithDoc(in.Name, in.Type.t, in.Doc))
		rs.slots[in.Name] = len(rs.unknowns)
		rs.unknowns = append(rs.unknowns, types.NewUnknown(unknownID, types.NewAttributeTrail(in.Name)))
	}
	opts = append(opts, paramConstants(p.params)...)
	env, err := p.base.Extend(opts...)
	if err == nil && len(objects) > 0 {
		env, err = env.Extend(cel.CustomTypeProvider(&provider{Provider: env.CELTypeProvider(), objects: objects}))
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("rules: building the %s environment: %w", s.Name, err)
	}
	c := &compiler{errs: &errs, slots: rs.slots, sizes: p.sizer(), decision: &decisionCost{area: p.areaFile}}
	c.sizes.objects = objects
	if c.direct, err = newDirectPlanner(env, rs.slots, objects, &p.catalogue); err != nil {
		return nil, nil, nil, fmt.Errorf("rules: building the %s environment: %w", s.Name, err)
	}
	for _, in := range s.Inputs {
		c.sizes.roots[in.Name] = sizedRoot{typ: in.Type}
	}

	for _, v := range sec.vars {
		if _, clash := rs.slots[v.name]; clash {
			v.file.errorf(&errs, "section.name", v.node, "%s variable %q has the name of an input", s.Name, v.name)
			continue
		}
		cv := &compiledVar{name: v.name, slot: len(rs.unknowns)}
		var t *types.Type
		cv.expr, t = c.compile(env, v.expr, nil, true)
		if v.unknownWhen.set() {
			cv.unknownWhen = c.compileUnknownWhen(env, v.unknownWhen)
		}
		if cv.expr == nil && t == nil {
			continue
		}
		env, err = env.Extend(cel.VariableWithDoc(v.name, t, v.description))
		if err != nil {
			return nil, nil, nil, fmt.Errorf("rules: declaring variable %s: %w", v.name, err)
		}
		if cv.expr == nil {
			// Refused as too costly: declared, and sized as empty, so
			// that what reads it is not refused for it again.
			empty := cost.FixedSizeEstimate(0)
			c.sizes.roots[v.name] = sizedRoot{typ: typeOf(t, objects), size: &empty}
			continue
		}
		rs.slots[v.name] = cv.slot
		c.sizes.roots[v.name] = sizedRoot{typ: typeOf(t, objects), size: cv.expr.size}
		rs.unknowns = append(rs.unknowns, types.NewUnknown(unknownID, types.NewAttributeTrail(v.name)))
		rs.vars = append(rs.vars, cv)
		c.varTypes = append(c.varTypes, t)
	}

	for _, r := range sec.rules {
		cr := &compiledRule{id: r.id, description: strings.TrimSpace(r.description), effect: r.effect,
			message: strings.TrimSpace(r.message), pos: r.file.pos(r.node.Line, r.node.Column)}
		if !slices.Contains(s.Effects, r.effect) {
			r.file.errorf(&errs, "rule.effect", r.effectNode, "%s rule %s: unknown effect %q (want one of %s)", s.Name, r.id, r.effect, strings.Join(s.Effects, ", "))
		}
		cr.expr, _ = c.compile(env, r.expression, types.BoolType, false)
		// The description is the requirement, a sentence of its own: the
		// default messages add a sentence after it, and change no case.
		cr.passMessage = cr.description + " This is met."
		cr.failMessage = cr.description + " This is not met."
		cr.naMessage = cr.description + " This does not apply to this case."
		if na := strings.TrimSpace(r.naText); na != "" {
			cr.naMessage = na
		}
		if r.unknownWhen.set() {
			cr.unknownWhen = c.compileUnknownWhen(env, r.unknownWhen)
		}
		if r.appliesWhen.set() {
			cr.appliesWhen, _ = c.compile(env, r.appliesWhen, types.BoolType, false)
		}
		if r.messageExpr.set() {
			cr.messageExpr, _ = c.compile(env, r.messageExpr, types.StringType, false)
		}
		if r.finding.set() {
			cr.finding, _ = c.compile(env, r.finding, types.StringType, false)
		}
		rs.rules = append(rs.rules, cr)
	}

	texts := map[string]*textDoc{}
	for _, t := range sec.texts {
		texts[t.name] = t
	}
	for _, tv := range s.Texts {
		t, ok := texts[tv.Name]
		if !ok {
			errs.add("section.missing", Position{File: "national policy"}, "", "%s: missing required text %q", s.Name, tv.Name)
			continue
		}
		ce, _ := c.compile(env, t.expr, types.StringType, false)
		rs.texts = append(rs.texts, ce)
	}

	rs.recycles = !slices.ContainsFunc(s.Outputs, func(v *Var) bool { return v.Type.holdsObjects() })
	for _, out := range s.Outputs {
		i := slices.IndexFunc(rs.vars, func(v *compiledVar) bool { return v.name == out.Name })
		if i < 0 {
			errs.add("section.missing", Position{File: "national policy"}, "", "%s: missing required variable %q of type %s", s.Name, out.Name, out.Type)
			continue
		}
		if got := c.varTypes[i]; !got.IsExactType(out.Type.t) {
			v := sec.vars[slices.IndexFunc(sec.vars, func(d *varDoc) bool { return d.name == out.Name })]
			v.file.errorf(&errs, "section.type", v.expr.node, "%s variable %q must be of type %s, but its expression is of type %s", s.Name, out.Name, out.Type, got)
			continue
		}
		rs.outputs = append(rs.outputs, rs.vars[i].slot)
	}
	if d := c.decision; d.total > DecisionCostLimit && len(errs) == 0 {
		e, which := d.costliest, "of them"
		if d.costliestInArea {
			which = "in the area file"
		}
		errs.add("cel.cost", e.pos, e.line, "the %s expressions are too costly together: for the largest cases the rules accept one decision could take up to %s steps, over the limit of %s for one decision; the costliest %s is this one, at up to %s",
			s.Name, count(d.total), count(DecisionCostLimit), which, count(e.cost))
	}
	if err := errs.Err(); err != nil {
		return nil, nil, nil, err
	}
	rs.locals = c.direct.locals
	return rs, env, c, nil
}

// check reports a Section its decision package has declared wrongly: a Var
// given twice or without a name or type, a text not of type string, too
// many inputs. These are errors in Go code, not in rule files.
func (s Section) check() error {
	if len(s.Inputs) > maxInputs {
		return fmt.Errorf("rules: section %s declares %d inputs; at most %d", s.Name, len(s.Inputs), maxInputs)
	}
	seen := map[*Var]bool{}
	names := map[string]bool{}
	for _, group := range [][]*Var{s.Inputs, s.Outputs, s.Texts} {
		for _, v := range group {
			switch {
			case v == nil || v.Name == "":
				return fmt.Errorf("rules: section %s declares a Var without a name", s.Name)
			case seen[v] || names[v.Name]:
				return fmt.Errorf("rules: section %s declares %q twice", s.Name, v.Name)
			case v.Type.t == nil:
				return fmt.Errorf("rules: section %s: %q has no Type", s.Name, v.Name)
			}
			seen[v], names[v.Name] = true, true
		}
	}
	for _, v := range s.Texts {
		if v.Type.t != types.StringType {
			return fmt.Errorf("rules: section %s: text %q must be of type StringType, not %s", s.Name, v.Name, v.Type)
		}
	}
	return s.checkWords()
}

// compiler compiles the expressions of one section.
type compiler struct {
	direct   *directPlanner // nil for parameters' bounds
	errs     *ErrorList
	slots    map[string]int
	varTypes []*types.Type
	sizes    *sizer
	decision *decisionCost // nil for parameters' bounds, run once at load
	track    bool          // count every expression's cost as it runs (CompileExpr)
}

// sizer returns a sizer that knows the parameters and the catalogue.
func (p *Policy) sizer() *sizer {
	s := &sizer{roots: map[string]sizedRoot{}}
	for _, prm := range p.params {
		s.roots["params."+prm.name] = paramRoot(prm.kind, prm.value)
	}
	for _, e := range p.catalogue.entries {
		s.catalogueID = max(s.catalogueID, uint64(len(e.ID)))
		s.catalogueTitle = max(s.catalogueTitle, uint64(len(e.Title)))
	}
	return s
}

// paramRoot sizes a parameter's value v of kind k: a string's size is its
// length.
func paramRoot(k paramKind, v any) sizedRoot {
	r := sizedRoot{typ: Type{t: k.celType()}}
	if s, ok := v.(string); ok {
		sz := cost.FixedSizeEstimate(uint64(utf8.RuneCountInString(s)))
		r.size = &sz
	}
	return r
}

// typeOf returns the Type of values of CEL type t: an Object's type where t
// is one of objects, a list of them, or a scalar.
func typeOf(t *types.Type, objects map[string]*Object) Type {
	switch t.Kind() {
	case types.ListKind:
		return ListOf(typeOf(t.Parameters()[0], objects))
	case types.StructKind:
		if o := objects[t.TypeName()]; o != nil {
			return o.Type()
		}
	}
	return Type{t: t}
}

// compileUnknownWhen compiles an unknown_when condition, with the unknown
// it gives when true; nil when it does not compile.
func (c *compiler) compileUnknownWhen(env *cel.Env, e exprDoc) *compiledExpr {
	ce, _ := c.compile(env, e, types.BoolType, false)
	if ce != nil {
		ce.unknown = unknownOf(ce.refs)
	}
	return ce
}

// compile parses, checks and plans e. want, if not nil, is the type e must
// have. It returns nil after reporting errors, with e's type if only its
// cost is at fault: an expression that could cost more than
// ExpressionCostLimit is refused. For a variable (sized), the compiled
// expression records how large its value can be.
func (c *compiler) compile(env *cel.Env, e exprDoc, want *types.Type, sized bool) (*compiledExpr, *types.Type) {
	a, iss := env.Compile(e.src)
	if iss != nil && iss.Err() != nil {
		for _, ce := range iss.Errors() {
			off := byteOffset(e.src, ce.Location.Line(), ce.Location.Column())
			pos := e.file.exprPos(e.node, off)
			c.errs.add(celCode(ce.Message), pos, e.file.Line(pos.Line), "%s", explainCELMessage(ce.Message, e.src, off))
		}
		return nil, nil
	}
	pos := e.file.exprPos(e.node, 0)
	if want != nil && !a.OutputType().IsExactType(want) && a.OutputType() != types.DynType {
		c.errs.add("cel.type", pos, e.file.Line(pos.Line), "expression must be of type %s, but is of type %s", want, a.OutputType())
		return nil, nil
	}
	checked := a
	// The cost is estimated before the constant parts are folded: folding
	// evaluates them, so it runs only once they are known to be cheap.
	worst, size, err := c.estimate(env, a, sized)
	// Where the estimate loses track of a value's size (one read through
	// dyn()), it has no bound; it is then made again with every such
	// value as large as any input may be, and the expression runs with
	// run-time tracking too.
	unbounded := err == nil && worst == math.MaxUint64
	if unbounded {
		c.sizes.fallback = true
		worst, size, err = c.estimate(env, a, sized)
		c.sizes.fallback = false
	}
	if err != nil {
		c.errs.add("cel.cost", pos, e.file.Line(pos.Line), "cannot estimate the cost of this expression: %v", err)
		return nil, nil
	}
	if worst > ExpressionCostLimit {
		c.errs.add("cel.cost", pos, e.file.Line(pos.Line), "%s", c.tooCostly(a, worst))
		return nil, a.OutputType()
	}
	if folded, oiss := folder.Optimize(env, a); oiss == nil || oiss.Err() == nil {
		a = folded
	}
	progOpts := []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize)}
	tracked := unbounded || worst > trackAbove || c.track
	if tracked {
		progOpts = append(progOpts, cel.CostLimit(runtimeCostLimit))
	}
	prg, err := env.Program(a, progOpts...)
	if err != nil {
		c.errs.add("cel.plan", pos, e.file.Line(pos.Line), "cannot plan expression: %v", err)
		return nil, nil
	}
	refs, params := c.references(checked)
	ce := &compiledExpr{src: e.src, pos: pos, prg: prg, tracked: tracked, refs: refs, params: params, cost: worst, size: size}
	if c.direct != nil && !tracked {
		ce.direct = c.direct.plan(a)
		if a.OutputType() == types.StringType {
			ce.text = c.direct.planText(a)
		}
	}
	c.spent(ce, e)
	return ce, a.OutputType()
}

// estimate returns the most a's evaluation can cost and, if sized, the
// largest size of its value.
func (c *compiler) estimate(env *cel.Env, a *cel.Ast, sized bool) (uint64, *cost.SizeEstimate, error) {
	c.sizes.types = a.NativeRep().TypeMap()
	defer func() { c.sizes.types = nil }()
	if !sized {
		est, err := env.EstimateCost(a, c.sizes)
		return est.Max, nil, err
	}
	wrapped, iss := prober.Optimize(env, a)
	if iss != nil && iss.Err() != nil {
		return 0, nil, iss.Err()
	}
	c.sizes.probed = nil
	est, err := env.EstimateCost(wrapped, c.sizes)
	return est.Max, c.sizes.probed, err
}

// spent adds ce, compiled from e, to the cost of one decision.
func (c *compiler) spent(ce *compiledExpr, e exprDoc) {
	d := c.decision
	if d == nil {
		return
	}
	d.total = cost.SafeAdd(d.total, ce.cost)
	// The costliest expression is the one blamed when the total is over
	// the limit, and one of the area file's if it has any: only the area
	// file is new.
	inArea := d.area != nil && e.file == d.area
	if d.costliest.pos.File == "" || inArea && !d.costliestInArea || inArea == d.costliestInArea && ce.cost > d.costliest.cost {
		d.costliest = costliest{pos: ce.pos, line: e.file.Line(ce.pos.Line), cost: ce.cost}
		d.costliestInArea = inArea
	}
}

// A decisionCost adds up the estimates of a section's expressions.
type decisionCost struct {
	area            *srcFile // the area file, if any
	total           uint64
	costliest       costliest
	costliestInArea bool
}

type costliest struct {
	pos  Position
	line string
	cost uint64
}

// tooCostly words the refusal of expression a, estimated to cost steps, and
// says what makes it costly.
func (c *compiler) tooCostly(a *cel.Ast, steps uint64) string {
	took := "up to " + count(steps) + " steps"
	if steps == math.MaxUint64 {
		took = "more steps than can be counted"
	}
	msg := fmt.Sprintf("expression is too costly: for the largest cases the rules accept it could take %s, over the limit of %s for one expression", took, count(ExpressionCostLimit))
	if why := c.costlyParts(a); len(why) > 0 {
		msg += " (" + strings.Join(why, "; ") + ")"
	}
	return msg
}

// costlyParts names what, in a, can make an expression costly.
func (c *compiler) costlyParts(a *cel.Ast) []string {
	var nested, grows, bigVars bool
	var walk func(e ast.Expr, loops int)
	walk = func(e ast.Expr, loops int) {
		switch e.Kind() {
		case ast.ComprehensionKind:
			comp := e.AsComprehension()
			inner := loops
			if !isBind(comp) {
				inner++
				nested = nested || inner > 1
			}
			walk(comp.IterRange(), loops)
			walk(comp.AccuInit(), loops)
			walk(comp.LoopCondition(), inner)
			walk(comp.LoopStep(), inner)
			walk(comp.Result(), loops)
		case ast.CallKind:
			call := e.AsCall()
			switch call.FunctionName() {
			case "replace", "join", "format", "split":
				grows = true
			case operators.Add:
				k := a.NativeRep().GetType(e.ID()).Kind()
				grows = grows || k == types.StringKind || k == types.ListKind
			}
			if call.IsMemberFunction() {
				walk(call.Target(), loops)
			}
			for _, arg := range call.Args() {
				walk(arg, loops)
			}
		case ast.SelectKind:
			walk(e.AsSelect().Operand(), loops)
		case ast.IdentKind:
			if r, ok := c.sizes.roots[e.AsIdent()]; ok && r.size != nil && r.size.Max > maxStringLen {
				bigVars = true
			}
		case ast.ListKind:
			for _, el := range e.AsList().Elements() {
				walk(el, loops)
			}
		case ast.MapKind:
			for _, en := range e.AsMap().Entries() {
				walk(en.AsMapEntry().Key(), loops)
				walk(en.AsMapEntry().Value(), loops)
			}
		}
	}
	walk(a.NativeRep().Expr(), 0)
	var why []string
	if nested {
		why = append(why, "comprehensions nested in one another multiply their work")
	}
	if grows {
		why = append(why, "text and lists built from one another with replace, join, format or + grow fast")
	}
	if bigVars {
		why = append(why, "it reads variables that can hold long text or lists")
	}
	return why
}

// isBind reports whether comp is cel.bind, which names a value and does
// not loop.
func isBind(comp ast.ComprehensionExpr) bool {
	r := comp.IterRange()
	return r.Kind() == ast.ListKind && r.AsList().Size() == 0 && comp.LoopCondition().Kind() == ast.LiteralKind
}

// count writes n with thousands separators: 1,000,000.
func count(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// The optimizers every expression goes through: constant folding, and the
// probe that learns a variable's size.
var (
	folder = mustOptimizer(mustFolder())
	prober = mustOptimizer(wrapInProbe{})
)

func mustOptimizer(o cel.ASTOptimizer) *cel.StaticOptimizer {
	opt, err := cel.NewStaticOptimizer(o)
	if err != nil {
		panic(err)
	}
	return opt
}

func mustFolder() cel.ASTOptimizer {
	f, err := cel.NewConstantFoldingOptimizer()
	if err != nil {
		panic(err)
	}
	return f
}

// references lists the input facts an expression reads, as paths (the
// longest field selections rooted at an input or variable), and the
// parameters it reads.
func (c *compiler) references(a *cel.Ast) (refs, params []string) {
	seen := map[string]bool{}
	paramSeen := map[string]bool{}
	var walk func(e ast.Expr)
	path := func(e ast.Expr) (string, bool) {
		var parts []string
		for e.Kind() == ast.SelectKind {
			parts = append(parts, e.AsSelect().FieldName())
			e = e.AsSelect().Operand()
		}
		if e.Kind() != ast.IdentKind {
			return "", false
		}
		if e.AsIdent() == "params" && len(parts) > 0 {
			paramSeen[parts[len(parts)-1]] = true
			return "", false
		}
		if strings.HasPrefix(e.AsIdent(), "params.") {
			paramSeen[strings.TrimPrefix(e.AsIdent(), "params.")] = true
			return "", false
		}
		if _, ok := c.slots[e.AsIdent()]; !ok {
			return "", false
		}
		parts = append(parts, e.AsIdent())
		slices.Reverse(parts)
		return strings.Join(parts, "."), true
	}
	walk = func(e ast.Expr) {
		switch e.Kind() {
		case ast.SelectKind, ast.IdentKind:
			if p, ok := path(e); ok {
				seen[p] = true
				return
			}
			if e.Kind() == ast.SelectKind {
				walk(e.AsSelect().Operand())
			}
		case ast.CallKind:
			call := e.AsCall()
			if call.IsMemberFunction() {
				walk(call.Target())
			}
			for _, arg := range call.Args() {
				walk(arg)
			}
		case ast.ListKind:
			for _, el := range e.AsList().Elements() {
				walk(el)
			}
		case ast.MapKind:
			for _, en := range e.AsMap().Entries() {
				walk(en.AsMapEntry().Key())
				walk(en.AsMapEntry().Value())
			}
		case ast.ComprehensionKind:
			comp := e.AsComprehension()
			walk(comp.IterRange())
			walk(comp.AccuInit())
			walk(comp.LoopCondition())
			walk(comp.LoopStep())
			walk(comp.Result())
		}
	}
	walk(a.NativeRep().Expr())
	return sortedKeys(seen), sortedKeys(paramSeen)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// byteOffset converts a CEL location (line from 1, column in code points from
// 0) into a byte offset in src.
func byteOffset(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	for ; col > 0 && off < len(src); col-- {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	return off
}

// celCode returns the code of a CEL compile error: cel.syntax for one the
// parser found, cel.type for one the type checker found.
func celCode(msg string) string {
	if strings.HasPrefix(msg, "Syntax error") {
		return "cel.syntax"
	}
	return "cel.type"
}

// cleanCELMessage drops detail that means nothing to a policy author.
// explainCELMessage is cleanCELMessage, except that a reference to a
// parameter the policy does not have, which cel-go reports as an undeclared
// reference to params (each parameter is declared by its whole name), says
// so: "unknown parameter params.min_agee".
func explainCELMessage(m, src string, off int) string {
	if m == "undeclared reference to 'params'" && off >= 0 && off <= len(src) {
		if rest, ok := strings.CutPrefix(src[off:], "params."); ok {
			end := strings.IndexFunc(rest, func(r rune) bool { return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) })
			if end < 0 {
				end = len(rest)
			}
			if end > 0 && end <= 64 {
				return "unknown parameter params." + rest[:end] + " (isotp params lists the parameters in force)"
			}
		}
	}
	return cleanCELMessage(m)
}

func cleanCELMessage(m string) string {
	m = strings.TrimSuffix(m, " (in container '')")
	return m
}
