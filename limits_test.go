package isotp_test

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// list writes n items, item(i) for each, separated by commas.
func list(n int, item func(i int) string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(item(i))
	}
	return b.String()
}

func same(s string) func(int) string { return func(int) string { return s } }

// padded returns the case {"offender": {"id": "S1"}} written in exactly n
// bytes, with white space before its closing brace.
func padded(n int) string {
	const head, tail = `{"offender": {"id": "S1"}`, `}`
	return head + strings.Repeat(" ", n-len(head)-len(tail)) + tail
}

// wantTooLarge fails t unless err is an *InputError matching ErrTooLarge and
// ErrInvalidInput at path.
func wantTooLarge(t *testing.T, err error, path string) {
	t.Helper()
	require.ErrorIs(t, err, isotp.ErrTooLarge)
	require.Equal(t, path, wantInputError(t, err).Path, "the path of %v", err)
}

// TestLimits decodes documents at each limit, which must decode, and one
// past it, which must be an error matching ErrTooLarge at the path of the
// first value past the limit.
func TestLimits(t *testing.T) {
	tests := []struct {
		name   string
		max    int
		doc    func(n int) string // a document with n items, or an n-byte value, or of n bytes
		path   string             // of the error with max+1
		intake bool               // the document is an intake file
	}{
		{"offences", isotp.MaxOffences, func(n int) string {
			return `{"offences": [` + list(n, same(`{"offence": "x"}`)) + `]}`
		}, "offences[100]", false},
		{"requirements", isotp.MaxRequirements, func(n int) string {
			return `{"order": {"requirements": [` + list(n, same(`"programme"`)) + `]}}`
		}, "order.requirements[10]", false},
		{"sessions", isotp.MaxSessions, func(n int) string {
			return `{"attendance": {"sessions": [` + list(n, same(`{"session": 1, "date": "2026-01-05", "outcome": "attended"}`)) + `]}}`
		}, "attendance.sessions[500]", false},
		{"warnings", isotp.MaxWarnings, func(n int) string {
			return `{"attendance": {"warnings": [` + list(n, same(`"2026-01-05"`)) + `]}}`
		}, "attendance.warnings[100]", false},
		{"contacts", isotp.MaxContacts, func(n int) string {
			return `{"attendance": {"offender_manager_contacts": [` + list(n, same(`"2026-01-05"`)) + `]}}`
		}, "attendance.offender_manager_contacts[1000]", false},
		{"work items", isotp.MaxWorkItems, func(n int) string {
			return `{"attendance": {"between_session_work": [` + list(n, same(`{"session": 1, "completed": true}`)) + `]}}`
		}, "attendance.between_session_work[500]", false},
		{"scores", isotp.MaxScores, func(n int) string {
			return `{"assessment": {"post": {"scores": {` + list(n, func(i int) string { return fmt.Sprintf(`"s%d": 1`, i) }) + `}}}}`
		}, "assessment.post.scores.s100", false},
		{"offender id", isotp.MaxIDLen, func(n int) string {
			return `{"offender": {"id": "` + strings.Repeat("a", n) + `"}}`
		}, "offender.id", false},
		{"offender id in two-byte characters", isotp.MaxIDLen / 2, func(n int) string {
			return `{"offender": {"id": "` + strings.Repeat("é", n) + `"}}`
		}, "offender.id", false},
		{"offender id in escapes", isotp.MaxIDLen, func(n int) string {
			return `{"offender": {"id": "` + strings.Repeat(`\u0061`, n) + `"}}`
		}, "offender.id", false},
		{"offence", isotp.MaxNameLen, func(n int) string {
			return `{"offences": [{"offence": "` + strings.Repeat("a", n) + `"}]}`
		}, "offences[0].offence", false},
		{"outcome", isotp.MaxNameLen, func(n int) string {
			return `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "` + strings.Repeat("a", n) + `"}]}}`
		}, "attendance.sessions[0].outcome", false},
		{"reason", isotp.MaxTextLen, func(n int) string {
			return `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "attended", "reason": "` + strings.Repeat("a", n) + `"}]}}`
		}, "attendance.sessions[0].reason", false},
		{"scale id", isotp.MaxNameLen, func(n int) string {
			return `{"assessment": {"pre": {"scores": {"` + strings.Repeat("a", n) + `": 1}}}}`
		}, "assessment.pre.scores", false},
		{"number", isotp.MaxNumberLen, func(n int) string {
			return `{"assessment": {"pre": {"scores": {"s": 1` + strings.Repeat("0", n-1) + `}}}}`
		}, "assessment.pre.scores.s", false},
		{"case size", isotp.MaxCaseBytes, padded, "", false},
		{"case size with white space after it", isotp.MaxCaseBytes, func(n int) string {
			return `{}` + strings.Repeat("\n", n-2)
		}, "", false},
		{"referrals", isotp.MaxReferrals, func(n int) string {
			return `{"start": "2026-03-02", "referrals": [` + list(n, func(i int) string { return fmt.Sprintf(`{"id": "R%d"}`, i) }) + `]}`
		}, "referrals[10000]", true},
		{"referral id", isotp.MaxIDLen, func(n int) string {
			return `{"start": "2026-03-02", "referrals": [{"id": "` + strings.Repeat("a", n) + `"}]}`
		}, "referrals[0].id", true},
		{"intake size", isotp.MaxIntakeBytes, func(n int) string {
			const head = `{"start": "2026-03-02", "referrals": []`
			return head + strings.Repeat(" ", n-len(head)-1) + "}"
		}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			decode := func(doc string) error {
				if tt.intake {
					_, err := isotp.DecodeIntake(strings.NewReader(doc))
					return err
				}
				_, err := isotp.DecodeCase(strings.NewReader(doc))
				return err
			}
			require.NoError(t, decode(tt.doc(tt.max)), "at the limit")
			wantTooLarge(t, decode(tt.doc(tt.max+1)), tt.path)
		})
	}
}

// TestIntakeCheckLimits checks that Check holds an intake built in Go to
// the limits DecodeIntake holds a file to.
func TestIntakeCheckLimits(t *testing.T) {
	start := isotp.NewDate(2026, 3, 2)
	many := make([]isotp.Referral, isotp.MaxReferrals+1)
	for i := range many {
		many[i].ID = fmt.Sprint("R", i)
	}
	tests := []struct {
		name string
		in   isotp.Intake
		path string
	}{
		{"referrals", isotp.Intake{Start: start, Referrals: many}, "referrals[10000]"},
		{"id", isotp.Intake{Start: start, Referrals: []isotp.Referral{{ID: "R1"}, {ID: strings.Repeat("a", isotp.MaxIDLen+1)}}}, "referrals[1].id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantTooLarge(t, tt.in.Check(), tt.path)
		})
	}
	at := isotp.Intake{Start: start, Referrals: many[:isotp.MaxReferrals]}
	at.Referrals[0].ID = strings.Repeat("a", isotp.MaxIDLen)
	require.NoError(t, at.Check(), "at the limits")
}

// A lazyDoc is a document of head, then body over and over, then tail,
// made as it is read, so that a test can give a decoder a document far
// larger than it would want to hold. It counts the bytes read.
type lazyDoc struct {
	head, body, tail string
	times            int // how many bodies
	read             int64
	part, i, off     int // the part being read (0 head, 1 body, 2 tail), the body, the offset in the part
}

func (d *lazyDoc) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		var s string
		switch d.part {
		case 0:
			s = d.head
		case 1:
			if d.i == d.times {
				d.part++
				continue
			}
			s = d.body
		case 2:
			s = d.tail
		default:
			d.read += int64(n)
			return n, io.EOF
		}
		k := copy(p[n:], s[d.off:])
		n += k
		if d.off += k; d.off == len(s) {
			d.off = 0
			if d.part == 1 {
				d.i++
			} else {
				d.part++
			}
		}
	}
	d.read += int64(n)
	return n, nil
}

func (d *lazyDoc) size() int64 {
	return int64(len(d.head)) + int64(d.times)*int64(len(d.body)) + int64(len(d.tail))
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHugeDocumentsRefusedEarly reads a case of 1,000,000 session events
// and a case with a 100 MB offender.id, each made as it is read: DecodeCase
// must refuse each at its limit having read and allocated little of it, and
// a CaseDecoder must pass the rest of it, allocating as little, and read
// the case after it.
func TestHugeDocumentsRefusedEarly(t *testing.T) {
	const next = "\n" + `{"offender": {"id": "next"}}`
	tests := []struct {
		name     string
		doc      func() *lazyDoc
		path     string
		maxRead  int64  // bytes DecodeCase may read
		maxAlloc uint64 // bytes DecodeCase may allocate
	}{
		{
			name: "1,000,000 sessions",
			doc: func() *lazyDoc {
				return &lazyDoc{head: `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "attended"}`,
					body: `, {"session": 2, "date": "2026-01-12", "outcome": "attended", "reason": "x"}`, times: 999_999, tail: `]}}` + next}
			},
			path:     "attendance.sessions[500]",
			maxRead:  64 << 10,  // 500 sessions and a read
			maxAlloc: 256 << 10, // 500 sessions of 64 bytes, gathered in a growing slice and copied once
		},
		{
			name: "a 100 MB offender.id",
			doc: func() *lazyDoc {
				return &lazyDoc{head: `{"offender": {"id": "`, body: strings.Repeat("0123456789", 100), times: 100_000, tail: `"}}` + next}
			},
			path:     "offender.id",
			maxRead:  16 << 10,
			maxAlloc: 16 << 10,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.doc()
			var err error
			alloc := allocated(func() { _, err = isotp.DecodeCase(doc) })
			wantTooLarge(t, err, tt.path)
			t.Logf("DecodeCase read %d bytes of %d and allocated %d bytes", doc.read, doc.size(), alloc)
			if doc.read > tt.maxRead {
				t.Errorf("DecodeCase read %d bytes of %d, want at most %d", doc.read, doc.size(), tt.maxRead)
			}
			if alloc > tt.maxAlloc {
				t.Errorf("DecodeCase allocated %d bytes, want at most %d", alloc, tt.maxAlloc)
			}

			doc = tt.doc()
			dec := isotp.NewCaseDecoder(doc)
			_, err = dec.Decode()
			wantTooLarge(t, err, tt.path)
			var c *isotp.Case
			alloc = allocated(func() { c, err = dec.Decode() })
			require.NoError(t, err, "the case after")
			if c.Offender == nil || c.Offender.ID != "next" {
				t.Errorf("the case after: %+v, want offender next", c)
			}
			t.Logf("CaseDecoder passed the rest allocating %d bytes", alloc)
			if doc.read != doc.size() {
				t.Errorf("CaseDecoder read %d bytes of %d", doc.read, doc.size())
			}
			if alloc > 16<<10 {
				t.Errorf("CaseDecoder allocated %d bytes passing the rest of the case, want at most 16 KB", alloc)
			}
		})
	}
}

// TestDecodeCaseReadsNoMoreThanItsLimit checks that DecodeCase stops
// reading an endless input at MaxCaseBytes and one read.
func TestDecodeCaseReadsNoMoreThanItsLimit(t *testing.T) {
	doc := &lazyDoc{head: `{"offender": {"id": "S1"}`, body: " ", times: 1 << 40}
	_, err := isotp.DecodeCase(doc)
	wantTooLarge(t, err, "")
	if doc.read > isotp.MaxCaseBytes+8<<10 {
		t.Errorf("read %d bytes, want at most MaxCaseBytes and one 8 KB read", doc.read)
	}
	in := &lazyDoc{head: `{"start": "2026-03-02", "referrals": [`, body: `{"id": "R"}, `, times: 1 << 40}
	_, err = isotp.DecodeIntake(in)
	wantTooLarge(t, err, "referrals[10000]")
	if in.read > 1<<20 {
		t.Errorf("DecodeIntake read %d bytes, want the first 10,000 referrals and one read", in.read)
	}
}
