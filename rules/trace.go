package rules

import (
	"slices"
	"sync"
)

// A trace records what Go code reads of a policy: parameters by name, and
// tables. The test that holds each decision's Spec true loads a policy with
// one and compares what the decision read with what its Spec declares;
// every other policy has none, and recording costs a nil check.
type trace struct {
	mu     sync.Mutex
	params map[string]bool
	tables map[Table]bool
}

// param records a read of parameter name.
func (t *trace) param(name string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.params == nil {
		t.params = map[string]bool{}
	}
	t.params[name] = true
}

// table records a read of table tb.
func (t *trace) table(tb Table) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tables == nil {
		t.tables = map[Table]bool{}
	}
	t.tables[tb] = true
}

// take returns what has been read since the last take, sorted, and forgets
// it.
func (t *trace) take() (params []string, tables []Table) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for p := range t.params {
		params = append(params, p)
	}
	for tb := range t.tables {
		tables = append(tables, tb)
	}
	slices.Sort(params)
	slices.Sort(tables)
	t.params, t.tables = nil, nil
	return params, tables
}
