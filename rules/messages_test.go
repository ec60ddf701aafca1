package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/rules"
)

// TestMessagesOfEveryMake: a rule's message is its finding, then on a
// failure a space and its message, trimmed, or the default where that is
// empty, whether each part is a text already (a constant, a field) or one
// made of pieces, and however many rules' messages one evaluation makes.
func TestMessagesOfEveryMake(t *testing.T) {
	parts := map[string]string{ // expression -> its text for the person below
		"":                                   "",
		"'  '":                               "  ",
		"person.name":                        "Ann",
		"' Ann ' + string(person.age) + ' '": " Ann 40 ",
		"'Ann' + string(person.age)":         "Ann40",
		"'' + person.name + ''":              "Ann",
	}
	p := &person{Name: "Ann", Age: ptr(40)}
	for _, passes := range []bool{true, false} {
		var b strings.Builder
		b.WriteString("name: t\nversion: \"1\"\neligibility:\n  rules:\n")
		var want []string
		n := 0
		for finding, fText := range parts {
			for message, mText := range parts {
				for _, static := range []bool{false, true} {
					if static && strings.ContainsAny(message, "+.") {
						continue
					}
					expr := "person.age > 50"
					if passes {
						expr = "person.age > 5"
					}
					b.WriteString("    - id: r" + strings.Repeat("x", n) + "\n      description: Rule.\n      expression: \"" + expr + "\"\n      effect: ineligible\n")
					n++
					if finding != "" {
						b.WriteString("      finding: \"" + finding + "\"\n")
					}
					then := ""
					switch {
					case message == "":
					case static:
						then = strings.TrimSpace(strings.Trim(message, "'"))
						if then != "" {
							b.WriteString("      message: \"" + then + "\"\n")
						}
					default:
						then = mText
						b.WriteString("      message_expression: \"" + message + "\"\n")
					}
					var w string
					if passes {
						w = fText
						if w == "" {
							w = "Rule. This is met."
						}
					} else if w = strings.TrimSpace(fText + " " + then); w == "" {
						w = "Rule. This is not met."
					}
					want = append(want, w)
				}
			}
		}
		pol, err := rules.Load(rules.Dir(mapFS(map[string]string{"p/a.yaml": b.String()}), "p"))
		require.NoError(t, err)
		rs, err := pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{testPerson}, Effects: []string{"ineligible"}})
		require.NoError(t, err)
		for range 3 { // and again, with what the last evaluation gave back
			ev, err := rs.Evaluate(context.Background(), []rules.Binding{testPerson.Bind(rules.ObjectValue(personObject, p))})
			require.NoError(t, err)
			var got []string
			for _, r := range ev.Results {
				got = append(got, r.Message)
			}
			ev.Release()
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("passing %v: mismatch (-want +got):\n%s", passes, diff)
			}
		}
	}
}
