package knowledge

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// followUpConfidence is the confidence of an answer resolved through the
// conversation: the subject is the one just talked about.
const followUpConfidence = 0.8

// stepFollowUp resolves a question that leaves out what the conversation
// gives: "how big is it?" (the aspect of the entity in the frame), "what
// about Sumitomo?" (the frame's aspect of a new entity), "and the second
// phase?" (a new subject, the frame's aspect). A question that names
// another entity, or asks something of its own, starts a new frame.
func (kb *KB) stepFollowUp(q *question, r *Result) bool {
	ctx := kb.frameEntity(q.frame)
	if ctx == nil || !q.short() || (q.part && !q.split) || len(q.offTopics) > 0 {
		// "비자 절차는?", "weather there?": an off-topic subject of its
		// own is not the conversation's.
		return false
	}
	if len(q.entities) > 0 {
		return kb.continueWith(q, r)
	}
	if kb.periodOf(q, r, ctx) {
		return true
	}
	if personContact(q, r, ctx) {
		return true
	}
	if kb.relatedLead(q, r, ctx) {
		return true
	}
	if q.rest == "" {
		if r.Confident && r.Best.Confidence >= entityConfidence && !q.pronoun && !q.cont && !placeAspects(q.aspects) {
			// "What are the tax incentives?" is a question of its own
			// that retrieval is sure of, not the incentives of the zone
			// talked about; "who is the developer?" has no subject but
			// the conversation's.
			return false
		}
		return kb.aspectOf(q, r, ctx)
	}
	if kb.pronounFigure(q, r, ctx) {
		return true
	}
	if !q.cont && !q.pronoun && (r.Confident || len(q.aspects) == 0) {
		return false
	}
	if !r.Confident || (q.pronoun && r.Best.Confidence < entityConfidence) {
		// Read the question with the subject it leaves out.
		alt := kb.run(&question{text: q.text, norm: q.norm + " " + subjectNameIn(ctx, q.detected), detected: q.detected,
			lang: q.lang, cues: q.cues, rest: q.rest, part: true})
		if q.mainAspect() == AspectHead && textnorm.WordCount(q.rest) <= 2 && (!alt.Confident || !answersAspects(alt.Best.Entry.Kind, q.aspects[:1])) {
			// "Who went over from the province?", "省からはどなたが訪問
			// されましたか": a person has no subject but the
			// conversation's, whatever word or two stand beside, and
			// a park names nobody.
			return kb.aspectOf(q, r, ctx)
		}
		if !alt.Confident || kb.unknownCompound(q) || kb.namesOtherThan(q, ctx) {
			// A compound no entry holds ("受付時間", opening hours) asks
			// what the subject's entry does not say, whatever its name
			// adds.
			return false
		}
		alt.Frame = nil
		*r = alt
	}
	if q.mainAspect() == AspectDeveloper && !answersAspects(r.Best.Entry.Kind, q.aspects[:1]) {
		// "which country?" after a figure: a statistic names no
		// developer nor origin.
		r.Confident, r.Also = false, nil
		r.Best.Confidence = min(r.Best.Confidence, unknownWordCap)
		return false
	}
	r.FollowUp = true
	if r.Aspect == AspectNone {
		r.Aspect = q.mainAspect()
	}
	if r.Aspect == AspectNone && len(q.aspects) == 0 {
		r.Aspect = Aspect(q.frame.Aspect)
	}
	return true
}

// pronounFigure answers a question about the partner a pronoun stands
// for from that partner's entry, when retrieval chose an entry that never
// names it: a figure asked ("how much have they invested so far?" after
// Indian businesses, not the province's FDI total; coverage then says
// whether the partner's entry gives it), or words the partner's own
// entry holds ("which sectors were they keen on?"). It reports whether
// it did.
func (kb *KB) pronounFigure(q *question, r *Result, ctx *base.Entry) bool {
	if !q.pronoun || !r.Confident || r.Best == nil || ctx.Kind != base.KindPartner || !salient(ctx) ||
		r.Best.Entry.Kind == base.KindPartner || kb.mentionsEntity(kb.indexOf(r.Best.Entry), kb.indexOf(ctx)) {
		return false
	}
	if !(r.Best.Entry.Kind == base.KindStat && asksFigure(factsAsked(q))) && !kb.holdsRareWord(ctx, q) {
		// "What sectors were they keen on?": the partner's entry
		// says which, in the question's own words.
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true, Aspect: q.mainAspect(),
		Best: &Match{Entry: ctx, Confidence: followUpConfidence}}
	return true
}

// personContact answers a question asking the contact details of the
// person the conversation is about ("그분 연락처 알 수 있어요?", "his phone
// number?", "その方の連絡先は？"): the sources give no one's own, and an
// office's are not the person's. It reports whether it answered.
func personContact(q *question, r *Result, ctx *base.Entry) bool {
	q.readCues()
	if q.mainAspect() != AspectContact || !anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.persons }) {
		return false
	}
	f := "phone"
	if asked := factsAsked(q); len(asked) > 0 && isContactFact(asked[0]) {
		f = asked[0]
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true, Aspect: AspectContact,
		Best: &Match{Entry: ctx, Confidence: followUpConfidence}, Missing: f}
	return true
}

// relatedFloor is the least confidence with which a follow-up's own words
// must point at an entry related to the conversation's for it to be the
// answer.
const relatedFloor = 0.35

// relatedLead answers a follow-up that carries the conversation on with
// words of its own ("and to the US?" after the 2021–2025 trade total)
// with the entry those words point to when retrieval, unsure on its own,
// puts first an entry related to the one talked about (exports to the US
// and Europe): the conversation settles what retrieval could not.
func (kb *KB) relatedLead(q *question, r *Result, ctx *base.Entry) bool {
	if r.Confident || r.Ambiguous || r.Best == nil || r.Best.Entry == ctx || r.Best.Confidence < relatedFloor || !(q.cont || q.pronoun) {
		return false
	}
	if !containsEntry(kb.frameFamily(ctx)[1:], r.Best.Entry) {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true, Aspect: q.mainAspect(),
		Best: &Match{Entry: r.Best.Entry, Confidence: followUpConfidence}}
	return true
}

// continueWith answers "what about X?" with the frame's aspect of X's main
// entry; any other question naming an entity is a new one.
func (kb *KB) continueWith(q *question, r *Result) bool {
	if !q.cont || len(q.entities) != 1 || q.rest != "" || len(q.aspects) > 0 || q.frame.Aspect == "" {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true, Aspect: Aspect(q.frame.Aspect),
		Best: &Match{Entry: kb.entries[q.entities[0]], Confidence: entityConfidence}}
	return true
}

// aspectOf answers a question made of nothing but cue words ("how big is
// it?", "連絡先は?", "규모는?") about the frame's entity.
func (kb *KB) aspectOf(q *question, r *Result, ctx *base.Entry) bool {
	asp := q.mainAspect()
	if asp == AspectNone && q.frame.Aspect != "" && (q.pronoun || q.cont) {
		asp = Aspect(q.frame.Aspect)
	}
	if asp == AspectNone && !q.pronoun {
		return false
	}
	person := anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.persons })
	target := kb.aspectTarget(ctx, asp, q.frame, person)
	if target == nil && asp == AspectHead && person {
		// Refused, an honest "I don't know" (not "out of scope"): no
		// entry of the conversation names the person.
		*r = Result{Detected: r.Detected, Lang: r.Lang, Best: &Match{Entry: ctx}}
		return true
	}
	if target == nil {
		if asp == AspectDeveloper && r.Best != nil && !answersAspects(r.Best.Entry.Kind, []Aspect{asp}) {
			// Nor does a statistic retrieval found answer "who?".
			r.Confident, r.Also = false, nil
			r.Best.Confidence = min(r.Best.Confidence, unknownWordCap)
		}
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true, Aspect: asp,
		Best: &Match{Entry: target, Confidence: followUpConfidence}}
	return true
}

// aspectTarget is the entry that answers aspect a of the frame's entity:
// its contact or incentive entry for those; for the facts of a place (size,
// developer, location, stage, investment) the entity when it is a zone,
// else the last zone shown, else the entity when it has a story of its own
// (a partner, an event), else the list of zones.
func (kb *KB) aspectTarget(ctx *base.Entry, a Aspect, f *investbot.Frame, person bool) *base.Entry {
	switch a {
	case AspectContact:
		return kb.relatedOf(ctx, base.KindContact, "contact.japan-desk")
	case AspectIncentives:
		return kb.relatedOf(ctx, base.KindIncentive, "incentive.overview")
	case AspectHead:
		return kb.headOf(ctx, f, person)
	case AspectSize, AspectDeveloper, AspectLocation, AspectStage, AspectInvestment:
		if a == AspectDeveloper && !answersAspects(ctx.Kind, []Aspect{a}) {
			// "from which donor?" after a statistic: it names none,
			// and no zone talked about earlier is meant.
			return nil
		}
		if ctx.Kind == base.KindZone || ctx.Kind == base.KindContact {
			// "where is it?" after an office asks where the office
			// is, not where the parks shown earlier are.
			return ctx
		}
		for _, id := range f.Shown {
			if e := kb.Entry(id); e != nil && e.Kind == base.KindZone {
				return e
			}
		}
		if ctx.Kind == base.KindPartner || ctx.Kind == base.KindEvent {
			return ctx
		}
		if o := kb.Entry("zone.overview"); o != nil {
			return o
		}
	}
	return ctx
}

// headOf is the entry that names the person at the head of what the
// conversation is about ("who's their CEO?", "직책은?", "ông ấy giữ chức
// gì?"): the frame's entity when it names one, else the first entry shown
// that does, else the first entry relating to the entity that does, else
// the entity's first related entry that does. When none does, the entity
// itself: coverage then says the sources do not give it; but nil when
// the question stands for a person (person: "his", "その人") and the
// entity is not one that has a head (a zone, a figure).
func (kb *KB) headOf(ctx *base.Entry, f *investbot.Frame, person bool) *base.Entry {
	cands := []*base.Entry{ctx}
	for _, id := range f.Shown {
		if e := kb.Entry(id); e != nil && !slices.Contains(cands, e) {
			cands = append(cands, e)
		}
	}
	for _, e := range kb.entries {
		// The stories that point at it come before what it points at:
		// the 2023 visit to Sumitomo names who went, the park's entry
		// does not, and the embassy's names its ambassador.
		if slices.Contains(e.Related, ctx.ID) && !slices.Contains(cands, e) {
			cands = append(cands, e)
		}
	}
	for _, e := range kb.frameFamily(ctx)[1:] {
		if !slices.Contains(cands, e) {
			cands = append(cands, e)
		}
	}
	for _, e := range cands {
		if answersAspects(e.Kind, []Aspect{AspectHead}) && kb.givesFact(e, "head", &question{}) {
			return e
		}
	}
	if person && !answersAspects(ctx.Kind, []Aspect{AspectHead}) {
		// "What's his title?" after a port: nobody in the conversation
		// for "his" to stand for, and the port's missing head is not
		// what was asked.
		return nil
	}
	return ctx
}

// placeAspects reports whether every aspect asked is a fact of a place
// (size, developer, location, stage, investment): such a question has no
// subject of its own.
func placeAspects(as []Aspect) bool {
	for _, a := range as {
		switch a {
		case AspectSize, AspectDeveloper, AspectLocation, AspectStage, AspectInvestment:
		default:
			return false
		}
	}
	return len(as) > 0
}

// frameEntity is the entry the conversation is about, nil when none.
func (kb *KB) frameEntity(f *investbot.Frame) *base.Entry {
	if f == nil {
		return nil
	}
	if e := kb.Entry(f.Entity); e != nil {
		return e
	}
	for _, id := range f.Shown {
		if e := kb.Entry(id); e != nil {
			return e
		}
	}
	return nil
}

// ordinalSiblings reads the members of a numbered series that a question
// without a name picks by number ("and the first one?", "2期目は？",
// "1단계랑 2단계 중"): the conversation's entity, or an entry it showed, has
// an alias with one number in it ("WHA phase 2"), and the same alias with
// the number asked names the member ("WHA phase 1"). The ordinal words
// count as the member's name.
func (kb *KB) ordinalSiblings(q *question) {
	// A question as long as one asking a figure of an entity may pick
	// the member ('the total investment capital of the phase 1 project?').
	if len(q.entities) > 0 || q.frame == nil || utf8.RuneCountInString(q.norm) > maxEntityFigure {
		return
	}
	var series []*base.Entry
	if e := kb.frameEntity(q.frame); e != nil {
		series = append(series, e)
	}
	for _, id := range q.frame.Shown {
		if e := kb.Entry(id); e != nil && !slices.Contains(series, e) {
			series = append(series, e)
		}
	}
	if e := kb.frameEntity(q.frame); e != nil {
		// "WHA" then "the phase 1 project": a developer's own entry is
		// not numbered, the parks it relates to are; its own series and
		// those shown come first.
		for _, id := range e.Related {
			if r := kb.Entry(id); r != nil && !slices.Contains(series, r) {
				series = append(series, r)
			}
		}
	}
	if len(series) == 0 {
		return
	}
	for _, cs := range q.cues {
		for k, words := range cs.ordinals {
			for _, w := range words {
				start, end, ok := phraseAt(q.norm, w)
				if !ok {
					continue
				}
				if ent, ok := kb.sibling(series, k+1); ok {
					q.hits = append(q.hits, entityHit{ent: ent, start: start, end: end})
					q.byContext = true
				} else if q.noMember == "" && kb.numberedSeries(series) {
					q.noMember = q.norm[start:end]
				}
				break
			}
		}
	}
	slices.SortFunc(q.hits, func(a, b entityHit) int { return a.start - b.start })
	for _, h := range q.hits {
		if m := kb.gaz.ents[h.ent].entries; len(m) > 0 && !containsInt32(q.entities, m[0]) {
			q.entities = append(q.entities, m[0])
		}
	}
}

// maxSeriesNumber is the highest number a member of a series can bear in
// its name: phases and stages are few; a larger number is a year or a
// resolution ("FDI 2025", "Resolution 59"), not a member's rank.
const maxSeriesNumber = 9

// numberedSeries reports whether one of the entries given is a member of
// a numbered series: an alias of it holds one number, small enough to be
// a phase's, and the gazetteer knows that alias.
func (kb *KB) numberedSeries(series []*base.Entry) bool {
	for _, e := range series {
		for _, a := range e.Aliases {
			n, i, j, ok := oneNumber(a)
			if !ok {
				continue
			}
			if k, err := strconv.Atoi(n[i:j]); err == nil && k >= 1 && k <= maxSeriesNumber {
				if _, ok := kb.sibling([]*base.Entry{e}, k); ok {
					return true
				}
			}
		}
	}
	return false
}

// sibling returns the gazetteer entity numbered k in the series of one of
// the entries given.
func (kb *KB) sibling(series []*base.Entry, k int) (int32, bool) {
	num := strconv.Itoa(k)
	for _, e := range series {
		for _, a := range e.Aliases {
			n, i, j, ok := oneNumber(a)
			if !ok {
				continue
			}
			name := n[:i] + num + n[j:]
			for _, h := range kb.gaz.find(name, nil) {
				if h.start == 0 && h.end == len(name) {
					return h.ent, true
				}
			}
		}
	}
	return 0, false
}

var digitRun = regexp.MustCompile(`[0-9]+`)

// oneNumber normalises the alias a and says where its number stands, when
// it holds exactly one ("WHA Smart Technology 2"): a series member's name.
func oneNumber(a string) (norm string, start, end int, ok bool) {
	norm = textnorm.NormalizeN(a, 0)
	loc := digitRun.FindAllStringIndex(norm, -1)
	if len(loc) != 1 {
		return norm, 0, 0, false
	}
	return norm, loc[0][0], loc[0][1], true
}

// phraseAt finds phrase p in norm (whole words for an ASCII phrase;
// "1期" may stand inside "1期と2期") and returns where it stands.
func phraseAt(norm, p string) (int, int, bool) {
	if !isASCII(p) {
		i := strings.Index(norm, p)
		return i, i + len(p), i >= 0
	}
	for off := 0; off < len(norm); {
		i := strings.Index(norm[off:], p)
		if i < 0 {
			return 0, 0, false
		}
		i += off
		end := i + len(p)
		if (i == 0 || norm[i-1] == ' ') && (end == len(norm) || norm[end] == ' ') {
			return i, end, true
		}
		off = i + 1
	}
	return 0, 0, false
}

// subjectName is the name a follow-up borrows for its subject: the entry's
// first alias, else its English title.
func subjectName(e *base.Entry) string {
	return subjectNameIn(e, "")
}

// subjectNameIn is subjectName in the script of a question in lang: a
// Japanese question leaving out its subject is read with the entry's first
// alias in kana or kanji ("観光", not "tourism", whose one English word
// among Japanese ones finds whichever entry's examples hold it), the first
// alias when none is. (Korean keeps the first alias: its questions were
// measured better so.)
func subjectNameIn(e *base.Entry, lang investbot.Lang) string {
	for _, a := range e.Aliases {
		if lang == investbot.JA && inJapaneseScript(a) {
			return textnorm.Normalize(a)
		}
	}
	if len(e.Aliases) > 0 {
		return textnorm.Normalize(e.Aliases[0])
	}
	return textnorm.Normalize(e.Title.In(investbot.EN))
}

// stepParts answers each question of a message that asks several about
// different things ("How big is WHA 1? And who do I contact?"). The
// whole message's answer stays first when it is one of them.
func (kb *KB) stepParts(q *question, r *Result) bool {
	if q.part || len(r.Compare) > 0 {
		return false
	}
	sents := questionSentences(q.text)
	if utf8.RuneCountInString(q.text) < longMessageRunes {
		sents = shortParts(q.text)
	}
	if items := enumeratedParts(q.text); len(items) >= 2 {
		sents = items
	}
	if len(sents) < 2 {
		return false
	}
	var parts []Result
	seen := map[*base.Entry]bool{}
	answered := 0
	var unsure []string
	offTopic := false // a part nothing answers names nothing we know
	year := ""
	// A part naming nothing that asks a fact asks it of the entity the
	// part before it named ("住友の団地はどこ？あと投資額は？": the
	// investment in that park), not of the conversation's.
	var named *investbot.Frame
	for _, s := range sents {
		if m := yearRe.FindStringSubmatch(s); m != nil {
			year = m[1]
		} else if year != "" && pointsToYear(s) {
			s += " " + year
		}
		sub := kb.parse(Query{Text: s, Lang: q.lang, Frame: q.frame})
		sub.part, sub.split = true, true
		if named != nil && len(sub.entities) == 0 && len(factsAsked(sub)) > 0 {
			sub.frame = named
		}
		pr := kb.run(sub)
		if pr.Answered() && pr.Frame != nil && pr.Missing == "" && len(sub.entities) > 0 {
			named = pr.Frame
		}
		if !pr.Answered() {
			unsure = append(unsure, strings.TrimSpace(s))
			offTopic = offTopic || (pr.OutOfScope && len(sub.entities) == 0)
			continue
		}
		answered++
		if seen[pr.Best.Entry] {
			continue
		}
		seen[pr.Best.Entry] = true
		pr.Frame = nil
		parts = append(parts, pr)
	}
	if len(parts) == 1 && answered >= 2 && (!r.Confident || !seen[r.Best.Entry]) {
		// "who built it? and since when …": every part asks of one
		// entry, which answers the whole message.
		one := parts[0]
		*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: one.FollowUp,
			Best: &Match{Entry: one.Best.Entry, Confidence: one.Best.Confidence}, Unsure: unsure}
		return true
	}
	if len(parts) == 1 && len(unsure) > 0 && !r.Confident && !offTopic && parts[0].Best.Confidence >= entityConfidence && parts[0].Best.Entry.ID != aboutBotID {
		// "JETRO에도 가봐야 하나? 그리고 일본 데스크는?": the part
		// answered surely is answered, the other (naming something we
		// know) said to have no answer; a part answered only so-so, or
		// beside small talk ("are you married? where do you live?"), is
		// no reason to answer the message.
		one := parts[0]
		one.Unsure = unsure
		*r = one
		return true
	}
	if len(parts) == 1 && r.Confident && r.Best.Entry == parts[0].Best.Entry {
		// The message's answer is its one answered part's: the others
		// are said to have none. When that part finds the entry lacks
		// the fact it asks ("면적은 몇 헥타르이고, 입주는 언제부터?"), the
		// message is not answered either: the whole, read at once, may
		// take the other part's words for what it asks.
		r.Unsure = unsure
		if r.Missing == "" && parts[0].Missing != "" && len(unsure) > 0 {
			r.Missing, r.Partial = parts[0].Missing, parts[0].Partial
		}
	}
	if len(parts) < 2 {
		return false
	}
	if !r.Confident || !seen[r.Best.Entry] {
		first := parts[0]
		r.Best, r.RunnersUp, r.Also, r.Aspect = first.Best, nil, nil, first.Aspect
		r.Confident, r.Ambiguous, r.OutOfScope = true, false, false
	}
	r.Parts = parts
	r.Unsure = unsure
	return true
}

// shortParts are the questions of a short message: its sentences with a
// question mark, and those that add one with a cue ("…登録額は？あと輸出額も
// 教えて"); a sentence that restates the question ("一覧で教えてください")
// is not another.
func shortParts(text string) []string {
	sents := splitSentences(text)
	lastMarked := -1
	for i, s := range sents {
		if strings.ContainsAny(s, "?？") {
			lastMarked = i
		}
	}
	// A sentence that opens with a word adding one more thing
	// ("それから日本人観光客数も。", "Also the number of tourists.") after
	// one that asks in words alone ("…を教えてください。") asks too, and
	// makes the one before it a question of its own.
	added := -1
	for i := 1; i < len(sents); i++ {
		if opensWithAlso(textnorm.Normalize(sents[i])) && textnorm.HasPhrase(textnorm.Normalize(sents[i-1]), questionCues) {
			added = i
			break
		}
	}
	var out []string
	for i, s := range sents {
		// Before a sentence with a question mark, one that asks in
		// words alone ("…の役職は何ですか。また、…は？") is a question too.
		// After one, so is one that opens with a word carrying the
		// conversation on ("…? and since when are they …").
		n := textnorm.Normalize(s)
		asks := (i < max(lastMarked, added) || (lastMarked >= 0 && i > lastMarked && opensWithContinuation(n))) && textnorm.HasPhrase(n, questionCues)
		if strings.ContainsAny(s, "?？") || addsQuestion(s) || asks || i == added {
			out = append(out, splitClauses(s)...)
		} else if lastMarked < 0 && textnorm.HasPhrase(n, questionCues) {
			// A request in a message without a question mark ("…の面積と、…の着工
			// 時期を教えてください") asks each fact it names before the words
			// that ask; a sentence whose first side asks in words itself
			// ("what's your name and where do you live") is read whole.
			if cut := splitClauses(s); len(cut) > 1 && !textnorm.HasPhrase(textnorm.Normalize(cut[0]), questionCues) {
				out = append(out, cut...)
			}
		}
	}
	return out
}

// enumMarker is an item number of a list written in a sentence: "(1)",
// "2)", "（3）", "①".
var enumMarker = regexp.MustCompile(`(?:^|[\s:：、,。.])(?:[(（][1-9][)）]|[1-9][)）]|[①-⑨])`)

// itemEnds end one numbered item before the next ("(1) the port and (2)
// …"), as typed: the item is asked without them.
var itemEnds = phrases("item_ends")

// enumeratedParts are the items of a message that numbers what it asks
// ("our board wants to understand (1) the name of the port and (2) total
// FDI"): each item is a question; the last ends with its sentence. Nil
// when fewer than two items are numbered.
func enumeratedParts(text string) []string {
	locs := enumMarker.FindAllStringIndex(text, 5)
	if len(locs) < 2 {
		return nil
	}
	var out []string
	for i, l := range locs {
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		item := text[l[1]:end]
		if i == len(locs)-1 {
			if s := splitSentences(item); len(s) > 0 {
				item = s[0]
			}
		}
		item = strings.TrimSpace(item)
		for _, w := range itemEnds {
			item = strings.TrimSpace(strings.TrimSuffix(item, w))
		}
		if item != "" {
			out = append(out, item)
		}
	}
	return out
}

// opensWithContinuation reports whether norm begins with a word that
// carries a conversation on ("and", "còn", "그리고"), in any language.
func opensWithContinuation(norm string) bool {
	for _, l := range investbot.Langs {
		for _, c := range cues[l].continuations {
			if norm == c || strings.HasPrefix(norm, c+" ") || (c[0] >= 0x80 && strings.HasPrefix(norm, c)) {
				return true
			}
		}
	}
	return false
}

// opensWithAlso reports whether norm begins with a word that adds one more
// question ("also", "それから", "그리고", "thêm"), in any language.
func opensWithAlso(norm string) bool {
	for _, l := range investbot.Langs {
		for _, c := range cues[l].also {
			if norm == c || strings.HasPrefix(norm, c+" ") || (c[0] >= 0x80 && strings.HasPrefix(norm, c)) {
				return true
			}
		}
	}
	return false
}

func addsQuestion(s string) bool {
	n := textnorm.Normalize(s)
	if !textnorm.HasPhrase(n, questionCues) {
		return false
	}
	for _, l := range investbot.Langs {
		if containsAnyWord(n, cues[l].also) {
			return true
		}
	}
	return false
}

// splitClauses cuts a sentence that asks two things ("Who headed the
// JETRO side, and who is the ambassador?") before the words that start
// the second question; each side keeps at least minClauseWords words.
func splitClauses(s string) []string {
	lower := strings.ToLower(s)
	if len(lower) != len(s) {
		return []string{s}
	}
	for _, l := range investbot.Langs {
		for _, p := range cues[l].split {
			i := strings.Index(lower, " "+p+" ")
			if i < 0 {
				continue
			}
			first, second := strings.TrimRight(s[:i], " ,;"), s[i+1:]
			if textnorm.WordCount(first) >= minClauseWords && textnorm.WordCount(second) >= minClauseWords {
				return append([]string{first}, splitClauses(second)...)
			}
		}
	}
	// A bare "and"/"và" or what joins two clauses ("…이고, …") starts a
	// second question only when each side asks on its own; asking, a
	// side may be shorter (Korean says "입주는 언제부터 가능한가요?" in
	// three words).
	for _, l := range investbot.Langs {
		cs := cues[l]
		for _, joins := range [2][]string{cs.splitAsking, cs.clauses} {
			for _, p := range joins {
				at := p
				if !strings.ContainsAny(p, " ,;、") {
					at = " " + p + " "
				}
				i := strings.Index(lower, at)
				if i < 0 {
					continue
				}
				first, second := strings.TrimRight(s[:i], " ,;、"), strings.TrimSpace(s[i+len(at):])
				if longAsking(first) && longAsking(second) && asksEach(first, second, cs) {
					return append([]string{first}, splitClauses(second)...)
				}
			}
		}
	}
	return []string{s}
}

// longAsking reports whether a side of a cut is long enough to ask:
// minAskingWords words, or in a script written without spaces
// ("ODA案件の数"), minAskingRunes characters.
func longAsking(side string) bool {
	if textnorm.WordCount(side) >= minAskingWords {
		return true
	}
	return !strings.Contains(side, " ") && utf8.RuneCountInString(side) >= minAskingRunes &&
		strings.IndexFunc(side, func(r rune) bool { return r >= 0x3000 }) >= 0
}

// minAskingRunes is longAsking's fewest characters of an unspaced side.
const minAskingRunes = 5

// minAskingWords is the fewest words of each side splitClauses cuts at a
// bare conjunction, both sides asking.
const minAskingWords = 3

// asksEach reports whether the two sides of a join ask two things: each
// asks on its own, or one asks and the other names a fact of its own
// ("1期の面積と、2期の着工時期を教えて": the request ending the
// sentence asks both). Two sides naming the same fact ("exports and
// imports in 2025") are one list or comparison, not two questions.
func asksEach(first, second string, cs *cueSet) bool {
	a1, a2 := asksAlone(first, cs), asksAlone(second, cs)
	if a1 && a2 {
		return true
	}
	if !a1 && !a2 {
		return false
	}
	f1 := cs.factAsk.Matched(maskCompounds(textnorm.Normalize(first)))
	f2 := cs.factAsk.Matched(maskCompounds(textnorm.Normalize(second)))
	return f1 != 0 && f2 != 0 && f1&f2 == 0
}

// asksAlone reports whether a side of a sentence asks something on its
// own: a question cue, a quantifier ("bao nhiêu") or a pick word ("ai").
func asksAlone(side string, cs *cueSet) bool {
	n := textnorm.Normalize(side)
	return textnorm.HasPhrase(n, questionCues) || containsAnyWord(n, cs.quantifiers) || containsAnyWord(n, cs.pick)
}

// minClauseWords is the fewest words of a clause splitClauses cuts off.
const minClauseWords = 4

// pointsToYear reports whether a sentence points back to a year named
// before it ("and exports that year?").
func pointsToYear(s string) bool {
	n := textnorm.Normalize(s)
	for _, l := range investbot.Langs {
		if containsAnyWord(n, cues[l].thatYear) {
			return true
		}
	}
	return false
}

// questionSentences are the sentences of text that ask something (end in a
// question mark, or hold a question cue and are not brief), at most four.
func questionSentences(text string) []string {
	var out []string
	asked := false // the sentence before asks
	for _, s := range splitSentences(textnorm.Clip(text, textnorm.MaxQueryRunes)) {
		if len(out) == 4 {
			break
		}
		// "…を教えてください。それから日本人観光客数も。": one more thing
		// added to a question is asked too.
		if strings.ContainsAny(s, "?？") || (len(s) >= shortSentenceRunes && textnorm.HasPhrase(textnorm.Normalize(s), questionCues)) ||
			asked && opensWithAlso(textnorm.Normalize(s)) {
			out = append(out, s)
			asked = true
			continue
		}
		asked = false
	}
	return out
}

// nextFrame is the dialogue state r leaves: the entity answered (the
// frame's own when the answer was one of its aspects: a contact, an
// incentive), the aspect, the entries shown. An unanswered question
// leaves the frame as it was.
func nextFrame(q *question, r Result) *investbot.Frame {
	if !r.Answered() || r.Best == nil || r.Best.Entry.ID == homeID && !r.FollowUp {
		// The province as a whole is what every entry is about: "it"
		// after its overview is still the province, which the next
		// question's own words say more about than the overview.
		return q.frame
	}
	asp := r.Aspect
	if asp == AspectNone && len(r.Compare) == 0 {
		// A first question asks its aspect too ("WHAの面積は？"): the next
		// one may leave it out ("住友は？").
		q.readCues()
		asp = q.mainAspect()
	}
	f := &investbot.Frame{Entity: r.Best.Entry.ID, Aspect: string(asp), Lang: r.Lang, Fact: q.fact}
	if r.FollowUp && q.frame != nil && (r.Aspect == AspectContact || r.Aspect == AspectIncentives) {
		f.Entity = q.frame.Entity
	}
	var shown []string
	for _, c := range r.Compare {
		shown = append(shown, c.ID)
	}
	for _, p := range r.Parts {
		shown = append(shown, p.Best.Entry.ID)
	}
	if r.Best != nil {
		shown = append(shown, r.Best.Entry.ID)
	}
	if r.Also != nil {
		shown = append(shown, r.Also.Entry.ID)
	}
	var old []string
	if q.frame != nil {
		old = q.frame.Shown
	}
	f.Shown = pushShown(old, shown...)
	return f
}

// inheritedFact is the fact the last question asked, for a question that
// only carries the conversation on to a new entity ("and Korea's?" after
// Japan's FDI share, "what about Sumitomo?" after WHA's area, "còn Hàn
// Quốc?"): the new entity's entry must give that fact too, or the sources
// do not give it. nil for any other question.
func (kb *KB) inheritedFact(q *question, r *Result) []string {
	if q.frame == nil || !q.short() || r.Best == nil {
		return nil
	}
	if len(q.entities) == 0 && r.Best.Entry.ID == q.frame.Entity && asksOnlyYear(q) {
		// "and in 2025?" after "how many Japanese visitors?" asks the
		// same figure for another year: the entry must give it for that
		// year, not merely mention the year.
		if f := kb.yearFigure(q.frame); f != "" {
			return []string{f}
		}
		return nil
	}
	if q.frame.Fact == "" || len(q.entities) != 1 {
		return nil
	}
	if q.readCues(); !q.cont || q.rest != "" || len(q.aspects) > 0 || r.Best.Entry != kb.entries[q.entities[0]] || r.Best.Entry.ID == q.frame.Entity {
		return nil
	}
	if kb.lacksInherited(q, r.Best.Entry) {
		return nil
	}
	prev := kb.Entry(q.frame.Entity)
	if prev == nil || prev.Kind != r.Best.Entry.Kind || (prev.Kind != base.KindPartner && prev.Kind != base.KindZone) || !kb.givesFact(prev, q.frame.Fact, q) {
		// Only a peer of what was just measured (a partner after a
		// partner, a park after a park) is asked the same: "ODAは？"
		// after the FDI rank opens a topic of its own.
		return nil
	}
	return []string{q.frame.Fact}
}

// lacksInherited reports whether q picks another member of a numbered
// series by its number ("그럼 2단계는?", "and phase 2?", "2期は？")
// and e, that member, does not give the fact the conversation asked of the
// one before: the member is then asked as a whole — its entry says itself
// what the sources lack — rather than refused on a fact the question never
// names ("2단계는 면적이 몇 헥타르예요?" still is).
func (kb *KB) lacksInherited(q *question, e *base.Entry) bool {
	if q.frame == nil || e == nil || e.ID == q.frame.Entity || (!q.byContext && !kb.siblings(kb.Entry(q.frame.Entity), e)) {
		return false
	}
	fs := []string{frameFigure(q.frame)}
	if Aspect(q.frame.Aspect) == AspectSize {
		// A size is asked as an area of a park, whatever figure the
		// question named ("how big" may be read as a size in dollars).
		fs = append(fs, "area")
	}
	for _, f := range fs {
		if f != "" && !kb.givesFact(e, f, q) {
			return true
		}
	}
	return false
}

// siblings reports whether b is another numbered member of a's series
// ("WHA phase 2" beside "WHA phase 1").
func (kb *KB) siblings(a, b *base.Entry) bool {
	if a == nil || b == nil {
		return false
	}
	for k := 1; k <= 3; k++ {
		if ent, ok := kb.sibling([]*base.Entry{a}, k); ok {
			if m := kb.gaz.ents[ent].entries; len(m) > 0 && kb.entries[m[0]] == b {
				return true
			}
		}
	}
	return false
}

// frameFigure is the fact the frame's question asked, else the figure its
// aspect asks ("bao nhiêu khách?" asks a count in its aspect alone).
func frameFigure(f *investbot.Frame) string {
	if f.Fact != "" {
		return f.Fact
	}
	switch Aspect(f.Aspect) {
	case AspectCount:
		return "count"
	case AspectInvestment:
		return "amount"
	case AspectSize:
		return "size"
	}
	return ""
}

// yearFigure is the figure a year alone asks after frame f: the frame's
// own, or, after a statistic of one year ("FDI in 2025"), that statistic's
// figure, which "2024년 한 해는요?" asks for another year.
func (kb *KB) yearFigure(f *investbot.Frame) string {
	if fig := frameFigure(f); fig != "" {
		return fig
	}
	e := kb.Entry(f.Entity)
	if e == nil || e.Kind != base.KindStat {
		return ""
	}
	if ys := titleYears(e.Title.In(investbot.EN)); len(ys) == 1 && ys[0].from == ys[0].to {
		return "amount"
	}
	return ""
}

// asksOnlyYear reports whether q carries the conversation on with nothing but
// a year ("and in 2025?", "còn năm 2025?", "2025年は?", "2025년은요?").
func asksOnlyYear(q *question) bool {
	if !yearRe.MatchString(q.text) {
		return false
	}
	q.readCues()
	if len(q.aspects) > 0 {
		return false
	}
	return withoutYears(q.rest, q.cues) == ""
}

// withoutYears is s without its years and the words that stand beside
// them (year_words in the language files: "in", "năm", "年", "년").
func withoutYears(s string, sets []*cueSet) string {
	rest := " " + yearRe.ReplaceAllString(" "+s+" ", " ") + " "
	for _, cs := range sets {
		for _, w := range cs.yearWords {
			if isASCII(w) {
				// Twice: adjacent words share the space between them.
				rest = strings.ReplaceAll(strings.ReplaceAll(rest, " "+w+" ", " "), " "+w+" ", " ")
			} else {
				rest = strings.ReplaceAll(rest, w, " ")
			}
		}
	}
	return strings.Join(strings.Fields(rest), " ")
}

// factOf is the fact a frame keeps: the first the question asked, else
// the one it inherited.
func (kb *KB) factOf(q *question, r Result) string {
	if asked := factsAsked(q); len(asked) > 0 {
		return asked[0]
	}
	if in := kb.inheritedFact(q, &r); len(in) > 0 {
		return in[0]
	}
	return ""
}

// PushFrame returns the frame after entry id was shown on its own (a
// button pressed, a topic opened): it becomes the entity talked about.
func PushFrame(f *investbot.Frame, id string, lang investbot.Lang) *investbot.Frame {
	if id == homeID {
		// The province's overview leaves the conversation as it was
		// (nextFrame).
		return f
	}
	var old []string
	if f != nil {
		old = f.Shown
	}
	return &investbot.Frame{Entity: id, Lang: lang, Shown: pushShown(old, id)}
}

// pushShown puts ids first (in order), drops repeats and keeps at most
// investbot.MaxShown.
func pushShown(old []string, ids ...string) []string {
	out := make([]string, 0, investbot.MaxShown)
	for _, id := range append(append([]string(nil), ids...), old...) {
		if len(out) == investbot.MaxShown {
			break
		}
		dup := false
		for _, x := range out {
			dup = dup || x == id
		}
		if !dup {
			out = append(out, id)
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// partOfFigure reads a question naming one entity after a statistic as a
// part of that statistic's figure: a partner's (figureOfPartner), or,
// with a subset word, another statistic the figure's entry names ("Trong
// đó FDI?" after the 2025 investment projects: the FDI projects among
// them, not the cumulative FDI). It reports whether it answered.
func (kb *KB) partOfFigure(q *question, r *Result, ctx *base.Entry) bool {
	if kb.figureOfPartner(q, r, ctx) {
		return true
	}
	e := kb.entries[q.entities[0]]
	if ctx.Kind != base.KindStat || e == ctx || e.Kind != base.KindStat || !anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.subset }) ||
		!kb.mentionsEntity(kb.indexOf(ctx), q.entities[0]) {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true,
		Best: &Match{Entry: ctx, Confidence: followUpConfidence}}
	return true
}

// figureOfPartner reads a bare partner named after a statistic ("そのうち
// 日本は?" after the 2025 FDI count) as that statistic's figure for the
// partner: when no sentence of the statistic names the partner with a
// figure, the sources do not give it (the partner's own entry, whose
// figures are of other periods, is not the answer). It reports whether
// it answered.
func (kb *KB) figureOfPartner(q *question, r *Result, ctx *base.Entry) bool {
	// "Nhật chiếm mấy dự án trong số đó?", "そのうち日本からは何件?": a
	// subset word asks the partner's part of the figure, whatever else
	// the question says.
	subset := anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.subset })
	if ctx.Kind != base.KindStat || len(q.entities) != 1 || (len(q.aspects) > 0 && !subset) {
		return false
	}
	p := kb.entries[q.entities[0]]
	if p.Kind != base.KindPartner || p == ctx || len(titleYears(ctx.Title.In(investbot.EN))) == 0 {
		// Only a statistic of a period: "FDI累計" then "日本は?" may
		// well ask Japan's own total.
		return false
	}
	if strings.TrimSpace(strings.Trim(q.rest, "?？ ")) != "" && !subset {
		return false
	}
	if partnerFigure(ctx, p) {
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: true,
		Best:    &Match{Entry: ctx, Confidence: followUpConfidence},
		Missing: qualifierPrefix + kb.nameIn(q, q.entities[0])}
	return true
}

// partnerFigure reports whether a sentence of e names partner p (any of
// its names) with a number that is not a year.
func partnerFigure(e, p *base.Entry) bool {
	var names []string
	for _, a := range p.Aliases {
		if a = strings.ToLower(a); utf8.RuneCountInString(a) >= 2 {
			names = append(names, a)
		}
	}
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(presentText(e.Answer.In(l))) {
			if !containsAny(s, names) {
				continue
			}
			for _, n := range numberRe.FindAllString(dateRe.ReplaceAllString(s, " "), -1) {
				if n = strings.TrimRight(n, ".,"); n != "" && !isYear(n) {
					return true
				}
			}
		}
	}
	return false
}

// inJapaneseScript reports whether name is written in kana or kanji.
func inJapaneseScript(name string) bool {
	cjk := false
	for _, r := range name {
		switch {
		case isHangul(r):
			return false
		case isKatakana(r) || unicode.In(r, unicode.Hiragana, unicode.Han):
			cjk = true
		}
	}
	return cjk
}

// unknownCompound reports whether a Japanese question's one topic word is
// a compound of three kanji or more (kanjiCompound) that no entry
// mentions ("受付時間は？"); in a longer question such a word is often a
// name in passing ("高橋様").
func (kb *KB) unknownCompound(q *question) bool {
	if q.detected != investbot.JA {
		return false
	}
	ws := topicWords(q.rest)
	return len(ws) == 1 && kanjiCompound(ws[0], q.detected) && !kb.mentionedAnywhere(ws[0])
}

// namesOtherThan reports whether a question written in kana, kanji or
// Hangul holds a Latin word of three letters or more (an acronym: "ADB")
// that ctx never mentions and another entry does: "世銀とかADBとの関係は？"
// after ODA asks about that other entry's subject, not ODA.
func (kb *KB) namesOtherThan(q *question, ctx *base.Entry) bool {
	if q.detected != investbot.JA && q.detected != investbot.KO {
		return false
	}
	i := kb.indexOf(ctx)
	for w := range latinWordsSeq(q.norm) {
		if len(w) >= 3 && !kb.mentions(i, w) && kb.mentionedAnywhere(w) {
			return true
		}
	}
	return false
}
