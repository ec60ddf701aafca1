package isotp

import (
	"encoding/json"
	"io"
)

// DecodeIntake reads a groups input file: {"start": date, "referrals":
// [{"id", "date_of_birth", "referred", "eligibility"}]}. Unknown fields,
// duplicate keys, malformed dates, unknown eligibility spellings, wrong JSON
// types, trailing data and the problems Intake.Check finds (no start, a
// missing or duplicate id) are errors; each is an *InputError naming the
// JSON path. A null or absent date of birth, referral date or eligibility
// stays unknown.
func DecodeIntake(r io.Reader) (*Intake, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	rd := &reader{dec: dec}
	t, err := dec.Token()
	if err == io.EOF {
		return nil, &InputError{Msg: "empty input: want a JSON object"}
	}
	if err != nil {
		return nil, rd.syntax(err)
	}
	in := new(Intake)
	if err := rd.object(t, "an object with start and referrals", in.field); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &InputError{Msg: "unexpected data after the intake object"}
	}
	if in.Referrals == nil {
		return nil, &InputError{Path: "referrals", Msg: "required: want an array of referrals"}
	}
	if err := in.Check(); err != nil {
		return nil, err
	}
	return in, nil
}

func (in *Intake) field(r *reader, key string, t json.Token) error {
	var err error
	switch key {
	case "start":
		in.Start, err = r.date(t)
	case "referrals":
		err = r.array(t, func(i int, t json.Token) error {
			in.Referrals = append(in.Referrals, Referral{})
			return r.object(t, "a referral object", in.Referrals[i].field)
		})
		if err == nil && t != nil && in.Referrals == nil {
			in.Referrals = []Referral{}
		}
	default:
		return r.unknownField()
	}
	return err
}

func (ref *Referral) field(r *reader, key string, t json.Token) error {
	var err error
	switch key {
	case "id":
		ref.ID, err = r.str(t)
	case "date_of_birth":
		ref.DateOfBirth, err = r.date(t)
	case "referred":
		ref.Referred, err = r.date(t)
	case "eligibility":
		err = r.enum(t, &ref.Eligibility)
	default:
		return r.unknownField()
	}
	return err
}
