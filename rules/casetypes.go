package rules

import "github.com/isotp-dev/isotp"

// The enumerations of the case file, as CEL strings.
var (
	stages       = NewEnum[isotp.Stage]()
	sexes        = NewEnum[isotp.Sex]()
	risks        = NewEnum[isotp.RiskOfHarm]()
	deviances    = NewEnum[isotp.Deviance]()
	orderTypes   = NewEnum[isotp.OrderType]()
	requirements = NewEnum[isotp.Requirement]()
)

// StageValue returns the case's stage as a string value.
func StageValue(s isotp.Stage) Value { return stages.Value(s) }

// The case file's parts as CEL objects. Their fields carry the JSON names of
// the case format; enumerations read as their JSON spellings ('male',
// 'very_high', 'community_order'); a field that is absent from the case is
// unknown. Texts and lists are as long as the input limits of package isotp
// allow (isotp.MaxIDLen, isotp.MaxNameLen, ...), and rules are costed for
// that size.
var (
	OffenderObject = NewObject("isotp.Offender",
		Field{Name: "id", Type: StringType.AtMost(isotp.MaxIDLen), Doc: "the case-management id", Get: func(o any) Value { return String(o.(*isotp.Offender).ID) }},
		Field{Name: "sex", Type: sexes.Type(), Doc: "male or female", Get: func(o any) Value { return sexes.Value(o.(*isotp.Offender).Sex) }},
		Field{Name: "date_of_birth", Type: DateType, Doc: "his date of birth", Get: func(o any) Value { return DateOf(&o.(*isotp.Offender).DateOfBirth) }},
		Field{Name: "risk_of_harm", Type: risks.Type(), Doc: "OASys Risk of Serious Harm: low, medium, high or very_high",
			Get: func(o any) Value { return risks.Value(o.(*isotp.Offender).RiskOfHarm) }},
		Field{Name: "deviance", Type: deviances.Type(), Doc: "psychometric deviance band: low or high",
			Get: func(o any) Value { return deviances.Value(o.(*isotp.Offender).Deviance) }},
	)

	OffenceObject = NewObject("isotp.Offence",
		Field{Name: "offence", Type: StringType.AtMost(isotp.MaxNameLen), Doc: "catalogue id, alias, or another offence",
			Get: func(o any) Value { return String(o.(*isotp.Offence).Offence) }},
		Field{Name: "date", Type: DateType, Doc: "the day it was committed (the last day of a period)",
			Get: func(o any) Value { return DateOf(&o.(*isotp.Offence).Date) }},
		Field{Name: "internet", Type: BoolType, Doc: "related to the use of the internet",
			Get: func(o any) Value { return BoolPtr(o.(*isotp.Offence).Internet) }},
	)

	OrderObject = NewObject("isotp.Order",
		Field{Name: "type", Type: orderTypes.Type(), Doc: "community_order, community_rehabilitation_order or licence",
			Get: func(o any) Value { return orderTypes.Value(o.(*isotp.Order).Type) }},
		Field{Name: "start", Type: DateType, Doc: "the day the order or licence began", Get: func(o any) Value { return DateOf(&o.(*isotp.Order).Start) }},
		Field{Name: "supervision_months", Type: IntType, Doc: "months of supervision the order or licence gives", Get: func(o any) Value { return IntPtr(o.(*isotp.Order).SupervisionMonths) }},
		Field{Name: "requirements", Type: ListOf(requirements.Type()).AtMost(isotp.MaxRequirements), Doc: "supervision and/or programme",
			Get: func(o any) Value {
				reqs := o.(*isotp.Order).Requirements
				if reqs == nil {
					return Value{}
				}
				return List(len(reqs), func(i int) Value { return requirements.Value(reqs[i]) })
			}},
	)
)

// OffencesValue returns a case's offences as a CEL list; nil (not given) is
// unknown.
func OffencesValue(offences []isotp.Offence) Value {
	if offences == nil {
		return Value{}
	}
	return ObjectList(OffenceObject, offences)
}
