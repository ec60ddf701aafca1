package rules

import "testing"

// TestVerdictsSingle: a set of verdicts has a single verdict when its list
// has exactly one.
func TestVerdictsSingle(t *testing.T) {
	for s := range 256 {
		set := Verdicts(s)
		l := set.List()
		v, ok := set.single()
		if ok != (len(l) == 1) || ok && v != l[0] {
			t.Errorf("Verdicts(%08b).single() = %v, %v; List() = %v", s, v, ok, l)
		}
	}
}
