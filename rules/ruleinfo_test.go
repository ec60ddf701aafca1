package rules

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestRulesInForce(t *testing.T) {
	area := []byte(`area: x
policy: i-SOTP
completion:
  rules:
    - id: offender_manager_contact
      description: Local contact rule.
      expression: "true"
      effect: required
`)
	pol, err := Load(National, AreaBytes("x.yaml", area))
	require.NoError(t, err)
	var got []string
	for _, r := range pol.Rules("completion") {
		got = append(got, r.ID+" "+r.Pos.File)
	}
	want := []string{
		"all_sessions national/attendance.yaml",
		"catch_up_limit national/attendance.yaml",
		"offender_manager_contact x.yaml", // replaced in place: it is overridable
		"between_session_work national/attendance.yaml",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if r := pol.Rules("no_such_section"); r != nil {
		t.Errorf("Rules(no_such_section) = %v, want nil", r)
	}
}

func TestSourceIsZero(t *testing.T) {
	tests := []struct {
		name string
		src  Source
		want bool
	}{
		{"zero", Source{}, true},
		{"embedded", National, false},
		{"map file system", Dir(fstest.MapFS{"a.yaml": &fstest.MapFile{}}, "."), false},
	}
	for _, tt := range tests {
		if got := tt.src.IsZero(); got != tt.want {
			t.Errorf("%s: IsZero() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
