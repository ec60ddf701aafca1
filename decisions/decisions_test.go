package decisions_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/rules"
)

func TestAll(t *testing.T) {
	var names []string
	for _, d := range decisions.All() {
		names = append(names, d.Name())
		require.Equal(t, d.Name(), d.Spec().Name)
		got, ok := decisions.Lookup(d.Name())
		require.True(t, ok)
		require.Same(t, d, got)
		require.NotEmpty(t, d.Summary())
	}
	if diff := cmp.Diff([]string{"eligibility", "attendance", "assessment", "groups"}, names); diff != "" {
		t.Errorf("decisions mismatch (-want +got):\n%s", diff)
	}
	if _, ok := decisions.Lookup("report"); ok {
		t.Error("the report is not a decision")
	}
	var sections []string
	for _, s := range decisions.Sections() {
		sections = append(sections, s.Name)
	}
	if diff := cmp.Diff([]string{"eligibility", "completion"}, sections); diff != "" {
		t.Errorf("sections mismatch (-want +got):\n%s", diff)
	}
}

// TestSpecFieldsAreResultFields: every field a Spec says a parameter, an
// output or a text decides is a field of the decision's result, as its
// JSON spells it, so that isotp diff can explain a change by it.
func TestSpecFieldsAreResultFields(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	for _, d := range decisions.All() {
		t.Run(d.Name(), func(t *testing.T) {
			spec := d.Spec()
			fields := map[string]string{} // field -> what names it
			for _, u := range spec.Params {
				for _, f := range u.For {
					fields[f] = "params." + u.Name
				}
			}
			if s := spec.Section; s != nil {
				for _, v := range append(append([]*rules.Var(nil), s.Outputs...), s.Texts...) {
					for _, f := range v.For {
						fields[f] = s.Name + "." + v.Name
					}
				}
			}
			m, err := d.New(pol)
			require.NoError(t, err)
			res := decideFirst(t, d, m)
			data, err := json.Marshal(res)
			require.NoError(t, err)
			var doc map[string]any
			require.NoError(t, json.Unmarshal(data, &doc))
			for f, who := range fields {
				if !hasPath(doc, f) {
					t.Errorf("%s decides %q, which is not a field of the %s result", who, f, d.Name())
				}
			}
		})
	}
}

// decideFirst makes d for the first of its sample cases.
func decideFirst(t *testing.T, d *decisions.Decision, m *decisions.Decider) decisions.Result {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "examples", "cases", d.Name(), "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	f, err := os.Open(paths[0])
	require.NoError(t, err)
	defer f.Close()
	var res decisions.Result
	if d.Input() == decisions.FromIntake {
		in, err := isotp.DecodeIntake(f)
		require.NoError(t, err)
		res, err = m.DecideIntake(context.Background(), in)
		require.NoError(t, err)
		return res
	}
	c, err := isotp.DecodeCase(f)
	require.NoError(t, err)
	res, err = m.Decide(context.Background(), c)
	require.NoError(t, err)
	return res
}

// hasPath reports whether the dotted path names a key in doc, through
// nested objects.
func hasPath(doc map[string]any, path string) bool {
	key, rest, nested := strings.Cut(path, ".")
	v, ok := doc[key]
	if !ok || !nested {
		return ok
	}
	m, ok := v.(map[string]any)
	return ok && hasPath(m, rest)
}

func TestWrongInput(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	for _, d := range decisions.All() {
		m, err := d.New(pol)
		require.NoError(t, err)
		if d.Input() == decisions.FromIntake {
			_, err = m.Decide(context.Background(), &isotp.Case{})
		} else {
			_, err = m.DecideIntake(context.Background(), &isotp.Intake{})
		}
		require.Error(t, err, "%s made from the wrong input", d.Name())
	}
	_, err = decisions.All()[0].New(nil)
	require.Error(t, err)
}

func TestRuleResults(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	for _, d := range decisions.All() {
		m, err := d.New(pol)
		require.NoError(t, err)
		got := d.RuleResults(decideFirst(t, d, m))
		if (d.Spec().Section != nil) != (len(got) > 0) {
			t.Errorf("%s: %d rule results, with a rule section: %v", d.Name(), len(got), d.Spec().Section != nil)
		}
	}
	elig, _ := decisions.Lookup("eligibility")
	att, _ := decisions.Lookup("attendance")
	m, err := att.New(pol)
	require.NoError(t, err)
	require.Nil(t, elig.RuleResults(decideFirst(t, att, m)), "eligibility's rule results from an attendance summary")
}

func TestCheck(t *testing.T) {
	pol, err := decisions.Check(rules.National, rules.AreaPath("../examples/areas/cheshire.yaml"))
	require.NoError(t, err)
	require.Equal(t, "cheshire", pol.Info().Area)

	bad := "area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 9\neligibility:\n  rules:\n    - id: r\n      description: d\n      expression: offender.nope\n      effect: advisory\n"
	_, err = decisions.Check(rules.National, rules.AreaBytes("x.yaml", []byte(bad)))
	var list rules.ErrorList
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 2, "both problems, the parameter and the rule, at once: %v", err)
}

// TestNoInput: every decision given no case (or no intake) says so with an
// input error, as a bad case file would, and never panics.
func TestNoInput(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	for _, d := range decisions.All() {
		t.Run(d.Name(), func(t *testing.T) {
			m, err := d.New(pol)
			require.NoError(t, err)
			if d.Input() == decisions.FromIntake {
				_, err = m.DecideIntake(context.Background(), nil)
			} else {
				_, err = m.Decide(context.Background(), nil)
			}
			var ie *isotp.InputError
			require.ErrorAs(t, err, &ie)
			require.ErrorIs(t, err, isotp.ErrInvalidInput)
		})
	}
}

// TestOutcome: every decision sums up each of its sample results in one of
// its few words, and eligibility's and attendance's word is the field of
// the result the JSON gives.
func TestOutcome(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	words := map[string][]string{
		"eligibility": {"eligible", "ineligible", "refer", "pending"},
		"attendance":  {"restart_required", "completed", "catch_up_required", "in_progress", "not_started"},
		"assessment":  {"findings", "in_order"},
		"groups":      {"formed", "none_formed"},
	}
	field := map[string]string{"eligibility": "outcome", "attendance": "status"}
	for _, d := range decisions.All() {
		t.Run(d.Name(), func(t *testing.T) {
			m, err := d.New(pol)
			require.NoError(t, err)
			paths, err := filepath.Glob(filepath.Join("..", "examples", "cases", d.Name(), "*.json"))
			require.NoError(t, err)
			require.NotEmpty(t, paths)
			seen := map[string]bool{}
			for _, p := range paths {
				res := decideFile(t, d, m, p)
				got := d.Outcome(res)
				require.Contains(t, words[d.Name()], got, p)
				seen[got] = true
				if f := field[d.Name()]; f != "" {
					data, err := json.Marshal(res)
					require.NoError(t, err)
					var doc map[string]any
					require.NoError(t, json.Unmarshal(data, &doc))
					require.Equal(t, doc[f], got, "%s: the outcome is not the result's %s", p, f)
				}
			}
			if d.Name() != "assessment" && len(seen) < 2 {
				t.Errorf("the samples give only %v: the test reaches too few outcomes", seen)
			}
			require.Empty(t, d.Outcome(nil))
		})
	}
	elig, _ := decisions.Lookup("eligibility")
	att, _ := decisions.Lookup("attendance")
	m, err := att.New(pol)
	require.NoError(t, err)
	require.Empty(t, elig.Outcome(decideFirst(t, att, m)), "eligibility's outcome of an attendance summary")
}

// decideFile makes d for the sample at path.
func decideFile(t *testing.T, d *decisions.Decision, m *decisions.Decider, path string) decisions.Result {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	if d.Input() == decisions.FromIntake {
		in, err := isotp.DecodeIntake(f)
		require.NoError(t, err)
		res, err := m.DecideIntake(context.Background(), in)
		require.NoError(t, err)
		return res
	}
	c, err := isotp.DecodeCase(f)
	require.NoError(t, err)
	res, err := m.Decide(context.Background(), c)
	require.NoError(t, err)
	return res
}

func TestWriteJSON(t *testing.T) {
	var b strings.Builder
	require.NoError(t, decisions.WriteJSON(&b, map[string]any{"a": []int{1}, "b": "<&>"}))
	want := "{\n  \"a\": [\n    1\n  ],\n  \"b\": \"<&>\"\n}\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	require.Error(t, decisions.WriteJSON(&b, func() {}), "a value JSON cannot hold")

	// Every sample result, as json.Encoder indents it.
	pol, err := rules.Load(rules.National, rules.AreaPath("../examples/areas/illustrative-norms.yaml"))
	require.NoError(t, err)
	for _, d := range decisions.All() {
		m, err := d.New(pol)
		require.NoError(t, err)
		paths, err := filepath.Glob(filepath.Join("..", "examples", "cases", d.Name(), "*.json"))
		require.NoError(t, err)
		for _, p := range paths {
			res := decideFile(t, d, m, p)
			var want, got strings.Builder
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(res))
			require.NoError(t, decisions.WriteJSON(&got, res))
			if diff := cmp.Diff(want.String(), got.String()); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", p, diff)
			}
		}
	}
}
