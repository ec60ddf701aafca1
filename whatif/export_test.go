package whatif

// EveryDecision returns a copy of d that makes every decision, whether or
// not a difference between the policies can reach it: the yardstick for
// the skipping that Compare does.
func EveryDecision(d *Differ) *Differ {
	all := *d
	all.reach = map[string]bool{}
	for _, dec := range compared {
		all.reach[dec.Name()] = true
	}
	return &all
}

// Reach returns the names of the decisions d makes, the others being out
// of reach of every difference.
func Reach(d *Differ) []string {
	var out []string
	for _, dec := range compared {
		if d.reach[dec.Name()] {
			out = append(out, dec.Name())
		}
	}
	return out
}
