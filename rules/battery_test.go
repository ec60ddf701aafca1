package rules_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	goldenfile "github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/rules"
)

// summary is what the tests compare of a scale: its figures and where each
// came from.
type scaleSummary struct {
	ID, Title      string
	HigherIsBetter bool
	SD, R, Cutoff  *float64
	F, D           *rules.Norm
	Source         string
	Files          map[string]string // field -> file it was written in
}

func summarise(s rules.Scale) scaleSummary {
	files := map[string]string{}
	for k, p := range s.Pos {
		files[k] = p.File
	}
	return scaleSummary{ID: s.ID, Title: s.Title, HigherIsBetter: s.HigherIsBetter, SD: s.SD, R: s.Reliability,
		Cutoff: s.Cutoff, F: s.Functional, D: s.Dysfunctional, Source: s.Source, Files: files}
}

func num(f float64) *float64 { return &f }

func TestBatteryNational(t *testing.T) {
	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	var got []string
	for _, s := range pol.Battery() {
		dir := "lower is better"
		if s.HigherIsBetter {
			dir = "higher is better"
		}
		if s.SD != nil || s.Reliability != nil || s.Functional != nil || s.Dysfunctional != nil || s.Cutoff != nil {
			t.Errorf("national scale %s has figures; the national policy must not invent norms", s.ID)
		}
		if s.Source != "national" || s.Title == "" {
			t.Errorf("national scale %s: source %q, title %q", s.ID, s.Source, s.Title)
		}
		got = append(got, s.ID+": "+dir)
	}
	// The fourteen named scales of the national battery; higher is worse
	// except on self-esteem, empathic concern and perspective taking.
	want := []string{
		"cognitive_distortions: lower is better",
		"victim_empathy_distortions: lower is better",
		"emotional_congruence_with_children: lower is better",
		"fantasy: lower is better",
		"perspective_taking: higher is better",
		"empathic_concern: higher is better",
		"personal_distress: lower is better",
		"under_assertiveness: lower is better",
		"over_assertiveness: lower is better",
		"motor_impulsivity: lower is better",
		"cognitive_impulsivity: lower is better",
		"locus_of_control: lower is better",
		"emotional_loneliness: lower is better",
		"self_esteem: higher is better",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("national battery mismatch (-want +got):\n%s", diff)
	}
}

// areaFile is an area file with body under assessment.scales, starting on
// line 5.
func areaFile(body string) []byte {
	return []byte("area: testarea\npolicy: i-SOTP\nassessment:\n  scales:\n" + body)
}

func TestBatteryArea(t *testing.T) {
	pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", areaFile(`
    - id: cognitive_distortions
      title: Cognitive distortions     # restating the national title is allowed
      sd: 10
      reliability: 0.8
      functional: {mean: 20, sd: 5}
      dysfunctional: {mean: 35, sd: 10}
    - id: self_esteem
      sd: 4
      reliability: 0.9
      cutoff: 30
    - id: relapse_prevention_knowledge
      title: Relapse prevention knowledge
      higher_is_better: true
      sd: 3
      reliability: 0.75
`)))
	require.NoError(t, err)
	battery := pol.Battery()
	byID := map[string]rules.Scale{}
	for _, s := range battery {
		byID[s.ID] = s
	}
	tests := []struct {
		name   string
		id     string
		want   scaleSummary
		reason string
	}{
		{
			name: "completed with norms",
			id:   "cognitive_distortions",
			want: scaleSummary{ID: "cognitive_distortions", Title: "Cognitive distortions", SD: num(10), R: num(0.8),
				F: &rules.Norm{Mean: 20, SD: 5}, D: &rules.Norm{Mean: 35, SD: 10}, Source: "national",
				Files: map[string]string{"id": "national/assessment.yaml", "title": "national/assessment.yaml",
					"higher_is_better": "national/assessment.yaml", "sd": "area.yaml", "reliability": "area.yaml",
					"functional": "area.yaml", "dysfunctional": "area.yaml"}},
			reason: "the identity stays national; the figures come from the area",
		},
		{
			name: "completed with a cutoff",
			id:   "self_esteem",
			want: scaleSummary{ID: "self_esteem", Title: "Self-esteem", HigherIsBetter: true, SD: num(4), R: num(0.9), Cutoff: num(30),
				Source: "national", Files: map[string]string{"id": "national/assessment.yaml", "title": "national/assessment.yaml",
					"higher_is_better": "national/assessment.yaml", "sd": "area.yaml", "reliability": "area.yaml", "cutoff": "area.yaml"}},
		},
		{
			name: "added by the area",
			id:   "relapse_prevention_knowledge",
			want: scaleSummary{ID: "relapse_prevention_knowledge", Title: "Relapse prevention knowledge", HigherIsBetter: true,
				SD: num(3), R: num(0.75), Source: "area.yaml", Files: map[string]string{"id": "area.yaml", "title": "area.yaml",
					"higher_is_better": "area.yaml", "sd": "area.yaml", "reliability": "area.yaml"}},
		},
		{
			name: "untouched",
			id:   "fantasy",
			want: scaleSummary{ID: "fantasy", Title: "Fantasy", Source: "national", Files: map[string]string{"id": "national/assessment.yaml",
				"title": "national/assessment.yaml", "description": "national/assessment.yaml", "higher_is_better": "national/assessment.yaml"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := byID[tt.id]
			if !ok {
				t.Fatalf("scale %s not in the battery", tt.id)
			}
			if diff := cmp.Diff(tt.want, summarise(s)); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
	if got, want := battery[len(battery)-1].ID, "relapse_prevention_knowledge"; got != want {
		t.Errorf("last scale = %s, want %s: area scales follow the national ones", got, want)
	}
}

func TestBatteryIsACopy(t *testing.T) {
	pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", areaFile(`
    - id: fantasy
      sd: 10
      reliability: 0.8
`)))
	require.NoError(t, err)
	b := pol.Battery()
	*b[3].SD = 99
	b[3].Pos["sd"] = rules.Position{}
	again := pol.Battery()
	if *again[3].SD != 10 || again[3].Pos["sd"].Line == 0 {
		t.Errorf("changing the returned battery changed the policy: sd %v, pos %v", *again[3].SD, again[3].Pos["sd"])
	}
}

func TestBatteryErrors(t *testing.T) {
	minimal := "name: i-SOTP\nversion: \"1\"\n"
	tests := []struct {
		name     string
		national map[string]string // extra national files; nil: the embedded national policy
		area     string            // body of assessment.scales in area.yaml (from line 5); "" for no area file
		rawArea  string            // a whole area file, instead of area
		want     []string          // error positions
		reason   string
	}{
		{
			name:   "reliability one",
			area:   "    - id: fantasy\n      sd: 10\n      reliability: 1\n",
			want:   []string{"area.yaml:7:20"},
			reason: "reliability must be strictly between 0 and 1",
		},
		{
			name: "reliability zero",
			area: "    - id: fantasy\n      sd: 10\n      reliability: 0\n",
			want: []string{"area.yaml:7:20"},
		},
		{
			name: "reliability negative",
			area: "    - id: fantasy\n      sd: 10\n      reliability: -0.5\n",
			want: []string{"area.yaml:7:20"},
		},
		{
			name:   "sd zero",
			area:   "    - id: fantasy\n      sd: 0\n      reliability: 0.8\n",
			want:   []string{"area.yaml:6:11"},
			reason: "only the bad figure is reported, not the missing partner it leaves",
		},
		{
			name: "sd not a number",
			area: "    - id: fantasy\n      sd: ten\n      reliability: 0.8\n",
			want: []string{"area.yaml:6:11"},
		},
		{
			name: "sd infinite",
			area: "    - id: fantasy\n      sd: .inf\n      reliability: 0.8\n",
			want: []string{"area.yaml:6:11"},
		},
		{
			name:   "sd too large for its standard error",
			area:   "    - id: fantasy\n      sd: 1.7e308\n      reliability: 0.01\n",
			want:   []string{"area.yaml:6:11"},
			reason: "sd·√(2·(1−r)) overflows: reliable change could not be worked out or written as JSON",
		},
		{
			name:   "sd too small for its standard error",
			area:   "    - id: fantasy\n      sd: 1e-320\n      reliability: 0.9999999999999999\n",
			want:   []string{"area.yaml:6:11"},
			reason: "sd·√(2·(1−r)) underflows to 0, which would read as no figures at all",
		},
		{
			name:   "norms too large for their cut-off",
			area:   "    - id: fantasy\n      functional: {mean: -1e308, sd: 1e308}\n      dysfunctional: {mean: 1e308, sd: 1e308}\n",
			want:   []string{"area.yaml:6:19"},
			reason: "the cut-off (sd_f·mean_d + sd_d·mean_f)/(sd_f + sd_d) is not a number: it could not be written as JSON",
		},
		{
			name: "norm sd zero",
			area: "    - id: fantasy\n      functional: {mean: 20, sd: 0}\n      dysfunctional: {mean: 35, sd: 10}\n",
			want: []string{"area.yaml:6:34"},
		},
		{
			name: "norm without mean",
			area: "    - id: fantasy\n      functional: {sd: 5}\n      dysfunctional: {mean: 35, sd: 10}\n",
			want: []string{"area.yaml:6:19"},
		},
		{
			name: "norm with an unknown field",
			area: "    - id: fantasy\n      functional: {mean: 20, sd: 5, n: 40}\n      dysfunctional: {mean: 35, sd: 10}\n",
			want: []string{"area.yaml:6:37"},
		},
		{
			name: "functional without dysfunctional",
			area: "    - id: fantasy\n      functional: {mean: 20, sd: 5}\n",
			want: []string{"area.yaml:6:19"},
		},
		{
			name: "reliability without sd",
			area: "    - id: fantasy\n      reliability: 0.8\n",
			want: []string{"area.yaml:6:20"},
		},
		{
			name: "norms and cutoff",
			area: "    - id: fantasy\n      functional: {mean: 20, sd: 5}\n      dysfunctional: {mean: 35, sd: 10}\n      cutoff: 25\n",
			want: []string{"area.yaml:8:15"},
		},
		{
			name:   "functional mean on the wrong side, lower is better",
			area:   "    - id: fantasy\n      functional: {mean: 35, sd: 5}\n      dysfunctional: {mean: 20, sd: 10}\n",
			want:   []string{"area.yaml:6:19"},
			reason: "on a scale where lower is better, the functional mean must be below the dysfunctional one",
		},
		{
			name: "functional mean on the wrong side, higher is better",
			area: "    - id: self_esteem\n      functional: {mean: 20, sd: 5}\n      dysfunctional: {mean: 35, sd: 10}\n",
			want: []string{"area.yaml:6:19"},
		},
		{
			name: "equal means",
			area: "    - id: self_esteem\n      functional: {mean: 20, sd: 5}\n      dysfunctional: {mean: 20, sd: 10}\n",
			want: []string{"area.yaml:6:19"},
		},
		{
			name: "unknown field",
			area: "    - id: fantasy\n      mean: 3\n",
			want: []string{"area.yaml:6:7"},
		},
		{
			name:   "change direction",
			area:   "    - id: cognitive_distortions\n      higher_is_better: true\n",
			want:   []string{"area.yaml:6:25"},
			reason: "an area may not turn a national scale's direction round",
		},
		{
			name: "change title",
			area: "    - id: cognitive_distortions\n      title: Thinking errors\n",
			want: []string{"area.yaml:6:14"},
		},
		{
			name: "add a description to a national scale",
			area: "    - id: cognitive_distortions\n      description: Beliefs.\n",
			want: []string{"area.yaml:6:20"},
		},
		{
			name:   "restate title and direction",
			area:   "    - id: self_esteem\n      title: Self-esteem\n      higher_is_better: true\n",
			reason: "restating what national policy says changes nothing",
		},
		{
			name: "new scale without a direction",
			area: "    - id: shame\n      title: Shame\n",
			want: []string{"area.yaml:5:11"},
		},
		{
			name: "new scale without a title or direction",
			area: "    - id: shame\n      sd: 3\n      reliability: 0.7\n",
			want: []string{"area.yaml:5:11", "area.yaml:5:11"},
		},
		{
			name: "scale twice in the area file",
			area: "    - id: fantasy\n      sd: 3\n      reliability: 0.7\n    - id: fantasy\n      cutoff: 3\n",
			want: []string{"area.yaml:8:11"},
		},
		{
			name: "id not snake_case",
			area: "    - id: Fantasy Scale\n      title: Fantasy\n      higher_is_better: false\n",
			want: []string{"area.yaml:5:11"},
		},
		{
			name: "scale without an id",
			area: "    - title: Shame\n      higher_is_better: false\n",
			want: []string{"area.yaml:5:7"},
		},
		{
			name:    "scales not a list",
			rawArea: "area: testarea\npolicy: i-SOTP\nassessment:\n  scales: 3\n",
			want:    []string{"area.yaml:4:11"},
		},
		{
			name:    "assessment without scales",
			rawArea: "area: testarea\npolicy: i-SOTP\nassessment:\n  figures: []\n",
			want:    []string{"area.yaml:4:3", "area.yaml:4:3"},
		},
		{
			name: "every problem at once",
			area: "    - id: fantasy\n      sd: 0\n      reliability: 2\n    - id: self_esteem\n      higher_is_better: false\n",
			want: []string{"area.yaml:6:11", "area.yaml:7:20", "area.yaml:9:25"},
		},
		{
			name: "national scale without a direction",
			national: map[string]string{"pol/policy.yaml": minimal,
				"pol/scales.yaml": "assessment:\n  scales:\n    - id: shame\n      title: Shame\n"},
			want: []string{"pol/scales.yaml:3:11"},
		},
		{
			name: "national scale declared twice",
			national: map[string]string{"pol/policy.yaml": minimal,
				"pol/a.yaml": "assessment:\n  scales:\n    - id: shame\n      title: Shame\n      higher_is_better: false\n",
				"pol/b.yaml": "assessment:\n  scales:\n    - id: shame\n      title: Shame\n      higher_is_better: false\n"},
			want: []string{"pol/b.yaml:3:11"},
		},
		{
			name: "area changes a national figure",
			national: map[string]string{"pol/policy.yaml": minimal,
				"pol/a.yaml": "assessment:\n  scales:\n    - id: shame\n      title: Shame\n      higher_is_better: false\n      sd: 3\n      reliability: 0.7\n"},
			area:   "    - id: shame\n      sd: 4\n      functional: {mean: 1, sd: 1}\n      dysfunctional: {mean: 5, sd: 2}\n",
			want:   []string{"area.yaml:6:11"},
			reason: "an area completes a national scale; it does not change a figure national policy gives",
		},
		{
			name: "norms checked across national and area files",
			national: map[string]string{"pol/policy.yaml": minimal,
				"pol/a.yaml": "assessment:\n  scales:\n    - id: shame\n      title: Shame\n      higher_is_better: false\n      cutoff: 3\n"},
			area: "    - id: shame\n      functional: {mean: 1, sd: 1}\n      dysfunctional: {mean: 5, sd: 2}\n",
			want: []string{"area.yaml:6:19"},
		},
	}
	var golden strings.Builder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := rules.National
			if tt.national != nil {
				fsys := fstest.MapFS{}
				for name, body := range tt.national {
					fsys[name] = &fstest.MapFile{Data: []byte(body)}
				}
				src = rules.Dir(fsys, "pol")
			}
			var opts []rules.Option
			switch {
			case tt.rawArea != "":
				opts = append(opts, rules.AreaBytes("area.yaml", []byte(tt.rawArea)))
			case tt.area != "":
				opts = append(opts, rules.AreaBytes("area.yaml", areaFile(tt.area)))
			}
			_, err := rules.Load(src, opts...)
			var got []string
			var list rules.ErrorList
			if errors.As(err, &list) {
				fmt.Fprintf(&golden, "# %s\n", tt.name)
				for _, e := range list {
					got = append(got, e.Pos.String())
					fmt.Fprintf(&golden, "%s\n", e.Detail())
				}
			} else if err != nil {
				t.Fatalf("Load: %v, want an ErrorList", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nerror positions mismatch (-want +got):\n%s\nerrors: %v", tt.reason, diff, err)
			}
			if err != nil && !errors.Is(err, rules.ErrInvalidPolicy) {
				t.Errorf("errors.Is(%v, ErrInvalidPolicy) = false", err)
			}
		})
	}
	goldenfile.CheckString(t, filepath.Join("testdata", "battery_errors.golden"), golden.String())
}

func ExamplePolicy_Battery() {
	area := []byte(`area: example
policy: i-SOTP
assessment:
  scales:
    - id: cognitive_distortions     # invented figures, for illustration only
      sd: 10
      reliability: 0.8
      functional: {mean: 20, sd: 5}
      dysfunctional: {mean: 35, sd: 10}
`)
	pol, err := rules.Load(rules.National, rules.AreaBytes("example.yaml", area))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range pol.Battery()[:2] {
		if s.SD == nil {
			fmt.Printf("%s: no figures (norms missing)\n", s.Title)
			continue
		}
		fmt.Printf("%s (higher is better: %t): sd %v, reliability %v, from %v\n",
			s.Title, s.HigherIsBetter, *s.SD, *s.Reliability, s.Pos["sd"])
	}
	// Output:
	// Cognitive distortions (higher is better: false): sd 10, reliability 0.8, from example.yaml:6:11
	// Victim empathy distortions: no figures (norms missing)
}

// FuzzAreaBattery loads arbitrary assessment sections: Load must return a
// policy or an error, never panic, and a loaded battery must keep the
// guarantees rules.Scale documents.
func FuzzAreaBattery(f *testing.F) {
	f.Add("    - id: fantasy\n      sd: 10\n      reliability: 0.8\n")
	f.Add("    - id: self_esteem\n      cutoff: 3\n      sd: 1\n      reliability: 0.5\n")
	f.Add("    - id: x\n      title: X\n      higher_is_better: true\n      functional: {mean: 2, sd: 1}\n      dysfunctional: {mean: 1, sd: 1}\n")
	f.Add("    - {id: fantasy, functional: {mean: 35, sd: 5}, dysfunctional: {mean: 20, sd: 0}}\n")
	f.Fuzz(func(t *testing.T, body string) {
		pol, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", areaFile(body)))
		if err != nil {
			return
		}
		for _, s := range pol.Battery() {
			if (s.SD == nil) != (s.Reliability == nil) || (s.Functional == nil) != (s.Dysfunctional == nil) ||
				s.Cutoff != nil && s.Functional != nil || s.Title == "" {
				t.Fatalf("scale %s breaks the documented guarantees: %+v", s.ID, s)
			}
			if s.SD != nil && (*s.SD <= 0 || *s.Reliability <= 0 || *s.Reliability >= 1) {
				t.Fatalf("scale %s: sd %v, reliability %v out of bounds", s.ID, *s.SD, *s.Reliability)
			}
		}
	})
}
