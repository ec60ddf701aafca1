package attendance

import (
	"strconv"
	"sync"

	"github.com/isotp-dev/isotp"
)

// scratch is the memory a summary works in and gives back when it is
// made: room for its findings as they are found, its failures and its
// record's event keys, and a note to write the findings' messages in.
// Nothing a summary returns is in it, and the completion rules read the
// keys only while the summary is made (see record.give).
type scratch struct {
	findings []Finding // its own memory, empty: room for the usual few
	failures []event   // likewise
	keys     []uint64  // likewise, a record's keys (see record.give)
	note     note
}

// scratches holds the scratch of summaries made.
var scratches = sync.Pool{New: func() any {
	return &scratch{findings: make([]Finding, 0, 16), failures: make([]event, 0, 16), keys: make([]uint64, 0, 64), note: note{b: make([]byte, 0, 256)}}
}}

// getScratch returns a scratch to work in; give it back with release.
func getScratch() *scratch { return scratches.Get().(*scratch) }

// release gives sc back, holding no findings.
func (sc *scratch) release() {
	clear(sc.findings[:cap(sc.findings)])
	sc.note.b = sc.note.b[:0]
	scratches.Put(sc)
}

// A note writes a finding's message, in memory it keeps for the next: the
// message is made a string once, whole.
type note struct{ b []byte }

// str writes s.
func (n *note) str(s string) *note { n.b = append(n.b, s...); return n }

// num writes i in decimal, as strconv.Itoa does.
func (n *note) num(i int) *note { n.b = strconv.AppendInt(n.b, int64(i), 10); return n }

// day writes d as d.Long does: "4 April 2005", or "unknown".
func (n *note) day(d isotp.Date) *note { n.b = d.AppendLong(n.b); return n }

// done returns what was written, and starts the next message.
func (n *note) done() string {
	s := string(n.b)
	n.b = n.b[:0]
	return s
}
