package rules

// A RuleInfo describes one rule in force, for tools that report on a
// policy's rules rather than evaluate them, such as the rule coverage of
// policy tests.
type RuleInfo struct {
	ID          string
	Description string
	Effect      string
	Pos         Position // where the rule's id is written: a national rule file, or the area file
}

// Rules returns the rules in force in the named rule section
// ("eligibility", "completion"), in evaluation order: the national rules,
// with any the area replaces in their place, then the area's own. It
// returns nil for a section the policy does not have.
func (p *Policy) Rules(section string) []RuleInfo {
	s, ok := p.sections[section]
	if !ok {
		return nil
	}
	out := make([]RuleInfo, len(s.rules))
	for i, r := range s.rules {
		out[i] = RuleInfo{ID: r.id, Description: r.description, Effect: r.effect, Pos: r.file.pos(r.node.Line, r.node.Column)}
	}
	return out
}
