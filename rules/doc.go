// Package rules loads i-SOTP policy from YAML rule files, checks it, and
// evaluates the CEL expressions in it with three-valued logic.
//
// # Rule files
//
// The national policy is a directory of rule files (National is the one
// shipped, embedded). Together they declare the policy's name and version,
// its parameters (type, default, description, and CEL bounds or fixed), the
// offence catalogue, and for each concern a rule section:
//
//	eligibility:
//	  variables:              # named CEL values, computed once per case, in order
//	    - name: age
//	      expression: age_at(offender.date_of_birth, as_of)
//	  rules:
//	    - id: min_age                 # stable snake_case id
//	      description: He must have reached the minimum age.
//	      expression: age >= params.min_age   # CEL bool that must hold
//	      unknown_when: ...           # optional: true -> the result is unknown
//	      applies_when: ...           # optional: false -> not_applicable
//	      effect: ineligible          # what a failure means
//	      message_expression: "'He is ' + string(age) + '.'"   # or message
//	      overridable: true           # optional, national only
//
// A rule is evaluated in this order: applies_when (false: not_applicable),
// unknown_when (true: unknown), then expression (true: pass, false: fail).
// Expressions read the parameters as params.<name> (constants, folded when
// the policy is loaded) and the facts a Section declares. A fact that is not
// known is a CEL unknown: false && unknown is false, true || unknown is true,
// exists() finds a true element past unknown ones, and anything else that
// depends on it is unknown, so the rule's result is unknown and the missing
// fact is named by its path (offences[0].internet).
//
// Helpers available to every expression: date('YYYY-MM-DD'), string(date),
// long_date(date), the comparison operators on dates, age_at(dob, at),
// months_between(a, b), days_between(a, b), add_days(d, n), add_months(d, n),
// add_working_days(d, n), weekday(d), in_catalogue(name), catalogue_id(name),
// offence_title(name), and cel-go's string extensions. add_working_days
// counts by the policy's Calendar: Monday to Friday, excluding the bank
// holidays of England and Wales (the regular ones by rule, the one-off days
// a national file lists with their source under calendar:) and the closure
// days of the area in force.
//
// # Area overrides
//
// An area file names its area and the policy it is for, and may set
// parameters (each checked against its bounds, which may read value, default
// and params), add variables and rules, replace national rules marked
// overridable, and add closure days to the calendar (calendar: closures:,
// each a date and a reason; never removing a bank holiday). Every problem is reported at once as an ErrorList with
// file:line:col and the offending line.
//
// # Compiling and evaluating
//
// Load checks structure and parameters. Each decision package declares a
// Section (what its rules read and must define, each input, output and text
// a *Var) and compiles it with Policy.Compile; Check does all of that at
// once for the check command. A RuleSet evaluates with no parsing, no
// reflection and no clock: Evaluate takes the inputs bound by name
// (Var.Bind), leaving any not bound unknown, and Evaluation.Output and
// Evaluation.Text read the results through the same Vars.
//
// # What a decision reads
//
// A decision declares, in a Spec, its section, the parameters its Go code
// reads (each with the fields of its result it decides) and the policy's
// tables it reads (the offence catalogue, outcome codes, the battery). It
// reads parameters only through ParamValue, which refuses one its Spec does
// not list, and a test holds every Spec to what the decision's code reads.
// Tools ask the Specs what a decision depends on (package decisions lists
// them all).
//
// # Cost and limits
//
// Every value rules read has a largest size: a text or list Type says it
// with AtMost (the case's fields take the input limits of package isotp:
// isotp.MaxIDLen, isotp.MaxOffences, ...), and is otherwise at most 10,000
// bytes or items. Compiling estimates, for values that large, what each
// expression could cost (rules' expression, unknown_when, applies_when and
// message_expression, variables, texts, and parameters' bounds when the
// policy loads), following each variable's size into the expressions that
// read it and the growth of text and lists through replace, join, format,
// split, +, map and filter. An expression that could cost more than
// ExpressionCostLimit, or a section whose expressions together could cost
// more than DecisionCostLimit for one case, is refused at file:line:col with
// the estimate, before any of it runs: constant parts are folded only once
// their cost is known. Where the estimate loses track of a value's size
// (read through dyn()), it takes the largest any value may have, and the
// expression also runs with its cost counted, stopping at the limit with an
// EvalError that matches ErrCostLimit.
//
// An input longer than its Type allows is an *isotp.InputError naming its
// path when a rule reads it, so the estimates hold for every case.
//
// # Errors
//
// Load, Check and Compile report problems in rule files as an ErrorList
// (errors.Is ErrInvalidPolicy) of positioned errors. An expression that
// fails on a case gives an *EvalError (errors.Is ErrEvaluation) naming the
// section, the rule, variable or text, the part of it and its position, and
// the kind of failure; it never quotes a value of the case, as CEL's own
// messages can.
//
// # Concurrency
//
// Policy and RuleSet values are immutable and safe for concurrent use. Values
// passed to Evaluate belong to that call.
package rules
