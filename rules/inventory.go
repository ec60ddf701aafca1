package rules

import "strings"

// A RuleInfo describes a rule in force, for listings and documentation.
type RuleInfo struct {
	ID          string   `json:"id"`
	Description string   `json:"description"`
	Effect      string   `json:"effect"`
	Overridable bool     `json:"overridable,omitempty"`
	Source      string   `json:"source"` // "national" or the area file's name
	Pos         Position `json:"-"`
}

// A VariableInfo describes a section variable in force.
type VariableInfo struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Expression  string   `json:"expression"`
	Source      string   `json:"source"`
	Pos         Position `json:"-"`
}

// Rules lists the rules in force in a section, in evaluation order.
func (p *Policy) Rules(section string) []RuleInfo {
	sec, ok := p.sections[section]
	if !ok {
		return nil
	}
	out := make([]RuleInfo, len(sec.rules))
	for i, r := range sec.rules {
		out[i] = RuleInfo{ID: r.id, Description: oneLine(r.description), Effect: r.effect, Overridable: r.overridable,
			Source: p.source(r.file), Pos: r.file.pos(r.node.Line, r.node.Column)}
	}
	return out
}

// Variables lists the variables in force in a section, in evaluation order.
func (p *Policy) Variables(section string) []VariableInfo {
	sec, ok := p.sections[section]
	if !ok {
		return nil
	}
	out := make([]VariableInfo, len(sec.vars))
	for i, v := range sec.vars {
		out[i] = VariableInfo{Name: v.name, Description: oneLine(v.description), Expression: strings.TrimSpace(v.expr.src),
			Source: p.source(v.file), Pos: v.file.pos(v.node.Line, v.node.Column)}
	}
	return out
}

// TextSource returns the expression of text name in a section, as written,
// for comparing two policies' texts without a case; "" when the section
// has no such text.
func (p *Policy) TextSource(section, name string) string {
	sec, ok := p.sections[section]
	if !ok {
		return ""
	}
	for _, t := range sec.texts {
		if t.name == name {
			return strings.TrimSpace(t.expr.src)
		}
	}
	return ""
}

// source names where a rule-file element came from.
func (p *Policy) source(f *srcFile) string {
	if f == p.areaFile {
		return f.Name()
	}
	return "national"
}
