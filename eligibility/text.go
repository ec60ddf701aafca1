package eligibility

import (
	"fmt"
	"io"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/textwrap"
	"github.com/isotp-dev/isotp/rules"
)

// WriteText writes the decision for a person to read: the outcome and what
// it means, his age and regime, what was found for each requirement, the
// proposal for the Pre-Sentence Report, the facts not recorded, and the
// policy it was made under. Rule ids, expressions and the facts they read
// appear only when the decision was made with rules.Explain().
func (d *Decision) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s eligibility: %s\n", d.Programme, strings.ToUpper(d.Outcome.String()))
	b.WriteString(textwrap.Wrap(d.Summary(), 78, "  "))
	b.WriteString("\n")

	stage := "not recorded"
	switch d.Stage {
	case isotp.PreSentence:
		stage = "before sentence (a proposal for the Pre-Sentence Report)"
	case isotp.PostSentence:
		stage = "after sentence (allocation to the programme)"
	}
	fmt.Fprintf(&b, "Stage:   %s\n", stage)
	asOf := "not recorded"
	if !d.AsOf.IsZero() {
		asOf = d.AsOf.Long()
	}
	fmt.Fprintf(&b, "As of:   %s\n", asOf)
	switch {
	case d.Age != nil && d.AgeBand != nil:
		fmt.Fprintf(&b, "Age:     %d (%s)\n", *d.Age, ageBandText(*d.AgeBand))
	default:
		b.WriteString("Age:     not known\n")
	}
	fmt.Fprintf(&b, "Regime:  %s\n", regimeText(d.Regime))
	b.WriteString(textwrap.Wrap(d.RegimeReason, 78, "         "))

	if len(d.Variables) > 0 {
		b.WriteString("\nWorked out\n")
		for _, v := range d.Variables {
			fmt.Fprintf(&b, "  %s = %s\n", v.Name, v.Value)
			rules.WriteExplanation(&b, &v.Explanation, "      ")
		}
	}
	b.WriteString("\nWhat was found\n")
	for _, r := range d.Rules {
		b.WriteString(textwrap.Wrap(r.Message, 78, fmt.Sprintf("  %-13s", label(r))))
		if r.Explanation != nil {
			fmt.Fprintf(&b, "               rule %s (%s)\n", r.ID, effectText(r.Effect))
			rules.WriteExplanation(&b, r.Explanation, "               ")
		}
	}
	switch {
	case d.Proposal != nil:
		b.WriteString("\nProposal for the Pre-Sentence Report\n")
		b.WriteString(textwrap.Wrap(*d.Proposal, 78, "  "))
	case d.ProposalIfPreSentence != nil:
		b.WriteString("\nProposal for the Pre-Sentence Report\n")
		b.WriteString(textwrap.Wrap("Whether this is before or after sentence is not recorded. If it is before sentence, the proposal for the Pre-Sentence Report is: "+*d.ProposalIfPreSentence, 78, "  "))
	}
	if len(d.Missing) > 0 {
		if d.Outcome == Pending {
			b.WriteString("\nFacts needed to decide\n")
		} else {
			b.WriteString("\nNot recorded (whatever they are, the outcome is the same)\n")
		}
		for _, m := range d.Missing {
			b.WriteString(textwrap.Wrap(words.Say(m), 78, "  - "))
		}
	}
	fmt.Fprintf(&b, "\nPolicy:  %s %s, %s\n  %s\n", d.Policy.Name, d.Policy.Version, d.Policy.Area, d.Policy.Digest)
	_, err := io.WriteString(w, textwrap.Visible(b.String()))
	return err
}

// Summary says what the outcome means in a sentence or two, in plain
// English, from what the rules found: "He is not eligible for i-SOTP. He
// has 18 months of supervision; at least 24 are needed." It is the line
// under the outcome in WriteText's text.
func (d *Decision) Summary() string {
	found := func(effect string) string {
		var said []string
		for _, r := range d.Rules {
			if r.Effect == effect && r.Verdict == rules.Fail {
				said = append(said, r.Message)
			}
		}
		return strings.Join(said, " ")
	}
	var s string
	switch d.Outcome {
	case Eligible:
		s = "He meets every eligibility requirement for " + d.Programme + "."
	case Ineligible:
		s = "He is not eligible for " + d.Programme + ". " + found(EffectIneligible)
	case Refer:
		to := "another programme"
		if d.ReferTo != nil {
			to = *d.ReferTo
		}
		s = "He should be referred to " + to + " instead of " + d.Programme + ". " + found(EffectRefer)
	case Pending:
		return "No decision can be made without knowing " + rules.JoinWords(d.heldBack()) + "."
	}
	if len(d.Missing) > 0 {
		s += " Some facts are not recorded (listed below), but whatever they are, the outcome is the same."
	}
	return strings.TrimSpace(s)
}

// heldBack words the facts missing from the rules that could still go
// against him, which hold the decision back.
func (d *Decision) heldBack() []string {
	var said []string
	seen := map[string]bool{}
	for _, r := range d.Rules {
		if r.Verdict != rules.Unknown || r.Effect == EffectAdvisory || !rules.VerdictsOf(r.Possible...).Has(rules.Fail) {
			continue
		}
		for _, m := range r.Missing {
			if !seen[m] {
				seen[m] = true
				said = append(said, words.Say(m))
			}
		}
	}
	if len(said) == 0 {
		said = []string{"the facts listed below"}
	}
	return said
}

// label marks a rule's result; an advisory rule that is not met is a point
// to note, which does not change the outcome.
func label(r rules.Result) string {
	if r.Effect == EffectAdvisory && r.Verdict == rules.Fail {
		return "[to note]"
	}
	return r.Verdict.Label()
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

func ageBandText(band string) string {
	switch band {
	case "young":
		return "in a group for young men"
	case "adult":
		return "in an adult group"
	}
	return "age group " + band
}

func regimeText(r Regime) string {
	switch r {
	case RegimeCJA2003:
		return "the Criminal Justice Act 2003"
	case RegimePreCJA2003:
		return "before the Criminal Justice Act 2003"
	}
	return "not known"
}
