package rules

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/golden"
	"github.com/isotp-dev/isotp/internal/reference"
)

func date(t testing.TB, s string) isotp.Date {
	t.Helper()
	d, err := isotp.ParseDate(s)
	require.NoError(t, err)
	return d
}

// TestNationalCalendarPublishedList holds the national calendar, for every
// year it says it has checked, to the bank holidays of England and Wales as
// published, typed into the reference.
func TestNationalCalendarPublishedList(t *testing.T) {
	pol, err := Load(National)
	require.NoError(t, err)
	cov := pol.Calendar().Coverage()
	require.Equal(t, [2]int{reference.HolidaysFrom, reference.HolidaysTo}, [2]int{cov.CheckedFrom, cov.CheckedTo},
		"the years the national calendar says it has checked are the years of the published list in the reference")
	var want, got []string
	for d := range reference.BankHolidays {
		want = append(want, d.String())
	}
	for _, day := range pol.Calendar().DaysOff(date(t, "2018-01-01"), date(t, "2027-12-31")) {
		got = append(got, day.Date.String())
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bank holidays 2018-2027 mismatch (-published +calendar):\n%s", diff)
	}
	for _, day := range cov.OneOffDays {
		if day.Source == "" || day.Name == "" || day.Pos.File != "national/calendar.yaml" {
			t.Errorf("one-off day %s: name %q, source %q, at %s: want each with its name and source, in national/calendar.yaml", day.Date, day.Name, day.Source, day.Pos)
		}
	}
	for _, must := range []string{"2022-06-03", "2022-09-19", "2023-05-08"} {
		if !slices.ContainsFunc(cov.OneOffDays, func(d CalendarDay) bool { return d.Date.String() == must }) {
			t.Errorf("the national policy must list the one-off day %s", must)
		}
	}
}

// TestLibraryLacksStateFuneral records why the national policy lists its
// one-off days: the library's rules do not know the bank holiday for the
// State Funeral of Queen Elizabeth II.
func TestLibraryLacksStateFuneral(t *testing.T) {
	for _, day := range bankHolidays(2022) {
		if day.Date == date(t, "2022-09-19") {
			t.Fatalf("the library now gives 2022-09-19 (%s); the national one-off day is still harmless", day.Name)
		}
	}
}

var cheshireClosures = `area: cheshire
policy: i-SOTP
calendar:
  closures:
    - date: 2026-12-24
      reason: Cheshire's offices close on Christmas Eve.
`

// TestAddWorkingDays counts working days under the national calendar and
// under an area that closes on Christmas Eve.
func TestAddWorkingDays(t *testing.T) {
	national, err := Load(National)
	require.NoError(t, err)
	area, err := Load(National, AreaBytes("cheshire.yaml", []byte(cheshireClosures)))
	require.NoError(t, err)
	tests := []struct {
		name   string
		pol    *Policy
		from   string
		n      int
		want   string
		reason string
	}{
		{"over Christmas 2026", national, "2026-12-21", 10, "2027-01-07",
			"25 December, 28 December (the substitute for Boxing Day, a Saturday) and 1 January are bank holidays"},
		{"over Easter 2027", national, "2027-03-22", 10, "2027-04-07",
			"Good Friday 26 March and Easter Monday 29 March"},
		{"over a one-off day", national, "2022-09-12", 10, "2022-09-27",
			"19 September 2022, the State Funeral of Queen Elizabeth II, is a one-off bank holiday"},
		{"over the Platinum Jubilee", national, "2022-05-30", 5, "2022-06-08",
			"the spring bank holiday moved from 30 May to 2 June, and 3 June was added"},
		{"over an area's closure day", area, "2026-12-21", 10, "2027-01-08",
			"the area closes on Thursday 24 December as well"},
		{"the area's closure day is the national calendar's working day", national, "2026-12-23", 1, "2026-12-24",
			"without the area file, 24 December 2026 is a working day"},
		{"from a Friday", national, "2026-01-02", 1, "2026-01-05", "Saturday and Sunday are not working days"},
		{"no days", national, "2026-12-25", 0, "2026-12-25", "zero working days after a day is that day"},
		{"in a year outside the days worked out at load", national, "2200-12-24", 2, "2200-12-30",
			"Christmas Day and Boxing Day 2200 (Thursday and Friday) come by rule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.pol.Calendar().AddWorkingDays(date(t, tt.from), tt.n)
			require.Equal(t, tt.want, got.String(), tt.reason)
		})
	}
}

// TestAddWorkingDaysCEL checks that the rules' add_working_days counts by
// the calendar in force, the area's closure days included.
func TestAddWorkingDaysCEL(t *testing.T) {
	for _, tt := range []struct {
		name string
		area string
		want string
	}{
		{"national", "", "2027-01-07"},
		{"with the area's closure day", cheshireClosures, "2027-01-08"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts []Option
			if tt.area != "" {
				opts = append(opts, AreaBytes("area.yaml", []byte(tt.area)))
			}
			pol, err := Load(National, opts...)
			require.NoError(t, err)
			ast, iss := pol.base.Compile("string(add_working_days(date('2026-12-21'), 10))")
			require.NoError(t, iss.Err())
			prg, err := pol.base.Program(ast)
			require.NoError(t, err)
			out, _, err := prg.Eval(map[string]any{})
			require.NoError(t, err)
			require.Equal(t, tt.want, out.Value())
		})
	}
}

// TestCalendarErrors loads calendars that are wrong, each error at its
// place; the messages are in testdata/calendar_errors.golden.
func TestCalendarErrors(t *testing.T) {
	area := func(body string) string { return "area: x\npolicy: i-SOTP\ncalendar:\n" + body }
	tests := []struct {
		name string
		area string
		want []string
	}{
		{"a closure on a bank holiday", area("  closures:\n    - {date: 2026-12-25, reason: Christmas}\n"), []string{"area.yaml:5:14"}},
		{"a closure on a one-off bank holiday", area("  closures:\n    - {date: 2022-09-19, reason: Funeral}\n"), []string{"area.yaml:5:14"}},
		{"a closure on a Saturday", area("  closures:\n    - {date: 2026-12-26, reason: Boxing Day}\n"), []string{"area.yaml:5:14"}},
		{"a closure without a reason", area("  closures:\n    - date: 2026-12-24\n"), []string{"area.yaml:5:7"}},
		{"a closure on no real day", area("  closures:\n    - {date: 2026-02-30, reason: x}\n"), []string{"area.yaml:5:14"}},
		{"a closure given twice", area("  closures:\n    - {date: 2026-12-24, reason: a}\n    - {date: 2026-12-24, reason: b}\n"), []string{"area.yaml:6:14"}},
		{"an area adding a bank holiday", area("  closures: []\n  one_off_days:\n    - {date: 2026-06-01, name: x, source: y}\n"), []string{"area.yaml:5:3"}},
		{"an area changing the years checked", area("  closures: []\n  checked_years: {from: 2018, to: 2030}\n"), []string{"area.yaml:5:3"}},
		{"an area calendar without closures", area("  {}\n"), []string{"area.yaml:4:3"}},
	}
	nat, err := Load(National)
	require.NoError(t, err)
	var many strings.Builder
	for d, i := date(t, "2030-01-01"), 0; i <= maxClosures; i++ {
		d = nat.Calendar().AddWorkingDays(d, 1)
		fmt.Fprintf(&many, "    - {date: %s, reason: r}\n", d)
	}
	tests = append(tests, struct {
		name string
		area string
		want []string
	}{"too many closures", area("  closures:\n" + many.String()), []string{fmt.Sprintf("area.yaml:%d:7", 5+maxClosures)}})
	var messages strings.Builder
	for _, tt := range tests {
		_, err := Load(National, AreaBytes("area.yaml", []byte(tt.area)))
		checkErrors(t, &messages, tt.name, err, tt.want)
	}
	national := func(body string) Source {
		return Dir(fstest.MapFS{
			"p/a.yaml": {Data: []byte("name: t\nversion: \"1\"\n")},
			"p/c.yaml": {Data: []byte("calendar:\n" + body)},
		}, "p")
	}
	for _, tt := range []struct {
		name string
		src  Source
		want []string
	}{
		{"a one-off day outside the years checked", national("  checked_years: {from: 2018, to: 2027}\n  one_off_days:\n    - {date: 2012-06-05, name: Diamond Jubilee, source: x}\n"), []string{"p/c.yaml:4:14"}},
		{"a one-off day without a source", national("  checked_years: {from: 2018, to: 2027}\n  one_off_days:\n    - {date: 2022-06-03, name: Platinum Jubilee}\n"), []string{"p/c.yaml:4:7"}},
		{"a one-off day twice", national("  checked_years: {from: 2018, to: 2027}\n  one_off_days:\n    - {date: 2022-06-03, name: a, source: b}\n    - {date: 2022-06-03, name: a, source: b}\n"), []string{"p/c.yaml:5:14"}},
		{"a one-off day on a Sunday", national("  checked_years: {from: 2018, to: 2027}\n  one_off_days:\n    - {date: 2022-06-05, name: a, source: b}\n"), []string{"p/c.yaml:4:14"}},
		{"checked years the wrong way round", national("  checked_years: {from: 2027, to: 2018}\n"), []string{"p/c.yaml:2:18"}},
		{"no checked years", national("  one_off_days: []\n"), []string{"p/c.yaml:2:3"}},
		{"a year that is not a number", national("  checked_years: {from: 2018, to: later}\n"), []string{"p/c.yaml:2:35"}},
	} {
		_, err := Load(tt.src)
		checkErrors(t, &messages, tt.name, err, tt.want)
	}
	twice := Dir(fstest.MapFS{
		"p/a.yaml": {Data: []byte("name: t\nversion: \"1\"\ncalendar:\n  checked_years: {from: 2018, to: 2027}\n")},
		"p/b.yaml": {Data: []byte("calendar:\n  checked_years: {from: 2018, to: 2027}\n")},
	}, "p")
	_, err = Load(twice)
	checkErrors(t, &messages, "the calendar in two national files", err, []string{"p/b.yaml:1:1"})
	golden.CheckString(t, "testdata/calendar_errors.golden", messages.String())
}

// TestCalendarVersion holds the library version the calendar reports to
// the one go.mod requires.
func TestCalendarVersion(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(calendarModule) + `\s+(\S+)`).FindSubmatch(mod)
	require.NotNil(t, m, "go.mod requires %s", calendarModule)
	require.Equal(t, calendarVersion, string(m[1]))
}

// TestCalendarCoverage checks what a calendar says of itself, with and
// without an area's closure days.
func TestCalendarCoverage(t *testing.T) {
	pol, err := Load(National, AreaBytes("cheshire.yaml", []byte(cheshireClosures)))
	require.NoError(t, err)
	cov := pol.Calendar().Coverage()
	require.Equal(t, "England and Wales", cov.Region)
	require.Equal(t, "github.com/rickar/cal/v2/gb v2.1.13", cov.Rules)
	want := []CalendarDay{{Date: date(t, "2026-12-24"), Name: "Cheshire's offices close on Christmas Eve.", Closure: true, Source: "cheshire.yaml",
		Pos: Position{File: "cheshire.yaml", Line: 5, Column: 13}}}
	if diff := cmp.Diff(want, cov.Closures); diff != "" {
		t.Errorf("closures mismatch (-want +got):\n%s", diff)
	}
	require.True(t, pol.Calendar().HasClosures())
	require.True(t, pol.Calendar().Checked(date(t, "2027-12-31")))
	require.False(t, pol.Calendar().Checked(date(t, "2028-01-01")))
	days := pol.Calendar().DaysOff(date(t, "2026-12-21"), date(t, "2027-01-08"))
	var names []string
	for _, d := range days {
		names = append(names, d.Date.String()+" "+d.Name)
	}
	if diff := cmp.Diff([]string{
		"2026-12-24 Cheshire's offices close on Christmas Eve.",
		"2026-12-25 Christmas Day",
		"2026-12-28 Boxing Day (substitute day)",
		"2027-01-01 New Year's Day",
	}, names); diff != "" {
		t.Errorf("days off mismatch (-want +got):\n%s", diff)
	}
}
