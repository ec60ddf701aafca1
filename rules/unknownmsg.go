package rules

import (
	"slices"
	"sync"
	"sync/atomic"
)

// unknownMessages keeps the messages a rule's unknown results were given,
// by the facts missing and what the message says of the possible results:
// a rule is unknown for the same few facts case after case, and its
// message is then the same. Safe for concurrent use: the list is read
// without a lock and replaced, never changed, under one.
type unknownMessages struct {
	list atomic.Pointer[[]unknownMessage]
	mu   sync.Mutex
}

// An unknownMessage is one message and what it was made from.
type unknownMessage struct {
	missing []string
	then    string
	msg     string
}

// maxUnknownMessages is the most messages kept for one rule; past it,
// messages are made each time.
const maxUnknownMessages = 16

// find returns the message kept for missing and then, if there is one.
func (u *unknownMessages) find(missing []string, then string) (string, bool) {
	if l := u.list.Load(); l != nil {
		for i := range *l {
			if m := &(*l)[i]; m.then == then && slices.Equal(m.missing, missing) {
				return m.msg, true
			}
		}
	}
	return "", false
}

// keep keeps msg for missing and then, while there is room.
func (u *unknownMessages) keep(missing []string, then, msg string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	var old []unknownMessage
	if l := u.list.Load(); l != nil {
		old = *l
	}
	if len(old) >= maxUnknownMessages {
		return
	}
	next := append(slices.Clip(old), unknownMessage{missing: slices.Clone(missing), then: then, msg: msg})
	u.list.Store(&next)
}
