package decisions

import (
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/jsonwrite"
)

// writeEligibility writes an eligibility.Decision.
func writeEligibility(e *jsonwrite.Encoder, d *eligibility.Decision) {
	e.BeginObject()
	e.Key("programme")
	e.String(d.Programme)
	e.Key("stage")
	jsonwrite.EnumJSON(e, d.Stage)
	if !d.AsOf.IsZero() {
		e.Key("as_of")
		writeDate(e, &d.AsOf)
	}
	e.Key("outcome")
	jsonwrite.Enum(e, d.Outcome)
	e.Key("refer_to")
	writeStringPtr(e, d.ReferTo)
	e.Key("regime")
	jsonwrite.Enum(e, d.Regime)
	e.Key("regime_reason")
	e.String(d.RegimeReason)
	e.Key("age")
	writeIntPtr(e, d.Age)
	e.Key("age_band")
	writeStringPtr(e, d.AgeBand)
	e.Key("proposal")
	writeStringPtr(e, d.Proposal)
	e.Key("proposal_if_pre_sentence")
	writeStringPtr(e, d.ProposalIfPreSentence)
	e.Key("rules")
	jsonwrite.Array(e, d.Rules, writeResult)
	e.Key("missing")
	e.Strings(d.Missing)
	e.Key("policy")
	writeInfo(e, &d.Policy)
	if len(d.Variables) > 0 {
		e.Key("variables")
		jsonwrite.Array(e, d.Variables, writeVariable)
	}
	e.EndObject()
}
