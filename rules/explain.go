package rules

import (
	"fmt"
	"io"
	"strings"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/isotp-dev/isotp/internal/textwrap"
)

// An EvalOption changes how Evaluate works.
type EvalOption func(*evalConfig)

type evalConfig struct {
	explain    bool
	noMessages bool
	capture    *Expr       // an expression to evaluate too (Capture)
	into       *ExprResult // where its result goes
	reuse      *Reuse      // WithReuse
}

// WithoutMessages makes Evaluate leave every Result.Message empty and skip
// the rules' message expressions: for callers that compare verdicts only,
// such as a what-if run over a caseload, which asks for messages again for
// the few cases it reports.
func WithoutMessages() EvalOption { return func(c *evalConfig) { c.noMessages = true } }

// Explain makes Evaluate record, for every variable and rule, the
// expressions it evaluated and the facts and parameters they read, in
// Result.Explanation and Evaluation.Variables. It costs time; decisions made
// without it do no recording.
func Explain() EvalOption { return func(c *evalConfig) { c.explain = true } }

// An Explanation shows how one rule or variable reached its result.
type Explanation struct {
	AppliesWhen string `json:"applies_when,omitempty"`
	UnknownWhen string `json:"unknown_when,omitempty"`
	Expression  string `json:"expression"`
	Read        []Fact `json:"read"`             // facts read from the case and variables, in the order first read
	Params      []Fact `json:"params,omitempty"` // parameters, with their values in force
}

// A Fact is one value an expression read, by path, written as CEL writes
// literals ('male', 17, true, 2019-03-01) or "not known".
type Fact struct {
	Path  string `json:"path"`
	Value string `json:"value"`
}

// A VariableExplanation shows how a section variable got its value.
type VariableExplanation struct {
	Name        string      `json:"name"`
	Value       string      `json:"value"`
	Explanation Explanation `json:"explanation"`
}

// recorder collects the facts expressions read while explaining.
type recorder struct {
	facts []Fact
}

func (r *recorder) record(path string, v ref.Val) {
	for _, f := range r.facts {
		if f.Path == path {
			return
		}
	}
	r.facts = append(r.facts, Fact{Path: path, Value: formatVal(v)})
}

// take returns the facts recorded since the last take.
func (r *recorder) take() []Fact {
	f := r.facts
	r.facts = nil
	if f == nil {
		f = []Fact{}
	}
	return f
}

// formatVal writes a value for a person: CEL literal syntax for scalars.
func formatVal(v ref.Val) string {
	switch x := v.(type) {
	case nil, *types.Unknown:
		return "not known"
	case types.String:
		return "'" + strings.ReplaceAll(string(x), "'", `\'`) + "'"
	case *dateVal:
		return string(x.ConvertToType(types.StringType).(types.String))
	case *listVal:
		if len(x.elems) == 0 {
			return "[]"
		}
		if len(x.elems) <= 5 {
			parts := make([]string, len(x.elems))
			for i, e := range x.elems {
				if _, isObject := e.(*objVal); isObject {
					return fmt.Sprintf("a list of %d", len(x.elems))
				}
				parts[i] = formatVal(e)
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		return fmt.Sprintf("a list of %d", len(x.elems))
	case *objVal:
		return "a " + x.obj.name
	}
	return fmt.Sprint(v.Value())
}

// explanation builds the explanation of a rule's expressions.
func (p *Policy) explanation(r *compiledRule, read []Fact) *Explanation {
	e := &Explanation{Expression: strings.TrimSpace(r.expr.src), Read: read}
	var params []string
	for _, x := range []*compiledExpr{r.appliesWhen, r.unknownWhen, r.expr} {
		if x != nil {
			params = append(params, x.params...)
		}
	}
	if r.appliesWhen != nil {
		e.AppliesWhen = strings.TrimSpace(r.appliesWhen.src)
	}
	if r.unknownWhen != nil {
		e.UnknownWhen = strings.TrimSpace(r.unknownWhen.src)
	}
	e.Params = p.paramFacts(params)
	return e
}

// paramFacts lists the named parameters with their values, each once.
func (p *Policy) paramFacts(names []string) []Fact {
	var out []Fact
	seen := map[string]bool{}
	for _, n := range names {
		if prm, ok := p.paramIndex[n]; ok && !seen[n] {
			seen[n] = true
			out = append(out, Fact{Path: "params." + n, Value: formatVal(prm.kind.celValue(prm.value))})
		}
	}
	return out
}

// WriteExplanation writes e to w for a person, each line indented and at
// most 78 columns wide (a longer word gets a line of its own): the
// expressions, then the facts and parameters they read, each filled under
// its label, a fact read to a line. It returns the first error from w.
func WriteExplanation(w io.Writer, e *Explanation, indent string) error {
	var b strings.Builder
	hang := indent + strings.Repeat(" ", len("unknown when: "))
	field := func(label, text string) {
		if label != "" {
			label += ":"
		}
		b.WriteString(textwrap.Hang(text, 78, fmt.Sprintf("%s%-14s", indent, label), hang))
	}
	if e.AppliesWhen != "" {
		field("applies when", e.AppliesWhen)
	}
	if e.UnknownWhen != "" {
		field("unknown when", e.UnknownWhen)
	}
	field("expression", e.Expression)
	facts := append(append([]Fact(nil), e.Read...), e.Params...)
	if len(facts) > 0 {
		const shown = 8 // the text view shows the first few; the JSON has them all
		var parts []string
		for i, f := range facts {
			if i == shown && len(facts) > shown+1 {
				parts = append(parts, fmt.Sprintf("and %d more", len(facts)-shown))
				break
			}
			parts = append(parts, f.Path+" = "+f.Value)
		}
		for i, part := range parts { // a fact to a line, so that none is split from its value
			label := ""
			if i == 0 {
				label = "read"
			}
			field(label, part)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine collapses the white space of a multi-line expression.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
