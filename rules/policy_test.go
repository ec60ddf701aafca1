package rules_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

func TestNationalParams(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	want := map[string]any{
		"min_age": 17, "adult_min_age": 21, "min_supervision_months": 24,
		"cja2003_commencement": isotp.NewDate(2005, 4, 4), "psr_max_sessions": 60, "refer_programme": "N-SOGP",
		"sessions": 35, "session_hours": 2, "max_catch_ups": 4, "max_group_size": 10, "min_group_size": 8,
		"young_fallback": "individual", "warning_window_months": 12, "breach_within_working_days": 10,
		"om_contact_max_gap_days": 28, "rci_threshold": 1.96,
	}
	got := map[string]rules.Param{}
	for _, p := range pol.Params() {
		got[p.Name] = p
	}
	for name, value := range want {
		p, ok := got[name]
		if !ok {
			t.Errorf("parameter %s missing", name)
			continue
		}
		if p.Value != value || p.Default != value || p.Source != "national" {
			t.Errorf("%s = %v (default %v, source %s), want %v from national", name, p.Value, p.Default, p.Source, value)
		}
		if p.Description == "" {
			t.Errorf("%s has no description", name)
		}
	}
	if !strings.Contains(got["cja2003_commencement"].Description, "SI 2005/950") ||
		!strings.Contains(got["cja2003_commencement"].Description, "1st April 2005") {
		t.Error("cja2003_commencement must cite SI 2005/950 and say why the leaflet's 1 April is not used")
	}
	for _, fixed := range []string{"adult_min_age", "cja2003_commencement", "psr_max_sessions", "refer_programme", "sessions", "session_hours", "warning_window_months", "rci_threshold"} {
		if !got[fixed].Fixed {
			t.Errorf("%s must be fixed nationally", fixed)
		}
	}
}

func TestAreaOverrideParams(t *testing.T) {
	area := "area: cheshire\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n  young_fallback: adult_group\n"
	pol, err := rules.Load(rules.National, rules.AreaBytes("cheshire.yaml", []byte(area)))
	require.NoError(t, err)
	spec := &rules.Spec{Name: "test", Params: []rules.ParamUse{{Name: "max_catch_ups"}, {Name: "no_such"}}}
	n, err := rules.ParamValue[int](pol, spec, "max_catch_ups")
	if err != nil || n != 3 {
		t.Errorf("max_catch_ups = %d, %v; want 3", n, err)
	}
	for _, p := range pol.Params() {
		switch p.Name {
		case "max_catch_ups":
			if p.Source != "cheshire.yaml" || p.Pos.String() != "cheshire.yaml:4:18" || p.Default != 4 {
				t.Errorf("max_catch_ups: source %s at %s default %v", p.Source, p.Pos, p.Default)
			}
		case "min_age":
			if p.Source != "national" {
				t.Errorf("min_age source = %s", p.Source)
			}
		}
	}
	if info := pol.Info(); info.Area != "cheshire" || info.Name != "i-SOTP" {
		t.Errorf("Info = %+v", info)
	}
	if _, err := rules.ParamValue[string](pol, spec, "max_catch_ups"); !errors.Is(err, rules.ErrInvalidPolicy) {
		t.Errorf("ParamValue with the wrong type = %v, want ErrInvalidPolicy", err)
	}
	if _, err := rules.ParamValue[int](pol, spec, "no_such"); !errors.Is(err, rules.ErrInvalidPolicy) {
		t.Errorf("ParamValue of an unknown parameter = %v, want ErrInvalidPolicy", err)
	}
	if _, err := rules.ParamValue[int](pol, spec, "sessions"); err == nil || errors.Is(err, rules.ErrInvalidPolicy) {
		t.Errorf("ParamValue of a parameter the Spec does not declare = %v, want an error in the Go code, not the policy", err)
	}
}

func TestDigest(t *testing.T) {
	load := func(area string) string {
		t.Helper()
		var opts []rules.Option
		if area != "" {
			opts = append(opts, rules.AreaBytes("a.yaml", []byte(area)))
		}
		pol, err := rules.Load(rules.National, opts...)
		require.NoError(t, err)
		return pol.Info().Digest
	}
	national := load("")
	if national != load("") {
		t.Error("digest differs between two loads of the same files")
	}
	if !strings.HasPrefix(national, "sha256:") || len(national) != len("sha256:")+64 {
		t.Errorf("digest %q is not sha256:<64 hex>", national)
	}
	a := load("area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n")
	b := load("area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3  # a comment\n")
	if a == national || a == b {
		t.Error("digest must change with the area file's content")
	}
}

// TestDigestCoversContentNotNames: the same area file read under another
// name, or from a reader (standard input), and a copy of the national
// files under other names in the same order, give the same digest.
func TestDigestCoversContentNotNames(t *testing.T) {
	area := []byte("area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n")
	digest := func(src rules.Source, opts ...rules.Option) string {
		t.Helper()
		pol, err := rules.Load(src, opts...)
		require.NoError(t, err)
		return pol.Info().Digest
	}
	want := digest(rules.National, rules.AreaBytes("cheshire.yaml", area))
	dir := t.TempDir()
	path := filepath.Join(dir, "renamed.yaml")
	require.NoError(t, os.WriteFile(path, area, 0o644))
	renamed := fstest.MapFS{}
	entries, err := fs.ReadDir(os.DirFS("national"), ".")
	require.NoError(t, err)
	for i, e := range entries {
		data, err := os.ReadFile(filepath.Join("national", e.Name()))
		require.NoError(t, err)
		renamed[fmt.Sprintf("copy/%02d-renamed-%s", i, e.Name())] = &fstest.MapFile{Data: data}
	}
	tests := []struct {
		name string
		src  rules.Source
		opt  rules.Option
	}{
		{"another name", rules.National, rules.AreaBytes("/dev/stdin", area)},
		{"a file on disk", rules.National, rules.AreaPath(path)},
		{"standard input", rules.National, rules.AreaReader("standard input", bytes.NewReader(area))},
		{"the national files renamed, in the same order", rules.Dir(renamed, "copy"), rules.AreaBytes("a.yaml", area)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digest(tt.src, tt.opt); got != want {
				t.Errorf("digest %s, want %s", got, want)
			}
		})
	}
	// Reordering the national files changes the order of their rules, and
	// so the digest.
	reordered := fstest.MapFS{}
	for name, f := range renamed {
		reordered["copy/"+strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '9' - r + '0'
			}
			return r
		}, strings.TrimPrefix(name, "copy/"))] = f
	}
	if got := digest(rules.Dir(reordered, "copy"), rules.AreaBytes("a.yaml", area)); got == want {
		t.Error("national files read in another order give the same digest")
	}
}

func TestCatalogueLookup(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	tests := []struct{ name, want string }{
		{"possess_indecent_photograph", "possess_indecent_photograph"},
		{"Criminal Justice Act 1988 s.160", "possess_indecent_photograph"},
		{"  criminal justice act 1988   S.160 ", "possess_indecent_photograph"},
		{"Protection of Children Act 1978 s.1(1)(a)", "take_make_indecent_photograph"},
		{"Causing or inciting sexual exploitation of a child", "cause_incite_child_prostitution_pornography"},
		{"Controlling a child in relation to sexual exploitation", "control_child_prostitution_pornography"},
		{"Sexual Offences Act 2003 s.50", "arrange_facilitate_child_prostitution_pornography"},
		{"burglary", ""},
	}
	for _, tt := range tests {
		e, ok := pol.LookupOffence(tt.name)
		if (tt.want != "") != ok || e.ID != tt.want {
			t.Errorf("LookupOffence(%q) = %q, %v; want %q", tt.name, e.ID, ok, tt.want)
		}
	}
	if n := len(pol.Catalogue()); n != 5 {
		t.Errorf("catalogue has %d offences, want 5", n)
	}
}

// TestDateHelpers evaluates the CEL date helpers through a variable.
func TestDateHelpers(t *testing.T) {
	tests := []struct {
		expr string
		want any
	}{
		{"age_at(date('2008-02-29'), date('2025-02-28'))", 16},
		{"age_at(date('2008-02-29'), date('2025-03-01'))", 17},
		{"months_between(date('2024-02-29'), date('2025-02-28'))", 11},
		{"days_between(date('2026-01-01'), date('2026-03-01'))", 59},
		{"string(add_days(date('2026-02-27'), 2))", "2026-03-01"},
		{"string(add_months(date('2026-01-31'), 1))", "2026-03-01"},
		{"string(add_working_days(date('2026-11-27'), 1))", "2026-11-30"},
		{"weekday(date('2026-11-27'))", 5},
		{"date('2005-04-03') < date('2005-04-04')", true},
		{"date('2005-04-04') >= date('2005-04-04')", true},
		{"date('2005-04-04') == date('2005-04-04')", true},
		{"date('2005-04-05') <= date('2005-04-04')", false},
		{"in_catalogue('Criminal Justice Act 1988 s.160')", true},
		{"catalogue_id('Criminal Justice Act 1988 s.160')", "possess_indecent_photograph"},
		{"catalogue_id('burglary')", ""},
		{"offence_title('possess_indecent_photograph')", "Possession of an indecent photograph of a child"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			typ, expr, want := rules.StringType, tt.expr, tt.want
			switch tt.want.(type) {
			case int:
				typ = rules.IntType
			case bool: // read as its text, 'true' or 'false'
				expr, want = "string("+expr+")", fmt.Sprint(tt.want)
			}
			policy := "eligibility:\n  variables:\n    - name: out\n      expression: \"" + strings.ReplaceAll(expr, `"`, `\"`) + "\"\n"
			fsys := fstest.MapFS{
				"p/a.yaml": &fstest.MapFile{Data: []byte("name: t\nversion: \"1\"\n" + catalogueYAML)},
				"p/b.yaml": &fstest.MapFile{Data: []byte(policy)},
			}
			pol, err := rules.Load(rules.Dir(fsys, "p"))
			require.NoError(t, err)
			out := &rules.Var{Name: "out", Type: typ}
			rs, err := pol.Compile(rules.Section{Name: "eligibility", Outputs: []*rules.Var{out}})
			require.NoError(t, err)
			ev, err := rs.Evaluate(context.Background(), nil)
			require.NoError(t, err)
			var got any
			if typ == rules.IntType {
				got, _ = ev.Output(out).AsInt()
			} else {
				got, _ = ev.Output(out).AsString()
			}
			if got != want {
				t.Errorf("%s = %v, want %v", tt.expr, got, tt.want)
			}
		})
	}
}

const catalogueYAML = `catalogue:
  - id: possess_indecent_photograph
    title: Possession of an indecent photograph of a child
    statute: Criminal Justice Act 1988 s.160
`

// TestDateHelperErrors: date() on a case's text that is not a date is an
// evaluation error that names the variable and never quotes the text,
// which may be a date of birth written another way or a name.
func TestDateHelperErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"p/a.yaml": &fstest.MapFile{Data: []byte("name: t\nversion: \"1\"\neligibility:\n  variables:\n    - name: out\n      expression: date(s)\n")},
	}
	pol, err := rules.Load(rules.Dir(fsys, "p"))
	require.NoError(t, err)
	in := &rules.Var{Name: "s", Type: rules.StringType}
	rs, err := pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{in}})
	require.NoError(t, err)
	want := rules.EvalError{Section: "eligibility", Kind: "variable", Name: "out", Field: "expression",
		Pos: rules.Position{File: "p/a.yaml", Line: 6, Column: 19}, Problem: "date() was given text that is not a date written YYYY-MM-DD"}
	for _, text := range []string{"2025-02-29", "29/02/1980", "John Smith"} {
		_, err = rs.Evaluate(context.Background(), []rules.Binding{in.Bind(rules.String(text))})
		var ee *rules.EvalError
		require.ErrorAs(t, err, &ee)
		require.ErrorIs(t, err, rules.ErrEvaluation)
		if diff := cmp.Diff(want, *ee, cmpopts.IgnoreUnexported(rules.EvalError{})); diff != "" {
			t.Errorf("date(%q): mismatch (-want +got):\n%s", text, diff)
		}
		if strings.Contains(err.Error(), text) {
			t.Errorf("the error quotes the case's text: %v", err)
		}
	}
}

// TestHelpersDocumented checks that every documented helper's example
// type-checks, so the list cannot drift from the functions declared.
func TestHelpersDocumented(t *testing.T) {
	for _, h := range rules.Helpers() {
		policy := "eligibility:\n  variables:\n    - name: out\n      expression: \"" + strings.ReplaceAll(h.Example, `"`, `\"`) + "\"\n"
		fsys := mapFS(map[string]string{
			"p/a.yaml": "name: t\nversion: \"1\"\nparameters:\n  cja2003_commencement: {type: date, default: 2005-04-04, description: d}\n  breach_within_working_days: {type: int, default: 10, description: d}\n",
			"p/b.yaml": policy,
		})
		pol, err := rules.Load(rules.Dir(fsys, "p"))
		require.NoError(t, err)
		_, err = pol.Compile(rules.Section{Name: "eligibility", Inputs: []*rules.Var{
			{Name: "as_of", Type: rules.DateType}, {Name: "failure", Type: rules.DateType},
			{Name: "o", Type: helperOffence.Type()}, {Name: "offences", Type: rules.ListOf(helperOffence.Type()).AtMost(isotp.MaxOffences)},
			{Name: "offender", Type: helperOffender.Type()}, {Name: "order", Type: helperOrder.Type()},
			{Name: "summary", Type: gapSummary.Type()}, {Name: "attendance", Type: gapAttendance.Type()},
		}})
		if err != nil {
			t.Errorf("%s: example %s: %v", h.Signature, h.Example, err)
		}
	}
}

// The objects the helpers' examples read, as the decision packages declare
// them, with only the fields the examples name.
var (
	unknown       = func(any) rules.Value { return rules.Value{} }
	helperOffence = rules.NewObject("test.Offence",
		rules.Field{Name: "offence", Type: rules.StringType.AtMost(isotp.MaxNameLen), Get: unknown},
		rules.Field{Name: "date", Type: rules.DateType, Get: unknown})
	helperOffender = rules.NewObject("test.Offender", rules.Field{Name: "date_of_birth", Type: rules.DateType, Get: unknown})
	helperOrder    = rules.NewObject("test.Order", rules.Field{Name: "start", Type: rules.DateType, Get: unknown})
	gapSummary     = rules.NewObject("test.Summary",
		rules.Field{Name: "first_session", Type: rules.DateType, Get: func(any) rules.Value { return rules.Value{} }})
	gapAttendance = rules.NewObject("test.Attendance",
		rules.Field{Name: "offender_manager_contacts", Type: rules.ListOf(rules.DateType), Get: func(any) rules.Value { return rules.Value{} }})
)

func TestInventory(t *testing.T) {
	area := "area: x\npolicy: i-SOTP\neligibility:\n  rules:\n    - id: local\n      description: A local rule.\n      expression: \"true\"\n      effect: advisory\n"
	pol, err := rules.Load(rules.National, rules.AreaBytes("x.yaml", []byte(area)))
	require.NoError(t, err)
	var ids []string
	for _, r := range pol.Rules("eligibility") {
		ids = append(ids, r.ID+":"+r.Source)
	}
	want := []string{"male:national", "min_age:national", "eligible_offence:national", "internet_related:national",
		"risk_of_harm:national", "deviance:national", "supervision_length:national", "order_type:national", "local:x.yaml"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("rules = %v, want %v", ids, want)
	}
	var vars []string
	for _, v := range pol.Variables("eligibility") {
		vars = append(vars, v.Name)
	}
	if strings.Join(vars, " ") != "age age_band regime" {
		t.Errorf("variables = %v", vars)
	}
	if pol.Rules("no_such") != nil {
		t.Error("rules of an unknown section")
	}
}
