package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/rules"
)

// TestSpecsDeclareWhatDecisionsRead holds every decision's Spec true: made
// under a policy that records what Go code reads of it, each decision of
// the registry, in New and deciding the sample cases under
// examples/cases/<decision>, reads exactly the parameters and tables its
// Spec declares. A parameter read and not declared would let isotp diff
// skip a decision that a change to it reaches; one declared and not read
// would make it decide for nothing.
func TestSpecsDeclareWhatDecisionsRead(t *testing.T) {
	areas := []string{"", "../examples/areas/cheshire.yaml", "../examples/areas/illustrative-norms.yaml"}
	for _, d := range decisions.All() {
		spec := d.Spec()
		var wantParams []string
		for _, u := range spec.Params {
			wantParams = append(wantParams, u.Name)
		}
		slices.Sort(wantParams)
		wantTables := slices.Sorted(slices.Values(spec.Tables))
		cases, err := filepath.Glob(filepath.Join("..", "examples", "cases", d.Name(), "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, cases, "no sample cases for %s under examples/cases/%s", d.Name(), d.Name())
		for _, area := range areas {
			name := "national"
			if area != "" {
				name = filepath.Base(area)
			}
			t.Run(d.Name()+"/"+name, func(t *testing.T) {
				var opts []rules.Option
				if area != "" {
					opts = append(opts, rules.AreaPath(area))
				}
				pol, take, err := rules.LoadTraced(rules.National, opts...)
				require.NoError(t, err)
				take() // what loading read is the policy's own business
				m, err := d.New(pol)
				require.NoError(t, err)
				for _, path := range cases {
					decideSample(t, d, m, path)
				}
				gotParams, gotTables := take()
				if diff := cmp.Diff(wantParams, gotParams); diff != "" {
					t.Errorf("%s: parameters read and declared in its Spec: mismatch (-declared +read):\n%s", d.Name(), diff)
				}
				if diff := cmp.Diff(wantTables, gotTables); diff != "" {
					t.Errorf("%s: tables read and declared in its Spec: mismatch (-declared +read):\n%s", d.Name(), diff)
				}
			})
		}
	}
}

// decideSample makes decision d for the case or intake at path.
func decideSample(t *testing.T, d *decisions.Decision, m *decisions.Decider, path string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	if d.Input() == decisions.FromIntake {
		in, err := isotp.DecodeIntake(f)
		require.NoError(t, err, path)
		_, err = m.DecideIntake(context.Background(), in)
		require.NoError(t, err, path)
		return
	}
	c, err := isotp.DecodeCase(f)
	require.NoError(t, err, path)
	_, err = m.Decide(context.Background(), c)
	require.NoError(t, err, path)
}

// TestTraceSeesEveryRead: what the trace records is what Go code reads,
// whichever way it reads it.
func TestTraceSeesEveryRead(t *testing.T) {
	pol, take, err := rules.LoadTraced(rules.National)
	require.NoError(t, err)
	take()
	spec := &rules.Spec{Name: "test", Params: []rules.ParamUse{{Name: "min_age"}}}
	_, err = rules.ParamValue[int](pol, spec, "min_age")
	require.NoError(t, err)
	pol.SessionOutcome("ATTC")
	params, tables := take()
	require.Equal(t, []string{"min_age"}, params)
	require.Equal(t, []rules.Table{rules.OutcomeCodes}, tables)

	all := pol.Params() // reads every parameter
	pol.Battery()
	pol.Catalogue()
	params, tables = take()
	require.Len(t, params, len(all))
	require.Equal(t, []rules.Table{rules.Catalogue, rules.Battery}, tables)
}

// TestSectionsAreTheRegistrys: the loader accepts, as rule sections, those
// of the decisions the registry lists, and no others.
func TestSectionsAreTheRegistrys(t *testing.T) {
	var registered []string
	for _, s := range decisions.Sections() {
		registered = append(registered, s.Name)
	}
	if diff := cmp.Diff(slices.Sorted(slices.Values(registered)), slices.Sorted(slices.Values(rules.SectionNames))); diff != "" {
		t.Errorf("rule sections: mismatch (-registry +loader):\n%s", diff)
	}
}
