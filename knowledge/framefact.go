package knowledge

import (
	"slices"
	"strings"

	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// stepFrameFact answers a short follow-up that asks a fact ("to how many
// countries?", "rank nationally?", "and just in 2025?") from the entity
// the conversation is about, or one of its related entries, when that
// entry gives the fact and the question's own words point nowhere else.
func (kb *KB) stepFrameFact(q *question, r *Result) bool {
	ctx := kb.frameEntity(q.frame)
	if ctx != nil && q.short() && !q.part && len(q.entities) == 1 && kb.partOfFigure(q, r, ctx) {
		// "そのうち日本からは何件?" after the 2025 FDI count.
		return true
	}
	if ctx == nil || !q.short() || q.part || len(q.entities) > 0 || len(q.offTopics) > 0 {
		return false
	}
	// A year in an answer is weak evidence of the date asked ("which
	// day?"): dates are left to the follow-up step.
	// "How big?", "how much?" are given by any figure: too weak to move
	// an answer.
	asked := factsAsked(q)
	onlyDate := len(asked) == 1 && asked[0] == "date"
	asked = slices.DeleteFunc(asked, func(f string) bool { return f == "date" || f == "size" || f == "amount" })
	years := yearRe.FindAllStringSubmatch(q.text, -1)
	var bare *base.Entry
	if onlyDate && len(years) == 0 && dropsSubject(q) {
		bare = kb.leftOut(q, r, kb.frameFamily(ctx))
	}
	if len(asked) == 0 && len(years) == 0 && bare == nil {
		return false
	}
	cands := kb.frameFamily(ctx)
	if bare != nil {
		// "언제부터 조사했어요?" after WHA: in a language that leaves
		// the subject out, the date is asked of the conversation's entry.
		asked, cands = []string{"date"}, []*base.Entry{bare}
	}
	if q.readCues(); q.pronoun || salient(ctx) && !(len(years) == 0 && kb.ownWordsElsewhere(q, cands)) {
		// "how many hectares is that one?", "when does it break
		// ground?" ask of a place itself, not of its related entries.
		cands = cands[:1]
	}
	if q.has(AspectHead) {
		// A zone or a figure that mentions an ambassador is not headed
		// by one: the follow-up step looks for the entry naming the
		// person.
		cands = slices.DeleteFunc(slices.Clone(cands), func(e *base.Entry) bool { return !answersAspects(e.Kind, []Aspect{AspectHead}) })
		if len(cands) == 0 {
			return false
		}
	}
	if q.has(AspectDeveloper) && !answersAspects(ctx.Kind, []Aspect{AspectDeveloper}) {
		// "Which country?" after a figure that names Japanese visitors
		// among others asks the figure's origin, which a statistic does
		// not give: the follow-up step says so rather than a related
		// entry that names a country.
		return false
	}
	if r.Confident && containsEntry(cands, r.Best.Entry) && (r.Best.Entry == ctx || len(asked) == 0 || !kb.givesAny(ctx, asked, q)) {
		// A related entry is kept unless the conversation's own entry
		// gives the fact asked: a follow-up asks it of the subject first.
		return false
	}
	if len(asked) == 0 && withoutYears(stripCues(q.norm, q.cues), q.cues) != "" {
		// A year alone carries the conversation on ("and just in
		// 2025?"), not a year with a subject ("the 2026 conference?").
		return false
	}
	c := kb.givingEntry(q, cands, asked, years)
	if c != nil && c != ctx && len(asked) == 0 && len(years) > 0 && yearRe.MatchString(ctx.Title.In("en")) && !strings.Contains(c.Title.In("en"), years[0][1]) {
		// "năm 2023 thì sao?" after the FDI of 2025 asks that year's
		// figure: an entry that merely dates a cumulative total in 2023
		// does not give it.
		c = nil
	}
	// A year alone after an entry that gives no figure of a year (a
	// partner, a park) asks of that entry too: another entry retrieval
	// found by the year alone is not the conversation's ("and in 2019?"
	// after Niigata is not WHA, which came that year).
	strayed := r.Best != nil && !containsEntry(kb.frameFamily(ctx), r.Best.Entry)
	yearAlone := c == nil && len(asked) == 0 && len(years) > 0 && (kb.yearFigure(q.frame) != "" || strayed) && asksOnlyYear(q)
	if yearAlone {
		// "2019年は？" after the 2025 FDI count asks that figure for
		// 2019, which no entry of the conversation gives: coverage says
		// so, rather than another entry that merely names the year
		// (WHA came in 2019), however surely the year alone finds it.
		c = ctx
	}
	if c == nil && len(asked) > 0 && len(years) == 0 && ((q.cont || q.pronoun) && subjectWords(q) == "" || bare != nil) && !q.has(AspectHead) && r.Best != nil && !containsEntry(cands, r.Best.Entry) {
		// "exact date and venue?", "ngày nào, ở đâu?" carry the
		// conversation on with nothing but the facts they ask: they ask
		// them of its entity, which coverage then finds lacking, not of
		// another entry whose words happen to hold them. A person is
		// looked for by the follow-up step, in the entries shown too.
		c = ctx
	}
	if c == nil || !yearAlone && kb.pointsElsewhere(q, cands) {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true, Aspect: q.mainAspect(),
		Best: &Match{Entry: c, Confidence: followUpConfidence}}
	return true
}

// bareFollowUp reports whether q, written in a language of the cue files'
// bare_followups, asks neither a fact nor an aspect: what it asks is in
// its own words, which the conversation's entry must hold.
func bareFollowUp(q *question) bool {
	cs, ok := cues[q.detected]
	return ok && cs.bareFollowUps && len(factsAsked(q)) == 0 && len(q.aspects) == 0
}

// dropsSubject reports whether q is written in a language whose questions
// leave out the subject the conversation gives (cue files' drops_subject).
func dropsSubject(q *question) bool {
	cs, ok := cues[q.detected]
	return ok && cs.dropsSubject
}

// leftOut is the entry of the conversation's family (ctx first) that a
// question asking only when, in a language leaving its subject out, asks
// it of ("언제부터 조사했어요?" after WHA). nil when it has a subject of its
// own: another place, only words no entry holds ("선거는 언제?", an election),
// words retrieval is sure belong to another family, or a story retrieval
// is sure of that names ctx ("성 지도자가 언제 방문했나요?" after Sumitomo).
// A size or an amount is given by any figure, too weak to move an answer;
// a question of fact words alone ("개장일은?") is the follow-up step's.
func (kb *KB) leftOut(q *question, r *Result, family []*base.Entry) *base.Entry {
	if otherPlacesIndex.Has(q.norm) {
		return nil
	}
	ws := strings.Fields(subjectWords(q))
	if len(ws) == 0 {
		return nil
	}
	if !slices.ContainsFunc(ws, kb.mentionedAnywhere) {
		// A verb's stem may be no entry's word ("決め"), but a
		// question none of whose words any entry holds is about
		// something the sources never mention.
		return nil
	}
	if kb.pointsElsewhere(q, family) || r.Confident && r.Best.Entry != family[0] && kb.mentionsEntity(kb.indexOf(r.Best.Entry), kb.indexOf(family[0])) {
		return nil
	}
	// "いつ企業交流会がありましたか" after Seongnam: the one entry of the
	// family that holds the question's known words (the matching event)
	// is the one asked; words several hold ("협력") leave it to ctx.
	ws = slices.DeleteFunc(ws, func(w string) bool { return !kb.mentionedAnywhere(w) })
	var only *base.Entry
	for _, e := range family {
		i := kb.indexOf(e)
		if slices.ContainsFunc(ws, func(w string) bool { return !kb.mentions(i, w) }) {
			continue
		}
		if e == family[0] || only != nil {
			return family[0]
		}
		only = e
	}
	if only != nil {
		return only
	}
	return family[0]
}

// frameFamily is the frame's entry and its related entries, in order.
func (kb *KB) frameFamily(ctx *base.Entry) []*base.Entry {
	out := []*base.Entry{ctx}
	for _, id := range ctx.Related {
		if e := kb.Entry(id); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func containsEntry(es []*base.Entry, e *base.Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// givingEntry is the first of cands that gives a fact asked and mentions
// every year asked (one whose title names the year first: "FDI in 2025").
func (kb *KB) givingEntry(q *question, cands []*base.Entry, asked []string, years [][]string) *base.Entry {
	var found, worded *base.Entry
	own := topicWords(stripFactAsks(q.rest, q.cues))
	for _, c := range cands {
		if !kb.givesAny(c, asked, q) || !kb.mentionsYears(c, years) {
			continue
		}
		if len(years) > 0 && strings.Contains(c.Title.In("en"), years[0][1]) {
			return c
		}
		if found == nil {
			found = c
		}
		if worded == nil && len(own) > 0 && kb.mentionsAll(c, own) {
			worded = c
		}
	}
	if worded != nil && found != nil && !kb.mentionsAll(found, own) {
		// "全国順位は？" after Japan's share: the national rank is the
		// province's, in the related entry that says "全国", not the
		// rank among investors Japan's entry gives.
		return worded
	}
	return found
}

// ownWordsElsewhere reports whether the question's own words (without the
// facts it asks) are all in a related entry of the frame, cands[1:], and
// not all in the frame's own, cands[0]: "全国順位は？" after Japan asks the
// province's national rank, which the FDI total's entry gives (a question
// naming a year with its words names another subject: the caller keeps to
// the frame's own entry then).
func (kb *KB) ownWordsElsewhere(q *question, cands []*base.Entry) bool {
	own := topicWords(stripFactAsks(q.rest, q.cues))
	if len(own) == 0 || kb.mentionsAll(cands[0], own) {
		return false
	}
	return slices.ContainsFunc(cands[1:], func(e *base.Entry) bool { return kb.mentionsAll(e, own) })
}

// mentionsAll reports whether e mentions every one of words.
func (kb *KB) mentionsAll(e *base.Entry, words []string) bool {
	i := kb.indexOf(e)
	for _, w := range words {
		if !kb.mentions(i, w) {
			return false
		}
	}
	return true
}

func (kb *KB) givesAny(e *base.Entry, asked []string, q *question) bool {
	if len(asked) == 0 {
		return true
	}
	for _, f := range asked {
		if kb.givesFact(e, f, q) {
			return true
		}
	}
	return false
}

func (kb *KB) mentionsYears(e *base.Entry, years [][]string) bool {
	i := kb.indexOf(e)
	for _, y := range years {
		if !kb.mentions(i, y[1]) {
			return false
		}
	}
	return true
}

// pointsElsewhere reports whether the question's own words, without its
// cue words and fact words, are confidently about an entry outside the
// frame's family ("FDI growth?" after exports is about FDI).
func (kb *KB) pointsElsewhere(q *question, family []*base.Entry) bool {
	topic := subjectWords(q)
	if withoutYears(topic, q.cues) == "" {
		// A year alone ("năm 2023 thì sao?") points nowhere, however
		// surely it finds an entry dated that year.
		return false
	}
	rv := kb.idx.search(topic, q.detected == "vi")
	if rv.ntop == 0 || rv.nknown == 0 {
		return false
	}
	v := kb.verdict(Result{}, rv, topic, nil)
	return v.Best != nil && v.Confident && !containsEntry(family, v.Best.Entry)
}

// subjectWords are the question's own words without its cue words, the
// words asking a fact and a demonstrative with its noun ("that
// association"): what it says its subject is, "" when it leaves it to the
// conversation.
func subjectWords(q *question) string {
	t, _ := stripDemonstratives(stripFactAsks(q.norm, q.cues), q.cues)
	return stripCues(t, q.cues)
}

// stripFactAsks removes the words that ask a fact ("how many", "rank").
func stripFactAsks(norm string, sets []*cueSet) string {
	rest := " " + norm + " "
	for _, cs := range sets {
		rest = cs.factStripIdx.strip(rest, func(rest, p string) (string, bool) {
			if !strings.Contains(rest, p) {
				return rest, false
			}
			return strings.ReplaceAll(rest, p, " "), true
		})
	}
	return strings.Join(strings.Fields(rest), " ")
}

// identityFacts are the facts (language files' facts) that name who
// someone is or what something belongs to.
var identityFacts = map[string]bool{"role": true, "head": true, "chairman": true, "ceo": true, "builder": true}

// stepEntityFact answers a short question that names one entity and asks
// a fact of it ("ông Pajongwit giữ chức gì?", "JETROの大坂さんの役職は?",
// "WHA là công ty nước nào?") when retrieval is unsure: the entity's own
// entry, or else one of its related entries, that gives the fact. The
// question's other words must not point at another entry.
func (kb *KB) stepEntityFact(q *question, r *Result) bool {
	if r.Confident || !q.short() || len(q.entities) != 1 || len(q.offTopics) > 0 {
		return false
	}
	if r.Ambiguous && !kb.amongCandidates(r, kb.entries[q.entities[0]]) {
		// Unsure between entries the name is not one of: the name
		// only frames the question ("who met JETRO?").
		return false
	}
	// Who someone is, what post they hold, who built something: facts
	// of identity an entity's story gives; figures and dates are left
	// to retrieval, which weighs what they are of.
	asked := slices.DeleteFunc(factsAsked(q), func(f string) bool { return !identityFacts[f] })
	if len(asked) == 0 {
		return false
	}
	cands := kb.frameFamily(kb.entries[q.entities[0]])
	rest := strings.Fields(q.rest)
	cands = append(cands[:1], slices.DeleteFunc(cands[1:], func(e *base.Entry) bool {
		// A related entry only when it holds every other word of the
		// question ("JETRO's Osaka": the person named): "the Japanese
		// ambassador" is not JETRO's head because Japan relates to
		// JETRO.
		if len(rest) == 0 {
			return true
		}
		for _, w := range rest {
			if !kb.mentions(kb.indexOf(e), w) {
				return true
			}
		}
		return false
	})...)
	if q.has(AspectHead) {
		// The person heading a zone or a figure is named elsewhere.
		cands = slices.DeleteFunc(slices.Clone(cands), func(e *base.Entry) bool { return !answersAspects(e.Kind, []Aspect{AspectHead}) })
	}
	c := kb.givingEntry(q, cands, asked, nil)
	if c == nil || kb.pointsElsewhere(q, cands) {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, Aspect: q.mainAspect(),
		Best: &Match{Entry: c, Confidence: entityConfidence}}
	return true
}

// stepEntityWords answers a short question about one entity — named
// ("니가타는 뭐가 강해요?"), or the conversation's behind a pronoun ("거기랑은
// 주로 어떤 분야로 협력해요?") — that retrieval is unsure of, when the
// entity's own entry holds the question's own words: its answer says what
// was asked, in words no other entry's examples use. A fact the question
// asks is then checked by coverage as for any answer; words retrieval is
// sure belong to another entry leave the question to it.
func (kb *KB) stepEntityWords(q *question, r *Result) bool {
	if r.Confident || r.Ambiguous || !q.short() || q.part || len(q.offTopics) > 0 {
		return false
	}
	var e *base.Entry
	byFrame := false
	rv := q.rv
	switch {
	case len(q.entities) == 1:
		e = kb.entries[q.entities[0]]
	case len(q.entities) == 0 && (q.pronoun || bareTopic(q) || bareFollowUp(q)):
		// A pronoun stands for the conversation's entity; so does the
		// missing subject of a bare topic ("total trade?" after the
		// 2021–2025 trade figures), and a language that leaves the
		// subject out needs no pronoun to lean on the conversation
		// ("どの市場にシフトしてるって？").
		if e, byFrame = kb.frameEntity(q.frame), true; e != nil {
			// Read with the subject the pronoun stands for.
			rv = kb.idx.search(q.norm+" "+subjectNameIn(e, q.detected), q.detected == "vi")
		}
	}
	// Retrieval, unsure as it is, must still rank the entity first: the
	// words it holds are the question's, not a referral or a word every
	// entry uses ("기업", "projects").
	if e == nil || rv.ntop == 0 || kb.entries[rv.top[0].entry] != e || len(placesIn(q.norm)) > 0 ||
		!kb.holdsRareWord(e, q) || kb.pointsElsewhere(q, kb.frameFamily(e)) {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: byFrame,
		Best: &Match{Entry: e, Confidence: followUpConfidence}}
	return true
}

// bareTopicWords is the most words a follow-up naming only a topic has.
const bareTopicWords = 3

// bareTopic reports whether q is a follow-up of a few words that names a
// topic and nothing it is about ("total trade?", "main products?").
func bareTopic(q *question) bool {
	return q.frame != nil && textnorm.WordCount(q.norm) <= bareTopicWords
}

// rareShare is the largest share of entries a word may stand in and still
// say what a question is about ("기업", "projects" stand in most).
const rareShare = 0.25

// holdsRareWord reports whether a sentence of e's answer holds one of the
// question's own words (OwnWordSentences) that few entries hold.
func (kb *KB) holdsRareWord(e *base.Entry, q *question) bool {
	var rare []string
	for _, w := range ownWords(e, q.text) {
		if q.detected == "ko" {
			// "분야로" is the word "분야" the answer writes "분야의".
			w = koreanStem(w)
		}
		n := 0
		for _, b := range kb.idx.blob {
			if strings.Contains(b, w) {
				n++
			}
		}
		if float64(n) <= rareShare*float64(len(kb.idx.blob)) {
			rare = append(rare, w)
		}
	}
	return len(rare) > 0 && len(sentencesWith(e, q.lang, rare)) > 0
}

// amongCandidates reports whether e is r's best entry or one of its
// runners-up: the entries a "did you mean" would offer.
func (kb *KB) amongCandidates(r *Result, e *base.Entry) bool {
	if r.Best != nil && r.Best.Entry == e {
		return true
	}
	for _, m := range r.RunnersUp {
		if m.Entry == e {
			return true
		}
	}
	return false
}
