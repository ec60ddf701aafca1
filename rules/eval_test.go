package rules_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

type person struct {
	Name string
	Age  *int
	Flag *bool
	DOB  isotp.Date
}

type item struct {
	OK *bool
	N  *int
}

var (
	personObject = rules.NewObject("test.Person",
		rules.Field{Name: "name", Type: rules.StringType, Get: func(o any) rules.Value { return rules.String(o.(*person).Name) }},
		rules.Field{Name: "age", Type: rules.IntType, Get: func(o any) rules.Value { return rules.IntPtr(o.(*person).Age) }},
		rules.Field{Name: "flag", Type: rules.BoolType, Get: func(o any) rules.Value { return rules.BoolPtr(o.(*person).Flag) }},
		rules.Field{Name: "dob", Type: rules.DateType, Get: func(o any) rules.Value { return rules.DateValue(o.(*person).DOB) }},
	)
	itemObject = rules.NewObject("test.Item",
		rules.Field{Name: "ok", Type: rules.BoolType, Get: func(o any) rules.Value { return rules.BoolPtr(o.(*item).OK) }},
		rules.Field{Name: "n", Type: rules.IntType, Get: func(o any) rules.Value { return rules.IntPtr(o.(*item).N) }},
	)
	testAsOf     = &rules.Var{Name: "as_of", Type: rules.DateType}
	testPerson   = &rules.Var{Name: "person", Type: personObject.Type()}
	testItems    = &rules.Var{Name: "items", Type: rules.ListOf(itemObject.Type())}
	testYears    = &rules.Var{Name: "years", Type: rules.IntType}
	testGreeting = &rules.Var{Name: "greeting", Type: rules.StringType}
	testSection  = rules.Section{
		Name:    "eligibility",
		Inputs:  []*rules.Var{testAsOf, testPerson, testItems},
		Effects: []string{"ineligible", "advisory"},
		Outputs: []*rules.Var{testYears},
		Texts:   []*rules.Var{testGreeting},
	}
)

// testInputs binds the test section's inputs.
func testInputs(asOf, person, items rules.Value) []rules.Binding {
	return []rules.Binding{testAsOf.Bind(asOf), testPerson.Bind(person), testItems.Bind(items)}
}

const testPolicy = `
name: test
version: "1"
parameters:
  limit:
    type: int
    default: 18
    bounds: value >= 10
    description: A limit.
eligibility:
  variables:
    - name: years
      expression: age_at(person.dob, as_of)
  rules:
    - id: adult
      description: The person must be at least the limit.
      expression: person.age >= params.limit
      effect: ineligible
      message_expression: "'Aged ' + string(person.age) + '.'"
    - id: flagged_and_adult
      description: Flag and age.
      expression: person.flag && person.age >= params.limit
      effect: advisory
    - id: flag_or_adult
      description: Flag or age.
      expression: person.flag || person.age >= params.limit
      effect: advisory
    - id: any_item_ok
      description: Some item is ok.
      unknown_when: items.size() == 0
      expression: items.exists(i, i.ok)
      effect: ineligible
      message: No item is ok.
    - id: items_small
      description: Every item is small.
      expression: items.all(i, i.n < 10)
      effect: advisory
    - id: only_when_flagged
      description: Applies to flagged people.
      applies_when: person.flag
      expression: person.name == 'x'
      effect: advisory
    - id: declared_unknown
      description: Unknown when the name is missing.
      unknown_when: "!has(person.name)"
      expression: "true"
      effect: advisory
  texts:
    greeting: "'Hello ' + person.name"
`

func testRuleSet(t testing.TB, area string) *rules.RuleSet {
	t.Helper()
	fsys := fstest.MapFS{"p/policy.yaml": &fstest.MapFile{Data: []byte(testPolicy)}}
	var opts []rules.Option
	if area != "" {
		opts = append(opts, rules.AreaBytes("area.yaml", []byte(area)))
	}
	pol, err := rules.Load(rules.Dir(fsys, "p"), opts...)
	require.NoError(t, err)
	rs, err := pol.Compile(testSection)
	require.NoError(t, err)
	return rs
}

func ptr[T any](v T) *T { return &v }

func TestTriState(t *testing.T) {
	rs := testRuleSet(t, "")
	type verdicts map[string]string
	tests := []struct {
		name    string
		p       *person
		items   []item
		want    verdicts
		missing []string
		reason  string
	}{
		{
			name:  "all known",
			p:     &person{Name: "x", Age: ptr(20), Flag: ptr(true), DOB: d("2000-01-01")},
			items: []item{{OK: ptr(false), N: ptr(1)}, {OK: ptr(true), N: ptr(2)}},
			want: verdicts{"adult": "pass", "flagged_and_adult": "pass", "flag_or_adult": "pass", "any_item_ok": "pass",
				"items_small": "pass", "only_when_flagged": "pass", "declared_unknown": "pass"},
		},
		{
			name:  "age unknown: && with false is false, || with true is true",
			p:     &person{Name: "y", Flag: ptr(false)},
			items: []item{{OK: ptr(true), N: ptr(1)}},
			want: verdicts{"adult": "unknown", "flagged_and_adult": "fail", "flag_or_adult": "unknown", "any_item_ok": "pass",
				"items_small": "pass", "only_when_flagged": "not_applicable", "declared_unknown": "pass"},
			missing: []string{"person.age"},
			reason:  "Kleene logic: false && unknown = false; false || unknown = unknown",
		},
		{
			name:  "flag true decides ||",
			p:     &person{Flag: ptr(true)},
			items: []item{{N: ptr(1)}, {OK: ptr(true)}},
			want: verdicts{"adult": "unknown", "flagged_and_adult": "unknown", "flag_or_adult": "pass", "any_item_ok": "pass",
				"items_small": "unknown", "only_when_flagged": "unknown", "declared_unknown": "unknown"},
			missing: []string{"items[1].n", "person.age", "person.name"},
			reason:  "exists finds a true element despite an unknown one; all cannot be decided with an unknown n",
		},
		{
			name:    "no person, no items",
			p:       nil,
			items:   []item{},
			want:    verdicts{"adult": "unknown", "flagged_and_adult": "unknown", "flag_or_adult": "unknown", "any_item_ok": "unknown", "items_small": "pass", "only_when_flagged": "unknown", "declared_unknown": "unknown"},
			missing: []string{"items", "person"},
			reason:  "an empty list makes any_item_ok unknown by its unknown_when, naming the list",
		},
		{
			name:  "failure",
			p:     &person{Name: "x", Age: ptr(12), Flag: ptr(false)},
			items: []item{{OK: ptr(false), N: ptr(12)}},
			want: verdicts{"adult": "fail", "flagged_and_adult": "fail", "flag_or_adult": "fail", "any_item_ok": "fail",
				"items_small": "fail", "only_when_flagged": "not_applicable", "declared_unknown": "pass"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var items rules.Value
			if tt.items != nil {
				items = rules.List(len(tt.items), func(i int) rules.Value { return rules.ObjectValue(itemObject, &tt.items[i]) })
			}
			ev, err := rs.Evaluate(context.Background(), testInputs(rules.DateValue(d("2026-01-01")), rules.ObjectValue(personObject, tt.p), items))
			require.NoError(t, err)
			got := verdicts{}
			for _, r := range ev.Results {
				got[r.ID] = r.Verdict.String()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("verdicts mismatch (-want +got): %s\n%s", tt.reason, diff)
			}
			if diff := cmp.Diff(tt.missing, ev.Missing); diff != "" {
				t.Errorf("missing mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMessagesOutputsTexts(t *testing.T) {
	rs := testRuleSet(t, "")
	p := &person{Name: "Sam", Age: ptr(12), DOB: d("2000-06-15")}
	ev, err := rs.Evaluate(context.Background(), testInputs(rules.DateValue(d("2026-06-14")), rules.ObjectValue(personObject, p), rules.Value{}))
	require.NoError(t, err)
	byID := map[string]rules.Result{}
	for _, r := range ev.Results {
		byID[r.ID] = r
	}
	tests := []struct{ id, want string }{
		{"adult", "Aged 12."},
		{"any_item_ok", "Some item is ok. This cannot be decided without knowing items."},
		{"declared_unknown", "Unknown when the name is missing. This is met."},
	}
	for _, tt := range tests {
		if got := byID[tt.id].Message; got != tt.want {
			t.Errorf("%s message = %q, want %q", tt.id, got, tt.want)
		}
	}
	if years, ok := ev.Output(testYears).AsInt(); !ok || years != 25 {
		t.Errorf("years = %d, %v; want 25 (the day before his 26th birthday)", years, ok)
	}
	text, ok, err := ev.Text(context.Background(), testGreeting)
	if err != nil || !ok || text != "Hello Sam" {
		t.Errorf("Text = %q, %v, %v", text, ok, err)
	}
}

// TestPassMessageNamesNoParameters: a rule without a finding that passes
// says its requirement is met, as written (no case changed, no parameter
// names or values tacked on: they belong in --explain).
func TestPassMessageNamesNoParameters(t *testing.T) {
	rs := testRuleSet(t, "area: here\npolicy: test\nparams:\n  limit: 21\n")
	ev, err := rs.Evaluate(context.Background(), []rules.Binding{testPerson.Bind(rules.ObjectValue(personObject, &person{Age: ptr(30)}))})
	require.NoError(t, err)
	if got, want := ev.Results[0].Message, "The person must be at least the limit. This is met."; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestEvaluateErrors(t *testing.T) {
	rs := testRuleSet(t, "")
	other := &rules.Var{Name: "as_of", Type: rules.DateType}
	for _, in := range [][]rules.Binding{
		{other.Bind(rules.Value{})},                                  // a Var of another section, though its name is an input's
		{testAsOf.Bind(rules.Value{}), testAsOf.Bind(rules.Value{})}, // one input twice
		{testYears.Bind(rules.Value{})},                              // an output
	} {
		if _, err := rs.Evaluate(context.Background(), in); err == nil {
			t.Errorf("Evaluate with bindings %v succeeded", in)
		}
	}
	if _, err := rs.Evaluate(context.Background(), nil); err != nil {
		t.Errorf("Evaluate with no input bound (every one unknown) = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items := []item{{OK: ptr(false)}}
	_, err := rs.Evaluate(ctx, []rules.Binding{testItems.Bind(
		rules.List(1, func(i int) rules.Value { return rules.ObjectValue(itemObject, &items[i]) }))})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Evaluate = %v, want an error wrapping context.Canceled", err)
	}
}

// TestConcurrentEvaluate shares one RuleSet between goroutines; run with
// -race.
func TestConcurrentEvaluate(t *testing.T) {
	rs := testRuleSet(t, "")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				p := &person{Name: "p", Age: ptr(g + i), Flag: ptr(i%2 == 0)}
				items := []item{{OK: ptr(i%3 == 0), N: ptr(i)}}
				ev, err := rs.Evaluate(context.Background(), testInputs(rules.DateValue(d("2026-01-01")), rules.ObjectValue(personObject, p),
					rules.List(1, func(i int) rules.Value { return rules.ObjectValue(itemObject, &items[i]) })))
				if err != nil {
					t.Error(err)
					return
				}
				want := "fail"
				if g+i >= 18 {
					want = "pass"
				}
				if got := ev.Results[0].Verdict.String(); got != want {
					t.Errorf("age %d: adult = %s, want %s", g+i, got, want)
				}
			}
		}()
	}
	wg.Wait()
}

func TestWithoutMessages(t *testing.T) {
	rs := testRuleSet(t, "")
	in := testInputs(rules.DateValue(d("2026-01-01")), rules.ObjectValue(personObject, &person{Age: ptr(12), Flag: ptr(false)}), rules.Value{})
	quiet, err := rs.Evaluate(context.Background(), in, rules.WithoutMessages())
	require.NoError(t, err)
	in = testInputs(rules.DateValue(d("2026-01-01")), rules.ObjectValue(personObject, &person{Age: ptr(12), Flag: ptr(false)}), rules.Value{})
	full, err := rs.Evaluate(context.Background(), in)
	require.NoError(t, err)
	for i, r := range quiet.Results {
		if r.Message != "" {
			t.Errorf("%s: message %q with WithoutMessages", r.ID, r.Message)
		}
		f := full.Results[i]
		if r.Verdict != f.Verdict || f.Message == "" || strings.Join(r.Missing, ",") != strings.Join(f.Missing, ",") {
			t.Errorf("%s: %v %v without messages, %v %v with", r.ID, r.Verdict, r.Missing, f.Verdict, f.Missing)
		}
	}
}

// TestReleaseKeepsWhatWasTaken releases evaluations, so that the next
// Evaluate reuses their memory, and requires that what was taken from each
// (results with their messages, missing facts and possible results,
// outputs and texts) is still what it was.
func TestReleaseKeepsWhatWasTaken(t *testing.T) {
	rs := testRuleSet(t, "")
	ctx := context.Background()
	type taken struct {
		Results []rules.Result
		Missing []string
		Years   int
		Known   bool
		Text    string
	}
	people := []*person{
		{Name: "x", Age: ptr(20), Flag: ptr(true), DOB: d("2000-01-01")},
		{Age: ptr(12), DOB: d("2010-06-30")},
		{Name: "y", Flag: ptr(false)},
	}
	var kept, copies []taken
	for round := range 3 {
		for i, p := range people {
			ev, err := rs.Evaluate(ctx, testInputs(rules.DateValue(d("2026-11-27")), rules.ObjectValue(personObject, p),
				rules.ObjectList(itemObject, []item{{OK: ptr(i == 0), N: ptr(i)}, {}})))
			require.NoError(t, err)
			var tk taken
			tk.Results, tk.Missing = ev.Results, ev.Missing
			tk.Years, tk.Known = ev.Output(testYears).AsInt()
			tk.Text, _, err = ev.Text(ctx, testGreeting)
			require.NoError(t, err)
			ev.Release()
			if round == 0 {
				kept = append(kept, tk)
				c := tk
				c.Results = make([]rules.Result, len(tk.Results))
				for k, r := range tk.Results {
					r.Missing = append([]string(nil), r.Missing...)
					r.Possible = append([]rules.Verdict(nil), r.Possible...)
					c.Results[k] = r
				}
				c.Missing = append([]string(nil), tk.Missing...)
				copies = append(copies, c)
				continue
			}
			if diff := cmp.Diff(copies[i], tk); diff != "" {
				t.Errorf("round %d, person %d: mismatch (-first +now):\n%s", round, i, diff)
			}
		}
	}
	if diff := cmp.Diff(copies, kept); diff != "" {
		t.Errorf("what was taken changed once its evaluation was released and others made (-copied +kept):\n%s", diff)
	}
}
