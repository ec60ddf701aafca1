package eligibility

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/isotp-dev/isotp/rules"
)

// TestNameValues: a name's value is rules.String's, whether kept or not;
// the first names are kept, up to mostNames of them and none longer than
// longestName; and it may be asked from many goroutines at once.
func TestNameValues(t *testing.T) {
	var n nameValues
	long := strings.Repeat("x", longestName+1)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2 * mostNames {
				name := fmt.Sprintf("offence_%d", (i+g)%(2*mostNames))
				for _, s := range []string{name, "", long} {
					got, gotOK := n.value(s).AsString()
					want, wantOK := rules.String(s).AsString()
					if got != want || gotOK != wantOK {
						t.Errorf("value(%q) = %q, %v; want %q, %v", s, got, gotOK, want, wantOK)
					}
				}
			}
		}()
	}
	wg.Wait()
	kept := *n.known.Load()
	if len(kept) != mostNames {
		t.Errorf("%d names kept, want %d", len(kept), mostNames)
	}
	for s, v := range kept {
		got, ok := v.AsString()
		if diff := cmp.Diff(s, got); diff != "" || !ok || s == "" || len(s) > longestName {
			t.Errorf("kept %q (%d bytes), known %v: mismatch (-want +got):\n%s", s, len(s), ok, diff)
		}
	}
}
