package rules

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/overloads"
	"cel.dev/cel-go/common/types"
)

// A Section tells Compile what one concern's rules may read and must
// provide. Decision packages declare theirs as package variables.
type Section struct {
	Name    string   // the rule files' top-level key: "eligibility", "completion"
	Inputs  []Var    // the facts expressions read, besides params.<name>
	Effects []string // the effects its rules may have
	Outputs []Var    // variables the policy must define, with these types
	Texts   []string // texts the policy must define (CEL string expressions)
}

// A Var is a named, typed value visible to rule expressions.
type Var struct {
	Name string
	Type Type
	Doc  string
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
}

type compiledExpr struct {
	src    string
	prg    cel.Program
	refs   []string // the facts it reads, as paths, for naming what is missing
	params []string // the parameters it reads
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
	// Messages for each verdict but a failure with a message of its own,
	// made once at compile time.
	passMessage, naMessage, unknownMessage, failMessage string
	expr, unknownWhen, appliesWhen                      *compiledExpr
	messageExpr                                         *compiledExpr
}

// Compile compiles section s of the policy: every variable, rule and text in
// force, against the inputs s declares and the policy's parameters. Type
// errors, unknown effects, and missing or mistyped outputs and texts are
// reported together as an ErrorList with file:line:col.
func (p *Policy) Compile(s Section) (*RuleSet, error) {
	sec, ok := p.sections[s.Name]
	if !ok {
		return nil, fmt.Errorf("rules: no rule section %q (known sections: %s)", s.Name, strings.Join(ruleSections, ", "))
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
		return nil, fmt.Errorf("rules: building the %s environment: %w", s.Name, err)
	}
	c := &compiler{errs: &errs, slots: rs.slots}

	for _, v := range sec.vars {
		if _, clash := rs.slots[v.name]; clash {
			v.file.errorf(&errs, v.node, "%s variable %q has the name of an input", s.Name, v.name)
			continue
		}
		cv := &compiledVar{name: v.name, slot: len(rs.unknowns)}
		var t *types.Type
		cv.expr, t = c.compile(env, v.expr, nil)
		if v.unknownWhen.set() {
			cv.unknownWhen, _ = c.compile(env, v.unknownWhen, types.BoolType)
		}
		if cv.expr == nil {
			continue
		}
		env, err = env.Extend(cel.VariableWithDoc(v.name, t, v.description))
		if err != nil {
			return nil, fmt.Errorf("rules: declaring variable %s: %w", v.name, err)
		}
		rs.slots[v.name] = cv.slot
		rs.unknowns = append(rs.unknowns, types.NewUnknown(unknownID, types.NewAttributeTrail(v.name)))
		rs.vars = append(rs.vars, cv)
		c.varTypes = append(c.varTypes, t)
	}

	for _, r := range sec.rules {
		cr := &compiledRule{id: r.id, description: strings.TrimSpace(r.description), effect: r.effect,
			message: strings.TrimSpace(r.message), pos: r.file.pos(r.node.Line, r.node.Column)}
		if !slices.Contains(s.Effects, r.effect) {
			r.file.errorf(&errs, r.effectNode, "%s rule %s: unknown effect %q (want one of %s)", s.Name, r.id, r.effect, strings.Join(s.Effects, ", "))
		}
		cr.expr, _ = c.compile(env, r.expression, types.BoolType)
		desc := lowerFirst(cr.description)
		cr.passMessage, cr.naMessage = "Met: "+desc, "Does not apply to this case: "+desc
		cr.unknownMessage, cr.failMessage = "Cannot be decided yet: "+desc, "Not met: "+desc
		if cr.expr != nil {
			cr.passMessage += p.paramNote(cr.expr.params)
		}
		if r.unknownWhen.set() {
			cr.unknownWhen, _ = c.compile(env, r.unknownWhen, types.BoolType)
		}
		if r.appliesWhen.set() {
			cr.appliesWhen, _ = c.compile(env, r.appliesWhen, types.BoolType)
		}
		if r.messageExpr.set() {
			cr.messageExpr, _ = c.compile(env, r.messageExpr, types.StringType)
		}
		rs.rules = append(rs.rules, cr)
	}

	texts := map[string]*textDoc{}
	for _, t := range sec.texts {
		texts[t.name] = t
	}
	for _, name := range s.Texts {
		t, ok := texts[name]
		if !ok {
			errs.add(Position{File: "national policy"}, "", "%s: missing required text %q", s.Name, name)
			continue
		}
		ce, _ := c.compile(env, t.expr, types.StringType)
		rs.texts = append(rs.texts, ce)
	}

	for _, out := range s.Outputs {
		i := slices.IndexFunc(rs.vars, func(v *compiledVar) bool { return v.name == out.Name })
		if i < 0 {
			errs.add(Position{File: "national policy"}, "", "%s: missing required variable %q of type %s", s.Name, out.Name, out.Type)
			continue
		}
		if got := c.varTypes[i]; !got.IsExactType(out.Type.t) {
			v := sec.vars[slices.IndexFunc(sec.vars, func(d *varDoc) bool { return d.name == out.Name })]
			v.file.errorf(&errs, v.expr.node, "%s variable %q must be of type %s, but its expression is of type %s", s.Name, out.Name, out.Type, got)
			continue
		}
		rs.outputs = append(rs.outputs, rs.vars[i].slot)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return rs, nil
}

// paramNote names parameters and their values in force: " (min_age = 17)".
func (p *Policy) paramNote(names []string) string {
	var parts []string
	for _, n := range names {
		if prm, ok := p.paramIndex[n]; ok {
			parts = append(parts, n+" = "+strings.Trim(formatValue(prm.value), `"`))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// compiler compiles the expressions of one section.
type compiler struct {
	errs     *ErrorList
	slots    map[string]int
	varTypes []*types.Type
}

// compile parses, checks and plans e. want, if not nil, is the type e must
// have. It returns nil after reporting errors.
func (c *compiler) compile(env *cel.Env, e exprDoc, want *types.Type) (*compiledExpr, *types.Type) {
	a, iss := env.Compile(e.src)
	if iss != nil && iss.Err() != nil {
		for _, ce := range iss.Errors() {
			pos := e.file.exprPos(e.node, byteOffset(e.src, ce.Location.Line(), ce.Location.Column()))
			c.errs.add(pos, e.file.Line(pos.Line), "%s", cleanCELMessage(ce.Message))
		}
		return nil, nil
	}
	if want != nil && !a.OutputType().IsExactType(want) && a.OutputType() != types.DynType {
		pos := e.file.exprPos(e.node, 0)
		c.errs.add(pos, e.file.Line(pos.Line), "expression must be of type %s, but is of type %s", want, a.OutputType())
		return nil, nil
	}
	checked := a
	opt, err := cel.NewStaticOptimizer(mustFolder())
	if err == nil {
		var oiss *cel.Issues
		if folded, oiss := opt.Optimize(env, a); oiss == nil || oiss.Err() == nil {
			a = folded
		}
		_ = oiss
	}
	progOpts := []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize)}
	if loops(a) {
		switch tracked, err := c.costControl(env, a, e); {
		case err != nil:
			return nil, nil
		case tracked:
			progOpts = append(progOpts, cel.CostLimit(costLimit))
		}
	}
	prg, err := env.Program(a, progOpts...)
	if err != nil {
		pos := e.file.exprPos(e.node, 0)
		c.errs.add(pos, e.file.Line(pos.Line), "cannot plan expression: %v", err)
		return nil, nil
	}
	refs, params := c.references(checked)
	return &compiledExpr{src: e.src, prg: prg, refs: refs, params: params}, a.OutputType()
}

// Cost control. Only expressions that iterate can run long. Each is
// estimated when the policy is loaded:
//
//   - with every list as long as rules.List allows (maxListLen items) and
//     every string as long as rules.String allows (maxStringLen bytes): if
//     even then it costs at most costLimit, it runs without cost tracking;
//   - otherwise with lists of listSizeHint items and strings of
//     stringSizeHint bytes, as real cases hold: if that costs more than
//     costLimit the expression is refused; if not, it runs with cost
//     tracking and stops with an error once it has spent costLimit.
//
// So no expression can run unbounded, and only those that nest loops pay
// for tracking.
const (
	maxListLen     = 10000
	maxStringLen   = 10000
	listSizeHint   = 100
	stringSizeHint = 1000
	costLimit      = 1_000_000
)

// costControl decides whether e needs run-time cost tracking, or reports it
// as too costly.
func (c *compiler) costControl(env *cel.Env, a *cel.Ast, e exprDoc) (tracked bool, err error) {
	worst, err := env.EstimateCost(a, sizeHints{lists: maxListLen, strings: maxStringLen})
	if err == nil && worst.Max <= costLimit {
		return false, nil
	}
	usual, err := env.EstimateCost(a, sizeHints{lists: listSizeHint, strings: stringSizeHint})
	if err == nil && usual.Max <= costLimit {
		return true, nil
	}
	pos := e.file.exprPos(e.node, 0)
	c.errs.add(pos, e.file.Line(pos.Line), "expression is too costly: for lists of %d items it could cost up to %d steps, over the limit of %d (nest fewer comprehensions)",
		listSizeHint, usual.Max, costLimit)
	return false, errTooCostly
}

var errTooCostly = errors.New("too costly")

// sizeHints bounds the sizes of inputs for static cost estimates.
type sizeHints struct{ lists, strings uint64 }

func (h sizeHints) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	switch n.Type().Kind() {
	case types.ListKind, types.MapKind:
		return &cost.SizeEstimate{Min: 0, Max: h.lists}
	case types.StringKind:
		return &cost.SizeEstimate{Min: 0, Max: h.strings}
	case types.StructKind:
		// Case objects and dates have a handful of fields; comparing two
		// costs a few steps, not an unbounded number.
		return &cost.SizeEstimate{Min: 1, Max: 16}
	}
	return nil
}

// EstimateCallCost bounds the size of strings made from numbers and dates,
// which the standard estimate takes to be as long as any string.
func (h sizeHints) EstimateCallCost(function, overloadID string, target *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	switch overloadID {
	case overloads.IntToString, overloads.UintToString, overloads.DoubleToString, overloads.BoolToString, "string_date":
		return &cost.CallEstimate{CostEstimate: cost.CostEstimate{Min: 1, Max: 1}, ResultSize: &cost.SizeEstimate{Min: 1, Max: 32}}
	}
	return nil
}

// loops reports whether a contains a comprehension.
func loops(a *cel.Ast) bool {
	found := false
	ast.PreOrderVisit(a.NativeRep().Expr(), ast.NewExprVisitor(func(e ast.Expr) {
		if e.Kind() == ast.ComprehensionKind {
			found = true
		}
	}))
	return found
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

// cleanCELMessage drops detail that means nothing to a policy author.
func cleanCELMessage(m string) string {
	m = strings.TrimSuffix(m, " (in container '')")
	return m
}
