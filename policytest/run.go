package policytest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/rules"
)

// Config says which policy tests run under.
type Config struct {
	// National is the national rule files; the zero Source means
	// rules.National, the policy the library embeds.
	National rules.Source
	// Area is the area file for test files that name none; "" runs them
	// under the national policy alone. A test file that names its own area
	// file must name this same file when Area is given: a test file is
	// written for one policy.
	Area string
	// Run, when not nil, picks the tests to run: those for which it matches
	// "FILE/NAME", the test file's path as Load was given it, a slash and
	// the test's name (as go test -run picks tests). The others are left
	// out of the report and of its coverage.
	Run *regexp.Regexp
	// Progress, when not nil, is called after each test with the number
	// of tests run so far and the number Run will run.
	Progress func(done, total int)
}

// Run runs every test of the suite, each test file under its policy: the
// national rule files with the file's area file, or Config.Area, overlaid.
// Each policy is loaded and compiled once.
//
// A test fails when a field it expects differs, or when a decision cannot be
// made for its case; either way the rest still run. A policy that does not
// load or compile fails every test run under it, and its errors are in the
// report. Run returns an error only for a Config it cannot use (an area file
// that cannot be read, or that differs from one a test file names: an
// ErrorList matching ErrInvalidTest) or a cancelled ctx.
func (s *Suite) Run(ctx context.Context, cfg Config) (*Report, error) {
	if s == nil {
		return nil, errors.New("policytest: Run of a nil Suite; make one with Load")
	}
	if cfg.National.IsZero() {
		cfg.National = rules.National
	}
	var cfgArea os.FileInfo
	if cfg.Area != "" {
		fi, err := os.Stat(cfg.Area)
		if err != nil {
			return nil, fmt.Errorf("reading area file: %w", err)
		}
		cfgArea = fi
	}
	var errs ErrorList
	for _, f := range s.Files {
		if f.Area == "" || cfgArea == nil {
			continue
		}
		if !os.SameFile(f.areaInfo, cfgArea) {
			errs.errorf(f.src, f.areaNode, "area: the tests in this file are for %s, but the area file given is %s; give that one, or none", f.Area, cfg.Area)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	total := 0
	for _, f := range s.Files {
		for _, t := range f.Tests {
			if cfg.picks(f, t) {
				total++
			}
		}
	}
	rep := &Report{Tests: []TestResult{}, Policies: []PolicyReport{}}
	byArea := map[string]*policyRun{}
	var order []*policyRun
	for _, f := range s.Files {
		area, opt := f.Area, rules.AreaBytes(f.Area, f.areaData)
		if cfg.Area != "" {
			area, opt = cfg.Area, rules.AreaPath(cfg.Area) // the same file, as the command line names it
		} else if area == "" {
			opt = nil
		}
		key, err := filepath.Abs(area)
		if area == "" || err != nil {
			key = area
		}
		pr := byArea[key]
		if pr == nil {
			pr = newPolicyRun(cfg.National, area, opt)
			byArea[key] = pr
			order = append(order, pr)
		}
		for _, t := range f.Tests {
			if !cfg.picks(f, t) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			res, err := pr.run(ctx, t)
			if err != nil {
				return nil, err
			}
			pr.ran++
			if res.Passed {
				rep.Passed++
			} else {
				rep.Failed++
			}
			rep.Tests = append(rep.Tests, res)
			if cfg.Progress != nil {
				cfg.Progress(len(rep.Tests), total)
			}
		}
	}
	for _, pr := range order {
		if pr.ran == 0 {
			continue // every test of its files left out by Config.Run
		}
		rep.Policies = append(rep.Policies, pr.report())
	}
	rep.RuleCoverage = rep.coverage()
	return rep, nil
}

// picks reports whether test t of file f is to run.
func (cfg *Config) picks(f *File, t *Test) bool {
	return cfg.Run == nil || cfg.Run.MatchString(f.Name+"/"+t.Name)
}

// A policyRun is one policy in force for tests, its decisions compiled,
// and the rule results its tests reached.
type policyRun struct {
	area string
	pol  *rules.Policy
	errs []error // loading or compiling failed

	deciders map[string]*decisions.Decider // by decision name; nil where it did not compile
	cov      map[string]*sectionCount
	ran      int // tests run under it
}

type sectionCount struct {
	tests  int
	counts map[string]*[5]int // rule id -> count by rules.Verdict
}

// tested are the decisions a test may expect: those made from a case, in
// the registry's order.
var tested = func() []*decisions.Decision {
	var out []*decisions.Decision
	for _, d := range decisions.All() {
		if d.Input() == decisions.FromCase {
			out = append(out, d)
		}
	}
	return out
}()

// newPolicyRun loads the policy, with the area file named area read by
// opt overlaid when opt is not nil, and compiles every decision a test may
// ask for, keeping the errors for the report.
func newPolicyRun(national rules.Source, area string, opt rules.Option) *policyRun {
	pr := &policyRun{area: area, deciders: map[string]*decisions.Decider{}, cov: map[string]*sectionCount{}}
	var opts []rules.Option
	if opt != nil {
		opts = append(opts, opt)
	}
	pol, err := rules.Load(national, opts...)
	if err != nil {
		pr.errs = append(pr.errs, err)
		return pr
	}
	pr.pol = pol
	for _, d := range tested {
		m, err := d.New(pol)
		if err != nil {
			pr.errs = append(pr.errs, err)
			continue
		}
		pr.deciders[d.Name()] = m
	}
	return pr
}

// run runs one test. Only a cancelled ctx is an error.
func (pr *policyRun) run(ctx context.Context, t *Test) (TestResult, error) {
	res := TestResult{Name: t.Name, Pos: t.Pos, At: t.Pos.String(), Area: pr.area}
	if pr.pol == nil {
		res.Error = "the policy did not load; see its errors"
		return res, nil
	}
	// fail ends the test when a decision cannot be made.
	fail := func(what string, err error) (TestResult, error) {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		res.Error = decisionError(t, what, err)
		return res, nil
	}
	var o outcome
	for _, d := range tested {
		if !slices.Contains(t.exp.decisions, d.Name()) {
			continue
		}
		m := pr.deciders[d.Name()]
		if m == nil {
			return fail(d.Name(), errNotCompiled)
		}
		r, err := m.Decide(ctx, t.Case)
		if err != nil {
			return fail(d.Name(), err)
		}
		o.set(r)
		if s := d.Spec().Section; s != nil {
			pr.count(s.Name, d.RuleResults(r))
		}
	}
	for _, c := range t.exp.checks {
		if match, got, note := c.match(&o); !match {
			pos := t.src.f.pos(c.node)
			res.Mismatches = append(res.Mismatches, Mismatch{Field: c.field, Want: c.want, Got: got, Note: note, Pos: pos, At: pos.String()})
		}
	}
	res.Passed = len(res.Mismatches) == 0
	return res, nil
}

var errNotCompiled = errors.New("its rules did not compile; see the policy's errors")

// decisionError words an error from a decision on a test's case. An input
// error (an outcome code the policy does not know, a score for a scale not
// in the battery) is placed where the case says it.
func decisionError(t *Test, what string, err error) string {
	var ie *isotp.InputError
	if errors.As(err, &ie) {
		return t.src.describe(ie, what)
	}
	return fmt.Sprintf("%s: %v", what, err)
}

func (pr *policyRun) count(section string, results []rules.Result) {
	sc := pr.cov[section]
	if sc == nil {
		sc = &sectionCount{counts: map[string]*[5]int{}}
		pr.cov[section] = sc
	}
	sc.tests++
	for _, r := range results {
		c := sc.counts[r.ID]
		if c == nil {
			c = new([5]int)
			sc.counts[r.ID] = c
		}
		if int(r.Verdict) < len(c) {
			c[r.Verdict]++
		}
	}
}

// coverageSections are the rule sections whose coverage is reported: those
// of the decisions tests make, in order.
var coverageSections = func() []string {
	var out []string
	for _, d := range tested {
		if s := d.Spec().Section; s != nil {
			out = append(out, s.Name)
		}
	}
	return out
}()

func (pr *policyRun) report() PolicyReport {
	p := PolicyReport{AreaFile: pr.area, Errors: []string{}, Coverage: []SectionCoverage{}}
	for _, err := range pr.errs {
		var list rules.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				p.Errors = append(p.Errors, e.Error())
				p.details = append(p.details, e.Detail())
			}
			continue
		}
		p.Errors = append(p.Errors, err.Error())
		p.details = append(p.details, err.Error())
	}
	if pr.pol == nil {
		return p
	}
	p.Policy = pr.pol.Info()
	for _, name := range coverageSections {
		sc := pr.cov[name]
		s := SectionCoverage{Section: name, Rules: []RuleCoverage{}}
		if sc != nil {
			s.Tests = sc.tests
		}
		for _, r := range pr.pol.Rules(name) {
			rc := RuleCoverage{ID: r.ID, Effect: r.Effect, Pos: r.Pos, At: r.Pos.String(), Area: pr.area != "" && r.Pos.File == pr.area}
			if sc != nil {
				if c := sc.counts[r.ID]; c != nil {
					rc.Pass, rc.Fail, rc.Unknown, rc.NotApplicable = c[rules.Pass], c[rules.Fail], c[rules.Unknown], c[rules.NotApplicable]
				}
			}
			s.Rules = append(s.Rules, rc)
		}
		p.Coverage = append(p.Coverage, s)
	}
	return p
}
