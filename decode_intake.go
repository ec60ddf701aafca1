package isotp

import "io"

// DecodeIntake reads a groups input file: {"start": date, "referrals":
// [{"id", "date_of_birth", "referred", "eligibility"}]}. Unknown fields,
// duplicate keys, malformed dates, unknown eligibility spellings, wrong JSON
// types, JSON syntax errors, trailing data, the problems Intake.Check finds
// (no start, a missing or duplicate id) and a file over the limits (more
// than MaxIntakeBytes, MaxReferrals referrals, an id longer than MaxIDLen)
// are errors; each is an *InputError naming the JSON path, and the last
// match ErrTooLarge too. It never reads more than MaxIntakeBytes and one
// read (8 KB) of r. A null or absent date of birth, referral date or
// eligibility stays unknown.
func DecodeIntake(r io.Reader) (*Intake, error) {
	rd := getReader(r, "file", MaxIntakeBytes)
	defer rd.release()
	return rd.decodeIntake()
}

// decodeIntake reads an intake and makes sure nothing follows it.
func (rd *reader) decodeIntake() (*Intake, error) {
	if _, ok := rd.tok.peek(); !ok {
		if err := rd.tok.stopped(); err != io.EOF {
			return nil, rd.syntax(err)
		}
		return nil, &InputError{Msg: "empty input: want a JSON object"}
	}
	t, err := rd.next()
	if err != nil {
		return nil, err
	}
	in := new(Intake)
	if err := rd.object(t, "an object with start and referrals", in.field); err != nil {
		return nil, err
	}
	if end, err := rd.tok.atEnd(); err != nil {
		return nil, rd.syntax(err)
	} else if !end {
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

func (in *Intake) field(r *reader, key string, t token) error {
	var err error
	switch key {
	case "start":
		in.Start, err = r.date(t)
	case "referrals":
		err = r.array(t, MaxReferrals, "referrals", func(i int, t token) error {
			in.Referrals = append(in.Referrals, Referral{})
			return r.object(t, "a referral object", in.Referrals[i].field)
		})
		if err == nil && t.kind != tokNull && in.Referrals == nil {
			in.Referrals = []Referral{}
		}
	default:
		return r.unknownField()
	}
	return err
}

func (ref *Referral) field(r *reader, key string, t token) error {
	var err error
	switch key {
	case "id":
		ref.ID, err = r.str(t, MaxIDLen)
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
