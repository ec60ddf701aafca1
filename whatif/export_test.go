package whatif

// EveryDecision returns a copy of d that makes every decision, whether or
// not a difference between the policies can reach it: the yardstick for
// the skipping that Compare does.
func EveryDecision(d *Differ) *Differ {
	all := *d
	for i := range all.reach {
		all.reach[i] = true
	}
	return &all
}
