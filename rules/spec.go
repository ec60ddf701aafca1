package rules

import (
	"fmt"
	"slices"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/enum"
)

// A Spec declares what one decision reads of a policy: its rule section,
// the parameters its Go code reads and the policy's tables. Each decision
// package declares its own, beside the code that does the reading, and
// reads parameters only through it (ParamValue refuses a parameter the Spec
// does not list), so that tools can ask a Spec what a decision depends on:
// isotp check compiles every section, isotp diff works out which decisions
// a difference between two policies can reach.
type Spec struct {
	Name    string     // the decision, as commands and outputs name it: "eligibility", "attendance"
	Section *Section   // its rule section; nil for a decision made in Go alone
	Params  []ParamUse // the parameters its Go code reads, besides those its rules read
	Tables  []Table    // the policy's tables it reads, in Go or through its rules
}

// A ParamUse is a parameter a decision's Go code reads, and the fields of
// its result that depend on it.
type ParamUse struct {
	Name string   // as rule files write it after params.: "max_catch_ups"
	For  []string // the result's fields it decides, as JSON paths within the result: "status", "enforcement.action"
}

// A Table is one of a policy's tables, besides its parameters and rules.
type Table uint8

const (
	Catalogue    Table = iota + 1 // the offence catalogue, read by in_catalogue, catalogue_id and offence_title
	OutcomeCodes                  // the outcome codes of case-management systems (SessionOutcome)
	Battery                       // the psychometric battery (Policy.Battery)
	WorkingDays                   // the calendar of working days: bank holidays and closure days (Policy.Calendar, add_working_days)
)

var tableNames = enum.New[Table]("table", "catalogue", "outcome_codes", "battery", "calendar")

// String returns the table's name: catalogue, outcome_codes, battery or
// calendar.
func (t Table) String() string { return tableNames.String(t) }

// reads reports whether s declares that its Go code reads parameter name.
func (s *Spec) reads(name string) bool {
	return slices.ContainsFunc(s.Params, func(u ParamUse) bool { return u.Name == name })
}

// ParamValue returns the value of parameter name, which spec must declare
// (Spec.Params) and p must have, of type T (int, float64, string, bool or
// isotp.Date). Decision packages call it once, in New. A missing or
// mistyped parameter is a policy error (errors.Is ErrInvalidPolicy); a
// parameter spec does not declare is an error in the decision's Go code,
// and says so.
func ParamValue[T int | float64 | string | bool | isotp.Date](p *Policy, spec *Spec, name string) (T, error) {
	var zero T
	if !spec.reads(name) {
		return zero, fmt.Errorf("rules: %s reads parameter %q, which its Spec does not declare", spec.Name, name)
	}
	p.trace.param(name)
	prm, ok := p.paramIndex[name]
	if !ok {
		return zero, fmt.Errorf("%w: policy %s declares no parameter %q", ErrInvalidPolicy, p.name, name)
	}
	v, ok := prm.value.(T)
	if !ok {
		return zero, fmt.Errorf("%w: parameter %q is of type %s, not %T", ErrInvalidPolicy, name, prm.kind, zero)
	}
	return v, nil
}
