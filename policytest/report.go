package policytest

import "github.com/isotp-dev/isotp/rules"

// A Report is what Run found: every test's result, in the order the files
// and tests were given, and for each policy the tests ran under, its errors
// and the rule coverage. Its JSON form is the output of
// `isotp test --format json`.
type Report struct {
	Tests    []TestResult   `json:"tests"`
	Policies []PolicyReport `json:"policies"`
	Passed   int            `json:"passed"`
	Failed   int            `json:"failed"`
	// RuleCoverage is the percentage of the rules in force, over every
	// policy and rule section in Policies, that the tests saw both to pass
	// and to fail (RuleCoverage.Complete): 100 when every rule was; 0 when
	// there are no rules.
	RuleCoverage float64 `json:"rule_coverage"`
}

// coverage works out RuleCoverage.
func (r *Report) coverage() float64 {
	complete, rules := r.covered()
	if rules == 0 {
		return 0
	}
	return 100 * float64(complete) / float64(rules)
}

// covered counts the rules seen both to pass and to fail, and all rules.
func (r *Report) covered() (complete, rules int) {
	for _, p := range r.Policies {
		for _, s := range p.Coverage {
			for _, rc := range s.Rules {
				rules++
				if rc.Complete() {
					complete++
				}
			}
		}
	}
	return complete, rules
}

// A TestResult is one test's result. A failed test has mismatches, or an
// error when a decision could not be made for its case.
type TestResult struct {
	Name       string         `json:"name"`
	Pos        rules.Position `json:"-"`
	At         string         `json:"at"`   // Pos as file:line:col
	Area       string         `json:"area"` // the area file it ran under; "" for the national policy
	Passed     bool           `json:"passed"`
	Mismatches []Mismatch     `json:"mismatches,omitempty"`
	Error      string         `json:"error,omitempty"`
}

// A Mismatch is one expected field that the decision did not give. Want and
// Got are written as the test file would write them; Note, when there is
// one, says why (a rule's message, or the rules in force).
type Mismatch struct {
	Field string         `json:"field"` // as in eligibility.rules.male
	Want  string         `json:"want"`
	Got   string         `json:"got"`
	Note  string         `json:"note,omitempty"`
	Pos   rules.Position `json:"-"`
	At    string         `json:"at"` // where the expectation is written
}

// A PolicyReport is one policy the tests ran under: its identity, the
// errors that stopped it loading or compiling, and the rule coverage.
type PolicyReport struct {
	AreaFile string            `json:"area_file"` // "" for the national policy alone
	Policy   rules.Info        `json:"policy"`    // zero when it did not load
	Errors   []string          `json:"errors"`    // file:line:col: message
	Coverage []SectionCoverage `json:"coverage"`
	details  []string          // Errors with their source lines, for text
}

// SectionCoverage is the coverage of one rule section (eligibility,
// completion): how many tests evaluated it, and what each rule in force
// gave across them.
type SectionCoverage struct {
	Section string         `json:"section"`
	Tests   int            `json:"tests"`
	Rules   []RuleCoverage `json:"rules"`
}

// RuleCoverage counts the results one rule gave across the tests that
// evaluated its section, whether those tests passed or not.
type RuleCoverage struct {
	ID            string         `json:"id"`
	Effect        string         `json:"effect"`
	Pos           rules.Position `json:"-"`
	At            string         `json:"at"`   // where the rule is defined
	Area          bool           `json:"area"` // defined (or replaced) in the area file
	Pass          int            `json:"pass"`
	Fail          int            `json:"fail"`
	Unknown       int            `json:"unknown"`
	NotApplicable int            `json:"not_applicable"`
}

// Complete reports whether the rule was seen both to pass and to fail.
func (c RuleCoverage) Complete() bool { return c.Pass > 0 && c.Fail > 0 }
