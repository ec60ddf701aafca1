package peers

import "github.com/isotp-dev/isotp"

// caseData is the case as the peers read it: JSON-like data under the case
// file's names, dates as "YYYY-MM-DD" strings and enums by their JSON names,
// holding only what the eligibility rules read. A fact that is not known is
// left out when missing is nil (expr and Rego read an absent key as nil and
// undefined), or set to missing(path) (cel-go's unknown values). The map
// has room for the peers' three variables and the parameters besides, so a
// peer that adds them does not grow it, on its first decision or a later one.
func caseData(c *isotp.Case, missing func(path string) any) map[string]any {
	m := make(map[string]any, 9)
	set := func(m map[string]any, key, path string, v any, known bool) {
		switch {
		case known:
			m[key] = v
		case missing != nil:
			m[key] = missing(path)
		}
	}
	set(m, "as_of", "as_of", dateString(c.AsOf), !c.AsOf.IsZero())
	set(m, "stage", "stage", c.Stage.String(), c.Stage != isotp.StageUnknown)

	if o := c.Offender; o != nil {
		om := make(map[string]any, 4)
		set(om, "sex", "offender.sex", o.Sex.String(), o.Sex != isotp.SexUnknown)
		set(om, "date_of_birth", "offender.date_of_birth", dateString(o.DateOfBirth), !o.DateOfBirth.IsZero())
		set(om, "risk_of_harm", "offender.risk_of_harm", o.RiskOfHarm.String(), o.RiskOfHarm != isotp.RiskUnknown)
		set(om, "deviance", "offender.deviance", o.Deviance.String(), o.Deviance != isotp.DevianceUnknown)
		m["offender"] = om
	} else {
		set(m, "offender", "offender", nil, false)
	}

	if c.Offences != nil {
		list := make([]any, len(c.Offences))
		for i := range c.Offences {
			o := &c.Offences[i]
			om := make(map[string]any, 3)
			set(om, "offence", "offences[].offence", o.Offence, o.Offence != "")
			set(om, "date", "offences[].date", dateString(o.Date), !o.Date.IsZero())
			if o.Internet != nil {
				om["internet"] = *o.Internet
			} else {
				set(om, "internet", "offences[].internet", nil, false)
			}
			list[i] = om
		}
		m["offences"] = list
	} else {
		set(m, "offences", "offences", nil, false)
	}

	if o := c.Order; o != nil {
		om := make(map[string]any, 3)
		set(om, "type", "order.type", o.Type.String(), o.Type != isotp.OrderTypeUnknown)
		if o.SupervisionMonths != nil {
			om["supervision_months"] = *o.SupervisionMonths
		} else {
			set(om, "supervision_months", "order.supervision_months", nil, false)
		}
		if o.Requirements != nil {
			reqs := make([]any, len(o.Requirements))
			for i, r := range o.Requirements {
				reqs[i] = r.String()
			}
			om["requirements"] = reqs
		} else {
			set(om, "requirements", "order.requirements", nil, false)
		}
		m["order"] = om
	} else {
		set(m, "order", "order", nil, false)
	}
	return m
}

// dateString formats d as YYYY-MM-DD, the case file's form, in one
// allocation (isotp.Date.String goes through fmt).
func dateString(d isotp.Date) string {
	b := make([]byte, 10)
	put := func(at, width, n int) {
		for i := at + width - 1; i >= at; i-- {
			b[i] = byte('0' + n%10)
			n /= 10
		}
	}
	put(0, 4, d.Year)
	b[4] = '-'
	put(5, 2, int(d.Month))
	b[7] = '-'
	put(8, 2, d.Day)
	return string(b)
}
