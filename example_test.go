package isotp_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/isotp-dev/isotp"
)

func ExampleDecodeCase() {
	c, err := isotp.DecodeCase(strings.NewReader(`{
		"as_of": "2026-11-27",
		"stage": "pre_sentence",
		"offender": {"sex": "male", "date_of_birth": null},
		"offences": [{"offence": "possess_indecent_photograph", "date": "2019-03-01"}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Stage, c.Offender.Sex, c.Offences[0].Date)
	fmt.Println("date of birth known:", !c.Offender.DateOfBirth.IsZero())
	fmt.Println("internet known:", c.Offences[0].Internet != nil)
	// Output:
	// pre_sentence male 2019-03-01
	// date of birth known: false
	// internet known: false
}

func ExampleDecodeCase_error() {
	_, err := isotp.DecodeCase(strings.NewReader(`{"attendance": {"sessions": [{"session": 1, "date": "2026-02-30", "outcome": "attended"}]}}`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, isotp.ErrInvalidInput))
	// Output:
	// attendance.sessions[0].date: invalid date: no such day in that month
	// true
}

func ExampleCaseDecoder() {
	caseload := `{"offender": {"id": "S1"}, "stage": "pre_sentence"}
{"offender": {"id": "S2", "sex": "mael"}, "stage": "post_sentence"}
{"offender": {"id": "S3"}, "stage": "post_sentence"}
{"offender": {"id": "S4" "stage": "post_sentence"}}
{"offender": {"id": "S5"}, "stage": "post_sentence"}
`
	dec := isotp.NewCaseDecoder(strings.NewReader(caseload))
	for line := 1; ; line++ {
		c, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Printf("line %d: %v\n", line, err) // a case in error; broken JSON ends the stream
			continue
		}
		fmt.Println(c.Offender.ID, c.Stage, dec.InputOffset())
	}
	// Output:
	// S1 pre_sentence 51
	// line 2: offender.sex: unknown sex "mael"
	// S3 post_sentence 172
	// line 4: offender: invalid JSON at byte 198: want ',' or '}' after an object member, got '"'
}

func ExampleDecodeIntake() {
	in, err := isotp.DecodeIntake(strings.NewReader(`{
		"start": "2026-03-02",
		"referrals": [
			{"id": "R1", "date_of_birth": "2006-05-01", "referred": "2026-01-05"},
			{"id": "R2", "date_of_birth": null, "referred": "2026-01-06", "eligibility": "eligible"}
		]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range in.Referrals {
		if r.DateOfBirth.IsZero() {
			fmt.Printf("%s: date of birth unknown, eligibility %q\n", r.ID, r.Eligibility)
			continue
		}
		fmt.Printf("%s: aged %d at the start, eligibility %q\n", r.ID, r.DateOfBirth.AgeAt(in.Start), r.Eligibility)
	}

	_, err = isotp.DecodeIntake(strings.NewReader(`{"start": "2026-03-02", "referrals": [{"id": "R1"}, {"id": "R1"}]}`))
	fmt.Println(err)
	// Output:
	// R1: aged 19 at the start, eligibility ""
	// R2: date of birth unknown, eligibility "eligible"
	// referrals[1].id: duplicate id: referrals[0] has the same id
}

func ExampleDate_AgeAt() {
	dob, _ := isotp.ParseDate("2008-02-29")
	for _, s := range []string{"2025-02-28", "2025-03-01", "2028-02-29"} {
		at, _ := isotp.ParseDate(s)
		fmt.Println(s, dob.AgeAt(at))
	}
	// Output:
	// 2025-02-28 16
	// 2025-03-01 17
	// 2028-02-29 20
}

// A text of one's own takes a date's words without a string made for them.
func ExampleDate_AppendLong() {
	commencement, _ := isotp.ParseDate("2005-04-04")
	b := []byte("in force since ")
	b = commencement.AppendLong(b)
	fmt.Println(string(append(b, '.')))
	// Output:
	// in force since 4 April 2005.
}

func ExampleDate_AddMonths() {
	warning, _ := isotp.ParseDate("2025-03-15")
	// The 12 months beginning with the warning end the day before this:
	fmt.Println(warning.AddMonths(12))
	leap, _ := isotp.ParseDate("2024-02-29")
	fmt.Println(leap.AddMonths(12))
	// Output:
	// 2026-03-15
	// 2025-03-01
}
