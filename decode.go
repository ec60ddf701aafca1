package isotp

import "io"

// DecodeCase reads one case file in the JSON case format. Unknown fields,
// duplicate keys, unknown enum spellings, malformed dates, wrong JSON types,
// JSON syntax errors, trailing data and a case over the limits (see
// MaxCaseBytes) are errors; each is an *InputError naming the JSON path,
// and the last match ErrTooLarge too. Absent and null values stay unknown.
// DecodeCase reads r to its end, to make sure nothing follows the case, but
// never more than MaxCaseBytes and one read (8 KB) of it, and it holds no
// more at a time than that read and the longest string a field may have. It
// is safe for concurrent use.
func DecodeCase(r io.Reader) (*Case, error) {
	d := getReader(r, "case", MaxCaseBytes)
	defer d.release()
	return d.decodeOnly()
}

// decodeOnly reads a case and makes sure nothing follows it.
func (r *reader) decodeOnly() (*Case, error) {
	c, err := r.decodeCase()
	if err == io.EOF {
		return nil, &InputError{Msg: "empty input: want a JSON object"}
	}
	if err != nil {
		return nil, err
	}
	if end, err := r.tok.atEnd(); err != nil {
		return nil, r.syntax(err)
	} else if !end {
		return nil, &InputError{Msg: "unexpected data after the case object"}
	}
	return c, nil
}

// A CaseDecoder reads a stream of case objects, such as a JSON Lines
// caseload: JSON values one after another, separated by white space or not
// at all. Each case is read as DecodeCase reads one, within the same limits:
// a case of more than MaxCaseBytes, or over any other limit, is an error for
// that case alone. It is not safe for concurrent use.
type CaseDecoder struct {
	r    reader
	err  error // io.EOF once the stream has ended
	skip bool  // the last case was in error: pass the rest of it first
}

// NewCaseDecoder returns a decoder reading cases from r.
func NewCaseDecoder(r io.Reader) *CaseDecoder {
	d := new(CaseDecoder)
	d.r.tok.reset(r, noLimit)
	return d
}

// Decode reads the next case. It returns io.EOF, unwrapped, when the stream
// holds no more values; any other error is an *InputError.
//
// An error in a case that is still JSON (an unknown field, a malformed
// date, a case over a limit) is that case's alone: the next call passes the
// rest of the case, however long, holding none of it, and reads the one
// after. An error in the JSON itself, or reading the stream, ends the
// stream, since the next case cannot be found in a broken one: Decode
// returns the error once and io.EOF after it. So a loop that reports each
// error and carries on until io.EOF reads every case that can be read.
func (d *CaseDecoder) Decode() (*Case, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.skip {
		d.skip = false
		if err := d.r.skip(); err != nil {
			d.err = io.EOF
			return nil, err
		}
	}
	d.r.tok.setLimit(noLimit) // white space between cases is not theirs
	if _, ok := d.r.tok.peek(); ok {
		d.r.tok.setLimit(d.r.tok.offset() + MaxCaseBytes)
	}
	d.r.start("case", MaxCaseBytes)
	c, err := d.r.decodeCase()
	switch {
	case err == nil:
	case err != io.EOF && !d.r.broken:
		d.skip = true
	default:
		d.err = io.EOF
	}
	return c, err
}

// InputOffset returns the byte offset just after the last value read.
func (d *CaseDecoder) InputOffset() int64 { return d.r.tok.offset() }

// decodeCase reads the next case, or returns io.EOF if there is none.
func (r *reader) decodeCase() (*Case, error) {
	if _, ok := r.tok.peek(); !ok {
		if err := r.tok.stopped(); err != io.EOF {
			return nil, r.syntax(err)
		}
		return nil, io.EOF
	}
	t, err := r.next()
	if err != nil {
		return nil, err
	}
	c := new(Case)
	if err := r.object(t, "a case object", c.field); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Case) field(r *reader, key string, t token) error {
	var err error
	switch key {
	case "as_of":
		c.AsOf, err = r.date(t)
	case "stage":
		err = r.enum(t, &c.Stage)
	case "offender":
		if t.kind != tokNull {
			c.Offender = new(Offender)
			err = r.object(t, "an object", c.Offender.field)
		}
	case "offences":
		c.Offences, err = gather(r, t, MaxOffences, "offences", func(t token) (o Offence, err error) {
			err = r.object(t, "an offence object", o.field)
			return o, err
		})
	case "order":
		if t.kind != tokNull {
			c.Order = new(Order)
			err = r.object(t, "an object", c.Order.field)
		}
	case "attendance":
		if t.kind != tokNull {
			c.Attendance = new(Attendance)
			err = r.object(t, "an object", c.Attendance.field)
		}
	case "assessment":
		if t.kind != tokNull {
			c.Assessment = new(Assessment)
			err = r.object(t, "an object", c.Assessment.field)
		}
	default:
		return r.unknownField()
	}
	return err
}

func (o *Offender) field(r *reader, key string, t token) error {
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

func (o *Offence) field(r *reader, key string, t token) error {
	var err error
	switch key {
	case "offence":
		o.Offence, err = r.name(t, MaxNameLen)
	case "date":
		o.Date, err = r.date(t)
	case "internet":
		o.Internet, err = r.boolean(t)
	default:
		return r.unknownField()
	}
	return err
}

func (o *Order) field(r *reader, key string, t token) error {
	var err error
	switch key {
	case "type":
		err = r.enum(t, &o.Type)
	case "start":
		o.Start, err = r.date(t)
	case "supervision_months":
		var n int
		if n, err = r.integer(t, 0); err == nil && t.kind != tokNull {
			o.SupervisionMonths = &n
		}
	case "requirements":
		o.Requirements, err = gather(r, t, MaxRequirements, "requirements", func(t token) (req Requirement, err error) {
			if err := r.enum(t, &req); err != nil {
				return req, err
			}
			if req == RequirementUnknown {
				return req, r.errorf("want a requirement, got null")
			}
			return req, nil
		})
	default:
		return r.unknownField()
	}
	return err
}

func (a *Attendance) field(r *reader, key string, t token) error {
	switch key {
	case "sessions":
		var err error // [] is given, and empty: no sessions yet
		a.Sessions, err = gather(r, t, MaxSessions, "session events", func(t token) (ev SessionEvent, err error) {
			if err := r.object(t, "a session event object", ev.field); err != nil {
				return ev, err
			}
			switch {
			case ev.Session == 0:
				return ev, r.errorf("session: required")
			case ev.Date.IsZero():
				return ev, r.errorf("date: required")
			case ev.Outcome == "":
				return ev, r.errorf("outcome: required")
			}
			return ev, nil
		})
		return err
	case "warnings":
		var err error
		a.Warnings, err = r.dates(t, MaxWarnings, "warnings")
		return err
	case "offender_manager_contacts":
		var err error
		a.OffenderManagerContacts, err = r.dates(t, MaxContacts, "contacts")
		return err
	case "between_session_work":
		var err error
		a.BetweenSessionWork, err = gather(r, t, MaxWorkItems, "work items", func(t token) (w Work, err error) {
			if err := r.object(t, "an object", w.field); err != nil {
				return w, err
			}
			if w.Session == 0 {
				return w, r.errorf("session: required")
			}
			return w, nil
		})
		return err
	}
	return r.unknownField()
}

func (ev *SessionEvent) field(r *reader, key string, t token) error {
	var err error
	switch key {
	case "session":
		ev.Session, err = r.integer(t, 1)
	case "date":
		ev.Date, err = r.date(t)
	case "outcome":
		ev.Outcome, err = r.name(t, MaxNameLen)
	case "reason":
		ev.Reason, err = r.str(t, MaxTextLen)
	default:
		return r.unknownField()
	}
	return err
}

func (w *Work) field(r *reader, key string, t token) error {
	var err error
	switch key {
	case "session":
		w.Session, err = r.integer(t, 1)
	case "completed":
		w.Completed, err = r.boolean(t)
	default:
		return r.unknownField()
	}
	return err
}

func (a *Assessment) field(r *reader, key string, t token) error {
	var s **Scores
	switch key {
	case "pre":
		s = &a.Pre
	case "post":
		s = &a.Post
	default:
		return r.unknownField()
	}
	if t.kind == tokNull {
		return nil
	}
	*s = new(Scores)
	return r.object(t, "an object", (*s).field)
}

func (s *Scores) field(r *reader, key string, t token) error {
	switch key {
	case "date":
		var err error
		s.Date, err = r.date(t)
		return err
	case "scores":
		if t.kind == tokNull {
			return nil
		}
		type score struct {
			scale string
			f     float64
		}
		var buf [16]score
		got := buf[:0]
		err := r.object(t, "an object of scale ids to scores", func(r *reader, scale string, t token) error {
			if len(got) == MaxScores {
				return r.tooMany(MaxScores, "scores")
			}
			f, err := r.number(t)
			if err == nil && t.kind != tokNull {
				got = append(got, score{scale, f})
			}
			return err
		})
		if err != nil {
			return err
		}
		s.Scores = make(map[string]float64, len(got)) // object refuses duplicate scales
		for _, sc := range got {
			s.Scores[sc.scale] = sc.f
		}
		return nil
	}
	return r.unknownField()
}
