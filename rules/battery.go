package rules

import (
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A Scale is one scale of the psychometric battery as in force: declared by
// the national policy or an area, and completed with the figures an area
// supplies. A nil SD, Reliability, Functional, Dysfunctional or Cutoff means
// the policy does not give that figure; the national policy gives none of
// them, so without an area file every scale lacks the norms reliable change
// needs.
//
// Loading guarantees: ID is snake_case and unique; Title is not empty; SD and
// Reliability are both set or both nil, with SD > 0 and 0 < Reliability < 1;
// Functional and Dysfunctional are both set or both nil, each with SD > 0 and
// the functional mean on the better side of the dysfunctional one; the
// standard error of the difference, sd·√(2·(1−r)), and the cut-off between
// the norms are finite and the former is above 0; Cutoff is never set
// together with the norms.
type Scale struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Description    string   `json:"description,omitempty"`
	HigherIsBetter bool     `json:"higher_is_better"` // false: a lower score is better
	SD             *float64 `json:"sd"`               // the scale's standard deviation, for the standard error
	Reliability    *float64 `json:"reliability"`      // test-retest or internal-consistency reliability r
	Functional     *Norm    `json:"functional"`       // scores of a population without the problem
	Dysfunctional  *Norm    `json:"dysfunctional"`    // scores of a population with it
	Cutoff         *float64 `json:"cutoff"`           // an explicit cut-off, instead of the norms
	// Norms says where the figures above come from, as the rule file that
	// gives them states it (its assessment.norms, or the scale's own norms
	// entry). Nil when the scale has no figures or the file does not say.
	Norms *Norms `json:"norms"`

	// Source is "national" when national policy declares the scale, or the
	// area file's name when the area adds it.
	Source string `json:"source"`
	// Pos gives where each field in force was written, by its rule-file
	// name ("id", "title", "sd", "functional", ...): national file or area
	// file, line and column.
	Pos map[string]Position `json:"-"`
}

// A Norm is the mean and standard deviation of a scale's scores in a
// reference population.
type Norm struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// Battery returns the psychometric battery in force, national scales in the
// order declared, then the scales the area adds. The result is a copy.
func (p *Policy) Battery() []Scale {
	p.trace.table(Battery)
	out := make([]Scale, len(p.battery))
	for i, s := range p.battery {
		out[i] = s.clone()
	}
	return out
}

func (s Scale) clone() Scale {
	c := s
	c.SD = clonePtr(s.SD)
	c.Reliability = clonePtr(s.Reliability)
	c.Functional = clonePtr(s.Functional)
	c.Dysfunctional = clonePtr(s.Dysfunctional)
	c.Cutoff = clonePtr(s.Cutoff)
	c.Norms = clonePtr(s.Norms)
	c.Pos = make(map[string]Position, len(s.Pos))
	for k, v := range s.Pos {
		c.Pos[k] = v
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// scaleDoc is a scale as one rule file writes it, or, after merging, as in
// force; at records the node (and file) of every field written.
type scaleDoc struct {
	Scale
	at    map[string]fieldAt
	bad   map[string]bool // fields written with a value already reported as wrong
	norms *Norms          // what the file says of the figures it gives: the scale's own norms or the file's
}

type fieldAt struct {
	file *srcFile
	node *yaml.Node
}

func (a fieldAt) pos() Position { return a.file.pos(a.node.Line, a.node.Column) }

func (a fieldAt) errorf(errs *ErrorList, format string, args ...any) {
	a.file.errorf(errs, "battery", a.node, format, args...)
}

// parseBattery reads the assessment: section of a national or area file.
// The section's norms statement applies to every scale of the file that
// gives figures and has no norms entry of its own.
func parseBattery(f *srcFile, errs *ErrorList, n *yaml.Node) []*scaleDoc {
	var out []*scaleDoc
	var norms *Norms
	f.fields(errs, n, "assessment", map[string]func(k, v *yaml.Node){
		"scales": func(_, v *yaml.Node) {
			for _, item := range f.seq(errs, v, "assessment.scales") {
				if d := parseScale(f, errs, item); d != nil {
					out = append(out, d)
				}
			}
		},
		"norms": func(_, v *yaml.Node) { norms = parseNorms(f, errs, v, "assessment.norms") },
	}, "scales")
	for _, d := range out {
		if d.norms == nil {
			d.norms = norms
		}
	}
	return out
}

// parseScale reads one scale, checking each figure's bounds. Which fields
// are required depends on whether the scale is new, so merging checks that.
func parseScale(f *srcFile, errs *ErrorList, n *yaml.Node) *scaleDoc {
	d := &scaleDoc{at: map[string]fieldAt{}, bad: map[string]bool{}}
	what := "assessment scale"
	set := func(key string, v *yaml.Node) { d.at[key] = fieldAt{f, v} }
	positive := func(v *yaml.Node, label string) (float64, bool) {
		x, ok := f.finite(errs, v, label)
		if ok && x <= 0 {
			f.errorf(errs, "battery", v, "%s: must be greater than 0, got %v", label, x)
			return 0, false
		}
		return x, ok
	}
	norm := func(key string, v *yaml.Node) {
		label := what + ": " + key
		var nm Norm
		var mean, sd bool
		f.fields(errs, v, label, map[string]func(k, v *yaml.Node){
			"mean": func(_, v *yaml.Node) { nm.Mean, mean = f.finite(errs, v, label+".mean") },
			"sd":   func(_, v *yaml.Node) { nm.SD, sd = positive(v, label+".sd") },
		}, "mean", "sd")
		if !mean || !sd {
			d.bad[key] = true
			return
		}
		set(key, v)
		if key == "functional" {
			d.Functional = &nm
		} else {
			d.Dysfunctional = &nm
		}
	}
	f.fields(errs, n, what, map[string]func(k, v *yaml.Node){
		"id": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, what+": id"); ok {
				if !snakeCase.MatchString(s) {
					f.errorf(errs, "battery", v, "scale id %q: want snake_case (lower-case letters, digits, underscores)", s)
					return
				}
				d.ID = s
				set("id", v)
			}
		},
		"title": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, what+": title"); ok {
				d.Title = s
				set("title", v)
			}
		},
		"description": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, what+": description"); ok {
				d.Description = s
				set("description", v)
			}
		},
		"higher_is_better": func(_, v *yaml.Node) {
			if b, ok := f.boolean(errs, v, what+": higher_is_better"); ok {
				d.HigherIsBetter = b
				set("higher_is_better", v)
			}
		},
		"sd": func(_, v *yaml.Node) {
			x, ok := positive(v, what+": sd")
			if !ok {
				d.bad["sd"] = true
				return
			}
			d.SD = &x
			set("sd", v)
		},
		"reliability": func(_, v *yaml.Node) {
			x, ok := f.finite(errs, v, what+": reliability")
			if ok && (x <= 0 || x >= 1) {
				f.errorf(errs, "battery", v, "%s: reliability must be between 0 and 1 (exclusive), got %v", what, x)
				ok = false
			}
			if !ok {
				d.bad["reliability"] = true
				return
			}
			d.Reliability = &x
			set("reliability", v)
		},
		"functional":    func(_, v *yaml.Node) { norm("functional", v) },
		"dysfunctional": func(_, v *yaml.Node) { norm("dysfunctional", v) },
		"cutoff": func(_, v *yaml.Node) {
			x, ok := f.finite(errs, v, what+": cutoff")
			if !ok {
				d.bad["cutoff"] = true
				return
			}
			d.Cutoff = &x
			set("cutoff", v)
		},
		"norms": func(_, v *yaml.Node) {
			if d.norms = parseNorms(f, errs, v, what+": norms"); d.norms != nil {
				set("norms", v)
			}
		},
	}, "id")
	if d.ID == "" {
		return nil
	}
	if at, ok := d.at["norms"]; ok && !d.givesFigures() {
		at.errorf(errs, "scale %q: norms describes the figures this scale gives (sd, reliability, functional, dysfunctional, cutoff), and it gives none", d.ID)
	}
	return d
}

// givesFigures reports whether the scale as written gives a figure.
func (d *scaleDoc) givesFigures() bool {
	for _, key := range figures {
		if _, set := d.at[key]; set || d.bad[key] {
			return true
		}
	}
	return false
}

// figures are the fields an area may add to a national scale that lacks
// them; identity are the fields only the scale's declaration gives.
var (
	figures  = []string{"sd", "reliability", "functional", "dysfunctional", "cutoff"}
	identity = []string{"title", "description", "higher_is_better"}
)

// mergeBattery builds the battery in force. National scales are declared
// once each and need a title and a direction. An area scale with a national
// id completes that scale: it may add figures the national policy leaves
// out, but may not change a figure, the title, the description or the
// direction (restating the same title or direction is allowed). An area
// scale with a new id adds a scale, with its own title and direction. The
// merged scales are then checked as a whole.
func mergeBattery(errs *ErrorList, national, area []*scaleDoc) []Scale {
	var merged []*scaleDoc
	index := map[string]*scaleDoc{}
	for _, d := range national {
		if prev, dup := index[d.ID]; dup {
			d.at["id"].errorf(errs, "scale %q is already declared at %s", d.ID, prev.at["id"].pos())
			continue
		}
		d.Source = "national"
		index[d.ID] = d // even if incomplete, so that an area completing it is not also an error
		if requireIdentity(errs, d, "") {
			merged = append(merged, d)
		}
	}
	areaSeen := map[string]fieldAt{}
	for _, d := range area {
		idAt := d.at["id"]
		if prev, dup := areaSeen[d.ID]; dup {
			idAt.errorf(errs, "scale %q is already given in the area file at %s", d.ID, prev.pos())
			continue
		}
		areaSeen[d.ID] = idAt
		nat, ok := index[d.ID]
		if !ok {
			if !requireIdentity(errs, d, " (it is not in the national battery, so the area declares it)") {
				continue
			}
			d.Source = idAt.file.Name()
			index[d.ID] = d
			merged = append(merged, d)
			continue
		}
		completeScale(errs, nat, d)
	}
	out := make([]Scale, 0, len(merged))
	for _, d := range merged {
		if !checkScale(errs, d) {
			continue
		}
		if d.givesFigures() {
			d.Norms = d.norms
		}
		d.Pos = make(map[string]Position, len(d.at))
		for k, a := range d.at {
			d.Pos[k] = a.pos()
		}
		out = append(out, d.Scale)
	}
	return out
}

func requireIdentity(errs *ErrorList, d *scaleDoc, why string) bool {
	ok := true
	for _, key := range []string{"title", "higher_is_better"} {
		if _, set := d.at[key]; !set {
			d.at["id"].errorf(errs, "scale %q: missing required field %q%s", d.ID, key, why)
			ok = false
		}
	}
	return ok
}

// completeScale adds the area's fields to national scale nat.
func completeScale(errs *ErrorList, nat, area *scaleDoc) {
	for key := range area.bad {
		nat.bad[key] = true
	}
	for _, key := range identity {
		a, set := area.at[key]
		if !set {
			continue
		}
		n, natSet := nat.at[key]
		same := natSet && (key == "title" && area.Title == nat.Title ||
			key == "description" && area.Description == nat.Description ||
			key == "higher_is_better" && area.HigherIsBetter == nat.HigherIsBetter)
		switch {
		case same:
		case natSet:
			a.errorf(errs, "scale %q: %s is set by national policy at %s; an area may add figures to a national scale, not change its %s",
				area.ID, key, n.pos(), key)
		default:
			a.errorf(errs, "scale %q: %s is not given by national policy and an area may not add it to a national scale", area.ID, key)
		}
	}
	if area.givesFigures() {
		nat.norms = area.norms
	}
	for _, key := range figures {
		a, set := area.at[key]
		if !set {
			continue
		}
		if n, natSet := nat.at[key]; natSet {
			a.errorf(errs, "scale %q: %s is set by national policy at %s; an area may complete a national scale, not change it",
				area.ID, key, n.pos())
			continue
		}
		nat.at[key] = a
		switch key {
		case "sd":
			nat.SD = area.SD
		case "reliability":
			nat.Reliability = area.Reliability
		case "functional":
			nat.Functional = area.Functional
		case "dysfunctional":
			nat.Dysfunctional = area.Dysfunctional
		case "cutoff":
			nat.Cutoff = area.Cutoff
		}
	}
}

// later returns where the first of keys was written, unless another was
// written in a different file from the scale's declaration: a conflict
// between national and area figures is reported in the area file.
func (d *scaleDoc) later(keys ...string) fieldAt {
	decl := d.at["id"].file
	for _, k := range keys {
		if a, ok := d.at[k]; ok && a.file != decl {
			return a
		}
	}
	return d.at[keys[0]]
}

// checkScale checks the figures of a scale in force belong together,
// reporting each problem at the field that was written.
func checkScale(errs *ErrorList, d *scaleDoc) bool {
	ok := true
	pair := func(a, b string) {
		atA, setA := d.at[a]
		atB, setB := d.at[b]
		switch {
		case d.bad[a] || d.bad[b]:
			ok = false
		case setA && !setB:
			atA.errorf(errs, "scale %q: %s is given without %s; give both or neither", d.ID, a, b)
			ok = false
		case setB && !setA:
			atB.errorf(errs, "scale %q: %s is given without %s; give both or neither", d.ID, b, a)
			ok = false
		}
	}
	pair("sd", "reliability")
	pair("functional", "dysfunctional")
	if _, set := d.at["cutoff"]; set && ok && d.Functional != nil {
		d.later("cutoff", "functional").errorf(errs, "scale %q: give a cutoff or functional and dysfunctional norms, not both", d.ID)
		ok = false
	}
	// The numbers package assessment derives from the figures (Jacobson and
	// Truax 1991) must be real numbers too: S_diff = sd·√(2·(1−r)), and the
	// cut-off between the norms, (sd_f·mean_d + sd_d·mean_f)/(sd_f + sd_d).
	if ok && d.SD != nil && d.Reliability != nil {
		if x := *d.SD * math.Sqrt(2*(1-*d.Reliability)); math.IsInf(x, 0) || x == 0 {
			d.later("sd", "reliability").errorf(errs, "scale %q: sd %v with reliability %v gives a standard error of the difference that cannot be represented; give the scale's real figures",
				d.ID, *d.SD, *d.Reliability)
			ok = false
		}
	}
	if f, dys := d.Functional, d.Dysfunctional; ok && f != nil && dys != nil {
		if c := (f.SD*dys.Mean + dys.SD*f.Mean) / (f.SD + dys.SD); math.IsInf(c, 0) || math.IsNaN(c) {
			d.later("functional", "dysfunctional").errorf(errs, "scale %q: the functional and dysfunctional norms give a cut-off that cannot be represented; give the norms' real figures", d.ID)
			return false
		}
		better := f.Mean > dys.Mean
		side := "above"
		if !d.HigherIsBetter {
			better = f.Mean < dys.Mean
			side = "below"
		}
		if !better {
			d.later("functional", "dysfunctional").errorf(errs, "scale %q: the functional mean (%v) must be %s the dysfunctional mean (%v), since higher_is_better is %t",
				d.ID, f.Mean, side, dys.Mean, d.HigherIsBetter)
			ok = false
		}
	}
	return ok
}

// finite reads a finite number; .inf and .nan are refused by name.
func (f *srcFile) finite(errs *ErrorList, n *yaml.Node, what string) (float64, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!float" {
		if x, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			f.errorf(errs, "battery", n, "%s: want a finite number, got %s", what, n.Value)
			return 0, false
		}
	}
	return f.number(errs, n, what)
}
