package knowledge

import (
	"github.com/thanhhoa/investbot/knowledge/base"
)

// periodAlone returns the period a short follow-up names and the index of
// its group in the cue files ("Q1", "the year before"), when the period,
// with years and cue words, is all the question says: it carries the
// figure talked about on to that period. "" when it says more or names
// no period.
func periodAlone(q *question) (string, int) {
	if len(q.entities) > 0 {
		return "", -1
	}
	for _, cs := range q.cues {
		for k, g := range cs.periods {
			for _, w := range g {
				if !namesWord(q.norm, w) {
					continue
				}
				start, end, ok := phraseAt(q.norm, w)
				if !ok {
					continue
				}
				rest := q.norm[:start] + " " + q.norm[end:]
				if withoutYears(stripCues(stripFactAsks(rest, q.cues), q.cues), q.cues) != "" {
					return "", -1
				}
				return typedAs(q.text, w), k
			}
		}
	}
	return "", -1
}

// givesPeriod reports whether entry i names period k in any language.
func (kb *KB) givesPeriod(i int32, k int) bool {
	for _, cs := range cues {
		if k >= len(cs.periods) {
			continue
		}
		for _, w := range cs.periods[k] {
			if kb.mentions(i, w) {
				return true
			}
		}
	}
	return false
}

// periodOf answers a follow-up made of a period alone ("and in Q1?",
// "작년은요?") from the conversation's entry ctx: the figure talked about,
// for that period, which the sources give only if the entry names it —
// not another entry the period's words happen to find (a park breaking
// ground in Q1). It reports whether it answered.
func (kb *KB) periodOf(q *question, r *Result, ctx *base.Entry) bool {
	p, k := periodAlone(q)
	if p == "" {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true, Aspect: q.mainAspect(),
		Best: &Match{Entry: ctx, Confidence: followUpConfidence}}
	if !kb.givesPeriod(kb.indexOf(ctx), k) {
		r.Missing = qualifierPrefix + p
	}
	return true
}
