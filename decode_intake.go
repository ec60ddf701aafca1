package isotp

import (
	"io"

	"github.com/isotp-dev/isotp/internal/jsonread"
)

// intakeDoc is what DecodeIntake holds an intake file to.
var intakeDoc = jsonread.Doc{Name: "file", Bytes: MaxIntakeBytes, String: maxStringLen, Number: maxNumberLen, Key: MaxNameLen}

// DecodeIntake reads a groups input file: {"start": date, "referrals":
// [{"id", "date_of_birth", "referred", "eligibility"}]}. Unknown fields,
// duplicate keys, malformed dates, unknown eligibility spellings, wrong JSON
// types, JSON syntax errors, trailing data, the problems Intake.Check finds
// (no start, a missing or duplicate id) and a file over the limits (more
// than MaxIntakeBytes, MaxReferrals referrals, an id longer than MaxIDLen)
// are errors; each is an *InputError naming the JSON path, and the last
// match ErrTooLarge too. It never reads more than MaxIntakeBytes and one
// read (8 KB) of r. A null or absent date of birth, referral date or
// eligibility stays unknown. It is safe for concurrent use.
func DecodeIntake(r io.Reader) (*Intake, error) {
	rd := jsonread.Get(r, intakeDoc)
	defer rd.Release()
	in, err := decodeIntake(rd)
	return in, inputError(err)
}

// decodeIntake reads an intake and makes sure nothing follows it.
func decodeIntake(r *jsonread.Reader) (*Intake, error) {
	t, err := r.Document()
	if err == io.EOF {
		return nil, &InputError{Msg: "empty input: want a JSON object"}
	}
	if err != nil {
		return nil, err
	}
	in := new(Intake)
	if err := r.Object(t, "an object with start and referrals", in.field); err != nil {
		return nil, err
	}
	if end, err := r.End(); err != nil {
		return nil, err
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

// This is the intake file's field map (see casefields.go).

func (in *Intake) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "start":
		in.Start, err = readDate(r, t)
	case "referrals":
		err = r.Array(t, MaxReferrals, "referrals", func(i int, t jsonread.Token) error {
			in.Referrals = append(in.Referrals, Referral{})
			return r.Object(t, "a referral object", in.Referrals[i].field)
		})
		if err == nil && t.Kind != jsonread.Null && in.Referrals == nil {
			in.Referrals = []Referral{}
		}
	default:
		return r.UnknownField()
	}
	return err
}

func (ref *Referral) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "id":
		ref.ID, err = r.String(t, MaxIDLen)
	case "date_of_birth":
		ref.DateOfBirth, err = readDate(r, t)
	case "referred":
		ref.Referred, err = readDate(r, t)
	case "eligibility":
		err = r.Text(t, &ref.Eligibility)
	default:
		return r.UnknownField()
	}
	return err
}
