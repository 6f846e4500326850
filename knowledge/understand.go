package knowledge

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// question is a message read once: what every step of the engine looks at.
type question struct {
	text     string
	norm     string
	focus    string // the question sentences of a long message, normalised; "" if none
	detected investbot.Lang
	lang     investbot.Lang
	cues     []*cueSet
	hits     []entityHit
	entities []int32 // main entries of the entities named, distinct, in text order
	aspects  []Aspect
	pronoun  bool // leans on the conversation ("it", "そこ")
	cont     bool // carries the conversation on ("what about", "còn")
	rest     string
	read     bool // readCues has run
	// offTopics are the off-topic words named (visas, weather), read once.
	offTopics []string
	frame     *investbot.Frame
	part      bool // one question of a message that asks several
	// split marks a part cut from the message (not a re-reading of the
	// question): without a subject of its own it inherits the frame's.
	split bool
	// byContext marks entities the question does not name but the
	// conversation gives ("the first one", "둘 중").
	byContext bool
	// noMember is the ordinal words of a member of the conversation's
	// numbered series that the series does not have ("phase 3" when the
	// sources know phases 1 and 2): ordinalSiblings sets it.
	noMember string
	rv       retrieval
	// fact is the specific fact asked or inherited, kept in the frame.
	fact string
	// asks remembers which facts' asking words a text holds: several
	// steps ask it of the same text, and reading every cue phrase is the
	// dearest part of it.
	asks phraseMemo
	// bare is norm without the names it holds, and asksBare its asks.
	bare     string
	asksBare phraseMemo
}

// phraseMemo is the facts whose asking words text held under cues.
type phraseMemo struct {
	text  string
	cues  []*cueSet
	facts []string
}

// parse reads q once: language, normalised text, entities, aspects and
// the words left when cue words and entity names are taken out.
func (kb *KB) parse(q Query) *question {
	q.Text = spanYears(fullYears(q.Text))
	if n := forwardedNote(q.Text); n != "" {
		q.Text = n
	}
	qs := &question{text: q.Text, detected: DetectLang(q.Text), frame: q.Frame}
	qs.lang = qs.detected
	if !qs.lang.Valid() {
		qs.lang = q.Lang
		if !qs.lang.Valid() {
			qs.lang = investbot.EN
		}
	}
	if qs.frame == nil && q.Context != "" && q.Context != homeID {
		qs.frame = &investbot.Frame{Entity: q.Context, Shown: []string{q.Context}}
	}
	if kb != nil {
		q.Text = kb.withFrameYear(q.Text, qs.frame)
	}
	qs.norm = respell(textnorm.Normalize(q.Text))
	if kb != nil && kb.idx != nil {
		qs.norm = kb.idx.expandShorthand(qs.norm, cueLangs(qs.detected))
		// Slips are read as meant before anything reads the words.
		qs.norm = kb.respellSlips(qs.norm, q.Text)
	}
	if kb != nil && kb.gaz != nil {
		qs.norm = kb.gaz.unjoin(qs.norm)
	}
	if p := questionPart(q.Text); p != "" {
		qs.focus = textnorm.Normalize(p)
		if kb != nil && kb.spell != nil {
			qs.focus = kb.respellLatin(qs.focus, p)
		}
	}
	qs.cues = cueLangs(qs.detected)
	if n, ok := dropTopicChange(qs.norm, qs.cues); ok {
		// "話変わりますが、ODAは？": a new topic, asked without the
		// words that announce it.
		qs.norm, qs.frame = n, nil
	}
	// "대형 프로젝트 몇 개만 알려주세요" asks for a few of them, not
	// their number.
	qs.norm = dropFew(qs.norm, qs.cues)
	qs.offTopics = offTopicsIn(qs.norm)
	if kb == nil || kb.gaz == nil {
		return qs
	}
	qs.hits = kb.gaz.find(qs.norm, nil)
	if qs.detected == investbot.VI {
		qs.hits = kb.gaz.findMarked(q.Text, qs.norm, qs.hits)
	}
	for _, h := range qs.hits {
		if m := kb.gaz.ents[h.ent].entries; len(m) > 0 && !containsInt32(qs.entities, m[0]) {
			qs.entities = append(qs.entities, m[0])
		}
	}
	kb.ordinalSiblings(qs)
	if len(qs.hits) > 0 || qs.frame != nil {
		// The cue words only matter for a question that names an entity
		// or has a conversation to lean on; others skip the work.
		qs.readCues()
	}
	return qs
}

// readCues reads the aspects asked, the words that lean on the
// conversation, and what is left once cue words and entity names are
// taken out. It runs once.
func (q *question) readCues() {
	if q.read {
		return
	}
	q.read = true
	rest := []byte(q.norm)
	for _, h := range q.hits {
		for i := h.start; i < h.end; i++ {
			rest[i] = ' '
		}
	}
	q.aspects = aspectsIn(maskCompounds(q.norm), q.cues)
	q.pronoun = hasPronoun(q.norm, q.cues)
	if r, ok := stripDemonstratives(string(rest), q.cues); ok {
		// "그 협회 회장은?", "その団体の会長は?", "chủ tịch hiệp hội đó?":
		// the noun beside the demonstrative names the conversation's
		// entity by its kind, not a subject of its own.
		rest, q.pronoun = []byte(r), true
	}
	q.cont = anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.continuations }) || endsWithCue(q.norm, q.cues)
	// A small-talk word can be part of a cue phrase ("ty", thanks in
	// chat, ends "công ty", company) and a cue word part of a greeting
	// ("안녕하세요"): of the two orders, the reading that leaves less.
	a := stripCues(stripSmallTalk(string(rest)), q.cues)
	b := stripSmallTalk(stripCues(string(rest), q.cues))
	q.rest = a
	if len(b) < len(a) {
		q.rest = b
	}
}

// hasPronoun reports whether norm holds a pronoun of the language files
// that is not part of a longer word of their demonstratives' not list
// ("それぞれ", each, holds "それ").
func hasPronoun(norm string, sets []*cueSet) bool {
	for _, cs := range sets {
		n := norm
		for _, w := range cs.demNot {
			if !isASCII(w) {
				n = strings.ReplaceAll(n, w, " ")
			}
		}
		if hasCue(n, cs.pronouns) {
			return true
		}
	}
	return false
}

// endsWithCue reports whether norm ends with one of the language files'
// continuation_ends ("韓国は", "第2期は"): a particle that carries the
// conversation on only as the question's last word.
func endsWithCue(norm string, sets []*cueSet) bool {
	norm = strings.TrimSpace(norm)
	for _, cs := range sets {
		for _, c := range cs.contEnds {
			if strings.HasSuffix(norm, c) && (!isASCII(c) || len(norm) == len(c) || norm[len(norm)-len(c)-1] == ' ') {
				return true
			}
		}
	}
	return false
}

// dropTopicChange removes the words announcing a new topic from norm and
// reports whether it found one.
func dropTopicChange(norm string, sets []*cueSet) (string, bool) {
	found := false
	for _, cs := range sets {
		for _, p := range cs.topicChange {
			if i, j, ok := phraseAt(norm, p); ok {
				norm, found = norm[:i]+" "+norm[j:], true
			}
		}
	}
	if !found {
		return norm, false
	}
	return strings.Join(strings.Fields(norm), " "), true
}

// dropFew returns norm without the words that ask for a few members of
// a list (lang/*.yaml "few"), which would otherwise read as a count asked.
func dropFew(norm string, sets []*cueSet) string {
	found := false
	for _, cs := range sets {
		for _, p := range cs.few {
			for {
				i, j, ok := phraseAt(norm, p)
				if !ok {
					break
				}
				norm, found = norm[:i]+" "+norm[j:], true
			}
		}
	}
	if !found {
		return norm
	}
	return strings.Join(strings.Fields(norm), " ")
}

// stripDemonstratives removes from rest each demonstrative of the
// language files with the word it stands beside (after "that", "그",
// before "đó"; in unspaced Japanese the kanji or katakana run after
// "その") and reports whether it found one.
func stripDemonstratives(rest string, sets []*cueSet) (string, bool) {
	if !holdsDemonstrative(rest, sets) {
		return rest, false
	}
	words := strings.Fields(rest)
	drop := make([]bool, len(words))
	found := false
	for _, cs := range sets {
		for i, w := range words {
			if i+1 < len(words) && slices.Contains(cs.demBefore, w) {
				drop[i], drop[i+1], found = true, true, true
			}
			if i > 0 && slices.Contains(cs.demAfter, w) {
				drop[i-1], drop[i], found = true, true, true
			}
		}
		for i, w := range words {
			for _, d := range cs.demBefore {
				if isASCII(d) || w == d {
					continue
				}
				if j := strings.Index(w, d); j >= 0 && !partOfWord(w, j, d, cs.demNot) {
					if k := j + len(d) + nounRun(w[j+len(d):]); k > j+len(d) {
						words[i], found = w[:j]+" "+w[k:], true
					}
				}
			}
		}
	}
	var out []string
	for i, w := range words {
		if !drop[i] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " "), found
}

// holdsDemonstrative reports whether rest holds a demonstrative anywhere:
// most questions hold none, and are left without a copy.
func holdsDemonstrative(rest string, sets []*cueSet) bool {
	for _, cs := range sets {
		for _, ds := range [][]string{cs.demBefore, cs.demAfter} {
			for _, d := range ds {
				if strings.Contains(rest, d) {
					return true
				}
			}
		}
	}
	return false
}

// partOfWord reports whether the demonstrative d found at byte j of w is
// part of a longer word of nots ("どこの国": "どこの" holds "この").
func partOfWord(w string, j int, d string, nots []string) bool {
	for _, n := range nots {
		if k := strings.Index(n, d); k >= 0 && j >= k && strings.HasPrefix(w[j-k:], n) {
			return true
		}
	}
	return false
}

// nounRun is the length in bytes of the run of kanji and katakana s
// begins with: a Japanese noun, up to its particle.
func nounRun(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Katakana, r) && r != 'ー' {
			break
		}
		n += utf8.RuneLen(r)
	}
	return n
}

// smallTalkHeads are the words that make a message a greeting or thanks
// ("hi", "안녕하세요", "ありがとう", "cảm ơn"), in every language, longest
// first: around a question they ask nothing ("hi, what do you have on
// industrial parks?" names the parks alone).
var smallTalkHeads = longestFirst(textnorm.FoldAll(append(wordLists("greeting_heads"), wordLists("thanks_heads")...)...))

func longestFirst(ps []string) []string {
	slices.SortStableFunc(ps, func(a, b string) int { return len(b) - len(a) })
	return ps
}

// stripSmallTalk removes greeting and thanks words from what is left of a
// question: Latin ones as whole words, others wherever they stand.
func stripSmallTalk(rest string) string {
	if strings.TrimSpace(rest) == "" {
		return ""
	}
	padded := " " + rest + " "
	for _, p := range smallTalkHeads {
		if p == "" {
			continue
		}
		if p[0] < 0x80 {
			padded = strings.ReplaceAll(strings.ReplaceAll(padded, " "+p+" ", "  "), " "+p+" ", "  ")
		} else {
			padded = strings.ReplaceAll(padded, p, " ")
		}
	}
	return strings.Join(strings.Fields(padded), " ")
}

// readAspects returns the aspects asked, reading the cue words first if
// parse skipped them.
func (q *question) readAspects() []Aspect {
	q.readCues()
	return q.aspects
}

// readHas is has after reading the cue words.
func (q *question) readHas(a Aspect) bool {
	q.readCues()
	return q.has(a)
}

// has reports whether the question asks about aspect a.
func (q *question) has(a Aspect) bool {
	for _, x := range q.aspects {
		if x == a {
			return true
		}
	}
	return false
}

// mainAspect is the first aspect asked that is about the subject itself
// (not "compare" or "list"), or AspectNone.
func (q *question) mainAspect() Aspect {
	for _, a := range q.aspects {
		if a != AspectCompare && a != AspectList {
			return a
		}
	}
	return AspectNone
}

// step is one stage of answering; it returns true when the result is
// final.
type step struct {
	name string
	run  func(kb *KB, q *question, r *Result) bool
}

// steps are the engine, in order. meta: empty messages, instructions to
// the bot, questions about the bot. entity: a name alone gets its main
// entry. compare: two or three zones side by side. search: BM25 over
// examples and fields, calibrated. parts: a message that asks several
// questions gets each answered. constraint: what the question names or
// asks must be covered by the answer. frame-fact: a short question asking
// a fact the conversation's entity (or a related entry) gives. follow-up: a question that leaves out
// its subject inherits the conversation's. entity-fact: a short question
// naming one entity and asking who it is or who holds what post, which its
// entry (or a related one) gives. entity-words: a short question about one
// entity whose entry holds the question's own words. calibrate: the last refusals
// (a price per m², nothing known).
func steps() [12]step {
	return [...]step{
		{"meta", (*KB).stepMeta},
		{"home", (*KB).stepHome},
		{"entity", (*KB).stepEntity},
		{"compare", (*KB).stepCompare},
		{"search", (*KB).stepSearch},
		{"parts", (*KB).stepParts},
		{"constraint", (*KB).stepConstraint},
		{"frame-fact", (*KB).stepFrameFact},
		{"follow-up", (*KB).stepFollowUp},
		{"entity-fact", (*KB).stepEntityFact},
		{"entity-words", (*KB).stepEntityWords},
		{"calibrate", (*KB).stepCalibrate},
	}
}

func (kb *KB) match(q Query) Result {
	q.Text = kb.dropPreamble(withoutCourtesy(readLetter(foldMarks(foldWidth(q.Text)))))
	if t, ok := kb.withoutLeadIn(q.Text); ok {
		q.Text = t
	}
	return kb.run(kb.parse(q))
}

// sentenceEnds are the characters splitSentences cuts after.
const sentenceEnds = ".?!。？！\n"

// dropPreamble returns a short message without the sentences before its
// first question that neither ask nor name anything the knowledge base
// holds: "日系食品メーカーです。", "We met at the fair." introduce the asker,
// and their words would otherwise weigh as much as the question's (a long
// message's question sentences are weighed in stepSearch instead).
func (kb *KB) dropPreamble(text string) string {
	if kb == nil || kb.gaz == nil || utf8.RuneCountInString(text) >= longMessageRunes {
		return text
	}
	if !strings.ContainsAny(strings.TrimRight(text, sentenceEnds+" "), sentenceEnds) {
		// One sentence, most questions: nothing before it.
		return text
	}
	sents := splitSentences(text)
	for i, s := range sents {
		n := textnorm.Normalize(s)
		if strings.ContainsAny(s, "?？") || textnorm.HasPhrase(n, questionCues) {
			rest := strings.Join(sents[i:], " ")
			if i == 0 || hasPronoun(textnorm.Normalize(rest), cueLangs(DetectLang(rest))) {
				// "… with a person. Is that possible?": the question
				// points back at the sentence before.
				return text
			}
			return rest
		}
		if asked, _ := kb.PersonRequest(s); asked || len(kb.gaz.find(n, nil)) > 0 || yearRe.MatchString(n) {
			return text
		}
	}
	return text
}

// leadInTopicCover is the least share of a lead-in's words an entry must
// explain for the lead-in to name a topic: "two more from him" meets an
// entry or two on "more", "logistics" meets its own.
const leadInTopicCover = 0.6

// leadInSeps end a lead-in before the question ("while I wait: who is …",
// "two more from him - how many …").
var leadInSeps = []string{": ", " - ", " – ", " — "}

// withoutLeadIn returns a one-line message's question without the few
// words before a colon or a dash that ask nothing and name nothing the
// knowledge base knows ("while I wait", "two more from him"), and whether
// it found such words: read with the question, they lend it a pronoun
// ("him") or words no entry holds. Words that name or ask something
// ("Resolution 59 - date?", "WHA phase 1 - how big?") stay.
func (kb *KB) withoutLeadIn(text string) (string, bool) {
	if strings.Contains(text, "\n") || utf8.RuneCountInString(text) > maxFactQuestion {
		return text, false
	}
	i, sep := -1, ""
	for _, s := range leadInSeps {
		if j := strings.Index(text, s); j > 0 && j <= 60 && (i < 0 || j < i) {
			i, sep = j, s
		}
	}
	if i < 0 {
		return text, false
	}
	lead, rest := text[:i], strings.TrimSpace(text[i+len(sep):])
	if textnorm.WordCount(lead) > 6 || textnorm.WordCount(rest) < 3 || strings.ContainsAny(lead, "0123456789?？") {
		return text, false
	}
	lq := kb.parse(Query{Text: lead})
	if len(lq.entities) > 0 || len(placesIn(lq.norm)) > 0 || textnorm.HasPhrase(lq.norm, questionCues) || len(factsAsked(lq)) > 0 {
		return text, false
	}
	if lq.readCues(); len(lq.aspects) > 0 {
		return text, false
	}
	if rv := kb.idx.search(lq.norm, false); rv.ntop > 0 && rv.top[0].cover >= leadInTopicCover {
		// The lead-in's own words find an entry: it names a topic
		// ("logistics - port?").
		return text, false
	}
	return rest, true
}

func (kb *KB) run(qs *question) Result {
	r := Result{Detected: qs.detected, Lang: qs.lang}
	for _, s := range steps() {
		if s.run(kb, qs, &r) {
			break
		}
	}
	if qs.noMember != "" && r.Confident && r.Best != nil && r.Missing == "" && !kb.mentions(kb.indexOf(r.Best.Entry), qs.noMember) {
		// "and phase 3?" after WHA's phases 1 and 2: the member the
		// sources never name has no figure, whichever member answered.
		r.Missing = qualifierPrefix + typedAs(qs.text, qs.noMember)
		r.Also, r.RunnersUp = nil, nil
	}
	if r.Confident && r.Best != nil && asksOfNothing(qs) {
		// "크기는?" with no conversation: the size of what? An example
		// that happens to hold the word does not say.
		r.Confident = false
	}
	// coverage runs whichever step answered: the fact asked must be given.
	kb.stepCoverage(qs, &r)
	qs.fact = kb.factOf(qs, r)
	r.Frame = nextFrame(qs, r)
	return r
}

// maxBareAspect is the most runes of a question that asks a fact of
// nothing it names ("크기는?", "how big?").
const maxBareAspect = 12

// asksOfNothing reports whether q asks only a fact of a subject (a size,
// a place, a date, an amount, a count, a developer, a head) and names no
// subject, with no conversation to give one.
func asksOfNothing(q *question) bool {
	if q.frame != nil || len(q.entities) > 0 || utf8.RuneCountInString(q.text) > maxBareAspect {
		return false
	}
	q.readCues()
	if q.rest != "" || len(q.aspects) == 0 {
		return false
	}
	for _, a := range q.aspects {
		switch a {
		case AspectSize, AspectLocation, AspectStage, AspectInvestment, AspectCount, AspectDeveloper, AspectHead:
		default:
			return false
		}
	}
	return true
}

func (kb *KB) stepMeta(q *question, r *Result) bool {
	if q.norm == "" || isInjection(q.norm) || kb == nil || kb.idx == nil || kb.idx.n == 0 {
		r.OutOfScope = true
		return true
	}
	if about := kb.Entry(aboutBotID); about != nil && kb.idx.isMeta(q.norm, q.offTopics) {
		r.Best = &Match{Entry: about, Confidence: 0.9}
		r.Confident = true
		return true
	}
	if q.asksAboutBot() {
		r.OutOfScope = true
		return true
	}
	return false
}

// entityConfidence is the confidence of an answer read off the question's
// structure (an entity named alone, a comparison, a follow-up) rather than
// scored by retrieval.
const entityConfidence = 0.9

// stepEntity answers a message that names one entity and asks nothing
// else ("JETRO?", "sumitomo", "What is FDI?") with its main entry; "what
// about Sumitomo?" after an aspect question asks that aspect of it.
func (kb *KB) stepEntity(q *question, r *Result) bool {
	if len(q.entities) != 1 || q.rest != "" || len(q.aspects) > 0 {
		return false
	}
	if ctx := kb.frameEntity(q.frame); ctx != nil && q.short() && kb.partOfFigure(q, r, ctx) {
		return true
	}
	e := kb.entries[q.entities[0]]
	r.Best = &Match{Entry: e, Confidence: entityConfidence}
	r.Confident = true
	if q.frame != nil && q.frame.Aspect != "" && q.cont && !kb.lacksInherited(q, e) {
		r.Aspect, r.FollowUp = Aspect(q.frame.Aspect), true
	}
	return true
}

// stepCompare lays two or three zones side by side when the question
// compares them ("compare X and Y", "X vs Y", "which is bigger, X or Y?").
func (kb *KB) stepCompare(q *question, r *Result) bool {
	if !q.has(AspectCompare) {
		return false
	}
	var zones []*base.Entry
	for _, ei := range q.entities {
		if e := kb.entries[ei]; isZone(e) && len(zones) < 3 {
			zones = append(zones, e)
		}
	}
	if len(q.entities) < 2 {
		// "which is bigger?", "둘 중 어디가 더 커요?": the zones the
		// conversation showed last, when there are two.
		if zones = kb.shownZones(q, zones); len(zones) < 2 {
			return kb.compareShown(q, r) || kb.compareSides(q, r)
		}
		q.byContext = true
	} else if len(zones) < 2 {
		return kb.compareEntities(q, r)
	}
	r.Compare = zones
	r.Best = &Match{Entry: zones[0], Confidence: entityConfidence}
	r.Aspect = q.mainAspect()
	r.Confident = true
	return true
}

func isZone(e *base.Entry) bool {
	return e.Kind == base.KindZone && !strings.HasSuffix(e.ID, ".overview")
}

// shownZones adds to the zones a short comparison names the zones the
// conversation showed, most recent first, up to two in all; nil when the
// question names something other than a zone.
func (kb *KB) shownZones(q *question, zones []*base.Entry) []*base.Entry {
	if q.frame == nil || !q.short() || len(zones) != len(q.entities) {
		return nil
	}
	for _, id := range q.frame.Shown {
		if e := kb.Entry(id); e != nil && isZone(e) && !slices.Contains(zones, e) && len(zones) < 2 {
			zones = append(zones, e)
		}
	}
	return zones
}

// compareEntities answers a comparison of entities that are not zones
// ("Seongnam or Niigata, which partnership is older?") with each one's
// own entry, side by side as the parts of a multi-part answer. Only a
// short question: a letter that compares in passing ("we are comparing
// provinces") asks something else.
// compareShown answers a short comparison that names at most one entity
// ("どっちが古い？" after Seongnam, then Niigata) with the entity named and
// the things the conversation showed last, most recent first: two or
// three partners, events or offices side by side.
func (kb *KB) compareShown(q *question, r *Result) bool {
	if q.frame == nil || !q.short() {
		return false
	}
	ents := slices.Clone(q.entities)
	for _, id := range q.frame.Shown {
		i, ok := kb.pos[id]
		if !ok || len(ents) == 2 || containsInt32(ents, i) {
			continue
		}
		if e := kb.entries[i]; salient(e) && !isZone(e) {
			ents = append(ents, i)
		}
	}
	if len(ents) < 2 {
		return false
	}
	q.byContext = true
	saved := q.entities
	q.entities = ents
	ok := kb.compareEntities(q, r)
	q.entities = saved
	return ok
}

func (kb *KB) compareEntities(q *question, r *Result) bool {
	if !q.oneSentence() {
		return false
	}
	// Named partners, zones or events are the sides themselves; a figure
	// named by its subject ("FDI") is one of several (new in 2025,
	// cumulative), which each side's own words decide.
	if !q.byContext && kb.namesStat(q) && kb.compareSides(q, r) {
		return true
	}
	var es []*base.Entry
	for _, ei := range q.entities {
		if len(es) < 3 {
			es = append(es, kb.entries[ei])
		}
	}
	return kb.sideBySide(q, r, es)
}

// namesStat reports whether the question names a statistic's entry.
func (kb *KB) namesStat(q *question) bool {
	for _, ei := range q.entities {
		if kb.entries[ei].Kind == base.KindStat {
			return true
		}
	}
	return false
}

// sideBySide answers each of es (two or three) from its own entry, as the
// parts of a multi-part answer.
func (kb *KB) sideBySide(q *question, r *Result, es []*base.Entry) bool {
	if len(es) < 2 {
		return false
	}
	parts := make([]Result, 0, len(es))
	for _, e := range es {
		m := &Match{Entry: e, Confidence: entityConfidence}
		parts = append(parts, Result{Detected: q.detected, Lang: q.lang, Best: m, Confident: true})
	}
	r.Best, r.Confident, r.Parts = parts[0].Best, true, parts
	return true
}

// compareSides answers a comparison whose sides are not two named
// entities ("2025 exports vs the 2030 target", "新規FDIと累計FDI",
// "2025년 FDI 신규 유치액과 스미토모 투자 예정액") by splitting it at the
// word that joins the sides (the cue files' joins) and looking each side
// up on its own: its years and qualifiers then pick its own entry. Only
// when both sides are confident and differ; a join that splits a word
// ("결과") leaves a side that finds nothing, and the next is tried.
func (kb *KB) compareSides(q *question, r *Result) bool {
	// A short comparison in a conversation ("up or down vs last year?")
	// leans on what was said before, not on its own halves.
	if !q.oneSentence() || kb.idx == nil || (q.frame != nil && q.short()) {
		return false
	}
	tries := 0
	var known *base.Entry // the one side found when the other is not
	var other string      // that other side
	for _, cs := range q.cues {
		for _, j := range cs.joins {
			for off := 0; off < len(q.norm) && tries < 4; {
				i, end, ok := phraseAt(q.norm[off:], j)
				if !ok {
					break
				}
				i, end = i+off, end+off
				off = end
				tries++
				a, b := kb.sideEntry(q, 0, i, end, len(q.norm)), kb.sideEntry(q, end, len(q.norm), 0, i)
				switch {
				case a != nil && b != nil && a != b:
					return kb.sideBySide(q, r, []*base.Entry{a, b})
				case known == nil && a != nil && b == nil:
					known, other = a, q.norm[end:]
				case known == nil && b != nil && a == nil:
					known, other = b, q.norm[:i]
				}
			}
		}
	}
	return known != nil && kb.oneSideUnknown(q, r, known, other)
}

// otherYearGiven reports whether a comparison of years ("exports 2025 vs
// 2024?") has e give the figure of a year it names other than the one
// missing ("year:2024"): then e is shown after saying the other year is
// not given — one side given, the other said so, nothing invented.
func (kb *KB) otherYearGiven(q *question, e *base.Entry, missing string) bool {
	y, ok := strings.CutPrefix(missing, "year:")
	if !ok || !q.has(AspectCompare) {
		return false
	}
	spans := kb.idx.years[kb.indexOf(e)]
	for _, x := range queryYears(q.norm) {
		if strconv.Itoa(x) != y && len(spans) > 0 && yearFit(spans, []int{x}) == 1 {
			return true
		}
	}
	return false
}

// oneSideUnknown answers a comparison of which one side names something
// the sources never mention ("Seongnam or Kawasaki — which partnership is
// older?"): the side they give, after a sentence saying they give
// nothing about the other. Nothing is said of the other side.
func (kb *KB) oneSideUnknown(q *question, r *Result, known *base.Entry, other string) bool {
	name := kb.unknownName(q)
	if name == "" || !strings.Contains(other, textnorm.Normalize(name)) {
		return false
	}
	r.Best, r.Confident = &Match{Entry: known, Confidence: entityConfidence}, true
	r.Missing, r.Partial = unknownPrefix+name, true
	return true
}

// sideEntry is the entry the side q.norm[from:to] of a comparison is
// about: its own confident search, else the entity it names; nil when
// neither. A side naming no year shares the other side's (q.norm[ofrom:
// oto]): "exports vs imports 2021–2025" are both of 2021–2025, while
// "2025 exports vs the 2030 target" has a year on each side.
func (kb *KB) sideEntry(q *question, from, to, ofrom, oto int) *base.Entry {
	side := strings.TrimSpace(q.norm[from:to])
	if side == "" {
		return nil
	}
	if len(queryYears(side)) == 0 {
		for _, m := range reYearRange.FindAllString(q.norm[ofrom:oto], 2) {
			side += " " + m
		}
		if !strings.ContainsAny(side, "–—") {
			for _, y := range queryYears(q.norm[ofrom:oto]) {
				side += " " + strconv.Itoa(y)
			}
		}
	}
	if rv := kb.idx.search(side, q.detected == investbot.VI); rv.ntop > 0 {
		res := kb.verdict(Result{Detected: q.detected, Lang: q.lang}, rv, side, offTopicsIn(side))
		if res.Confident && res.Best != nil && res.Best.Entry.Kind != base.KindFAQ {
			return res.Best.Entry
		}
	}
	for _, h := range q.hits {
		if m := kb.gaz.ents[h.ent].entries; h.start >= from && h.end <= to && len(m) > 0 {
			return kb.entries[m[0]]
		}
	}
	return nil
}

func (kb *KB) stepSearch(q *question, r *Result) bool {
	ix := kb.idx
	// Vietnamese words are made of syllables: pairs carry the meaning
	// ("bong da" is football, whatever "bong" and "da" alone match).
	pairs := q.detected == investbot.VI
	rv := ix.searchFocused(q.norm, q.focus, pairs)
	ix.favourNamed(&rv, q.entities)
	if rv.ntop > 0 {
		*r = kb.verdict(*r, rv, q.norm, q.offTopics)
	}
	// A long message (a forwarded e-mail, a letter) is mostly greetings,
	// introductions and signatures: its question sentences alone answer
	// it when they are confident and the whole's answer is not one they
	// find nearly as well themselves — the letter's context (the park the
	// sender visited, what it exports, where its customers are) may choose
	// between entries the question fits, never bring in another.
	if q.focus != "" {
		rq := ix.search(q.focus, pairs)
		ix.favourNamed(&rq, q.entities)
		if rq.ntop > 0 {
			alt := kb.verdict(*r, rq, q.focus, offTopicsIn(q.focus))
			if alt.Confident && (!r.Confident || !rq.near(kb.indexOf(r.Best.Entry))) {
				*r, rv = alt, rq
			}
		}
	}
	q.rv = rv
	kb.settleAmbiguity(q, r)
	return false
}

// sparseNamedBoost is how much more the main entry of an entity the
// question names scores among retrieval's candidates in a base at the
// minimum of examples (none in the bundled base; see favourNamed).
// Partners, offices and events only: a zone's or a statistic's name
// ("FDI", "WHA") is named in questions about another topic (its
// incentives, the year's figure) that its own entry does not answer.
// 0.15 and 0.2 score alike on the development sets, 0.3 lower.
const sparseNamedBoost = 0.15

// favourNamed lets the main entries of the entities a question names
// (entities) lead retrieval's candidates by a little more in a base with
// few examples: there an entry that writes the question's other words
// often ("head", "trưởng đoàn": the province's leaders) outscores the
// entity's own ("who heads JETRO's side?") on its text alone, where a
// long example list would have said how the entity is asked about. The
// lift scales with the base's sparseness, so the bundled base ranks as
// before.
func (ix *index) favourNamed(rv *retrieval, entities []int32) {
	if ix.sparse == 0 || len(entities) == 0 {
		return
	}
	lift := 1 + ix.sparse*sparseNamedBoost
	for i := 0; i < rv.ntop; i++ {
		if k := ix.entKind[rv.top[i].entry]; containsInt32(entities, rv.top[i].entry) && (k == base.KindPartner || k == base.KindContact || k == base.KindEvent) {
			rv.top[i].score *= lift
			// Move it up past the candidates it now outscores (an
			// insertion, stable, and nothing for the heap).
			for j := i; j > 0 && rv.top[j].score > rv.top[j-1].score; j-- {
				rv.top[j], rv.top[j-1] = rv.top[j-1], rv.top[j]
			}
		}
	}
}

// settleAmbiguity chooses between the two entries retrieval found too
// close to tell apart when the question or the conversation points at
// one, or answers both when both are true of the question:
//   - the one entity the question names ("住友さんがやってるのはどこ？":
//     the Sumitomo park, not the 2023 visit to Sumitomo), from a lower
//     confidence (settleAt);
//   - both, when both hold the name it names and it asks no one fact
//     ("what Japanese projects are there?");
//   - for a short question that leans on the conversation (a pronoun, a
//     continuation, a subject left out), the entry the conversation is
//     about; when that entry leads the choice and the question names
//     nothing, from a lower confidence (settleAt); when a
//     did-you-mean would offer it as its third choice, too ("which
//     sectors for the training?" after JETRO);
//   - for a pronoun, between an entity's main entry and an entry carrying
//     its name ("what is this city strong at?": Seongnam, or the Seongnam
//     matching event), the entity itself.
//
// Each side was already sure enough to be stated; only the choice was
// missing.
func (kb *KB) settleAmbiguity(q *question, r *Result) {
	if !r.Ambiguous || r.Best == nil || len(r.RunnersUp) == 0 || r.Best.Confidence < settleAt {
		return
	}
	pair := []*base.Entry{r.Best.Entry, r.RunnersUp[0].Entry}
	named := len(q.entities) == 1 && slices.Contains(pair, kb.entries[q.entities[0]])
	ctx := kb.frameEntity(q.frame)
	byFrame := ctx != nil && q.short() && slices.Contains(pair, ctx)
	if r.Best.Confidence < ConfidentAt && !(byFrame && ctx == r.Best.Entry && len(q.entities) == 0) && !named {
		return
	}
	siblings := kb.siblingsOfNamed(q, pair)
	offered := ctx != nil && !byFrame && len(q.entities) == 0 && q.short() && offered(r, ctx)
	var main *base.Entry
	if ctx != nil && !byFrame && len(q.entities) == 0 && q.short() && (q.pronoun || q.cont) {
		main = mainOfPair(pair)
	}
	if !named && !byFrame && !siblings && !offered && main == nil {
		// Most "did you mean"s: nothing in the question to settle
		// them, and its cue words are left unread.
		return
	}
	q.readCues()
	if q.has(AspectHead) {
		// Who heads what is the follow-up step's to find, in the
		// entries that name people.
		return
	}
	// An aspect or a fact asked of the name. Without one, "what
	// Japanese projects are there?" names Japan but may ask for another
	// entry holding the name (its list of projects): siblings below.
	asks := q.mainAspect() != AspectNone || len(factsAsked(q)) > 0
	var pick *base.Entry
	switch {
	case named && asks:
		pick = kb.entries[q.entities[0]]
	case siblings && !asks:
		// Both hold the name the question names and it asks for no
		// one fact ("WHA có những dự án gì?": WHA's group entry and its
		// park): each is true of the name, so both are answered, each
		// under its own title. A fact asked of "the WHA one" still needs
		// the member chosen.
		also := r.RunnersUp[0]
		r.Also = &also
		r.Ambiguous, r.Confident, r.OutOfScope = false, true, false
		return
	case named && !siblings:
		// The other candidate does not carry the name ("tỉnh kết nghĩa
		// bên Đức?" naming Mittelsachsen, beside Niigata): the entity
		// named is what the question is about.
		pick = kb.entries[q.entities[0]]
	case main != nil:
		// "this city" beside the city's own entry and its event: the
		// thing itself.
		pick = main
	case offered && !asks:
		// The conversation's entry is among the choices, and the
		// question names nothing else: it goes on about that entry. A
		// fact asked ("hợp tác từ khi nào?") is the follow-up step's,
		// which answers that fact of it.
		pick = ctx
	case byFrame && ctx == r.Best.Entry && len(q.entities) == 0 && (asks || dropsSubject(q)) && (!asks || r.Best.Confidence >= ConfidentAt):
		// The conversation's entry leads the choice and the question
		// names nothing else: it asks on about that entry, even when
		// its words alone were not quite sure (settleAt). A fact
		// asked on weak words is the follow-up step's to read.
		pick = ctx
	case byFrame && asks && (q.pronoun || q.cont || (dropsSubject(q) && len(q.entities) == 0)):
		pick = ctx
	default:
		return
	}
	if pick != r.Best.Entry {
		r.RunnersUp[0], r.Best = *r.Best, &Match{Entry: pick, Score: r.RunnersUp[0].Score, Confidence: r.Best.Confidence}
	}
	r.Ambiguous, r.Confident, r.Also, r.OutOfScope = false, true, nil, false
}

// offered reports whether e is among the candidates a did-you-mean would
// list beyond the two closest, scoring at least contextRatio of the best.
func offered(r *Result, e *base.Entry) bool {
	for _, m := range r.RunnersUp[1:min(len(r.RunnersUp), 2)] {
		if m.Entry == e && m.Score >= contextRatio*r.Best.Score {
			return true
		}
	}
	return false
}

// siblingsOfNamed reports whether the question names one entity and both
// entries of pair hold that name in their own names (aliases, titles, a
// zone's developer): the entity's main entry and an entry under it ("WHA"
// and "WHA Smart Technology"), or two members of it (two WHA parks).
func (kb *KB) siblingsOfNamed(q *question, pair []*base.Entry) bool {
	if len(q.entities) != 1 {
		return false
	}
	for _, h := range q.hits {
		g := kb.gaz.ents[h.ent]
		if len(g.entries) == 0 || g.entries[0] != q.entities[0] {
			continue
		}
		if holdsName(pair[0], g.name) && holdsName(pair[1], g.name) {
			return true
		}
	}
	return false
}

// mainOfPair returns the entry of pair that is the main entry of a name
// the other entry holds (Seongnam's partner entry beside the Seongnam
// business-matching event), nil when neither is.
func mainOfPair(pair []*base.Entry) *base.Entry {
	for i, e := range pair {
		for _, a := range e.Aliases {
			if n := textnorm.NormalizeN(a, 0); n != "" && holdsName(pair[1-i], n) {
				return e
			}
		}
	}
	return nil
}

// holdsName reports whether one of e's own names holds the normalised
// name as a phrase.
func holdsName(e *base.Entry, name string) bool {
	has := func(s string) bool {
		return s != "" && textnorm.HasPhrase(textnorm.NormalizeN(s, 0), []string{name})
	}
	for _, a := range e.Aliases {
		if has(a) {
			return true
		}
	}
	for _, t := range e.Title {
		if has(t) {
			return true
		}
	}
	return e.Zone != nil && has(e.Zone.Developer)
}

// settleAt is the least confidence at which a did-you-mean is settled by
// the entity the question names, or by the conversation's entry leading
// it for a question naming nothing; the other ways need ConfidentAt.
const settleAt = 0.45

// contextRatio is the least share of the best score the question
// sentences of a letter give the entry the whole letter chose, for the
// letter's context to keep it (stepSearch).
const contextRatio = 0.5

// near reports whether entry ei is among rv's candidates with a score of
// at least contextRatio of the best.
func (rv *retrieval) near(ei int32) bool {
	for _, c := range rv.top[:rv.ntop] {
		if c.entry == ei {
			return c.score >= contextRatio*rv.top[0].score
		}
	}
	return false
}

func (kb *KB) stepCalibrate(q *question, r *Result) bool {
	if asksPricePerArea(q.norm) {
		*r = refusePricePerArea(*r)
		return true
	}
	if r.Best == nil || (!r.Confident && !r.Ambiguous && q.rv.nknown == 0) {
		r.OutOfScope = true
	}
	return true
}

// hasLetter reports whether s holds a letter: a message of digits alone
// ("8") names nothing to answer about.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// oneSentence reports whether q is a question asked on its own — one
// sentence, not a letter: "Seongnam or Niigata — which partnership with
// Thanh Hoa is older?" compares, while a letter's "we are comparing
// provinces" is context.
func (q *question) oneSentence() bool {
	return q.focus == "" && utf8.RuneCountInString(q.norm) < longMessageRunes && len(splitSentences(q.text)) <= 1
}

// short reports whether q is short enough to lean on the conversation.
func (q *question) short() bool {
	n := textnorm.WordCount(q.norm)
	if q.detected == investbot.VI && q.frame != nil {
		// "Thanh Hóa" is one name in two syllables: "ông ấy làm việc
		// với đoàn Thanh Hóa hôm nào?" leans on the conversation.
		n -= strings.Count(" "+q.norm+" ", " thanh hoa ")
	}
	return utf8.RuneCountInString(q.norm) <= 60 && n <= 9
}

// shortInWords is short counting a Vietnamese word as the one or two
// syllables it is written in: "Ấn Độ đã có dự án nào ở Thanh Hóa chưa?"
// (eleven syllables) asks one thing as shortly as its English.
func (q *question) shortInWords() bool {
	if q.detected != investbot.VI {
		return q.short()
	}
	return utf8.RuneCountInString(q.norm) <= 60 && textnorm.WordCount(q.norm) <= 12
}
