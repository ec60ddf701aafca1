package whatif_test

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/whatif"
)

// hostileArea adds two rules that are cheap for the cases the rules accept
// and fail on hostile ones: one grows a text from offender.id (for a
// 10,000-byte id it would build 100 MB), one reads it as a number.
const hostileArea = `area: hostile
policy: i-SOTP
eligibility:
  rules:
    - id: grow
      description: His id, grown.
      expression: "!has(offender.id) || offender.id.replace('', offender.id).size() > 0"
      effect: advisory
    - id: numeric_id
      description: A number after the letter X.
      expression: "!has(offender.id) || !offender.id.startsWith('X') || int(offender.id) > 0"
      effect: advisory
`

// TestRunHostileCases runs a caseload of 1,000 cases of which line 500 has
// an offender.id of 10,000 bytes and line 700 one that does not read as a
// number: each is reported on its line, naming the rule or the field and
// quoting nothing of the id, and every other case is compared.
func TestRunHostileCases(t *testing.T) {
	var load bytes.Buffer
	if err := synth.New(6, isotp.NewDate(2026, 11, 27)).Write(&load, 1000); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(load.String(), "\n"), "\n")
	secret := map[int]string{500: strings.Repeat("SECRET", 10000/6), 700: "XSECRET"}
	for i := range lines {
		// Every case gives an id, so that the area's rules decide.
		var c map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &c); err != nil {
			t.Fatal(err)
		}
		if c["offender"] == nil {
			c["offender"] = map[string]any{}
		}
		off := c["offender"].(map[string]any)
		if id, ok := secret[i+1]; ok {
			off["id"] = id
		} else if off["id"] == nil {
			off["id"] = "S" + strconv.Itoa(i)
		}
		b, err := json.Marshal(c)
		require.NoError(t, err)
		lines[i] = string(b) + "\n"
	}
	d := differ(t, hostileArea)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	diffs, sum := run(t, d, []byte(strings.Join(lines, "")), 2)
	runtime.ReadMemStats(&after)

	got := map[int]whatif.CaseDiff{}
	for _, cd := range diffs {
		if cd.Line == 500 && cd.ID != "" {
			t.Errorf("line 500: the id of 10,000 bytes is repeated as the case's id")
		}
		cd.ID = "" // line 700's is the case's own, short enough to name it
		b, err := json.Marshal(cd)
		require.NoError(t, err)
		if bytes.Contains(b, []byte("SECRET")) {
			t.Errorf("line %d: the report quotes the case's id: %.300s", cd.Line, b)
		}
		got[cd.Line] = cd
	}
	if len(got) != 2 {
		t.Fatalf("lines %v reported, want 500 and 700", keys(got))
	}
	// An id longer than ids may be is an input error: the whole line's,
	// when the decoder finds it; the eligibility decision's under the area
	// file alone, when its rule is the first to read the id.
	want500 := []whatif.CaseDiff{
		{Line: 500, ErrorKind: whatif.InputError, Error: "offender.id: "},
		{Line: 500, Changes: []whatif.Change{{Field: "eligibility", From: "decided", To: "input error",
			Note: "eligibility rule grow (area.yaml:7:20): offender.id: "}}},
	}
	prefix := cmp.Comparer(func(want, got string) bool { return strings.HasPrefix(got, want) || strings.HasPrefix(want, got) })
	if e := got[500]; !cmp.Equal(want500[0], e, prefix) && !cmp.Equal(want500[1], e, prefix, cmpopts.IgnoreFields(whatif.Change{}, "Because")) {
		t.Errorf("line 500: got %+v, want an input error naming offender.id", e)
	}
	want700 := whatif.CaseDiff{Line: 700, ErrorKind: whatif.EvaluationError,
		Error: "eligibility rule numeric_id (area.yaml:11:20): a value could not be converted, such as text that is not a number"}
	if diff := cmp.Diff(want700, got[700]); diff != "" {
		t.Errorf("line 700: mismatch (-want +got):\n%s", diff)
	}
	if sum.Cases != 1000 || sum.Unchanged < 998 {
		t.Errorf("summary: %d cases, %d unchanged; want 1000 cases, the 998 others unchanged", sum.Cases, sum.Unchanged)
	}
	// Deciding 1,000 cases twice takes some 20 MB; the grown id alone would
	// take 100 MB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("the run allocated %d MB, want under 64 MB", alloc>>20)
	}
}

func keys(m map[int]whatif.CaseDiff) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}
