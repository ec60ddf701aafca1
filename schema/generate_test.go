package schema

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// The parts of the rule-file and area-file schemas that come from the
// policy and the Go declarations are generated here, from the one place
// each is declared, so that the schemas refuse what the loader refuses:
//
//   - the policy's name (an area file's policy), from the national policy;
//   - the parameters an area file may set, each with its type and its
//     choices where its bounds are a list (value in ['a', 'b']), from the
//     national policy's table; fixed parameters are left out, and so
//     refused;
//   - the rule sections and the effects of each one's rules, from the
//     registry of decisions (each decision's rules.Section);
//   - the types a parameter may be declared with (rules.ParamTypes), the
//     session outcomes an outcome code may stand for (isotp.SessionOutcome)
//     and the norms statuses (rules.NormsStatus).
//
// The rest of each schema (the shape of a rule, descriptions) is written by
// hand in the file itself. The test fails when a generated part is out of
// date; go test ./schema -update rewrites them.
func TestGenerated(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	for _, tt := range []struct {
		file string
		gen  func(*testing.T, *jnode, *rules.Policy)
	}{
		{"area-file.schema.json", generateArea},
		{"rule-file.schema.json", generateRuleFile},
	} {
		data, err := os.ReadFile(tt.file)
		require.NoError(t, err)
		doc, err := parseJSON(data)
		require.NoError(t, err)
		tt.gen(t, doc, pol)
		golden.Check(t, tt.file, doc.marshal())
	}
}

// generateShared sets what rule and area files share: the sections with
// their effects, the outcome codes and the norms statuses. section names
// the hand-written definition of a section in this file ("section" or
// "areaSection"), suffix the generated one's ("Section", "AreaSection").
func generateShared(doc *jnode, section, suffix string) {
	defs := doc.get("$defs")
	props := doc.get("properties")
	var effects []string
	for _, s := range decisions.Sections() {
		name := s.Name + suffix
		defs.set(name, object(
			"description", fmt.Sprintf("The %s section (generated from the registry of decisions): its rules' effects are %s.", s.Name, strings.Join(s.Effects, ", ")),
			"allOf", []*jnode{object("$ref", "#/$defs/"+section)},
			"properties", object("rules", object("items", object("properties", object("effect", object("enum", s.Effects))))),
		))
		props.set(s.Name, object("$ref", "#/$defs/"+name))
		effects = append(effects, s.Name+": "+strings.Join(s.Effects, ", "))
	}
	defs.get("rule").get("properties").set("effect", object("type", "string",
		"description", "What a failure means, by section: "+strings.Join(effects, "; ")+"."))
	defs.get("outcomeCodes").set("additionalProperties", object("enum", enum.Spellings[isotp.SessionOutcome]()))
	defs.get("normsStatement").get("properties").get("status").set("enum", value(enum.Spellings[rules.NormsStatus]()))
}

func generateArea(t *testing.T, doc *jnode, pol *rules.Policy) {
	generateShared(doc, "areaSection", "AreaSection")
	props := doc.get("properties")
	name := pol.Info().Name
	props.set("policy", object("$ref", "#/$defs/text", "const", name,
		"description", "The national policy's name, "+name+" (generated from the national policy)."))
	params := object()
	for _, p := range pol.Params() {
		if p.Fixed {
			continue
		}
		s := paramSchema(t, p)
		s.set("description", value(strings.Join(strings.Fields(p.Description), " ")))
		params.set(p.Name, s)
	}
	props.set("params", object(
		"type", "object",
		"description", "National parameters to set, within their bounds (see isotp params); generated from the national policy: a parameter it fixes, or does not declare, is refused.",
		"additionalProperties", false,
		"properties", params,
	))
}

// choicesRE matches bounds that list the values a parameter may take.
var choicesRE = regexp.MustCompile(`^value in \[\s*('[^']*'(\s*,\s*'[^']*')*)\s*\]$`)

// paramSchema returns the schema of parameter p's value in an area file.
func paramSchema(t *testing.T, p rules.Param) *jnode {
	if m := choicesRE.FindStringSubmatch(strings.TrimSpace(p.Bounds)); m != nil {
		var choices []string
		for _, c := range strings.Split(m[1], ",") {
			choices = append(choices, strings.Trim(strings.TrimSpace(c), "'"))
		}
		return object("enum", choices)
	}
	switch p.Type {
	case "int":
		return object("type", "integer")
	case "double":
		return object("type", "number")
	case "string":
		return object("$ref", "#/$defs/text")
	case "bool":
		return object("type", "boolean")
	case "date":
		return object("$ref", "case.schema.json#/$defs/date")
	}
	t.Fatalf("parameter %s: type %q has no schema", p.Name, p.Type)
	return nil
}

func generateRuleFile(t *testing.T, doc *jnode, _ *rules.Policy) {
	generateShared(doc, "section", "Section")
	doc.get("$defs").get("parameter").get("properties").get("type").set("enum", value(rules.ParamTypes()))
}
