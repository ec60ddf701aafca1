package synth

import (
	"math"
	"math/rand/v2"

	"github.com/isotp-dev/isotp"
)

// scaleIDs are the national battery's scales and whether a higher score is
// better on each (rules/national/assessment.yaml).
var scaleIDs = []struct {
	id             string
	higherIsBetter bool
}{
	{"cognitive_distortions", false},
	{"victim_empathy_distortions", false},
	{"emotional_congruence_with_children", false},
	{"fantasy", false},
	{"perspective_taking", true},
	{"empathic_concern", true},
	{"personal_distress", false},
	{"under_assertiveness", false},
	{"over_assertiveness", false},
	{"motor_impulsivity", false},
	{"cognitive_impulsivity", false},
	{"locus_of_control", false},
	{"emotional_loneliness", false},
	{"self_esteem", true},
}

// scores makes one administration of the battery dated day. Without pre it
// is a pre-programme assessment; with pre, a post-programme one that moves
// from pre, on most scales for the better. The raw scores are invented
// whole numbers on a 0-60 range (about 30 before the programme where lower
// is better, about 16 where higher is better): no published norms exist
// for the battery, and these are not norms. One administration in thirty
// misses a scale.
func scores(r *rand.Rand, day isotp.Date, pre *isotp.Scores) *isotp.Scores {
	s := &isotp.Scores{Date: day, Scores: make(map[string]float64, len(scaleIDs))}
	skip := -1
	if r.IntN(30) == 0 {
		skip = r.IntN(len(scaleIDs))
	}
	for i, sc := range scaleIDs {
		var v float64
		switch {
		case pre == nil && sc.higherIsBetter:
			v = 16 + 5*r.NormFloat64()
		case pre == nil:
			v = 30 + 8*r.NormFloat64()
		default:
			before, ok := pre.Scores[sc.id]
			if !ok {
				before = 30
			}
			if sc.higherIsBetter {
				v = before + 4 + 4*r.NormFloat64()
			} else {
				v = before - 7 + 6*r.NormFloat64()
			}
		}
		if i == skip {
			continue
		}
		s.Scores[sc.id] = math.Max(0, math.Min(60, math.Round(v)))
	}
	return s
}
