package knowledge

import "github.com/thanhhoa/investbot/knowledge/textnorm"

// listCues ask for a list ("list of industrial zones", "danh sách KCN",
// "どんな工業団地がありますか", "공단 어디어디"): the words that say so are
// question words the index ignores, so an overview entry would otherwise
// tie with every member of the list it summarises.
var listCues = textnorm.FoldAll(wordLists("list")...)

// listBoost is how much a list question lifts an overview entry.
const listBoost = 1.2

// listEvidence is the evidence a list question's cue adds to the overview
// it lifts, in units of an unknown word's IDF (a third of the evidence
// gate's range: one informative word plus the cue is enough).
const listEvidence = 0.2

// preferOverview lifts overview candidates for a list question.
func (ix *index) preferOverview(rv *retrieval, norm string) {
	changed, checked := false, false
	for i := 0; i < rv.ntop; i++ {
		// An overview competes with the members of its own topic; a list
		// of something else ("list of WHA's projects") is not its list.
		e := rv.top[i].entry
		if !ix.overview[e] || ix.entKind[e] != ix.entKind[rv.top[0].entry] {
			continue
		}
		if !checked {
			if !textnorm.HasPhrase(norm, listCues) {
				return
			}
			checked = true
		}
		rv.top[i].score *= listBoost
		rv.top[i].listed = true
		changed = true
	}
	if changed {
		rv.sortTop()
	}
}
