package whatif_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/rules"
	"github.com/isotp-dev/isotp/whatif"
)

const catchUps3 = "area: catchups3\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n"

// caseloadLine returns line n (from 1) of testdata/caseload.jsonl, decoded.
func caseloadLine(t *testing.T, n int) *isotp.Case {
	t.Helper()
	f, err := os.Open("testdata/caseload.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			c, err := isotp.DecodeCase(strings.NewReader(sc.Text()))
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			return c
		}
	}
	t.Fatalf("no line %d", n)
	return nil
}

func TestCompare(t *testing.T) {
	because := []string{"params.max_catch_ups"}
	limitMsg := "He has missed 4 sessions that needed an individual catch-up (made up or still due); no more than 3 may be, so he must start the programme again."
	tests := []struct {
		name   string
		area   string
		line   int
		want   []whatif.Change
		reason string
	}{
		{"on track", catchUps3, 1, []whatif.Change{
			{Field: "attendance.catch_ups_remaining", From: "4", To: "3", Because: because},
		}, "one catch-up fewer is allowed, and nothing else changes"},
		{"four catch-ups, in progress", catchUps3, 2, []whatif.Change{
			{Field: "attendance.status", From: "in_progress", To: "restart_required", Because: because},
			{Field: "attendance.next", From: "group 16", To: "(none)", Because: because},
			{Field: "attendance.completion.rules.catch_up_limit", From: "pass", To: "fail", Note: limitMsg, Because: because},
		}, "catch_ups_remaining is 0 under both; completion.met is false under both"},
		{"two parameters, one of them read for none of the changes", catchUps3 + "  breach_within_working_days: 5\n", 2, []whatif.Change{
			{Field: "attendance.status", From: "in_progress", To: "restart_required", Because: because},
			{Field: "attendance.next", From: "group 16", To: "(none)", Because: because},
			{Field: "attendance.completion.rules.catch_up_limit", From: "pass", To: "fail", Note: limitMsg, Because: because},
		}, "attendance reads breach_within_working_days for the breach date alone, which the diff does not compare"},
		{"completed with four catch-ups", catchUps3, 4, []whatif.Change{
			{Field: "attendance.status", From: "completed", To: "restart_required", Because: because},
			{Field: "attendance.completion.met", From: "true", To: "false", Because: because},
			{Field: "attendance.completion.rules.catch_up_limit", From: "pass", To: "fail", Note: limitMsg, Because: because},
		}, "next is absent under both: completed, then restart_required"},
		{"pre-sentence, no attendance", catchUps3, 8, nil,
			"max_catch_ups reaches no eligibility decision"},
		{"raised minimum supervision", "area: x\npolicy: i-SOTP\nparams:\n  min_supervision_months: 30\n", 8, []whatif.Change{
			{Field: "eligibility.proposal",
				From:    `A Community Order with a Supervision Requirement of at least 24 months and a Programme Requirement to attend a "Sex Offender Treatment Programme of up to 60 sessions".`,
				To:      `A Community Order with a Supervision Requirement of at least 30 months and a Programme Requirement to attend a "Sex Offender Treatment Programme of up to 60 sessions".`,
				Because: []string{"eligibility.texts.proposal_cja2003", "eligibility.texts.proposal_pre_cja2003"}},
		}, "the proposal's texts read the parameter (which text depends on the regime); the rule supervision_length does not apply before sentence"},
		{"an added rule that passes", "area: x\npolicy: i-SOTP\neligibility:\n  rules:\n    - id: has_id\n      description: His id is recorded.\n      expression: has(offender.id)\n      effect: advisory\n      message: Record his id.\n", 8, nil,
			"a rule only one policy has is a change only when it fails or is unknown"},
		{"an added rule that fails", "area: x\npolicy: i-SOTP\neligibility:\n  rules:\n    - id: not_1990\n      description: Born before 1990.\n      expression: offender.date_of_birth < date('1990-01-01')\n      effect: refer\n      message: Born in or after 1990.\n", 8, []whatif.Change{
			{Field: "eligibility.outcome", From: "eligible", To: "refer", Because: []string{"eligibility.rules.not_1990"}},
			{Field: "eligibility.refer_to", From: "(none)", To: "N-SOGP", Because: []string{"eligibility.rules.not_1990"}},
			{Field: "eligibility.rules.not_1990", From: "(none)", To: "fail", Note: "Born in or after 1990.", Because: []string{"eligibility.rules.not_1990"}},
		}, "the proposal stays the same text: a referral carries it too"},
		{"an outcome code only the area maps", "area: x\npolicy: i-SOTP\noutcome_codes:\n  ATTX: attended\n", 9, []whatif.Change{
			{Field: "attendance", From: "input error", To: "decided", Note: `attendance.sessions[0].outcome: unknown outcome "ATTX"`,
				Because: []string{"outcome_codes.ATTX"}},
		}, "national policy cannot read the record; the area can"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := differ(t, tt.area)
			got, err := d.Compare(context.Background(), caseloadLine(t, tt.line))
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestCompareInputError(t *testing.T) {
	d := differ(t, catchUps3)
	_, err := d.Compare(context.Background(), caseloadLine(t, 9))
	var ie *isotp.InputError
	if !errors.As(err, &ie) || ie.Path != "attendance.sessions[0].outcome" {
		t.Errorf("got %v, want an input error at attendance.sessions[0].outcome", err)
	}
}

func TestDifferences(t *testing.T) {
	tests := []struct {
		name string
		area string
		want []whatif.Difference
	}{
		{"same values as national", "area: x\npolicy: i-SOTP\nparams:\n  max_catch_ups: 4\n", []whatif.Difference{}},
		{"one parameter", catchUps3, []whatif.Difference{{Name: "params.max_catch_ups", From: "4", To: "3"}}},
		{"norms and a code", "area: x\npolicy: i-SOTP\nassessment:\n  scales:\n    - id: fantasy\n      sd: 5\n      reliability: 0.7\noutcome_codes:\n  ATTX: attended\n",
			[]whatif.Difference{
				{Name: "assessment.scales.fantasy", From: "lower is better, no norms", To: "lower is better, sd 5, reliability 0.7"},
				{Name: "outcome_codes.ATTX", From: "(none)", To: "attended"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := differ(t, tt.area).Differences()
			if got == nil {
				got = []whatif.Difference{}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSkipAgrees checks that leaving out the decisions no difference can
// reach changes nothing: for areas that set each parameter an area may
// set, and the sample areas, Compare gives what it gives when it makes
// every decision.
func TestSkipAgrees(t *testing.T) {
	areas := map[string]string{
		"min_age":                    "params:\n  min_age: 18\n",
		"min_supervision_months":     "params:\n  min_supervision_months: 30\n",
		"max_catch_ups":              "params:\n  max_catch_ups: 0\n",
		"breach_within_working_days": "params:\n  breach_within_working_days: 3\n",
		"om_contact_max_gap_days":    "params:\n  om_contact_max_gap_days: 21\n",
		"groups":                     "params:\n  max_group_size: 9\n  min_group_size: 4\n  young_fallback: wait\n",
		"outcome code":               "outcome_codes:\n  XATT: attended\n",
		"completion rule":            "completion:\n  rules:\n    - id: few_failures\n      description: Fewer than two failures.\n      expression: summary.failures < 2\n      effect: required\n      message: Too many failures.\n",
	}
	for _, file := range []string{"../examples/areas/cheshire.yaml", "../examples/areas/illustrative-norms.yaml"} {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		areas[file] = string(data)
	}
	n := 600
	if testing.Short() {
		n = 150
	}
	g := synth.New(5, isotp.NewDate(2026, 11, 27))
	ctx := context.Background()
	for name, area := range areas {
		if !strings.HasPrefix(area, "area:") && !strings.Contains(area, "\narea:") {
			area = "area: x\npolicy: i-SOTP\n" + area
		}
		t.Run(name, func(t *testing.T) {
			d := differ(t, area)
			all := whatif.EveryDecision(d)
			for i := range n {
				c := g.Case(i)
				want, wantErr := all.Compare(ctx, c)
				got, gotErr := d.Compare(ctx, c)
				if (wantErr == nil) != (gotErr == nil) && !errors.Is(wantErr, isotp.ErrInvalidInput) {
					t.Fatalf("case %d: error %v, making every decision: %v", i, gotErr, wantErr)
				}
				if wantErr != nil {
					continue // an input error in a decision left out is not looked for
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("case %d: mismatch (-every decision +skipping):\n%s", i, diff)
				}
			}
		})
	}
}

func differ(tb testing.TB, area string) *whatif.Differ {
	tb.Helper()
	from, err := rules.Load(rules.National)
	require.NoError(tb, err)
	to, err := rules.Load(rules.National, rules.AreaBytes("area.yaml", []byte(area)))
	require.NoError(tb, err)
	d, err := whatif.New(from, to)
	require.NoError(tb, err)
	return d
}
