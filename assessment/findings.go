package assessment

import (
	"fmt"

	"github.com/isotp-dev/isotp"
)

// sessionSpan returns the earliest and latest dates of all session events:
// group sessions attended or missed and individual catch-ups alike. A missed
// first session still marks the day the group started; a catch-up after the
// last group session is the day he finished the programme. Both are zero
// when no session is recorded.
func sessionSpan(a *isotp.Attendance) (first, last isotp.Date) {
	if a == nil {
		return first, last
	}
	for _, ev := range a.Sessions {
		if ev.Date.IsZero() {
			continue
		}
		if first.IsZero() || ev.Date.Before(first) {
			first = ev.Date
		}
		if last.IsZero() || ev.Date.After(last) {
			last = ev.Date
		}
	}
	return first, last
}

// findings checks that both assessments were done, at the right time, on
// every scale: the pre-programme assessment on or before the first session,
// the post-programme one on or after the last.
func (a *Assessor) findings(pre, post *isotp.Scores, first, last isotp.Date) []Finding {
	out := []Finding{}
	add := func(code FindingCode, scale, format string, args ...any) {
		out = append(out, Finding{Code: code, Scale: scale, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case pre == nil:
		add(PreMissing, "", "No pre-programme assessment is recorded; it should be completed before the group starts.")
	case pre.Date.IsZero():
		add(PreDateMissing, "", "The pre-programme assessment has no date, so it cannot be checked that it was completed before the group started.")
	case !first.IsZero() && pre.Date.After(first):
		add(PreAfterFirstSession, "", "The pre-programme assessment was completed on %s, after the first session on %s; it should be completed before the group starts.",
			pre.Date.Long(), first.Long())
	}
	switch {
	case post == nil:
		add(PostMissing, "", "No post-programme assessment is recorded; it should be completed after the programme ends.")
	case post.Date.IsZero():
		add(PostDateMissing, "", "The post-programme assessment has no date, so it cannot be checked that it was completed after the programme ended.")
	case !last.IsZero() && post.Date.Before(last):
		add(PostBeforeLastSession, "", "The post-programme assessment was completed on %s, before the last session on %s; it should be completed after the programme ends.",
			post.Date.Long(), last.Long())
	}
	if pre != nil && post != nil && !pre.Date.IsZero() && !post.Date.IsZero() && !post.Date.After(pre.Date) {
		add(PostNotAfterPre, "", "The post-programme assessment (%s) is not dated after the pre-programme assessment (%s).",
			post.Date.Long(), pre.Date.Long())
	}
	dated := pre != nil && !pre.Date.IsZero() || post != nil && !post.Date.IsZero()
	if first.IsZero() && dated {
		add(SessionsMissing, "", "No session dates are recorded, so the timing of the assessments against the programme cannot be checked.")
	}
	missing := func(s *isotp.Scores, code FindingCode, when string) {
		if s == nil {
			return
		}
		if len(s.Scores) == 0 {
			add(code, "", "The %s assessment has no scores.", when)
			return
		}
		for i := range a.scales {
			sc := &a.scales[i]
			if _, ok := s.Scores[sc.id]; !ok {
				add(code, sc.id, "No %s score is recorded for %s.", when, sc.title)
			}
		}
	}
	missing(pre, PreScoreMissing, "pre-programme")
	missing(post, PostScoreMissing, "post-programme")
	return out
}
