package eligibility

import (
	"maps"
	"sync"
	"sync/atomic"

	"github.com/isotp-dev/isotp/rules"
)

// Offence names made once. Cases name their offences from a few: the
// catalogue's ids, aliases and titles, and the ids of other offences. The
// rules read each offence's name as a CEL string, which, made afresh, is an
// allocation for every offence of every case; the values of the first few
// names seen are kept and given again.

// offenceNames holds the values of the offence names cases have given.
var offenceNames nameValues

// A nameValues holds the values of the first names it is asked for, up to
// mostNames of them. Its zero value is empty and ready; it is safe for
// concurrent use.
type nameValues struct {
	known atomic.Pointer[map[string]rules.Value] // replaced, never changed
	mu    sync.Mutex                             // held to replace known
}

const (
	mostNames   = 256 // the most names kept
	longestName = 128 // the longest name kept, in bytes
)

// value returns rules.String(s), the one kept when s has been asked for
// before.
func (n *nameValues) value(s string) rules.Value {
	m := n.known.Load()
	if m != nil {
		if v, ok := (*m)[s]; ok {
			return v
		}
	}
	v := rules.String(s)
	if s != "" && len(s) <= longestName && (m == nil || len(*m) < mostNames) {
		n.keep(s, v)
	}
	return v
}

// keep adds s and its value to those kept, while there is room.
func (n *nameValues) keep(s string, v rules.Value) {
	n.mu.Lock()
	defer n.mu.Unlock()
	m := map[string]rules.Value{}
	if old := n.known.Load(); old != nil {
		if _, ok := (*old)[s]; ok || len(*old) >= mostNames {
			return
		}
		m = maps.Clone(*old)
	}
	m[s] = v
	n.known.Store(&m)
}
