package rules

// A Helper documents one of the functions rule expressions may call, beyond
// CEL's standard library and string extensions.
type Helper struct {
	Signature string // as CEL declares it: age_at(date, date) -> int
	Doc       string
	Example   string
}

// Helpers lists the helper functions available to every expression. They
// are deterministic: none reads a clock.
func Helpers() []Helper {
	return []Helper{
		{"date(string) -> date", "The date written YYYY-MM-DD; an invalid date is an evaluation error.", "date('2005-04-04')"},
		{"string(date) -> string", "The date written YYYY-MM-DD.", "string(as_of)"},
		{"long_date(date) -> string", "The date as people write it in a letter or report: 3 March 2026.", "long_date(date('2026-03-03')) == '3 March 2026'"},
		{"<, <=, >, >=, ==, != on dates", "Dates compare in calendar order.", "o.date >= params.cja2003_commencement"},
		{"age_at(date, date) -> int", "Age in whole years, at the second date, of a person born on the first. Someone born on 29 February reaches each new age on 1 March in common years.", "age_at(offender.date_of_birth, as_of)"},
		{"months_between(date, date) -> int", "Whole calendar months from the first date to the second (negative when the second is earlier).", "months_between(order.start, as_of)"},
		{"days_between(date, date) -> int", "Days from the first date to the second.", "days_between(summary.first_session, as_of)"},
		{"add_days(date, int) -> date", "The date so many days later (earlier, when negative).", "add_days(as_of, -28)"},
		{"add_months(date, int) -> date", "The date so many calendar months later; when that month has no such day, the first day of the month after, so that a period of n months beginning with d ends the day before add_months(d, n).", "add_months(date('2024-02-29'), 12) == date('2025-03-01')"},
		{"add_working_days(date, int) -> date", "The date so many working days after the date, counting from the day after: Monday to Friday, excluding bank holidays in England and Wales and the area's closure days (the policy's calendar).", "add_working_days(failure, params.breach_within_working_days)"},
		{"weekday(date) -> int", "Day of the week, 0 for Sunday to 6 for Saturday.", "weekday(as_of) == 1"},
		{"longest_gap_days(list(date), date, date) -> int", "The longest gap in days between the dates in the list that fall in the window from the second argument to the third, the window's edges counting as dates.", "longest_gap_days(attendance.offender_manager_contacts, summary.first_session, as_of)"},
		{"longest_gap_start(list(date), date, date) -> date", "The day the longest such gap begins (the earliest, if several are as long).", "longest_gap_start(attendance.offender_manager_contacts, summary.first_session, as_of)"},
		{"in_catalogue(string) -> bool", "Whether an offence id, title, statute or alias names an offence in the catalogue (case and spacing ignored).", "offences.exists(o, in_catalogue(o.offence))"},
		{"catalogue_id(string) -> string", "The catalogue id an offence name stands for, or '' when it is not in the catalogue.", "catalogue_id(o.offence) == 'possess_indecent_photograph'"},
		{"offence_title(string) -> string", "The catalogue title of an offence name, or the name itself when it is not in the catalogue.", "offence_title(o.offence)"},
	}
}
