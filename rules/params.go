package rules

import (
	"fmt"
	"regexp"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/yamlfile"
)

// A Param is one policy parameter as in force: its value, where the value
// came from and the bounds an area's value must satisfy.
type Param struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`  // int, double, string, bool or date
	Value       any      `json:"value"` // int, float64, string, bool or isotp.Date
	Default     any      `json:"default"`
	Description string   `json:"description"`
	Bounds      string   `json:"bounds,omitempty"` // CEL over value, default and params
	Fixed       bool     `json:"fixed,omitempty"`  // areas may not set it
	Source      string   `json:"source"`           // "national" or the area file's name
	Pos         Position `json:"-"`                // where the value in force was written
}

type paramKind uint8

const (
	kindInt paramKind = iota + 1
	kindDouble
	kindString
	kindBool
	kindDate
)

var kindNames = map[string]paramKind{"int": kindInt, "double": kindDouble, "string": kindString, "bool": kindBool, "date": kindDate}

// ParamTypes returns the types a national parameter may be declared with,
// as rule files write them: int, double, string, bool and date.
func ParamTypes() []string {
	out := make([]string, 0, kindDate)
	for k := kindInt; k <= kindDate; k++ {
		out = append(out, k.String())
	}
	return out
}

func (k paramKind) String() string {
	return [...]string{"invalid", "int", "double", "string", "bool", "date"}[k]
}

func (k paramKind) celType() *cel.Type {
	switch k {
	case kindInt:
		return cel.IntType
	case kindDouble:
		return cel.DoubleType
	case kindString:
		return cel.StringType
	case kindBool:
		return cel.BoolType
	}
	return celDateType
}

func (k paramKind) celValue(v any) ref.Val {
	switch x := v.(type) {
	case int:
		return types.Int(x)
	case float64:
		return types.Double(x)
	case string:
		return types.String(x)
	case bool:
		return types.Bool(x)
	case isotp.Date:
		return newDate(x)
	}
	panic(fmt.Sprintf("rules: parameter value of type %T", v))
}

// parse reads a parameter value of kind k from node n.
func (k paramKind) parse(f *srcFile, errs *ErrorList, n *yaml.Node, what string) (any, bool) {
	if n.Kind != yaml.ScalarNode {
		f.errorf(errs, "param.type", n, "%s: want %s value, got %s", what, k.article(), yamlfile.KindName(n))
		return nil, false
	}
	switch k {
	case kindInt:
		if n.Tag == "!!int" {
			var v int
			if err := n.Decode(&v); err == nil {
				return v, true
			}
		}
	case kindDouble:
		if n.Tag == "!!int" || n.Tag == "!!float" {
			if v, ok := f.number(errs, n, what); ok {
				return v, true
			}
			return nil, false
		}
	case kindString:
		if n.Tag == "!!str" {
			return n.Value, true
		}
	case kindBool:
		var b bool
		if n.Tag == "!!bool" && n.Decode(&b) == nil {
			return b, true
		}
	case kindDate:
		if n.Tag == "!!str" || n.Tag == "!!timestamp" {
			d, err := isotp.ParseDate(n.Value)
			if err != nil {
				f.errorf(errs, "param.type", n, "%s: %v", what, err)
				return nil, false
			}
			return d, true
		}
	}
	f.errorf(errs, "param.type", n, "%s: want %s value, got %s", what, k.article(), yamlfile.KindName(n))
	return nil, false
}

// article returns the kind with its indefinite article: "an int", "a date".
func (k paramKind) article() string {
	if k == kindInt {
		return "an int"
	}
	return "a " + k.String()
}

// param is a parameter while loading: declared in a national file, perhaps
// set by the area file.
type param struct {
	name        string
	kind        paramKind
	def, value  any
	description string
	bounds      exprDoc
	fixed       bool
	declFile    *srcFile
	declNode    *yaml.Node // the default's node
	setFile     *srcFile   // the area file, when it sets the value
	setNode     *yaml.Node
}

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// parseParams reads a national file's parameters mapping.
func parseParams(f *srcFile, errs *ErrorList, n *yaml.Node) []*param {
	var out []*param
	for _, kv := range f.pairs(errs, n, "parameters") {
		k, v := kv[0], kv[1]
		if !snakeCase.MatchString(k.Value) {
			f.errorf(errs, "param.name", k, "parameter name %q: want snake_case (lower-case letters, digits, underscores)", k.Value)
			continue
		}
		p := &param{name: k.Value, declFile: f}
		what := "parameter " + k.Value
		var defNode *yaml.Node
		f.fields(errs, v, what, map[string]func(k, v *yaml.Node){
			"type": func(_, v *yaml.Node) {
				if s, ok := f.text(errs, v, what+": type"); ok {
					if p.kind = kindNames[s]; p.kind == 0 {
						f.errorf(errs, "param.type", v, "%s: unknown type %q (want int, double, string, bool or date)", what, s)
					}
				}
			},
			"default":     func(_, v *yaml.Node) { defNode = v },
			"description": func(_, v *yaml.Node) { p.description, _ = f.text(errs, v, what+": description") },
			"bounds":      func(_, v *yaml.Node) { p.bounds = f.expr(errs, v, what+": bounds") },
			"fixed":       func(_, v *yaml.Node) { p.fixed, _ = f.boolean(errs, v, what+": fixed") },
		}, "type", "default", "description")
		if p.kind == 0 || defNode == nil {
			continue
		}
		def, ok := p.kind.parse(f, errs, defNode, what+": default")
		if !ok {
			continue
		}
		if p.fixed && p.bounds.set() {
			f.errorf(errs, "param.declaration", p.bounds.node, "%s: a fixed parameter takes no bounds", what)
		}
		p.def, p.value, p.declNode = def, def, defNode
		out = append(out, p)
	}
	return out
}

// applyAreaParams sets the area file's parameter values.
func applyAreaParams(f *srcFile, errs *ErrorList, n *yaml.Node, index map[string]*param, order []*param) {
	for _, kv := range f.pairs(errs, n, "params") {
		k, v := kv[0], kv[1]
		p, ok := index[k.Value]
		if !ok {
			if near := closest(k.Value, order); near != "" {
				f.errorf(errs, "param.unknown", k, "unknown parameter %q (did you mean %q?)", k.Value, near)
			} else {
				f.errorf(errs, "param.unknown", k, "unknown parameter %q (national parameters: %s)", k.Value, paramNames(order))
			}
			continue
		}
		if p.fixed {
			f.errorf(errs, "param.fixed", k, "parameter %q is fixed by national policy and cannot be set by an area", k.Value)
			continue
		}
		val, ok := p.kind.parse(f, errs, v, "parameter "+k.Value)
		if !ok {
			continue
		}
		p.value, p.setFile, p.setNode = val, f, v
	}
}

// closest returns the parameter name within two edits of s, if any.
func closest(s string, ps []*param) string {
	best, bestD := "", 3
	for _, p := range ps {
		if d := editDistance(s, p.name); d < bestD {
			best, bestD = p.name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func paramNames(ps []*param) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.name
	}
	return strings.Join(names, ", ")
}

// paramConstants declares every parameter as the constant params.<name>.
func paramConstants(ps []*param) []cel.EnvOption {
	opts := make([]cel.EnvOption, 0, len(ps))
	for _, p := range ps {
		opts = append(opts, cel.Constant("params."+p.name, p.kind.celType(), p.kind.celValue(p.value)))
	}
	return opts
}

// checkBounds evaluates each parameter's bounds over its value in force, its
// default and the other parameters, reporting a failure at the value.
func checkBounds(errs *ErrorList, base *cel.Env, ps []*param, sizes *sizer) {
	env, err := base.Extend(paramConstants(ps)...)
	if err != nil {
		errs.add("internal", Position{}, "", "internal error building the bounds environment: %v", err)
		return
	}
	for _, p := range ps {
		if !p.bounds.set() {
			continue
		}
		benv, err := env.Extend(cel.Variable("value", p.kind.celType()), cel.Variable("default", p.kind.celType()))
		if err != nil {
			errs.add("internal", Position{}, "", "internal error building the bounds environment: %v", err)
			return
		}
		c := &compiler{errs: errs, sizes: sizes}
		c.sizes.roots["value"] = paramRoot(p.kind, p.value)
		c.sizes.roots["default"] = paramRoot(p.kind, p.def)
		ce, _ := c.compile(benv, p.bounds, types.BoolType, false)
		if ce == nil {
			continue
		}
		out, _, err := ce.prg.Eval(map[string]any{"value": p.kind.celValue(p.value), "default": p.kind.celValue(p.def)})
		f, n := p.declFile, p.declNode
		blame := ""
		if p.setNode != nil {
			f, n = p.setFile, p.setNode
		} else if q := areaSetParam(ce.params, ps); q != nil {
			// The national value is fine alone; the area's value of a
			// parameter its bounds read has put it out of bounds.
			f, n = q.setFile, q.setNode
			blame = fmt.Sprintf(" with %s = %s set here", q.name, formatValue(q.value))
		}
		switch {
		case err != nil:
			f.errorf(errs, "param.bounds", n, "parameter %s: bounds could not be evaluated: %v", p.name, err)
		case out != types.True:
			f.errorf(errs, "param.bounds", n, "parameter %s: %s is outside its bounds (%s; national default %s)%s",
				p.name, formatValue(p.value), strings.TrimSpace(p.bounds.src), formatValue(p.def), blame)
		}
	}
}

// areaSetParam returns the first of the named parameters that the area file
// sets, or nil.
func areaSetParam(names []string, ps []*param) *param {
	for _, n := range names {
		for _, q := range ps {
			if q.name == n && q.setNode != nil {
				return q
			}
		}
	}
	return nil
}

func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case isotp.Date:
		return x.String()
	}
	return fmt.Sprint(v)
}

func (p *param) public() Param {
	out := Param{Name: p.name, Type: p.kind.String(), Value: p.value, Default: p.def,
		Description: strings.TrimSpace(p.description), Bounds: strings.TrimSpace(p.bounds.src), Fixed: p.fixed, Source: "national",
		Pos: p.declFile.pos(p.declNode.Line, p.declNode.Column)}
	if p.setNode != nil {
		out.Source = p.setFile.Name()
		out.Pos = p.setFile.pos(p.setNode.Line, p.setNode.Column)
	}
	return out
}
