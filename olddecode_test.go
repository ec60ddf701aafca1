package isotp

// This file keeps the case decoder as it was before the hand-written
// tokenizer (jsontok.go): the same field dispatch over encoding/json's
// Decoder.Token, with the same limits on lists, strings and numbers (not on
// the size of a document), checked once encoding/json has read each value.
// It is the oracle of FuzzTokenizerAgreesWithEncodingJSON and the "old" side
// of the decoding benchmarks; nothing else uses it.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// oldDecodeCase reads one case file in the JSON case format. Unknown fields,
// duplicate keys, unknown enum spellings, malformed dates, wrong JSON types
// and trailing data are errors; each is an *InputError naming the JSON path.
// Absent and null values stay unknown.
func oldDecodeCase(r io.Reader) (*Case, error) {
	d := oldNewCaseDecoder(r)
	c, err := d.Decode()
	if err == io.EOF {
		return nil, &InputError{Msg: "empty input: want a JSON object"}
	}
	if err != nil {
		return nil, err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, &InputError{Msg: "unexpected data after the case object"}
	}
	return c, nil
}

// A oldCaseDecoder reads a stream of case objects, such as a JSON Lines
// caseload. It is not safe for concurrent use.
type oldCaseDecoder struct {
	dec *json.Decoder
	r   oldReader
}

// oldNewCaseDecoder returns a decoder reading cases from r.
func oldNewCaseDecoder(r io.Reader) *oldCaseDecoder {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return &oldCaseDecoder{dec: dec, r: oldReader{dec: dec}}
}

// Decode reads the next case. It returns io.EOF, unwrapped, when the stream
// holds no more values; any other error is an *InputError.
func (d *oldCaseDecoder) Decode() (*Case, error) {
	d.r.path = d.r.path[:0]
	t, err := d.dec.Token()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, d.r.syntax(err)
	}
	c := new(Case)
	if err := d.r.object(t, "a case object", c.oldField); err != nil {
		return nil, err
	}
	return c, nil
}

// InputOffset returns the byte offset just after the last value read.
func (d *oldCaseDecoder) InputOffset() int64 { return d.dec.InputOffset() }

func (c *Case) oldField(r *oldReader, key string, t json.Token) error {
	var err error
	switch key {
	case "as_of":
		c.AsOf, err = r.date(t)
	case "stage":
		err = r.enum(t, &c.Stage)
	case "offender":
		if t != nil {
			c.Offender = new(Offender)
			err = r.object(t, "an object", c.Offender.oldField)
		}
	case "offences":
		err = r.array(t, MaxOffences, "offences", func(i int, t json.Token) error {
			c.Offences = append(c.Offences, Offence{})
			return r.object(t, "an offence object", c.Offences[i].oldField)
		})
		if err == nil && t != nil && c.Offences == nil {
			c.Offences = []Offence{}
		}
	case "order":
		if t != nil {
			c.Order = new(Order)
			err = r.object(t, "an object", c.Order.oldField)
		}
	case "attendance":
		if t != nil {
			c.Attendance = new(Attendance)
			err = r.object(t, "an object", c.Attendance.oldField)
		}
	case "assessment":
		if t != nil {
			c.Assessment = new(Assessment)
			err = r.object(t, "an object", c.Assessment.oldField)
		}
	default:
		return r.unknownField()
	}
	return err
}

func (o *Offender) oldField(r *oldReader, key string, t json.Token) error {
	var err error
	switch key {
	case "id":
		o.ID, err = r.str(t, MaxIDLen)
	case "sex":
		err = r.enum(t, &o.Sex)
	case "date_of_birth":
		o.DateOfBirth, err = r.date(t)
	case "risk_of_harm":
		err = r.enum(t, &o.RiskOfHarm)
	case "deviance":
		err = r.enum(t, &o.Deviance)
	default:
		return r.unknownField()
	}
	return err
}

func (o *Offence) oldField(r *oldReader, key string, t json.Token) error {
	var err error
	switch key {
	case "offence":
		o.Offence, err = r.str(t, MaxNameLen)
	case "date":
		o.Date, err = r.date(t)
	case "internet":
		o.Internet, err = r.boolean(t)
	default:
		return r.unknownField()
	}
	return err
}

func (o *Order) oldField(r *oldReader, key string, t json.Token) error {
	var err error
	switch key {
	case "type":
		err = r.enum(t, &o.Type)
	case "start":
		o.Start, err = r.date(t)
	case "supervision_months":
		o.SupervisionMonths, err = r.integer(t, 0)
	case "requirements":
		err = r.array(t, MaxRequirements, "requirements", func(i int, t json.Token) error {
			var req Requirement
			if err := r.enum(t, &req); err != nil {
				return err
			}
			if req == RequirementUnknown {
				return r.errorf("want a requirement, got null")
			}
			o.Requirements = append(o.Requirements, req)
			return nil
		})
		if err == nil && t != nil && o.Requirements == nil {
			o.Requirements = []Requirement{}
		}
	default:
		return r.unknownField()
	}
	return err
}

func (a *Attendance) oldField(r *oldReader, key string, t json.Token) error {
	switch key {
	case "sessions":
		err := r.array(t, MaxSessions, "session events", func(i int, t json.Token) error {
			a.Sessions = append(a.Sessions, SessionEvent{})
			ev := &a.Sessions[i]
			if err := r.object(t, "a session event object", ev.oldField); err != nil {
				return err
			}
			switch {
			case ev.Session == 0:
				return r.errorf("session: required")
			case ev.Date.IsZero():
				return r.errorf("date: required")
			case ev.Outcome == "":
				return r.errorf("outcome: required")
			}
			return nil
		})
		if err == nil && t != nil && a.Sessions == nil {
			a.Sessions = []SessionEvent{} // given, and empty: no sessions yet
		}
		return err
	case "warnings":
		return r.dates(t, MaxWarnings, "warnings", &a.Warnings)
	case "offender_manager_contacts":
		return r.dates(t, MaxContacts, "contacts", &a.OffenderManagerContacts)
	case "between_session_work":
		err := r.array(t, MaxWorkItems, "work items", func(i int, t json.Token) error {
			a.BetweenSessionWork = append(a.BetweenSessionWork, Work{})
			w := &a.BetweenSessionWork[i]
			if err := r.object(t, "an object", w.oldField); err != nil {
				return err
			}
			if w.Session == 0 {
				return r.errorf("session: required")
			}
			return nil
		})
		if err == nil && t != nil && a.BetweenSessionWork == nil {
			a.BetweenSessionWork = []Work{}
		}
		return err
	}
	return r.unknownField()
}

func (ev *SessionEvent) oldField(r *oldReader, key string, t json.Token) error {
	var err error
	switch key {
	case "session":
		var n *int
		if n, err = r.integer(t, 1); n != nil {
			ev.Session = *n
		}
	case "date":
		ev.Date, err = r.date(t)
	case "outcome":
		ev.Outcome, err = r.str(t, MaxNameLen)
	case "reason":
		ev.Reason, err = r.str(t, MaxTextLen)
	default:
		return r.unknownField()
	}
	return err
}

func (w *Work) oldField(r *oldReader, key string, t json.Token) error {
	var err error
	switch key {
	case "session":
		var n *int
		if n, err = r.integer(t, 1); n != nil {
			w.Session = *n
		}
	case "completed":
		w.Completed, err = r.boolean(t)
	default:
		return r.unknownField()
	}
	return err
}

func (a *Assessment) oldField(r *oldReader, key string, t json.Token) error {
	var s **Scores
	switch key {
	case "pre":
		s = &a.Pre
	case "post":
		s = &a.Post
	default:
		return r.unknownField()
	}
	if t == nil {
		return nil
	}
	*s = new(Scores)
	return r.object(t, "an object", (*s).oldField)
}

func (s *Scores) oldField(r *oldReader, key string, t json.Token) error {
	switch key {
	case "date":
		var err error
		s.Date, err = r.date(t)
		return err
	case "scores":
		if t == nil {
			return nil
		}
		s.Scores = map[string]float64{}
		return r.object(t, "an object of scale ids to scores", func(r *oldReader, scale string, t json.Token) error {
			if len(s.Scores) == MaxScores {
				return r.tooLarge("more than %d scores", MaxScores)
			}
			f, err := r.number(t)
			if err != nil || f == nil {
				return err
			}
			s.Scores[scale] = *f
			return nil
		})
	}
	return r.unknownField()
}

// oldReader decodes JSON tokens while keeping the path of the value being read,
// so that every error names where it happened.
type oldReader struct {
	dec  *json.Decoder
	path []string // "key" or "[i]"
}

// pathString writes the path as in attendance.sessions[3].outcome. Path
// elements are plain keys, indexes ("[3]") and other keys quoted in brackets
// (see oldKeyElem).
func (r *oldReader) pathString() string {
	var b strings.Builder
	for _, p := range r.path {
		switch {
		case strings.HasPrefix(p, "["):
			b.WriteString(p)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// oldKeyElem is the path element for an object key, as keyElem writes it.
func oldKeyElem(k string) string { return keyElem(k) }

func (r *oldReader) errorf(format string, args ...any) error {
	return &InputError{Path: r.pathString(), Msg: fmt.Sprintf(format, args...)}
}

func (r *oldReader) tooLarge(format string, args ...any) error {
	return &InputError{Path: r.pathString(), Msg: fmt.Sprintf(format, args...), Err: ErrTooLarge}
}

func (r *oldReader) unknownField() error { return r.errorf("unknown field") }

func (r *oldReader) syntax(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return r.errorf("invalid JSON at byte %d: %v", se.Offset, se)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return r.errorf("unexpected end of input")
	}
	return r.errorf("%v", err)
}

func (r *oldReader) next() (json.Token, error) {
	t, err := r.dec.Token()
	if err != nil {
		return nil, r.syntax(err)
	}
	return t, nil
}

// object reads an object whose opening token t has been read, calling field
// for each member with its first token. A null object is left to the caller
// (field functions test t == nil before calling object).
func (r *oldReader) object(t json.Token, want string, field func(r *oldReader, key string, t json.Token) error) error {
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return r.errorf("want %s, got %s", want, oldDescribe(t))
	}
	var seen []string
	for r.dec.More() {
		kt, err := r.next()
		if err != nil {
			return err
		}
		key := kt.(string) // the decoder guarantees object keys are strings
		if len(key) > MaxNameLen {
			return r.tooLarge("a key longer than %d bytes", MaxNameLen)
		}
		r.path = append(r.path, oldKeyElem(key))
		for _, s := range seen {
			if s == key {
				return r.errorf("duplicate key")
			}
		}
		seen = append(seen, key)
		vt, err := r.next()
		if err != nil {
			return err
		}
		if err := field(r, key, vt); err != nil {
			return err
		}
		r.path = r.path[:len(r.path)-1]
	}
	_, err := r.next() // '}'
	return err
}

// array reads an array of at most max items whose opening token t has been
// read; null leaves the slice nil (unknown).
func (r *oldReader) array(t json.Token, max int, items string, elem func(i int, t json.Token) error) error {
	if t == nil {
		return nil
	}
	if d, ok := t.(json.Delim); !ok || d != '[' {
		return r.errorf("want an array, got %s", oldDescribe(t))
	}
	for i := 0; r.dec.More(); i++ {
		r.path = append(r.path, "["+strconv.Itoa(i)+"]")
		if i == max {
			return r.tooLarge("more than %d %s", max, items)
		}
		et, err := r.next()
		if err != nil {
			return err
		}
		if err := elem(i, et); err != nil {
			return err
		}
		r.path = r.path[:len(r.path)-1]
	}
	_, err := r.next() // ']'
	return err
}

func (r *oldReader) str(t json.Token, max int) (string, error) {
	switch v := t.(type) {
	case nil:
		return "", nil
	case string:
		switch {
		case v == "":
			return "", r.errorf("want a non-empty string or null, got \"\"")
		case len(v) > max:
			return "", r.tooLarge("longer than %d bytes", max)
		}
		return v, nil
	}
	return "", r.errorf("want a string, got %s", oldDescribe(t))
}

func (r *oldReader) enum(t json.Token, v interface{ UnmarshalText([]byte) error }) error {
	switch s := t.(type) {
	case nil:
		return nil
	case string:
		if err := v.UnmarshalText([]byte(s)); err != nil {
			return r.errorf("%v", err)
		}
		return nil
	}
	return r.errorf("want a string, got %s", oldDescribe(t))
}

func (r *oldReader) date(t json.Token) (Date, error) {
	switch s := t.(type) {
	case nil:
		return Date{}, nil
	case string:
		d, err := parseDateText([]byte(s))
		if err != nil {
			return Date{}, r.errorf("%v", err)
		}
		return d, nil
	}
	return Date{}, r.errorf("want a date string YYYY-MM-DD, got %s", oldDescribe(t))
}

func (r *oldReader) dates(t json.Token, max int, items string, out *[]Date) error {
	err := r.array(t, max, items, func(i int, t json.Token) error {
		d, err := r.date(t)
		if err == nil && d.IsZero() {
			err = r.errorf("want a date string YYYY-MM-DD, got null")
		}
		*out = append(*out, d)
		return err
	})
	if err == nil && t != nil && *out == nil {
		*out = []Date{}
	}
	return err
}

func (r *oldReader) integer(t json.Token, min int) (*int, error) {
	switch v := t.(type) {
	case nil:
		return nil, nil
	case json.Number:
		if len(v) > maxNumberLen {
			return nil, r.tooLarge("a number longer than %d characters", maxNumberLen)
		}
		n, err := strconv.Atoi(string(v))
		if err != nil {
			return nil, r.errorf("want a whole number, got %s", numberShape([]byte(v)))
		}
		if n < min {
			return nil, r.errorf("want a whole number of at least %d, got %s", min, belowShape(n))
		}
		return &n, nil
	}
	return nil, r.errorf("want a whole number, got %s", oldDescribe(t))
}

func (r *oldReader) number(t json.Token) (*float64, error) {
	switch v := t.(type) {
	case nil:
		return nil, nil
	case json.Number:
		if len(v) > maxNumberLen {
			return nil, r.tooLarge("a number longer than %d characters", maxNumberLen)
		}
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil || math.IsInf(f, 0) {
			return nil, r.errorf("want a finite number, got one too large to hold")
		}
		return &f, nil
	}
	return nil, r.errorf("want a number, got %s", oldDescribe(t))
}

func (r *oldReader) boolean(t json.Token) (*bool, error) {
	switch v := t.(type) {
	case nil:
		return nil, nil
	case bool:
		return &v, nil
	}
	return nil, r.errorf("want true, false or null, got %s", oldDescribe(t))
}

// oldDescribe names the JSON type of a token for an error message, without
// quoting string contents (they may be personal data).
func oldDescribe(t json.Token) string {
	switch v := t.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "an array"
	}
	return fmt.Sprintf("%T", t)
}

// oldDecodeIntake reads a groups input file: {"start": date, "referrals":
// [{"id", "date_of_birth", "referred", "eligibility"}]}. Unknown fields,
// duplicate keys, malformed dates, unknown eligibility spellings, wrong JSON
// types, trailing data and the problems Intake.Check finds (no start, a
// missing or duplicate id) are errors; each is an *InputError naming the
// JSON path. A null or absent date of birth, referral date or eligibility
// stays unknown.
func oldDecodeIntake(r io.Reader) (*Intake, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	rd := &oldReader{dec: dec}
	t, err := dec.Token()
	if err == io.EOF {
		return nil, &InputError{Msg: "empty input: want a JSON object"}
	}
	if err != nil {
		return nil, rd.syntax(err)
	}
	in := new(Intake)
	if err := rd.object(t, "an object with start and referrals", in.oldField); err != nil {
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

func (in *Intake) oldField(r *oldReader, key string, t json.Token) error {
	var err error
	switch key {
	case "start":
		in.Start, err = r.date(t)
	case "referrals":
		err = r.array(t, MaxReferrals, "referrals", func(i int, t json.Token) error {
			in.Referrals = append(in.Referrals, Referral{})
			return r.object(t, "a referral object", in.Referrals[i].oldField)
		})
		if err == nil && t != nil && in.Referrals == nil {
			in.Referrals = []Referral{}
		}
	default:
		return r.unknownField()
	}
	return err
}

func (ref *Referral) oldField(r *oldReader, key string, t json.Token) error {
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
