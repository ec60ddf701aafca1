package groups

import (
	"fmt"
	"strconv"
	"strings"
)

// notes writes, in plain English, what happened to each age band.
type notes struct {
	params Params
	list   []string
}

func (n *notes) add(format string, args ...any) {
	n.list = append(n.list, fmt.Sprintf(format, args...))
}

// young notes the young band: nYoung men, the groups formed and those left.
func (n *notes) young(nYoung int, groups [][]candidate, left []candidate) {
	ps := n.params
	if ps.MinAge >= ps.AdultMinAge {
		return // the policy's minimum age leaves no young band
	}
	who := fmt.Sprintf("young %s (%s at the start)", menWord(nYoung), youngAges(ps))
	if nYoung == 0 {
		n.add("No %s were referred.", who)
		return
	}
	var fate string
	switch ps.YoungFallback {
	case Individual:
		fate = "offered one-to-one delivery"
	case Wait:
		fate = "waiting for a later young group"
	case AdultGroup:
		fate = "joining the adult men in referral order"
	}
	switch {
	case len(groups) == 0:
		n.add("%d %s %s referred, fewer than the %d needed to start a group, so no young group runs: %s %s %s.",
			nYoung, who, wasWere(nYoung), ps.MinGroupSize, heThey(nYoung), isAre(nYoung), fate)
	case len(left) == 0:
		n.add("%d %s %s referred: %s.", nYoung, who, wasWere(nYoung), groupsText(groups, 0))
	default:
		n.add("%d %s %s referred: %s; %d left over, fewer than the %d needed to start another group, %s %s.",
			nYoung, who, wasWere(nYoung), groupsText(groups, 0), len(left), ps.MinGroupSize, isAre(len(left)), fate)
	}
}

// adult notes the adult band, whose groups are numbered from first+1, and
// the young men who joined it.
func (n *notes) adult(first int, groups [][]candidate, left []candidate) {
	ps := n.params
	var joined []string
	total := len(left)
	for _, g := range groups {
		total += len(g)
	}
	for i, g := range groups {
		var in []string
		for _, c := range g {
			if c.young {
				in = append(in, c.id)
			}
		}
		if len(in) > 0 {
			joined = append(joined, list(in)+" in group "+strconv.Itoa(first+i+1))
		}
	}
	var waiting []string
	for _, c := range left {
		if c.young {
			waiting = append(waiting, c.id)
		}
	}
	if len(waiting) > 0 {
		joined = append(joined, list(waiting)+" waiting")
	}
	nYoung := len(waiting)
	for _, g := range groups {
		for _, c := range g {
			if c.young {
				nYoung++
			}
		}
	}
	nAdult := total - nYoung
	who := fmt.Sprintf("adult %s (aged %d and over at the start)", menWord(nAdult), ps.AdultMinAge)
	if total == 0 {
		n.add("No %s were referred.", who)
		return
	}
	head := fmt.Sprintf("%d %s %s referred", nAdult, who, wasWere(nAdult))
	switch {
	case nAdult == 0:
		head = fmt.Sprintf("No %s were referred, and %d young %s joined the adult pool", who, nYoung, menWord(nYoung))
	case nYoung > 0:
		head += fmt.Sprintf(" and %d young %s joined them", nYoung, menWord(nYoung))
	}
	switch {
	case len(groups) == 0:
		n.add("%s, fewer than the %d needed to start a group: %s %s waiting for a later group.",
			head, ps.MinGroupSize, heThey(total), isAre(total))
	case len(left) == 0:
		n.add("%s: %s.", head, groupsText(groups, first))
	default:
		n.add("%s: %s; %d left over, fewer than the %d needed to start another group, %s waiting for a later group.",
			head, groupsText(groups, first), len(left), ps.MinGroupSize, isAre(len(left)))
	}
	if len(joined) > 0 {
		n.add("Young men placed with the adults: %s.", strings.Join(joined, "; "))
	}
}

// youngAges describes the young band's ages: "aged 17 to 20".
func youngAges(ps Params) string {
	if ps.MinAge >= ps.AdultMinAge {
		return "none (min_age is not under adult_min_age)"
	}
	if ps.MinAge == ps.AdultMinAge-1 {
		return fmt.Sprintf("aged %d", ps.MinAge)
	}
	return fmt.Sprintf("aged %d to %d", ps.MinAge, ps.AdultMinAge-1)
}

// groupsText describes groups numbered from first+1: "2 groups of 10
// (groups 1 and 2)", "2 groups of 10 and 9 men (groups 3 and 4)".
func groupsText(groups [][]candidate, first int) string {
	sizes := make([]string, len(groups))
	same := true
	for i, g := range groups {
		sizes[i] = strconv.Itoa(len(g))
		same = same && len(g) == len(groups[0])
	}
	var b strings.Builder
	switch {
	case len(groups) == 1:
		fmt.Fprintf(&b, "1 group of %d (group %d)", len(groups[0]), first+1)
		return b.String()
	case same:
		fmt.Fprintf(&b, "%d groups of %d", len(groups), len(groups[0]))
	default:
		fmt.Fprintf(&b, "%d groups of %s men", len(groups), list(sizes))
	}
	if len(groups) == 2 {
		fmt.Fprintf(&b, " (groups %d and %d)", first+1, first+2)
	} else {
		fmt.Fprintf(&b, " (groups %d to %d)", first+1, first+len(groups))
	}
	return b.String()
}

// list joins words as English does: "a", "a and b", "a, b and c".
func list(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func menWord(n int) string {
	if n == 1 {
		return "man"
	}
	return "men"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func heThey(n int) string {
	if n == 1 {
		return "he"
	}
	return "they"
}
