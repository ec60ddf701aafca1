package rules

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// TestUnknownMessagesKept: a message is found again for the same missing
// facts and the same word on the possible results, not for others; no
// more than maxUnknownMessages are kept; and it is safe for concurrent use.
func TestUnknownMessagesKept(t *testing.T) {
	var u unknownMessages
	_, ok := u.find([]string{"stage"}, "")
	require.False(t, ok)
	missing := []string{"stage"}
	u.keep(missing, "", "one")
	missing[0] = "changed" // the kept facts are its own
	got, ok := u.find([]string{"stage"}, "")
	require.True(t, ok)
	require.Equal(t, "one", got)
	_, ok = u.find([]string{"stage"}, "met or does not apply.")
	require.False(t, ok, "found for other possible results")
	_, ok = u.find([]string{"stage", "order"}, "")
	require.False(t, ok, "found for other facts")
	_, ok = u.find(nil, "")
	require.False(t, ok, "found for no facts")

	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				path := []string{fmt.Sprintf("f%d", (g*10+i)%20)}
				if msg, ok := u.find(path, ""); ok && msg != path[0] {
					t.Errorf("%s: found %q", path[0], msg)
				}
				u.keep(path, "", path[0])
			}
		}()
	}
	wg.Wait()
	require.LessOrEqual(t, len(*u.list.Load()), maxUnknownMessages)
}

// TestUnknownMessageMadeOnce: the same rule unknown for the same facts in
// two evaluations has its message made once, and it is the message made
// without keeping it.
func TestUnknownMessageMadeOnce(t *testing.T) {
	policy := "name: t\nversion: \"1\"\neligibility:\n  rules:\n" +
		"    - id: named\n      description: He must be named.\n      expression: \"item.name != ''\"\n      effect: ineligible\n"
	pol, err := Load(Dir(fstest.MapFS{"p/a.yaml": &fstest.MapFile{Data: []byte(policy)}}, "p"))
	require.NoError(t, err)
	in := &Var{Name: "item", Type: recycleObject.Type()}
	rs, err := pol.Compile(Section{Name: "eligibility", Inputs: []*Var{in}, Effects: []string{"ineligible"}})
	require.NoError(t, err)
	var first string
	for range 2 {
		ev, err := rs.Evaluate(context.Background(), []Binding{in.Bind(ObjectValue(recycleObject, &recycleItem{}))})
		require.NoError(t, err)
		res := &ev.Results[0]
		require.Equal(t, Unknown, res.Verdict)
		require.Equal(t, "He must be named. This cannot be decided without knowing item.name.", res.Message)
		require.Equal(t, rs.wordUnknown(rs.rules[0], res.Missing, unknownThen(res.Possible)), res.Message)
		if first == "" {
			first = res.Message
		} else if unsafe.StringData(first) != unsafe.StringData(res.Message) {
			t.Error("the message was made again")
		}
		ev.Release()
	}
}
