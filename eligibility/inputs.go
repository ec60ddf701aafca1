package eligibility

import (
	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// The enumerations of the case file the rules read, as CEL strings.
var (
	stages       = rules.NewEnum[isotp.Stage]()
	sexes        = rules.NewEnum[isotp.Sex]()
	risks        = rules.NewEnum[isotp.RiskOfHarm]()
	deviances    = rules.NewEnum[isotp.Deviance]()
	orderTypes   = rules.NewEnum[isotp.OrderType]()
	requirements = rules.NewEnum[isotp.Requirement]()
)

// The case file's parts as the eligibility rules read them, as CEL objects.
// Their fields carry the JSON names of the case format; enumerations read as their JSON spellings ('male',
// 'very_high', 'community_order'); a field that is absent from the case is
// unknown. Texts and lists are as long as the input limits of package isotp
// allow (isotp.MaxIDLen, isotp.MaxNameLen, ...), and rules are costed for
// that size.
var (
	offenderObject = rules.NewObject("isotp.Offender",
		rules.Field{Name: "id", Type: rules.StringType.AtMost(isotp.MaxIDLen), Doc: "the case-management id", Get: func(o any) rules.Value { return rules.String(o.(*isotp.Offender).ID) }},
		rules.Field{Name: "sex", Type: sexes.Type(), Doc: "male or female", Get: func(o any) rules.Value { return sexes.Value(o.(*isotp.Offender).Sex) }},
		rules.Field{Name: "date_of_birth", Type: rules.DateType, Doc: "his date of birth", Get: func(o any) rules.Value { return rules.DateOf(&o.(*isotp.Offender).DateOfBirth) }},
		rules.Field{Name: "risk_of_harm", Type: risks.Type(), Doc: "OASys Risk of Serious Harm: low, medium, high or very_high",
			Get: func(o any) rules.Value { return risks.Value(o.(*isotp.Offender).RiskOfHarm) }},
		rules.Field{Name: "deviance", Type: deviances.Type(), Doc: "psychometric deviance band: low or high",
			Get: func(o any) rules.Value { return deviances.Value(o.(*isotp.Offender).Deviance) }},
	)

	offenceObject = rules.NewObject("isotp.Offence",
		rules.Field{Name: "offence", Type: rules.StringType.AtMost(isotp.MaxNameLen), Doc: "catalogue id, alias, or another offence",
			Get: func(o any) rules.Value { return offenceNames.value(o.(*isotp.Offence).Offence) }},
		rules.Field{Name: "date", Type: rules.DateType, Doc: "the day it was committed (the last day of a period)",
			Get: func(o any) rules.Value { return rules.DateOf(&o.(*isotp.Offence).Date) }},
		rules.Field{Name: "internet", Type: rules.BoolType, Doc: "related to the use of the internet",
			Get: func(o any) rules.Value { return rules.BoolPtr(o.(*isotp.Offence).Internet) }},
	)

	orderObject = rules.NewObject("isotp.Order",
		rules.Field{Name: "type", Type: orderTypes.Type(), Doc: "community_order, community_rehabilitation_order or licence",
			Get: func(o any) rules.Value { return orderTypes.Value(o.(*isotp.Order).Type) }},
		rules.Field{Name: "start", Type: rules.DateType, Doc: "the day the order or licence began", Get: func(o any) rules.Value { return rules.DateOf(&o.(*isotp.Order).Start) }},
		rules.Field{Name: "supervision_months", Type: rules.IntType, Doc: "months of supervision the order or licence gives", Get: func(o any) rules.Value { return rules.IntPtr(o.(*isotp.Order).SupervisionMonths) }},
		rules.Field{Name: "requirements", Type: rules.ListOf(requirements.Type()).AtMost(isotp.MaxRequirements), Doc: "supervision and/or programme",
			Get: func(o any) rules.Value {
				reqs := o.(*isotp.Order).Requirements
				if reqs == nil {
					return rules.Value{}
				}
				return rules.List(len(reqs), func(i int) rules.Value { return requirements.Value(reqs[i]) })
			}},
	)
)

// offencesValue returns a case's offences as a CEL list; nil (not given) is
// unknown.
func offencesValue(offences []isotp.Offence) rules.Value {
	if offences == nil {
		return rules.Value{}
	}
	return rules.ObjectList(offenceObject, offences)
}

// words names the facts the rules read for the default text, where JSON
// and --explain give their paths: "This cannot be decided without knowing
// his date of birth."
var words = rules.Words{
	"as_of":                    "the date of the decision",
	"stage":                    "whether this is before or after sentence",
	"offender":                 "anything about him",
	"offender.id":              "his case-management id",
	"offender.sex":             "his sex",
	"offender.date_of_birth":   "his date of birth",
	"offender.risk_of_harm":    "his Risk of Harm",
	"offender.deviance":        "his deviance, from the psychometric assessment after sentence",
	"offences":                 "his offences",
	"offences[].offence":       "what his {nth} offence was",
	"offences[].date":          "the date of his {nth} offence",
	"offences[].internet":      "whether his {nth} offence was related to the use of the internet",
	"order":                    "his order",
	"order.type":               "the type of his order",
	"order.start":              "when his order began",
	"order.supervision_months": "how many months of supervision his order gives",
	"order.requirements":       "the requirements of his order",
}
