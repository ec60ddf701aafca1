package groups_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/rules"
)

// TestAreaOverrides checks that an area's group sizes and fallback change
// the groups formed.
func TestAreaOverrides(t *testing.T) {
	tests := []struct {
		name     string
		params   string
		young    int
		youngDOB isotp.Date // default youngDOB
		adults   int
		want     outcome
	}{
		{
			name:   "smaller groups: max 6, min 4",
			params: "  max_group_size: 6\n  min_group_size: 4\n",
			young:  13,
			want:   outcome{Groups: young(ids("Y", 1, 6), ids("Y", 7, 12)), Individual: ids("Y", 13, 13)},
		},
		{
			name:   "lower minimum: 7 young men form a group",
			params: "  min_group_size: 7\n",
			young:  7,
			want:   outcome{Groups: young(ids("Y", 1, 7))},
		},
		{
			name:   "max equal to min: only full groups",
			params: "  max_group_size: 8\n",
			adults: 15,
			want:   outcome{Groups: adult(ids("A", 1, 8)), Waiting: ids("A", 9, 15)},
		},
		{
			name:   "area fallback wait",
			params: "  young_fallback: wait\n",
			young:  5,
			want:   outcome{Waiting: ids("Y", 1, 5)},
		},
		{
			name:   "area fallback adult_group with smaller groups",
			params: "  young_fallback: adult_group\n  max_group_size: 8\n  min_group_size: 6\n",
			young:  3,
			adults: 3,
			want:   outcome{Groups: adult([]string{"A01", "Y01", "A02", "Y02", "A03", "Y03"})},
		},
		{
			name:     "raised minimum age: 17-year-olds are not grouped",
			params:   "  min_age: 18\n",
			young:    2,
			youngDOB: isotp.NewDate(2008, time.June, 1),
			want:     outcome{NotGrouped: map[string]groups.Code{"Y01": groups.UnderMinAge, "Y02": groups.UnderMinAge}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Adult i is referred on day 2i, young man i on day 2i+1.
			dob := youngDOB
			if !tt.youngDOB.IsZero() {
				dob = tt.youngDOB
			}
			youngMen := men("Y", tt.young, dob, 0)
			for i := range youngMen {
				youngMen[i].Referred = firstDay.AddDays(2*i + 1)
			}
			adults := men("A", tt.adults, adultDOB, 0)
			for i := range adults {
				adults[i].Referred = firstDay.AddDays(2 * i)
			}
			got := form(t, planner(t, tt.params), intake(start, youngMen, adults))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAreaOutOfBounds checks that values national bounds forbid are refused
// when the area file is loaded, at the line of the value.
func TestAreaOutOfBounds(t *testing.T) {
	tests := []struct {
		name     string
		params   string
		wantLine int
	}{
		{"max above the national maximum", "  max_group_size: 12\n", 4},
		{"max under the minimum", "  max_group_size: 7\n", 4},
		{"max and min crossed", "  min_group_size: 9\n  max_group_size: 8\n", 4},
		{"min under 2", "  min_group_size: 1\n", 4},
		{"min above the maximum", "  min_group_size: 11\n", 4},
		{"unknown fallback", "  young_fallback: split\n", 4},
		{"fallback of the wrong type", "  young_fallback: 3\n", 4},
		{"adult_min_age is fixed", "  adult_min_age: 18\n", 4},
		{"min_age lowered", "  min_age: 16\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte("area: testshire\npolicy: i-SOTP\nparams:\n"+tt.params)))
			if !errors.Is(err, rules.ErrInvalidPolicy) {
				t.Fatalf("Load error = %v, want rules.ErrInvalidPolicy", err)
			}
			var list rules.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Load error = %v, want a rules.ErrorList", err)
			}
			if pos := list[0].Pos; pos.File != "area.yaml" || pos.Line != tt.wantLine {
				t.Errorf("error at %s, want area.yaml:%d: %v", pos, tt.wantLine, err)
			}
		})
	}
}

// TestNewRefusesUnusableParams loads a national policy whose bounds have
// been loosened, so that only New stands between the values and grouping.
func TestNewRefusesUnusableParams(t *testing.T) {
	dir := filepath.Join("..", "rules", "national")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	national := fstest.MapFS{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		national["national/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	policy := string(national["national/policy.yaml"].Data)
	loosen := strings.NewReplacer(
		"bounds: value <= default && value >= params.min_group_size", "bounds: value <= 100",
		"bounds: value >= 2 && value <= params.max_group_size", "bounds: value <= 100",
		"bounds: value in ['individual', 'adult_group', 'wait']", "bounds: value != ''",
	)
	loose := loosen.Replace(policy)
	if loose == policy {
		t.Fatal("the national policy's group bounds have changed: update this test")
	}

	tests := []struct {
		name      string
		policy    string
		params    string
		wantLines []int // lines of area.yaml the errors are at; nil: an error without position
	}{
		{"zero minimum", loose, "  min_group_size: 0\n", []int{4}},
		{"max under min", loose, "  max_group_size: 5\n  min_group_size: 6\n", []int{4}},
		{"unknown fallback", loose, "  young_fallback: split\n", []int{4}},
		{"all at once", loose, "  young_fallback: split\n  min_group_size: 0\n  max_group_size: -1\n", []int{4, 5, 6}},
		{"parameter missing", strings.Replace(policy, "  young_fallback:", "  young_fallback_renamed:", 1), "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range national {
				fsys[k] = v
			}
			fsys["national/policy.yaml"] = &fstest.MapFile{Data: []byte(tt.policy)}
			var opts []rules.Option
			if tt.params != "" {
				opts = append(opts, rules.AreaBytes("area.yaml", []byte("area: testshire\npolicy: i-SOTP\nparams:\n"+tt.params)))
			}
			pol, err := rules.Load(rules.Dir(fsys, "national"), opts...)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			_, err = groups.New(pol)
			if !errors.Is(err, rules.ErrInvalidPolicy) {
				t.Fatalf("New error = %v, want rules.ErrInvalidPolicy", err)
			}
			var list rules.ErrorList
			if !errors.As(err, &list) {
				if tt.wantLines != nil {
					t.Fatalf("New error = %v, want a rules.ErrorList", err)
				}
				return
			}
			var lines []int
			for _, e := range list {
				if e.Pos.File != "area.yaml" {
					t.Errorf("error in %s, want area.yaml: %v", e.Pos.File, e)
				}
				lines = append(lines, e.Pos.Line)
			}
			if diff := cmp.Diff(tt.wantLines, lines); diff != "" {
				t.Errorf("error lines mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
