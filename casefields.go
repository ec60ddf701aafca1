package isotp

import "github.com/isotp-dev/isotp/internal/jsonread"

// This file is the case format's field map: which JSON key goes to which
// field of a Case, with the limits of each field and the wording of the
// errors about it. Each type's field function reads one member of its
// object; jsonread.Reader walks the document and holds the path.

func (c *Case) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "as_of":
		c.AsOf, err = readDate(r, t)
	case "stage":
		err = r.Text(t, &c.Stage)
	case "offender":
		if t.Kind != jsonread.Null {
			c.Offender = memOf(r).newOffender()
			err = r.Object(t, "an object", c.Offender.field)
		}
	case "offences":
		c.Offences, err = jsonread.GatherInto(memOf(r).offenceList(), r, t, MaxOffences, "offences", func(t jsonread.Token) (o Offence, err error) {
			err = r.Object(t, "an offence object", o.field)
			return o, err
		})
	case "order":
		if t.Kind != jsonread.Null {
			c.Order = memOf(r).newOrder()
			err = r.Object(t, "an object", c.Order.field)
		}
	case "attendance":
		if t.Kind != jsonread.Null {
			c.Attendance = memOf(r).newAttendance()
			err = r.Object(t, "an object", c.Attendance.field)
		}
	case "assessment":
		if t.Kind != jsonread.Null {
			c.Assessment = memOf(r).newAssessment()
			err = r.Object(t, "an object", c.Assessment.field)
		}
	default:
		return r.UnknownField()
	}
	return err
}

func (o *Offender) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "id":
		o.ID, err = r.String(t, MaxIDLen)
	case "sex":
		err = r.Text(t, &o.Sex)
	case "date_of_birth":
		o.DateOfBirth, err = readDate(r, t)
	case "risk_of_harm":
		err = r.Text(t, &o.RiskOfHarm)
	case "deviance":
		err = r.Text(t, &o.Deviance)
	default:
		return r.UnknownField()
	}
	return err
}

func (o *Offence) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "offence":
		o.Offence, err = r.Name(t, MaxNameLen)
	case "date":
		o.Date, err = readDate(r, t)
	case "internet":
		o.Internet, err = r.Bool(t)
	default:
		return r.UnknownField()
	}
	return err
}

func (o *Order) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "type":
		err = r.Text(t, &o.Type)
	case "start":
		o.Start, err = readDate(r, t)
	case "supervision_months":
		var n int
		if n, err = r.Int(t, 0); err == nil && t.Kind != jsonread.Null {
			o.SupervisionMonths = memOf(r).newMonths(n)
		}
	case "requirements":
		o.Requirements, err = jsonread.GatherInto(memOf(r).requirementList(), r, t, MaxRequirements, "requirements", func(t jsonread.Token) (req Requirement, err error) {
			if err := r.Text(t, &req); err != nil {
				return req, err
			}
			if req == RequirementUnknown {
				return req, r.Errorf("want a requirement, got null")
			}
			return req, nil
		})
	default:
		return r.UnknownField()
	}
	return err
}

func (a *Attendance) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	switch key {
	case "sessions":
		var err error // [] is given, and empty: no sessions yet
		a.Sessions, err = jsonread.GatherInto(memOf(r).sessionList(), r, t, MaxSessions, "session events", func(t jsonread.Token) (ev SessionEvent, err error) {
			if err := r.Object(t, "a session event object", ev.field); err != nil {
				return ev, err
			}
			switch {
			case ev.Session == 0:
				return ev, r.Errorf("session: required")
			case ev.Date.IsZero():
				return ev, r.Errorf("date: required")
			case ev.Outcome == "":
				return ev, r.Errorf("outcome: required")
			}
			return ev, nil
		})
		return err
	case "warnings":
		var err error
		a.Warnings, err = readDates(memOf(r).warningList(), r, t, MaxWarnings, "warnings")
		return err
	case "offender_manager_contacts":
		var err error
		a.OffenderManagerContacts, err = readDates(memOf(r).contactList(), r, t, MaxContacts, "contacts")
		return err
	case "between_session_work":
		var err error
		a.BetweenSessionWork, err = jsonread.GatherInto(memOf(r).workList(), r, t, MaxWorkItems, "work items", func(t jsonread.Token) (w Work, err error) {
			if err := r.Object(t, "an object", w.field); err != nil {
				return w, err
			}
			if w.Session == 0 {
				return w, r.Errorf("session: required")
			}
			return w, nil
		})
		return err
	}
	return r.UnknownField()
}

func (ev *SessionEvent) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "session":
		ev.Session, err = r.Int(t, 1)
	case "date":
		ev.Date, err = readDate(r, t)
	case "outcome":
		ev.Outcome, err = r.Name(t, MaxNameLen)
	case "reason":
		ev.Reason, err = r.String(t, MaxTextLen)
	default:
		return r.UnknownField()
	}
	return err
}

func (w *Work) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var err error
	switch key {
	case "session":
		w.Session, err = r.Int(t, 1)
	case "completed":
		w.Completed, err = r.Bool(t)
	default:
		return r.UnknownField()
	}
	return err
}

func (a *Assessment) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	var s **Scores
	switch key {
	case "pre":
		s = &a.Pre
	case "post":
		s = &a.Post
	default:
		return r.UnknownField()
	}
	if t.Kind == jsonread.Null {
		return nil
	}
	*s = memOf(r).newScores()
	return r.Object(t, "an object", (*s).field)
}

func (s *Scores) field(r *jsonread.Reader, key string, t jsonread.Token) error {
	switch key {
	case "date":
		var err error
		s.Date, err = readDate(r, t)
		return err
	case "scores":
		if t.Kind == jsonread.Null {
			return nil
		}
		type score struct {
			scale string
			f     float64
		}
		var buf [16]score
		got := buf[:0]
		err := r.Object(t, "an object of scale ids to scores", func(r *jsonread.Reader, scale string, t jsonread.Token) error {
			if len(got) == MaxScores {
				return r.TooMany(MaxScores, "scores")
			}
			f, err := r.Float(t)
			if err == nil && t.Kind != jsonread.Null {
				got = append(got, score{scale, f})
			}
			return err
		})
		if err != nil {
			return err
		}
		s.Scores = memOf(r).newScoreMap(len(got)) // object refuses duplicate scales
		for _, sc := range got {
			s.Scores[sc.scale] = sc.f
		}
		return nil
	}
	return r.UnknownField()
}
