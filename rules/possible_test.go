package rules_test

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/rules"
)

// phase is an enumeration for the tests: a fact with few values, as the
// case's stage is.
type phase uint8

func (p phase) String() string {
	switch p {
	case 1:
		return "before"
	case 2:
		return "after"
	}
	return fmt.Sprintf("phase(%d)", uint8(p))
}

const (
	before phase = 1
	after  phase = 2
)

var (
	phases        = rules.NewEnum[phase]()
	possPhase     = &rules.Var{Name: "phase", Type: phases.Type()}
	possPerson    = &rules.Var{Name: "person", Type: personObject.Type()}
	possItems     = &rules.Var{Name: "items", Type: rules.ListOf(itemObject.Type())}
	possibleWords = rules.Words{
		"phase":       "whether this is before or after",
		"person":      "anything about the person",
		"person.name": "the person's name",
		"person.age":  "the person's age",
		"person.flag": "whether the person is flagged",
		"person.dob":  "the person's date of birth",
		"items":       "the items",
		"items[].ok":  "whether the {nth} item is ok",
		"items[].n":   "the size of the {nth} item",
	}
	possSection = rules.Section{
		Name:    "eligibility",
		Inputs:  []*rules.Var{possPhase, possPerson, possItems},
		Effects: []string{"ineligible", "advisory"},
		Words:   possibleWords,
	}
)

const possiblePolicy = `
name: test
version: "1"
eligibility:
  rules:
    - id: after_flagged
      description: After, the person must be flagged.
      applies_when: phase == 'after'
      expression: person.flag
      effect: ineligible
      finding: "person.flag ? 'The person is flagged.' : 'The person is not flagged.'"
      message: The person cannot take part.
      not_applicable: Before, no flag is needed.
    - id: after_adult
      description: After, the person must be 18 or over.
      applies_when: phase == 'after'
      expression: person.age >= 18
      effect: ineligible
    - id: either_way
      description: The flag is set or it is not.
      expression: person.flag || !person.flag
      effect: advisory
    - id: some_item_ok
      description: Some item is ok.
      expression: items.exists(i, i.ok)
      effect: ineligible
      message: No item is ok.
    - id: by_phase
      description: Before, the flag; after, the age.
      expression: "phase == 'before' ? person.flag : person.age >= 18"
      effect: advisory
`

func possibleRuleSet(t testing.TB) *rules.RuleSet {
	t.Helper()
	fsys := fstest.MapFS{"p/policy.yaml": &fstest.MapFile{Data: []byte(possiblePolicy)}}
	pol, err := rules.Load(rules.Dir(fsys, "p"))
	require.NoError(t, err)
	rs, err := pol.Compile(possSection)
	require.NoError(t, err)
	return rs
}

func possibleInputs(ph phase, p *person, items []item) []rules.Binding {
	var list rules.Value
	if items != nil {
		list = rules.List(len(items), func(i int) rules.Value { return rules.ObjectValue(itemObject, &items[i]) })
	}
	return []rules.Binding{possPhase.Bind(phases.Value(ph)), possPerson.Bind(rules.ObjectValue(personObject, p)), possItems.Bind(list)}
}

// TestPossibleResults: an unknown rule lists the results it could have once
// its missing facts are known; a rule that could have only one has it.
func TestPossibleResults(t *testing.T) {
	rs := possibleRuleSet(t)
	okItems := []item{{OK: ptr(true)}}
	type got struct {
		Verdict  string
		Possible string
	}
	tests := []struct {
		name   string
		phase  phase
		p      *person
		items  []item
		want   map[string]got
		reason string
	}{
		{
			name: "phase missing, flagged adult", p: &person{Flag: ptr(true), Age: ptr(20)}, items: okItems,
			want: map[string]got{
				"after_flagged": {"unknown", "pass|not_applicable"},
				"after_adult":   {"unknown", "pass|not_applicable"},
				"either_way":    {"pass", ""},
				"some_item_ok":  {"pass", ""},
				"by_phase":      {"pass", ""},
			},
			reason: "before: not applicable, after: met; by_phase is met in both phases, so it is decided",
		},
		{
			name: "flag missing, after", phase: after, p: &person{Age: ptr(20)}, items: okItems,
			want: map[string]got{
				"after_flagged": {"unknown", "pass|fail"},
				"after_adult":   {"pass", ""},
				"either_way":    {"pass", ""},
				"some_item_ok":  {"pass", ""},
				"by_phase":      {"pass", ""},
			},
			reason: "a tautology over a missing bool passes whatever it is",
		},
		{
			name: "phase and flag missing, a child", p: &person{Age: ptr(10)}, items: okItems,
			want: map[string]got{
				"after_flagged": {"unknown", "pass|fail|not_applicable"},
				"after_adult":   {"unknown", "fail|not_applicable"},
				"either_way":    {"pass", ""},
				"some_item_ok":  {"pass", ""},
				"by_phase":      {"unknown", "pass|fail"},
			},
		},
		{
			name: "age missing after: a number can be anything", phase: after, p: &person{Flag: ptr(true)}, items: okItems,
			want: map[string]got{
				"after_flagged": {"pass", ""},
				"after_adult":   {"unknown", "pass|fail"},
				"either_way":    {"pass", ""},
				"some_item_ok":  {"pass", ""},
				"by_phase":      {"unknown", "pass|fail"},
			},
		},
		{
			name: "age missing, phase missing", p: &person{Flag: ptr(true)}, items: okItems,
			want: map[string]got{
				"after_flagged": {"unknown", "pass|not_applicable"},
				"after_adult":   {"unknown", "pass|fail|not_applicable"},
				"either_way":    {"pass", ""},
				"some_item_ok":  {"pass", ""},
				"by_phase":      {"unknown", "pass|fail"},
			},
			reason: "before, by_phase reads the flag (met); after, the missing age",
		},
		{
			name: "items' ok missing", phase: before, p: &person{Flag: ptr(false), Age: ptr(30)},
			items: []item{{OK: ptr(false)}, {}, {}},
			want: map[string]got{
				"after_flagged": {"not_applicable", ""},
				"after_adult":   {"not_applicable", ""},
				"either_way":    {"pass", ""},
				"some_item_ok":  {"unknown", "pass|fail"},
				"by_phase":      {"fail", ""},
			},
		},
		{
			name: "the whole person missing", phase: after, items: okItems,
			want: map[string]got{
				"after_flagged": {"unknown", "pass|fail"},
				"after_adult":   {"unknown", "pass|fail"},
				"either_way":    {"unknown", "pass|fail"},
				"some_item_ok":  {"pass", ""},
				"by_phase":      {"unknown", "pass|fail"},
			},
			reason: "an object can be anything: its rules could pass or fail",
		},
		{
			name: "nothing missing", phase: after, p: &person{Flag: ptr(false), Age: ptr(30)}, items: okItems,
			want: map[string]got{
				"after_flagged": {"fail", ""},
				"after_adult":   {"pass", ""},
				"either_way":    {"pass", ""},
				"some_item_ok":  {"pass", ""},
				"by_phase":      {"pass", ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := rs.Evaluate(context.Background(), possibleInputs(tt.phase, tt.p, tt.items))
			require.NoError(t, err)
			results := map[string]got{}
			for _, r := range ev.Results {
				results[r.ID] = got{r.Verdict.String(), rules.VerdictsOf(r.Possible...).String()}
				if r.Verdict != rules.Unknown && (r.Possible != nil || r.Missing != nil) {
					t.Errorf("%s is %v but has possible %v, missing %v", r.ID, r.Verdict, r.Possible, r.Missing)
				}
			}
			if diff := cmp.Diff(tt.want, results); diff != "" {
				t.Errorf("results mismatch (-want +got): %s\n%s", tt.reason, diff)
			}
		})
	}
}

// TestWorlds: facts several unknown rules read are supposed jointly, one
// world for each of their values; the rest rule by rule.
func TestWorlds(t *testing.T) {
	rs := possibleRuleSet(t)
	pn, pf, na, un := rules.VerdictsOf(rules.Pass), rules.VerdictsOf(rules.Fail), rules.VerdictsOf(rules.NotApplicable), rules.VerdictsOf(rules.Pass, rules.Fail)
	tests := []struct {
		name   string
		phase  phase
		p      *person
		want   [][]rules.Verdicts // in rule order: after_flagged, after_adult, either_way, some_item_ok, by_phase
		reason string
	}{
		{
			name: "nothing missing", phase: after, p: &person{Flag: ptr(true), Age: ptr(20)},
			want: nil,
		},
		{
			name: "the phase, read by three rules", p: &person{Flag: ptr(true), Age: ptr(20)},
			want:   [][]rules.Verdicts{{na, na, pn, pn, pn}, {pn, pn, pn, pn, pn}},
			reason: "before, then after: the enumeration's order",
		},
		{
			name: "phase and flag: the phase is shared", p: &person{Age: ptr(10)},
			want: [][]rules.Verdicts{
				{na, na, pn, pn, un}, // before
				{un, pf, pn, pn, pf}, // after
			},
			reason: "the phase is read by three unknown rules; the flag only by either_way until the phase is supposed, so it is supposed rule by rule",
		},
		{
			name: "the flag, shared, after", phase: after, p: &person{Age: ptr(20)},
			want:   [][]rules.Verdicts{{pn, pn, pn, pn, pn}, {pf, pn, pn, pn, pn}},
			reason: "after_flagged and either_way read the flag: flagged, then not",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := rs.Evaluate(context.Background(), possibleInputs(tt.phase, tt.p, []item{{OK: ptr(true)}}))
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, ev.Worlds()); diff != "" {
				t.Errorf("worlds mismatch (-want +got): %s\n%s", tt.reason, diff)
			}
		})
	}
}

// TestPossibleMessages: findings for pass and fail, the message after a
// failing finding, not_applicable, and unknown rules naming what is missing
// in words and what their possible results allow.
func TestPossibleMessages(t *testing.T) {
	rs := possibleRuleSet(t)
	tests := []struct {
		name  string
		phase phase
		p     *person
		items []item
		want  map[string]string
	}{
		{
			name: "decided", phase: after, p: &person{Flag: ptr(false), Age: ptr(12)}, items: []item{{OK: ptr(false)}},
			want: map[string]string{
				"after_flagged": "The person is not flagged. The person cannot take part.",
				"after_adult":   "After, the person must be 18 or over. This is not met.",
				"either_way":    "The flag is set or it is not. This is met.",
				"some_item_ok":  "No item is ok.",
				"by_phase":      "Before, the flag; after, the age. This is not met.",
			},
		},
		{
			name: "not applicable, and a finding that passes", phase: before, p: &person{Flag: ptr(true), Age: ptr(12)}, items: []item{{OK: ptr(true)}},
			want: map[string]string{
				"after_flagged": "Before, no flag is needed.",
				"after_adult":   "After, the person must be 18 or over. This does not apply to this case.",
				"either_way":    "The flag is set or it is not. This is met.",
				"some_item_ok":  "Some item is ok. This is met.",
				"by_phase":      "Before, the flag; after, the age. This is met.",
			},
		},
		{
			name: "unknown", p: &person{Age: ptr(12), Flag: ptr(true)}, items: []item{{OK: ptr(false)}, {}},
			want: map[string]string{
				"after_flagged": "After, the person must be flagged. This cannot be decided without knowing whether this is before or after. Whatever that turns out to be, it is met or does not apply.",
				"after_adult":   "After, the person must be 18 or over. This cannot be decided without knowing whether this is before or after. Whatever that turns out to be, it is not met or does not apply.",
				"either_way":    "The flag is set or it is not. This is met.",
				"some_item_ok":  "Some item is ok. This cannot be decided without knowing whether the second item is ok.",
				"by_phase":      "Before, the flag; after, the age. This cannot be decided without knowing whether this is before or after.",
			},
		},
		{
			name: "a rule decided by supposing gets its verdict's message", phase: after, p: &person{Age: ptr(12)}, items: []item{{OK: ptr(true)}},
			want: map[string]string{
				"after_flagged": "After, the person must be flagged. This cannot be decided without knowing whether the person is flagged.",
				"after_adult":   "After, the person must be 18 or over. This is not met.",
				"either_way":    "The flag is set or it is not. This is met.",
				"some_item_ok":  "Some item is ok. This is met.",
				"by_phase":      "Before, the flag; after, the age. This is not met.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := rs.Evaluate(context.Background(), possibleInputs(tt.phase, tt.p, tt.items))
			require.NoError(t, err)
			got := map[string]string{}
			for _, r := range ev.Results {
				got[r.ID] = r.Message
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("messages mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPossibleWithExplain: supposing values records nothing in the
// explanations, and the evaluation's outputs and texts read the case as it
// is.
func TestPossibleWithExplain(t *testing.T) {
	rs := possibleRuleSet(t)
	ev, err := rs.Evaluate(context.Background(), possibleInputs(0, &person{Age: ptr(20)}, []item{{OK: ptr(true)}}), rules.Explain())
	require.NoError(t, err)
	var read []string
	for _, f := range ev.Results[0].Explanation.Read {
		read = append(read, f.Path+" = "+f.Value)
	}
	if diff := cmp.Diff([]string{"phase = not known"}, read); diff != "" {
		t.Errorf("after_flagged read mismatch (-want +got):\n%s", diff)
	}
	if got := rules.VerdictsOf(ev.Results[0].Possible...).String(); got != "pass|fail|not_applicable" {
		t.Errorf("after_flagged possible = %s", got)
	}
}

// TestPossibleBounded: a rule reading hundreds of missing facts with few
// values each is not worked out value by value, but it is still sound: it
// could pass or fail. With the budget of evaluations spent, a rule still
// unknown could have any result.
func TestPossibleBounded(t *testing.T) {
	rs := possibleRuleSet(t)
	items := make([]item, 300)
	ev, err := rs.Evaluate(context.Background(), possibleInputs(after, &person{Flag: ptr(true), Age: ptr(20)}, items))
	require.NoError(t, err)
	r := ev.Results[3]
	require.Equal(t, "some_item_ok", r.ID)
	if got := rules.VerdictsOf(r.Possible...).String(); r.Verdict != rules.Unknown || got != "pass|fail" {
		t.Errorf("some_item_ok = %v, possible %s; want unknown, pass|fail", r.Verdict, got)
	}
	if len(r.Missing) != len(items) {
		t.Errorf("some_item_ok names %d missing facts, want %d", len(r.Missing), len(items))
	}

	rules.LowerSupposedLimit(t, 0)
	ev, err = rs.Evaluate(context.Background(), possibleInputs(0, &person{Flag: ptr(true), Age: ptr(20)}, []item{{OK: ptr(true)}}))
	require.NoError(t, err)
	got := map[string]string{}
	for _, r := range ev.Results {
		got[r.ID] = rules.VerdictsOf(r.Possible...).String()
	}
	want := map[string]string{"after_flagged": "pass|fail|not_applicable", "after_adult": "pass|fail|not_applicable",
		"either_way": "", "some_item_ok": "", "by_phase": "pass|fail"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("with no evaluations allowed, possible results mismatch (-want +got):\n%s", diff)
	}
}

// BenchmarkPossible measures the possible-results work: none when nothing
// is missing, and the cost of one missing fact read by three rules.
func BenchmarkPossible(b *testing.B) {
	rs := possibleRuleSet(b)
	for _, bc := range []struct {
		name  string
		phase phase
	}{{"nothing missing", after}, {"phase missing", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				items := []item{{OK: ptr(true)}}
				if _, err := rs.Evaluate(context.Background(), possibleInputs(bc.phase, &person{Flag: ptr(true), Age: ptr(20)}, items)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestWordsSay(t *testing.T) {
	tests := []struct{ path, want string }{
		{"phase", "whether this is before or after"},
		{"items[0].ok", "whether the first item is ok"},
		{"items[10].ok", "whether the 11th item is ok"},
		{"items[21].n", "the size of the 22nd item"},
		{"elsewhere.fact", "elsewhere.fact"},
	}
	for _, tt := range tests {
		if got := possibleWords.Say(tt.path); got != tt.want {
			t.Errorf("Say(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
	var none rules.Words
	if got := none.Say("items[0].ok"); got != "items[0].ok" {
		t.Errorf("nil Words Say = %q, want the path", got)
	}
}

func TestOrdinalAndJoinWords(t *testing.T) {
	for n, want := range map[int]string{1: "first", 10: "tenth", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 23: "23rd", 101: "101st", 111: "111th"} {
		if got := rules.Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	for _, tt := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b and c"}} {
		if got := rules.JoinWords(tt.in); got != tt.want {
			t.Errorf("JoinWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWordsChecked: a section's Words must name every fact of its inputs,
// and nothing else.
func TestWordsChecked(t *testing.T) {
	fsys := fstest.MapFS{"p/policy.yaml": &fstest.MapFile{Data: []byte(possiblePolicy)}}
	pol, err := rules.Load(rules.Dir(fsys, "p"))
	require.NoError(t, err)
	without := rules.Words{}
	extra := rules.Words{}
	for k, v := range possibleWords {
		extra[k] = v
		if k != "items[].n" {
			without[k] = v
		}
	}
	extra["person.height"] = "his height"
	for name, w := range map[string]rules.Words{"missing items[].n": without, "extra person.height": extra} {
		s := possSection
		s.Words = w
		if _, err := pol.Compile(s); err == nil {
			t.Errorf("%s: Compile accepted the Words", name)
		}
	}
}
