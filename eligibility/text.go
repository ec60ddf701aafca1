package eligibility

import (
	"fmt"
	"github.com/isotp-dev/isotp/internal/textwrap"
	"io"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// WriteText writes the decision for a person to read: the outcome and what
// it means, his age and regime, each rule's result in plain English, the
// proposal for the Pre-Sentence Report, and the policy it was made under.
func (d *Decision) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s eligibility: %s\n", d.Programme, strings.ToUpper(d.Outcome.String()))
	b.WriteString(textwrap.Wrap(d.summary(), 78, "  "))
	b.WriteString("\n")

	stage := "not recorded"
	switch d.Stage {
	case isotp.PreSentence:
		stage = "pre-sentence (proposal for the Pre-Sentence Report)"
	case isotp.PostSentence:
		stage = "post-sentence (allocation)"
	}
	fmt.Fprintf(&b, "Stage:   %s\n", stage)
	fmt.Fprintf(&b, "As of:   %s\n", d.AsOf)
	switch {
	case d.Age != nil && d.AgeBand != nil:
		fmt.Fprintf(&b, "Age:     %d (%s group)\n", *d.Age, *d.AgeBand)
	default:
		b.WriteString("Age:     not known\n")
	}
	fmt.Fprintf(&b, "Regime:  %s\n", regimeText(d.Regime))

	if len(d.Variables) > 0 {
		b.WriteString("\nWorked out\n")
		for _, v := range d.Variables {
			fmt.Fprintf(&b, "  %s = %s\n", v.Name, v.Value)
			rules.WriteExplanation(&b, &v.Explanation, "      ")
		}
	}
	b.WriteString("\nRules\n")
	for _, r := range d.Rules {
		fmt.Fprintf(&b, "  %-14s %s (%s)\n", r.Verdict.Label(), r.ID, effectText(r.Effect))
		b.WriteString(textwrap.Wrap(r.Message, 76, "      "))
		if r.Explanation != nil {
			rules.WriteExplanation(&b, r.Explanation, "      ")
		}
	}
	if d.Proposal != nil {
		b.WriteString("\nProposal for the Pre-Sentence Report\n")
		b.WriteString(textwrap.Wrap(*d.Proposal, 76, "  "))
	}
	if len(d.Missing) > 0 {
		b.WriteString("\nFacts needed to decide\n")
		for _, m := range d.Missing {
			fmt.Fprintf(&b, "  - %s\n", m)
		}
	}
	fmt.Fprintf(&b, "\nPolicy:  %s %s, %s, %s\n", d.Policy.Name, d.Policy.Version, d.Policy.Area, d.Policy.Digest)
	_, err := io.WriteString(w, b.String())
	return err
}

// summary says what the outcome means in a sentence or two.
func (d *Decision) summary() string {
	failing := func(effect string, v rules.Verdict) string {
		var ids []string
		for _, r := range d.Rules {
			if r.Effect == effect && r.Verdict == v {
				ids = append(ids, r.ID)
			}
		}
		return strings.Join(ids, ", ")
	}
	switch d.Outcome {
	case Eligible:
		return "He meets every eligibility rule for " + d.Programme + "."
	case Ineligible:
		return "He is not eligible for " + d.Programme + ": he does not meet " + failing(EffectIneligible, rules.Fail) + "."
	case Refer:
		to := "another programme"
		if d.ReferTo != nil {
			to = *d.ReferTo
		}
		return "He should be referred to " + to + " instead of " + d.Programme + " (" + failing(EffectRefer, rules.Fail) + ")."
	case Pending:
		return "No decision can be made yet: " + failing(EffectIneligible, rules.Unknown) +
			strings.TrimPrefix(", "+failing(EffectRefer, rules.Unknown), ", ") +
			" cannot be decided until the missing facts listed below are known."
	}
	return ""
}

func effectText(effect string) string {
	switch effect {
	case EffectIneligible:
		return "if not met: ineligible"
	case EffectRefer:
		return "if not met: refer"
	case EffectAdvisory:
		return "advisory"
	}
	return effect
}

func regimeText(r Regime) string {
	switch r {
	case RegimeCJA2003:
		return "Criminal Justice Act 2003 (an offence on or after its commencement)"
	case RegimePreCJA2003:
		return "before the Criminal Justice Act 2003 (all offences before its commencement)"
	}
	return "not known (offence dates missing)"
}
