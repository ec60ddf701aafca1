package rules

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp"
)

// calendarDoc is the calendar: section of the national files, or an area
// file's, as read.
type calendarDoc struct {
	f        *srcFile
	key      *yaml.Node
	checked  [2]int
	oneOff   []CalendarDay
	closures []CalendarDay
	dateAt   []*yaml.Node // each closure's date, for errors found when the calendar is built
	what     []string     // and how errors name it
}

// parseNationalCalendar reads the national calendar section:
//
//	calendar:
//	  checked_years: {from: 2018, to: 2027}
//	  one_off_days:
//	    - date: 2022-09-19
//	      name: Bank holiday for the State Funeral of Queen Elizabeth II
//	      source: Appointed by Royal Proclamation; listed at gov.uk/bank-holidays
func parseNationalCalendar(f *srcFile, errs *ErrorList, k, n *yaml.Node) *calendarDoc {
	d := &calendarDoc{f: f, key: k}
	var days []*yaml.Node
	checkedOK := false
	f.fields(errs, n, "calendar", map[string]func(k, v *yaml.Node){
		"description": func(_, v *yaml.Node) { f.text(errs, v, "calendar: description") },
		"checked_years": func(_, v *yaml.Node) {
			var from, to int
			var okFrom, okTo bool
			f.fields(errs, v, "calendar: checked_years", map[string]func(k, v *yaml.Node){
				"from": func(_, v *yaml.Node) { from, okFrom = year(f, errs, v, "calendar: checked_years: from") },
				"to":   func(_, v *yaml.Node) { to, okTo = year(f, errs, v, "calendar: checked_years: to") },
			}, "from", "to")
			switch {
			case !okFrom || !okTo:
			case to < from:
				f.errorf(errs, "calendar", v, "calendar: checked_years: to (%d) is before from (%d)", to, from)
			default:
				d.checked, checkedOK = [2]int{from, to}, true
			}
		},
		"one_off_days": func(_, v *yaml.Node) { days = f.seq(errs, v, "calendar: one_off_days") },
	}, "checked_years")
	for i, item := range days {
		what := "calendar: one_off_days[" + strconv.Itoa(i) + "]"
		var day CalendarDay
		var dateNode *yaml.Node
		ok := true
		f.fields(errs, item, what, map[string]func(k, v *yaml.Node){
			"date":   func(_, v *yaml.Node) { dateNode = v; day.Date, ok = calendarDate(f, errs, v, what+": date") },
			"name":   func(_, v *yaml.Node) { day.Name = folded(f.text(errs, v, what+": name")) },
			"source": func(_, v *yaml.Node) { day.Source = folded(f.text(errs, v, what+": source")) },
		}, "date", "name", "source")
		if !ok || dateNode == nil || day.Name == "" || day.Source == "" {
			continue
		}
		if checkedOK && (day.Date.Year < d.checked[0] || day.Date.Year > d.checked[1]) {
			f.errorf(errs, "calendar", dateNode, "%s: %s is outside checked_years (%d to %d): list only the one-off days of the years checked, or widen checked_years",
				what, day.Date, d.checked[0], d.checked[1])
			continue
		}
		if prev := slices.IndexFunc(d.oneOff, func(o CalendarDay) bool { return o.Date == day.Date }); prev >= 0 {
			f.errorf(errs, "calendar", dateNode, "%s: %s is already listed at %s", what, day.Date, d.oneOff[prev].Pos)
			continue
		}
		day.Pos = f.pos(dateNode.Line, dateNode.Column)
		d.oneOff = append(d.oneOff, day)
	}
	slices.SortFunc(d.oneOff, func(a, b CalendarDay) int { return a.Date.Compare(b.Date) })
	return d
}

// maxClosures is the most closure days an area file may list.
const maxClosures = 1000

// parseAreaCalendar reads an area file's calendar section. An area may add
// the days its offices close; the bank holidays are national policy.
//
//	calendar:
//	  closures:
//	    - date: 2026-12-24
//	      reason: The area's offices close on Christmas Eve.
func parseAreaCalendar(f *srcFile, errs *ErrorList, k, n *yaml.Node) *calendarDoc {
	d := &calendarDoc{f: f, key: k}
	// The national calendar's fields are not an area's: each is refused
	// with why, and left out of the fields read.
	if n.Kind == yaml.MappingNode {
		rest := *n
		rest.Content = nil
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Value == "one_off_days" || k.Value == "checked_years" {
				f.errorf(errs, "calendar", k, "calendar: %s is national policy; an area may add closure days (calendar: closures), never change the bank holidays", k.Value)
				continue
			}
			rest.Content = append(rest.Content, n.Content[i], n.Content[i+1])
		}
		n = &rest
	}
	var items []*yaml.Node
	f.fields(errs, n, "calendar", map[string]func(k, v *yaml.Node){
		"closures": func(_, v *yaml.Node) { items = f.seq(errs, v, "calendar: closures") },
	}, "closures")
	if len(items) > maxClosures {
		f.errorf(errs, "calendar", items[maxClosures], "calendar: closures: more than %d closure days", maxClosures)
		items = items[:maxClosures]
	}
	for i, item := range items {
		what := "calendar: closures[" + strconv.Itoa(i) + "]"
		var day CalendarDay
		var dateNode *yaml.Node
		ok := true
		f.fields(errs, item, what, map[string]func(k, v *yaml.Node){
			"date":   func(_, v *yaml.Node) { dateNode = v; day.Date, ok = calendarDate(f, errs, v, what+": date") },
			"reason": func(_, v *yaml.Node) { day.Name = folded(f.text(errs, v, what+": reason")) },
		}, "date", "reason")
		if !ok || dateNode == nil || day.Name == "" {
			continue
		}
		if prev := slices.IndexFunc(d.closures, func(o CalendarDay) bool { return o.Date == day.Date }); prev >= 0 {
			f.errorf(errs, "calendar", dateNode, "%s: %s is already listed at %s", what, day.Date, d.closures[prev].Pos)
			continue
		}
		day.Closure, day.Source, day.Pos = true, f.Name(), f.pos(dateNode.Line, dateNode.Column)
		d.closures = append(d.closures, day)
		d.dateAt, d.what = append(d.dateAt, dateNode), append(d.what, what)
	}
	return d
}

// buildCalendar makes the policy's calendar from the national section (nil
// when the national files have none: the regular bank holidays alone) and
// the area's (nil without one), refusing a closure day that is already a
// bank holiday.
func buildCalendar(errs *ErrorList, nat, area *calendarDoc) *Calendar {
	var oneOff, closures []CalendarDay
	var checked [2]int
	if nat != nil {
		oneOff, checked = nat.oneOff, nat.checked
	}
	if area != nil {
		for i, day := range area.closures {
			if bank, ok := bankHoliday(day.Date, oneOff); ok {
				area.f.errorf(errs, "calendar", area.dateAt[i], "%s: %s is already a bank holiday (%s); list only days that would otherwise be working days",
					area.what[i], day.Date, bank.Name)
				continue
			}
			closures = append(closures, day)
		}
		slices.SortFunc(closures, func(a, b CalendarDay) int { return a.Date.Compare(b.Date) })
	}
	return newCalendar(oneOff, closures, checked)
}

// bankHoliday returns the bank holiday on day d, regular or one-off.
func bankHoliday(d isotp.Date, oneOff []CalendarDay) (CalendarDay, bool) {
	for _, list := range [][]CalendarDay{oneOff, bankHolidays(d.Year)} {
		if i := slices.IndexFunc(list, func(o CalendarDay) bool { return o.Date == d }); i >= 0 {
			return list[i], true
		}
	}
	return CalendarDay{}, false
}

// calendarDate reads a date that must be a weekday: a day off on a Saturday
// or Sunday would change nothing, and is a mistake.
func calendarDate(f *srcFile, errs *ErrorList, n *yaml.Node, what string) (isotp.Date, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!timestamp") {
		f.errorf(errs, "field.type", n, "%s: want a date written YYYY-MM-DD", what)
		return isotp.Date{}, false
	}
	d, err := isotp.ParseDate(n.Value)
	if err != nil {
		f.errorf(errs, "field.value", n, "%s: %v", what, err)
		return isotp.Date{}, false
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		f.errorf(errs, "calendar", n, "%s: %s is a %s, not a working day anyway", what, d, wd)
		return isotp.Date{}, false
	}
	return d, true
}

// year reads a calendar year, 1 to 9999.
func year(f *srcFile, errs *ErrorList, n *yaml.Node, what string) (int, bool) {
	y, ok := f.Int((*report)(errs), n, what, 1)
	if ok && y > 9999 {
		f.errorf(errs, "field.value", n, "%s: want a year from 1 to 9999, got %d", what, y)
		return 0, false
	}
	return y, ok
}

// folded is text from a rule file with its line breaks and runs of spaces
// made single spaces, as a folded YAML block leaves them.
func folded(s string, _ bool) string { return strings.Join(strings.Fields(s), " ") }
