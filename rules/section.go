package rules

import (
	"go.yaml.in/yaml/v3"
)

// ruleSections are the top-level keys of rule files that hold rules. Each
// decision package compiles its own with Policy.Compile.
var ruleSections = []string{"eligibility", "completion"}

// exprDoc is a CEL expression as written in a rule file.
type exprDoc struct {
	src  string
	node *yaml.Node
	file *srcFile
}

func (e exprDoc) set() bool { return e.node != nil }

func (f *srcFile) expr(errs *ErrorList, n *yaml.Node, what string) exprDoc {
	s, ok := f.text(errs, n, what)
	if !ok {
		return exprDoc{}
	}
	return exprDoc{src: s, node: n, file: f}
}

// sectionDoc is a rule section as one file writes it.
type sectionDoc struct {
	file  *srcFile
	node  *yaml.Node
	vars  []*varDoc
	rules []*ruleDoc
	texts []*textDoc
}

// varDoc is a named CEL variable: computed once per evaluation, in order,
// and visible to the variables after it and to every rule.
type varDoc struct {
	name        string
	node        *yaml.Node
	file        *srcFile
	description string
	expr        exprDoc
	unknownWhen exprDoc
}

// ruleDoc is one rule.
type ruleDoc struct {
	id          string
	node        *yaml.Node // the id's node
	file        *srcFile
	description string
	expression  exprDoc
	unknownWhen exprDoc
	appliesWhen exprDoc
	effect      string
	effectNode  *yaml.Node
	message     string
	messageExpr exprDoc
	finding     exprDoc // what was found against what was required, for pass and fail
	naText      string  // not_applicable: why the rule does not apply
	overridable bool
}

// textDoc is a named CEL string expression a decision asks for by name, such
// as the wording of a Pre-Sentence Report proposal.
type textDoc struct {
	name string
	node *yaml.Node
	expr exprDoc
}

func parseSection(f *srcFile, errs *ErrorList, name string, n *yaml.Node, area bool) *sectionDoc {
	s := &sectionDoc{file: f, node: n}
	handlers := map[string]func(k, v *yaml.Node){
		"variables": func(_, v *yaml.Node) {
			for _, item := range f.seq(errs, v, name+".variables") {
				if d := parseVar(f, errs, name, item); d != nil {
					s.vars = append(s.vars, d)
				}
			}
		},
		"rules": func(_, v *yaml.Node) {
			for _, item := range f.seq(errs, v, name+".rules") {
				if d := parseRule(f, errs, name, item, area); d != nil {
					s.rules = append(s.rules, d)
				}
			}
		},
	}
	if !area {
		handlers["texts"] = func(_, v *yaml.Node) {
			for _, kv := range f.pairs(errs, v, name+".texts") {
				if !snakeCase.MatchString(kv[0].Value) {
					f.errorf(errs, "section.name", kv[0], "text name %q: want snake_case", kv[0].Value)
					continue
				}
				e := f.expr(errs, kv[1], name+".texts."+kv[0].Value)
				if e.set() {
					s.texts = append(s.texts, &textDoc{name: kv[0].Value, node: kv[0], expr: e})
				}
			}
		}
	}
	f.fields(errs, n, name, handlers)
	return s
}

func parseVar(f *srcFile, errs *ErrorList, section string, n *yaml.Node) *varDoc {
	d := &varDoc{node: n, file: f}
	what := section + " variable"
	f.fields(errs, n, what, map[string]func(k, v *yaml.Node){
		"name": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, what+": name"); ok {
				if !snakeCase.MatchString(s) {
					f.errorf(errs, "section.name", v, "%s name %q: want snake_case", what, s)
					return
				}
				d.name, d.node = s, v
			}
		},
		"description":  func(_, v *yaml.Node) { d.description, _ = f.text(errs, v, what+": description") },
		"expression":   func(_, v *yaml.Node) { d.expr = f.expr(errs, v, what+": expression") },
		"unknown_when": func(_, v *yaml.Node) { d.unknownWhen = f.expr(errs, v, what+": unknown_when") },
	}, "name", "expression")
	if d.name == "" || !d.expr.set() {
		return nil
	}
	return d
}

func parseRule(f *srcFile, errs *ErrorList, section string, n *yaml.Node, area bool) *ruleDoc {
	d := &ruleDoc{node: n, file: f}
	what := section + " rule"
	handlers := map[string]func(k, v *yaml.Node){
		"id": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, what+": id"); ok {
				if !snakeCase.MatchString(s) {
					f.errorf(errs, "rule.id", v, "%s id %q: want snake_case (lower-case letters, digits, underscores)", what, s)
					return
				}
				d.id, d.node = s, v
			}
		},
		"description":        func(_, v *yaml.Node) { d.description, _ = f.text(errs, v, what+": description") },
		"expression":         func(_, v *yaml.Node) { d.expression = f.expr(errs, v, what+": expression") },
		"unknown_when":       func(_, v *yaml.Node) { d.unknownWhen = f.expr(errs, v, what+": unknown_when") },
		"applies_when":       func(_, v *yaml.Node) { d.appliesWhen = f.expr(errs, v, what+": applies_when") },
		"message":            func(_, v *yaml.Node) { d.message, _ = f.text(errs, v, what+": message") },
		"message_expression": func(_, v *yaml.Node) { d.messageExpr = f.expr(errs, v, what+": message_expression") },
		"finding":            func(_, v *yaml.Node) { d.finding = f.expr(errs, v, what+": finding") },
		"not_applicable":     func(_, v *yaml.Node) { d.naText, _ = f.text(errs, v, what+": not_applicable") },
		"effect": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, what+": effect"); ok {
				d.effect, d.effectNode = s, v
			}
		},
	}
	if !area {
		handlers["overridable"] = func(_, v *yaml.Node) { d.overridable, _ = f.boolean(errs, v, what+": overridable") }
	}
	f.fields(errs, n, what, handlers, "id", "description", "expression", "effect")
	if d.message != "" && d.messageExpr.set() {
		f.errorf(errs, "rule.message", d.messageExpr.node, "%s %s: give message or message_expression, not both", what, d.id)
	}
	if d.id == "" || !d.expression.set() || d.effect == "" {
		return nil
	}
	return d
}

// section is a rule section in force: the national rules with the area's
// replacements in place and its additions after them.
type section struct {
	vars  []*varDoc
	rules []*ruleDoc
	texts []*textDoc
}

// mergeSections builds the sections in force from the national documents and
// the area's, reporting duplicates and replacements of rules national policy
// does not mark overridable.
func mergeSections(errs *ErrorList, national, area map[string][]*sectionDoc) map[string]*section {
	out := map[string]*section{}
	for _, name := range ruleSections {
		s := &section{}
		varSeen := map[string]*varDoc{}
		ruleIdx := map[string]int{}
		textSeen := map[string]bool{}
		addVar := func(v *varDoc) {
			if prev := varSeen[v.name]; prev != nil {
				v.file.errorf(errs, "section.duplicate", v.node, "%s variable %q is already defined at %s", name, v.name, prev.file.pos(prev.node.Line, prev.node.Column))
				return
			}
			varSeen[v.name] = v
			s.vars = append(s.vars, v)
		}
		for _, d := range national[name] {
			for _, v := range d.vars {
				addVar(v)
			}
			for _, r := range d.rules {
				if i, dup := ruleIdx[r.id]; dup {
					prev := s.rules[i]
					r.file.errorf(errs, "rule.duplicate", r.node, "%s rule %q is already defined at %s", name, r.id, prev.file.pos(prev.node.Line, prev.node.Column))
					continue
				}
				ruleIdx[r.id] = len(s.rules)
				s.rules = append(s.rules, r)
			}
			for _, t := range d.texts {
				if textSeen[t.name] {
					d.file.errorf(errs, "section.duplicate", t.node, "%s text %q is defined twice", name, t.name)
					continue
				}
				textSeen[t.name] = true
				s.texts = append(s.texts, t)
			}
		}
		nationalRules := len(s.rules)
		for _, d := range area[name] {
			for _, v := range d.vars {
				addVar(v)
			}
			for _, r := range d.rules {
				i, exists := ruleIdx[r.id]
				switch {
				case !exists:
					ruleIdx[r.id] = len(s.rules)
					s.rules = append(s.rules, r)
				case i >= nationalRules:
					r.file.errorf(errs, "rule.duplicate", r.node, "%s rule %q is defined twice in the area file", name, r.id)
				case !s.rules[i].overridable:
					prev := s.rules[i]
					r.file.errorf(errs, "rule.override", r.node, "%s rule %q is national policy (%s) and not marked overridable; an area may add rules with new ids",
						name, r.id, prev.file.pos(prev.node.Line, prev.node.Column))
				default:
					s.rules[i] = r
				}
			}
		}
		out[name] = s
	}
	return out
}
