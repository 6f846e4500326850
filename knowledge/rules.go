package knowledge

import (
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Dated rules. When a law changes what projects get (industrial parks lost
// their corporate income tax holiday for projects licensed from 1 October
// 2025), the knowledge base keeps one entry per rule: today's rule
// (applies_to.licensed_from) and the rule that projects licensed earlier
// keep (applies_to.licensed_before, superseded_by today's). Both answer the
// same questions, so the index files the older one under today's (one
// topic, found once) and the question's cues choose the version. An investor who asks without saying is treated as planning a new
// project — the one the bot's audience mostly has — and gets today's rule,
// whose answer says what changed.

// existingProject are cues that the asker's project already holds its
// licence; newProject are cues that it does not yet. Folded phrases, "_"
// joins words.
var (
	existingProject = textnorm.FoldAll(wordLists("existing_project")...)
	newProject      = textnorm.FoldAll(wordLists("new_project")...)
	// licenceWords tie a year in the question to the licence date.
	licenceWords = textnorm.FoldAll(wordLists("licence_words")...)
)

// ruleFamily returns today's rule for e and the older rules it replaced;
// ok is false when e is not a dated rule.
func (kb *KB) ruleFamily(e *base.Entry) (today *base.Entry, older []*base.Entry, ok bool) {
	today = e
	if e.SupersededBy != "" {
		today = kb.Entry(e.SupersededBy)
	}
	if today == nil {
		return nil, nil, false
	}
	older = kb.superseded[today.ID]
	return today, older, len(older) > 0
}

// pickRule answers a question about a dated rule with the rule that fits
// the asker's project: the older rule when the question says the project
// is already licensed (or licensed in a year before today's rule), today's
// rule otherwise.
func (kb *KB) pickRule(r Result, norm string) Result {
	if r.Best == nil || r.Generated != nil {
		return r
	}
	today, older, ok := kb.ruleFamily(r.Best.Entry)
	if !ok {
		return r
	}
	chosen := today
	if kb.existingProject(norm, today) {
		chosen = older[0]
	}
	inFamily := func(e *base.Entry) bool {
		if e == nil {
			return false
		}
		t, _, ok := kb.ruleFamily(e)
		return ok && t == today
	}
	best := *r.Best
	best.Entry = chosen
	r.Best = &best
	if r.Ambiguous && len(r.RunnersUp) > 0 && inFamily(r.RunnersUp[0].Entry) {
		// Two versions of one rule are not two meanings of the question.
		r.Ambiguous, r.Confident = false, true
	}
	if r.Also != nil && inFamily(r.Also.Entry) {
		r.Also = nil
	}
	var rest []Match
	for _, m := range r.RunnersUp {
		if !inFamily(m.Entry) {
			rest = append(rest, m)
		}
	}
	r.RunnersUp = rest
	return r
}

// existingProject reports whether norm speaks of a project licensed before
// today's rule applies.
func (kb *KB) existingProject(norm string, today *base.Entry) bool {
	if textnorm.HasPhrase(norm, newProject) && !textnorm.HasPhrase(norm, existingProject) {
		return false
	}
	if textnorm.HasPhrase(norm, existingProject) {
		return true
	}
	if today.AppliesTo == nil || today.AppliesTo.LicensedFrom.IsZero() || !textnorm.HasPhrase(norm, licenceWords) {
		return false
	}
	from := today.AppliesTo.LicensedFrom.Year()
	for _, y := range queryYears(norm) {
		if y < from {
			return true
		}
	}
	return false
}
