package whatif

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/synth"
	"github.com/isotp-dev/isotp/rules"
)

// reuseAreas are area files whose policies share some rules with national
// policy and differ in others: a parameter of each decision, a rule
// replaced, a rule added, a closure day (which changes the calendar).
var reuseAreas = map[string]string{
	"min_supervision_months":  "params:\n  min_supervision_months: 30\n",
	"max_catch_ups":           "params:\n  max_catch_ups: 0\n",
	"om_contact_max_gap_days": "params:\n  om_contact_max_gap_days: 21\n",
	"min_age":                 "params:\n  min_age: 18\n",
	"completion rule": "completion:\n  rules:\n    - id: few_failures\n      description: Fewer than two failures.\n" +
		"      expression: summary.failures < 2\n      effect: required\n      message: Too many failures.\n",
	"replaced rule": "completion:\n  rules:\n    - id: between_session_work\n" +
		"      description: Work set between sessions.\n      expression: attendance.between_session_work.size() < 3 || attendance.between_session_work.all(w, w.completed)\n" +
		"      effect: advisory\n",
	"closures": "calendar:\n  closures:\n    - {date: 2026-12-24, reason: The offices close on Christmas Eve.}\n",
}

// TestReuseAgrees decides synthetic cases under national policy and then
// under an area's, the second with what it may take from the first
// (rules.WithReuse), and checks that every decision is what it is without:
// on the same case, and on the next case without Reset, where only what
// reads the same facts may be taken.
func TestReuseAgrees(t *testing.T) {
	areas := map[string]string{}
	for name, a := range reuseAreas {
		areas[name] = "area: x\npolicy: i-SOTP\n" + a
	}
	for _, file := range []string{"../examples/areas/cheshire.yaml", "../examples/areas/illustrative-norms.yaml"} {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		areas[filepath.Base(file)] = string(data)
	}
	n := 400
	if testing.Short() {
		n = 100
	}
	g := synth.New(11, isotp.NewDate(2026, 11, 27))
	cases := g.Cases(n)
	load := func(area string) side {
		var opts []rules.Option
		if area != "" {
			opts = append(opts, rules.AreaBytes("area.yaml", []byte(area)))
		}
		pol, err := rules.Load(rules.National, opts...)
		require.NoError(t, err)
		s, err := newSide(pol)
		require.NoError(t, err)
		return s
	}
	national := load("")
	// An area with a rule that the possible results decide (whatever his
	// deviance, it passes), under another that raises a parameter too.
	supposing := "area: x\npolicy: i-SOTP\neligibility:\n  rules:\n    - id: deviance_assessed\n" +
		"      description: His deviance must be low or high.\n" +
		"      expression: offender.deviance == 'low' || offender.deviance == 'high'\n      effect: advisory\n"
	areas["supposing"] = supposing + "params:\n  min_supervision_months: 30\n"
	for name, area := range areas {
		t.Run(name, func(t *testing.T) {
			from := national
			if name == "supposing" {
				from = load(supposing)
			}
			to := load(area)
			reuse := &rules.Reuse{}
			with := func(opts ...rules.EvalOption) []rules.EvalOption { return append(opts, rules.WithReuse(reuse)) }
			quiet, loud := []rules.EvalOption{rules.WithoutMessages()}, []rules.EvalOption(nil)
			for i, c := range cases {
				next := changed(c, i)
				for _, d := range compared {
					dec := d.Name()
					// As a what-if decides: both policies without
					// messages, then both with them.
					reuse.Reset()
					for _, step := range []struct {
						s    side
						opts []rules.EvalOption
					}{{from, quiet}, {to, quiet}, {from, loud}, {to, loud}} {
						want := decideJSON(t, step.s, dec, c, step.opts)
						if diff := cmp.Diff(want, decideJSON(t, step.s, dec, c, with(step.opts...))); diff != "" {
							t.Fatalf("case %d, %s, %s: mismatch (-without reuse +with):\n%s", i, dec, step.s.info.Area, diff)
						}
					}
					// The next case, changed, with the first case's
					// evaluation recorded: without messages, and with
					// them after one without.
					for _, opts := range [][]rules.EvalOption{quiet, loud} {
						reuse.Reset()
						decideJSON(t, from, dec, c, with(quiet...))
						want := decideJSON(t, to, dec, next, opts)
						if diff := cmp.Diff(want, decideJSON(t, to, dec, next, with(opts...))); diff != "" {
							t.Fatalf("case %d then changed, %s, messages %v: mismatch (-without reuse +with):\n%s", i, dec, opts == nil, diff)
						}
					}
				}
			}
			if name == "cheshire.yaml" && reuse.Reused() == 0 {
				t.Error("nothing was reused between national policy and the Cheshire area")
			}
		})
	}
}

// decideJSON makes decision dec for c under s as a what-if does (the
// attendance summary Brief), as JSON; an error's text stands for it.
func decideJSON(t *testing.T, s side, dec string, c *isotp.Case, opts []rules.EvalOption) string {
	t.Helper()
	var res any
	var err error
	if dec == "attendance" {
		res, err = s.att.Brief(context.Background(), c, opts...)
	} else {
		res, err = s.makers[dec].Decide(context.Background(), c, opts...)
	}
	if err != nil {
		if !errors.Is(err, isotp.ErrInvalidInput) {
			t.Fatalf("%s: %v", dec, err)
		}
		return "error: " + err.Error()
	}
	js, err := json.Marshal(res)
	require.NoError(t, err)
	return string(js)
}

// changed returns a copy of c with one fact changed, or made unknown,
// that some rules read and others do not; which one depends on i. The
// rest of the copy shares c's values.
func changed(c *isotp.Case, i int) *isotp.Case {
	x := *c
	switch i % 7 {
	case 0:
		if c.Offender != nil {
			o := *c.Offender
			o.Sex = isotp.Sex((int(o.Sex) + 1) % 3) // male, female, and not known, in turn
			x.Offender = &o
		}
	case 1:
		if c.Offender != nil {
			o := *c.Offender
			o.ID = ""
			x.Offender = &o
		}
	case 2:
		if len(c.Offences) > 0 {
			x.Offences = append([]isotp.Offence(nil), c.Offences...)
			x.Offences[0].Internet = nil
		}
	case 3:
		if c.Order != nil {
			o := *c.Order
			months := 27
			o.SupervisionMonths = &months
			x.Order = &o
		}
	case 4:
		if c.Attendance != nil {
			a := *c.Attendance
			a.OffenderManagerContacts = a.OffenderManagerContacts[:len(a.OffenderManagerContacts)/2]
			x.Attendance = &a
		}
	case 5:
		if c.Attendance != nil && len(c.Attendance.Sessions) > 0 {
			a := *c.Attendance
			a.Sessions = append([]isotp.SessionEvent(nil), a.Sessions...)
			a.Sessions[len(a.Sessions)-1].Outcome = "unacceptable_absence"
			x.Attendance = &a
		}
	case 6:
		if !c.AsOf.IsZero() {
			x.AsOf = c.AsOf.AddDays(1)
		}
	}
	return &x
}
