# The national eligibility rules (rules/national/eligibility.yaml) in Rego.
#
# The input is the case file's data with each missing fact left out, so
# whatever reads a missing fact is undefined: undefined is Rego's unknown.
# Each rule's test (the *_holds rules) is written to be true, false or
# undefined, three-valued: an "exists" is true when some offence passes,
# false when every offence is known to fail (every), undefined otherwise;
# "a and b" is false when either is known to be false. A rule whose verdict
# is not reached is "unknown" by default.
#
# The parameters and the catalogue are in data.isotp.params, a module made
# from the policy (see rego.go).
package isotp.eligibility

import data.isotp.params

# in_catalogue(name): whether an offence name is in the catalogue, ignoring
# case and runs of white space.
in_catalogue(name) if name in params.catalogue

else := found if {
	found := concat(" ", regex.split(`\s+`, trim_space(lower(name)))) in params.catalogue
}

verdict(true) := "pass"

verdict(false) := "fail"

# Variables.

age := ((to_number(substring(input.as_of, 0, 4)) - to_number(substring(dob, 0, 4))) - birthday_to_come(dob, input.as_of)) if {
	dob := input.offender.date_of_birth
}

# birthday_to_come is 1 when at's month and day come before dob's (so a
# 29 February birthday falls after 28 February in other years).
birthday_to_come(dob, at) := 1 if {
	substring(at, 5, 5) < substring(dob, 5, 5)
} else := 0

age_band := "young" if {
	age < params.adult_min_age
} else := "adult" if {
	age >= params.adult_min_age
}

# listed: offences given and not empty (the rules' unknown_when).
listed if count(input.offences) > 0

any_catalogue := true if {
	some o in input.offences
	in_catalogue(o.offence)
} else := false if {
	every o in input.offences { in_catalogue(o.offence) == false }
}

any_internet := true if {
	some o in input.offences
	in_catalogue(o.offence)
	o.internet == true
} else := false if {
	every o in input.offences { not_internet_eligible(o) }
}

not_internet_eligible(o) if in_catalogue(o.offence) == false

not_internet_eligible(o) if o.internet == false

eligible_after := true if {
	some o in input.offences
	in_catalogue(o.offence)
	o.date >= params.cja2003_commencement
} else := false if {
	every o in input.offences { not_eligible_after(o) }
}

not_eligible_after(o) if in_catalogue(o.offence) == false

not_eligible_after(o) if o.date < params.cja2003_commencement

any_after := true if {
	some o in input.offences
	o.date >= params.cja2003_commencement
} else := false if {
	every o in input.offences { o.date < params.cja2003_commencement }
}

regime := "cja2003" if {
	listed
	eligible_after
} else := "pre_cja2003" if {
	listed
	eligible_after == false
	any_catalogue
} else := "cja2003" if {
	listed
	eligible_after == false
	any_catalogue == false
	any_after
} else := "pre_cja2003" if {
	listed
	eligible_after == false
	any_catalogue == false
	any_after == false
}

# The rules' tests, three-valued.

male_holds := true if {
	input.offender.sex == "male"
} else := false if {
	input.offender.sex != "male"
}

min_age_holds := true if {
	age >= params.min_age
} else := false if {
	age < params.min_age
}

risk_of_harm_holds := true if {
	input.offender.risk_of_harm != "very_high"
} else := false if {
	input.offender.risk_of_harm == "very_high"
}

deviance_holds := true if {
	input.offender.deviance != "high"
} else := false if {
	input.offender.deviance == "high"
}

supervision_length_holds := true if {
	input.order.supervision_months >= params.min_supervision_months
} else := false if {
	input.order.supervision_months < params.min_supervision_months
}

# order_type: a licence, or a pre_cja2003 Community Rehabilitation Order, or
# a cja2003 Community Order with both requirements.
order_type_holds := true if {
	order_allowed
} else := false if {
	input.order.type != "licence"
	not_pre_cja2003_order
	not_cja2003_order
}

order_allowed if input.order.type == "licence"

order_allowed if {
	regime == "pre_cja2003"
	input.order.type == "community_rehabilitation_order"
}

order_allowed if {
	regime == "cja2003"
	input.order.type == "community_order"
	"supervision" in input.order.requirements
	"programme" in input.order.requirements
}

not_pre_cja2003_order if regime == "cja2003"

not_pre_cja2003_order if input.order.type != "community_rehabilitation_order"

not_cja2003_order if regime == "pre_cja2003"

not_cja2003_order if input.order.type != "community_order"

not_cja2003_order if {
	some r in ["supervision", "programme"]
	every x in input.order.requirements { x != r }
}

post_sentence if input.stage == "post_sentence"

pre_sentence if input.stage != "post_sentence"

# The verdicts, in the rule file's terms.

default male := "unknown"

male := verdict(male_holds)

default min_age := "unknown"

min_age := verdict(min_age_holds)

default eligible_offence := "unknown"

eligible_offence := verdict(any_catalogue) if listed

default internet_related := "unknown"

internet_related := verdict(any_internet) if listed

default risk_of_harm := "unknown"

risk_of_harm := verdict(risk_of_harm_holds)

default deviance := "unknown"

deviance := "not_applicable" if pre_sentence

deviance := verdict(deviance_holds) if post_sentence

default supervision_length := "unknown"

supervision_length := "not_applicable" if pre_sentence

supervision_length := verdict(supervision_length_holds) if post_sentence

default order_type := "unknown"

order_type := "not_applicable" if pre_sentence

order_type := verdict(order_type_holds) if post_sentence

# The decision: unknown variables are null.

default age_out := null

age_out := age

default age_band_out := null

age_band_out := age_band

default regime_out := "unknown"

regime_out := regime

decision := {
	"age": age_out,
	"age_band": age_band_out,
	"regime": regime_out,
	"rules": {
		"male": male,
		"min_age": min_age,
		"eligible_offence": eligible_offence,
		"internet_related": internet_related,
		"risk_of_harm": risk_of_harm,
		"deviance": deviance,
		"supervision_length": supervision_length,
		"order_type": order_type,
	},
}
