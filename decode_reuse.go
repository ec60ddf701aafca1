package isotp

import (
	"io"

	"github.com/isotp-dev/isotp/internal/jsonread"
)

// A ReusingDecoder decodes case files one at a time, as DecodeCase does,
// each in the memory of the one before: the case, the objects it points
// to, its lists and its maps of scores. A caller that decodes many cases
// and keeps none past the next, such as a what-if run over a caseload,
// then allocates little more than the cases' texts. The case Decode
// returns is valid only until the next Decode, which overwrites it; the
// strings it holds stay valid. The zero ReusingDecoder is ready to use. It
// is not safe for concurrent use.
type ReusingDecoder struct {
	r   jsonread.Reader
	mem caseMem
}

// Decode reads one case file from r, as DecodeCase does, within the same
// limits and with the same errors.
func (d *ReusingDecoder) Decode(r io.Reader) (*Case, error) {
	d.r.Reset(r, caseDoc)
	d.r.Mem = &d.mem
	defer d.r.Idle() // r is not held
	return decodeOne(&d.r)
}

// caseMem is the memory a ReusingDecoder decodes each case into.
type caseMem struct {
	c          Case
	offender   Offender
	order      Order
	months     int
	attendance Attendance
	assessment Assessment
	scores     [2]Scores // pre and post, in the order read
	maps       [2]map[string]float64
	nScores    int // scores handed out
	nMaps      int // maps handed out

	offences     []Offence
	requirements []Requirement
	sessions     []SessionEvent
	warnings     []Date
	contacts     []Date
	work         []Work
}

// memOf returns the memory r reads a case into, or nil for new memory.
func memOf(r *jsonread.Reader) *caseMem {
	m, _ := r.Mem.(*caseMem)
	return m
}

// The methods of caseMem hand out its memory, zeroed; on a nil caseMem,
// new memory.

func (m *caseMem) newCase() *Case {
	if m == nil {
		return new(Case)
	}
	m.c, m.nScores, m.nMaps = Case{}, 0, 0
	return &m.c
}

func (m *caseMem) newOffender() *Offender {
	if m == nil {
		return new(Offender)
	}
	m.offender = Offender{}
	return &m.offender
}

func (m *caseMem) newOrder() *Order {
	if m == nil {
		return new(Order)
	}
	m.order = Order{}
	return &m.order
}

func (m *caseMem) newMonths(n int) *int {
	if m == nil {
		return &n
	}
	m.months = n
	return &m.months
}

func (m *caseMem) newAttendance() *Attendance {
	if m == nil {
		return new(Attendance)
	}
	m.attendance = Attendance{}
	return &m.attendance
}

func (m *caseMem) newAssessment() *Assessment {
	if m == nil {
		return new(Assessment)
	}
	m.assessment = Assessment{}
	return &m.assessment
}

func (m *caseMem) newScores() *Scores {
	if m == nil || m.nScores == len(m.scores) {
		return new(Scores)
	}
	s := &m.scores[m.nScores]
	m.nScores++
	*s = Scores{}
	return s
}

// newScoreMap returns an empty map with room for n scores.
func (m *caseMem) newScoreMap(n int) map[string]float64 {
	if m == nil || m.nMaps == len(m.maps) {
		return make(map[string]float64, n)
	}
	k := m.nMaps
	m.nMaps++
	if m.maps[k] == nil {
		m.maps[k] = make(map[string]float64, n)
	}
	clear(m.maps[k])
	return m.maps[k]
}

// The lists' memory, or nil for new memory (see jsonread.GatherInto).

func (m *caseMem) offenceList() *[]Offence {
	if m == nil {
		return nil
	}
	return &m.offences
}

func (m *caseMem) requirementList() *[]Requirement {
	if m == nil {
		return nil
	}
	return &m.requirements
}

func (m *caseMem) sessionList() *[]SessionEvent {
	if m == nil {
		return nil
	}
	return &m.sessions
}

func (m *caseMem) warningList() *[]Date {
	if m == nil {
		return nil
	}
	return &m.warnings
}

func (m *caseMem) contactList() *[]Date {
	if m == nil {
		return nil
	}
	return &m.contacts
}

func (m *caseMem) workList() *[]Work {
	if m == nil {
		return nil
	}
	return &m.work
}
