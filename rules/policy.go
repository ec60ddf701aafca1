package rules

import (
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	"go.yaml.in/yaml/v3"
)

// A Policy is a loaded policy: the national rule files with, optionally, one
// area's overrides, parsed and checked. It is immutable and safe for
// concurrent use by any number of goroutines. Decision packages compile the
// sections they need from it once (eligibility.New, ...).
type Policy struct {
	name, version, area string
	digest              string
	params              []*param
	paramIndex          map[string]*param
	catalogue           catalogue
	outcomeCodes        map[string]OutcomeCode // case-management code -> pinned outcome
	sections            map[string]*section
	battery             []Scale
	calendar            *Calendar
	base                *cel.Env // date helpers and catalogue functions
	areaFile            *srcFile // nil without an area
	trace               *trace   // what Go code reads; nil but in the test of the Specs
}

// Info identifies a policy in force, for audit. Every decision carries it.
type Info struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Area    string `json:"area"`   // the area's name, or "national" without an area file
	Digest  string `json:"digest"` // sha256 over the national and area files in force
}

// Info returns the policy's name, version, area and digest.
func (p *Policy) Info() Info {
	return Info{Name: p.name, Version: p.version, Area: p.area, Digest: p.digest}
}

// Params returns every parameter in force, in the order national policy
// declares them. It is for tools that list or compare policies; a
// decision reads its parameters with ParamValue.
func (p *Policy) Params() []Param {
	out := make([]Param, len(p.params))
	for i, prm := range p.params {
		p.trace.param(prm.name)
		out[i] = prm.public()
	}
	return out
}

// Catalogue returns the offence catalogue.
func (p *Policy) Catalogue() []CatalogueEntry {
	p.trace.table(Catalogue)
	return append([]CatalogueEntry(nil), p.catalogue.entries...)
}

// Load reads the national rule files of src and the area file given by an
// option, and checks them: structure, parameter types and bounds, the
// offence catalogue, and rule ids, effects and overrides. Every problem found
// is reported at once, as an ErrorList (errors.Is ErrInvalidPolicy) whose
// entries carry file:line:col. CEL expressions in rule sections are compiled
// and type-checked by Compile, which each decision package calls in New; the
// check command does both.
func Load(src Source, opts ...Option) (*Policy, error) {
	p, errs, err := load(src, opts)
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// Check loads the policy as Load does and compiles each of sections against
// it, reporting every problem found in one ErrorList: structure, parameters
// and CEL alike. It is what `isotp check` runs.
func Check(src Source, sections []Section, opts ...Option) error {
	p, errs, err := load(src, opts)
	if err != nil {
		return err
	}
	for _, s := range sections {
		if _, err := p.Compile(s); err != nil {
			list, ok := err.(ErrorList)
			if !ok {
				return err
			}
			errs = append(errs, list...)
		}
	}
	return errs.Err()
}

// load reads and checks the files, returning the policy as far as it could
// be built together with the problems found. err is for failures that are
// not the policy's fault (unreadable files).
func load(src Source, opts []Option) (*Policy, ErrorList, error) {
	var cfg loadConfig
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, nil, err
		}
	}
	files, err := src.files()
	if err != nil {
		return nil, nil, err
	}
	l := &loader{p: &Policy{area: "national", paramIndex: map[string]*param{}, outcomeCodes: map[string]OutcomeCode{}, trace: cfg.trace},
		natSections: map[string][]*sectionDoc{}, areaSections: map[string][]*sectionDoc{},
		offenceNames: map[string]Position{}}
	l.p.catalogue.byName = map[string]int{}
	l.p.catalogue.trace = cfg.trace
	for _, f := range files {
		l.nationalFile(f)
	}
	if l.p.name == "" && l.nameNode == nil {
		l.errs.add("policy.name", Position{File: files[0].Name()}, "", "no rule file gives the policy's name and version")
	}
	if cfg.area != nil {
		l.areaFile(cfg.area)
		l.p.areaFile = cfg.area
	}
	l.p.sections = mergeSections(&l.errs, l.natSections, l.areaSections)
	l.p.battery = mergeBattery(&l.errs, l.natScales, l.areaScales)
	l.p.calendar = buildCalendar(&l.errs, l.natCalendar, l.areaCalendar)
	l.p.base, err = cel.NewEnv(baseOptions(&l.p.catalogue, l.p.calendar)...)
	if err != nil {
		return nil, nil, fmt.Errorf("rules: building the CEL environment: %w", err)
	}
	checkBounds(&l.errs, l.p.base, l.p.params, l.p.sizer())
	l.p.digest = digest(files, cfg.area)
	return l.p, l.errs, nil
}

type loader struct {
	p            *Policy
	errs         ErrorList
	nameFile     *srcFile
	nameNode     *yaml.Node
	natSections  map[string][]*sectionDoc
	areaSections map[string][]*sectionDoc
	offenceNames map[string]Position
	natScales    []*scaleDoc
	areaScales   []*scaleDoc
	natCalendar  *calendarDoc
	areaCalendar *calendarDoc
}

func (l *loader) nationalFile(f *srcFile) {
	top := f.parse(&l.errs)
	if top == nil {
		return
	}
	errs := &l.errs
	handlers := map[string]func(k, v *yaml.Node){
		"name": func(k, v *yaml.Node) {
			if l.nameNode != nil {
				f.errorf(errs, "policy.name", k, "the policy's name is already given at %s", l.nameFile.pos(l.nameNode.Line, l.nameNode.Column))
				return
			}
			l.nameFile, l.nameNode = f, v
			l.p.name, _ = f.text(errs, v, "name")
		},
		"version": func(k, v *yaml.Node) {
			if l.p.version != "" {
				f.errorf(errs, "policy.name", k, "the policy's version is already given")
				return
			}
			l.p.version, _ = f.text(errs, v, "version")
		},
		"description": func(_, v *yaml.Node) { f.text(errs, v, "description") },
		"parameters": func(_, v *yaml.Node) {
			for _, p := range parseParams(f, errs, v) {
				if prev, dup := l.p.paramIndex[p.name]; dup {
					f.errorf(errs, "param.duplicate", p.declNode, "parameter %q is already declared at %s", p.name, prev.declFile.pos(prev.declNode.Line, prev.declNode.Column))
					continue
				}
				l.p.paramIndex[p.name] = p
				l.p.params = append(l.p.params, p)
			}
		},
		"catalogue":     func(_, v *yaml.Node) { parseCatalogue(f, errs, v, &l.p.catalogue, l.offenceNames) },
		"assessment":    func(_, v *yaml.Node) { l.natScales = append(l.natScales, parseBattery(f, errs, v)...) },
		"outcome_codes": func(_, v *yaml.Node) { parseOutcomeCodes(f, errs, v, l.p.outcomeCodes, "national") },
		"calendar": func(k, v *yaml.Node) {
			if prev := l.natCalendar; prev != nil {
				f.errorf(errs, "calendar", k, "the calendar is already given at %s", prev.f.pos(prev.key.Line, prev.key.Column))
				return
			}
			l.natCalendar = parseNationalCalendar(f, errs, k, v)
		},
	}
	for _, name := range ruleSections {
		handlers[name] = func(_, v *yaml.Node) {
			l.natSections[name] = append(l.natSections[name], parseSection(f, errs, name, v, false))
		}
	}
	f.fields(errs, top, "national rule file", handlers)
	if l.nameNode != nil && l.nameFile == f && l.p.version == "" {
		f.errorf(errs, "policy.name", l.nameNode, "the policy's name is given without a version")
	}
}

func (l *loader) areaFile(f *srcFile) {
	top := f.parse(&l.errs)
	if top == nil {
		return
	}
	errs := &l.errs
	var paramsNode *yaml.Node
	handlers := map[string]func(k, v *yaml.Node){
		"area": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, "area"); ok {
				if strings.EqualFold(s, "national") {
					f.errorf(errs, "area.name", v, "area: %q is reserved for the national policy", s)
					return
				}
				l.p.area = s
			}
		},
		"policy": func(_, v *yaml.Node) {
			if s, ok := f.text(errs, v, "policy"); ok && l.p.name != "" && s != l.p.name {
				f.errorf(errs, "area.policy", v, "area file is for policy %q, but the national policy is %q", s, l.p.name)
			}
		},
		"description": func(_, v *yaml.Node) { f.text(errs, v, "description") },
		"params":      func(_, v *yaml.Node) { paramsNode = v },
		"assessment":  func(_, v *yaml.Node) { l.areaScales = append(l.areaScales, parseBattery(f, errs, v)...) },
		// Areas may add outcome codes of their case-management system.
		"outcome_codes": func(_, v *yaml.Node) { parseOutcomeCodes(f, errs, v, l.p.outcomeCodes, f.Name()) },
		// Areas may add the days their offices close.
		"calendar": func(k, v *yaml.Node) { l.areaCalendar = parseAreaCalendar(f, errs, k, v) },
	}
	for _, name := range ruleSections {
		handlers[name] = func(_, v *yaml.Node) {
			l.areaSections[name] = append(l.areaSections[name], parseSection(f, errs, name, v, true))
		}
	}
	f.fields(errs, top, "area file", handlers, "area", "policy")
	if paramsNode != nil {
		applyAreaParams(f, errs, paramsNode, l.p.paramIndex, l.p.params)
	}
}
