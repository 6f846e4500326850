package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// stepConstraint checks the chosen entry against what the question names
// and asks: a message of digits names nothing; an entity the question
// names that the entry does not cover moves the answer to that entity's
// own entry; an entry chosen only for the question's framing words ("how
// far", "how many") does not answer it.
func (kb *KB) stepConstraint(q *question, r *Result) bool {
	if !hasLetter(q.norm) {
		*r = Result{Detected: r.Detected, Lang: r.Lang, OutOfScope: true}
		return true
	}
	if kb.unknownQualified(q) {
		// "Is there a Korea desk?": the knowledge base knows a Japan
		// Desk, not a Korean one.
		*r = Result{Detected: r.Detected, Lang: r.Lang}
		return true
	}
	if r.Best == nil || len(r.Compare) > 0 || len(r.Parts) > 0 {
		return false
	}
	if kb.uncoveredEntity(q, r) || kb.entityAspect(q, r) {
		return false
	}
	kb.namedStatistic(q, r)
	if r.Confident && (q.short() || r.Best.Entry.Kind == base.KindPartner && q.focus == "" && utf8.RuneCountInString(q.norm) <= maxFactQuestion) && kb.foreignFigure(q, r) {
		r.Confident, r.Also = false, nil
		r.Best.Confidence = min(r.Best.Confidence, unknownWordCap)
	}
	if r.Confident && q.short() && (!answersAspects(r.Best.Entry.Kind, q.readAspects()) && (kb.framingOnly(q, r) || kb.leavesFrame(q, r, false)) || q.cont && kb.leavesFrame(q, r, true)) {
		r.Confident, r.Also = false, nil
		r.Best.Confidence = min(r.Best.Confidence, unknownWordCap)
	}
	if r.Confident && !r.OutOfScope {
		if name := kb.unknownName(q); name != "" {
			// "KOTRA 사무소 연락처는?": whatever entry retrieval chose,
			// it does not answer about a name the sources never
			// mention; the entry stays as the closest one.
			r.Missing = unknownPrefix + name
			r.Also, r.RunnersUp = nil, nil
			return true
		}
	}
	return false
}

// minSwitch is the confidence below which a question is too far from
// everything for a named entity to carry it ("한국인 베트남 무비자" names Korea
// but asks about visas).
const minSwitch = 0.3

// uncoveredEntity moves r to the main entry of an entity the question
// names when r's entry never mentions it ("How many Korean FDI projects?"
// → the Korea entry, which says the sources give no Korean figure). It
// reports whether it did.
func (kb *KB) uncoveredEntity(q *question, r *Result) bool {
	if r.OutOfScope || r.Best.Confidence < minSwitch || len(q.offTopics) > 0 {
		// Visas, restaurants, the weather: naming Korea does not make
		// them questions about Korea.
		return false
	}
	best := kb.indexOf(r.Best.Entry)
	var missing []int32
	for _, ei := range q.entities {
		if ei != best && salient(kb.entries[ei]) && !kb.mentionsEntity(best, ei) {
			missing = append(missing, ei)
		}
	}
	if len(missing) != 1 {
		return false
	}
	e := kb.entries[missing[0]]
	// A name in passing ("for a Korean trading company") does not
	// overrule an answer retrieval is sure of.
	if r.Confident && (r.Best.Confidence >= answerBothAt || !qualifiesFigure(q, r.Best.Entry)) && !kb.rival(q, r.Best.Entry, e) {
		if (q.short() || kb.leadsWith(q, missing[0])) && r.Best.Entry.Kind == base.KindStat && e.Kind == base.KindPartner {
			// A short question that names a country or partner locality
			// qualifies the figure it asks: the province's figure, which
			// never names it, is not the answer ("한국 관광객은?" is not
			// answered by Japan's visitor count).
			r.Missing = qualifierPrefix + kb.nameIn(q, missing[0])
		}
		return false
	}
	if !r.Confident && !r.runnerUp(e) && !kb.ownFigure(q, e) {
		// Unsure, and retrieval did not see the entity's entry either:
		// the name is context ("a Korean fabric maker wants to meet…").
		return false
	}
	r.RunnersUp = nil
	r.Also = nil
	r.Best = &Match{Entry: e, Confidence: max(ConfidentAt, min(r.Best.Confidence, entityConfidence))}
	r.Aspect = q.mainAspect()
	r.Confident, r.Ambiguous, r.OutOfScope = true, false, false
	return true
}

// ownFigure reports whether q is a short question asking a figure that e,
// the main entry of the one entity it names, gives itself ("일본 기업
// 프로젝트 수는?"): the entity's own data then carries the question even
// when retrieval, weighing entries' text more in a base with few examples,
// did not rank that entry among its candidates.
func (kb *KB) ownFigure(q *question, e *base.Entry) bool {
	if !q.short() {
		return false
	}
	asked := factsAsked(q)
	return asksFigure(asked) && kb.ownGives(q, e, asked)
}

// leadWords is how far into an asking clause an entity's name stands when
// it is what the clause is about ("how much is WHA investing…", "how many
// Korean visitors…"), not a name in passing ("we are a Korean maker and…").
const leadWords = 4

// clauseBreak ends a clause of a message: a sentence's end, a colon or
// semicolon, a dash between spaces.
var clauseBreak = regexp.MustCompile(`[.?!;:]+(?:\s|$)|\s[-–—]+\s|\n`)

// leadsWith reports whether a clause of the question that asks (a
// question mark, a question word) names the entity ei among its first
// leadWords words: a longer question about that entity asks the entity's
// figure, which a province-wide statistic that never names it does not
// give.
func (kb *KB) leadsWith(q *question, ei int32) bool {
	var names []string
	for _, h := range q.hits {
		if m := kb.gaz.ents[h.ent].entries; len(m) > 0 && m[0] == ei {
			names = append(names, q.norm[h.start:h.end])
		}
	}
	if len(names) == 0 {
		return false
	}
	at := 0
	for _, end := range append(clauseBreak.FindAllStringIndex(q.text, -1), []int{len(q.text), len(q.text)}) {
		clause := q.text[at:end[1]]
		at = end[1]
		n := textnorm.Normalize(clause)
		if !strings.Contains(clause, "?") && !textnorm.HasPhrase(n, questionCues) {
			continue
		}
		words := strings.Fields(n)
		for _, name := range names {
			if k := phraseWord(words, strings.Fields(name)); k >= 0 && k < leadWords {
				return true
			}
		}
	}
	return false
}

// phraseWord returns the index of the first word of phrase in words, or -1.
func phraseWord(words, phrase []string) int {
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) {
			return i
		}
	}
	return -1
}

// qualifierPrefix marks a Missing that names a qualifier (a country, a
// partner locality) the chosen entry's figures do not cover.
const qualifierPrefix = "for:"

// rival reports whether best is the entry of an entity of e's kind the
// question does not name: "한국 기업 투자 프로젝트는 몇 건?" is about Korea, not
// Japan, however well Japan's entry matches the rest of the words.
func (kb *KB) rival(q *question, best, e *base.Entry) bool {
	return q.short() && best.Kind == e.Kind && salient(best) && !containsInt32(q.entities, kb.indexOf(best)) && !partlyNamed(q, best)
}

// partlyNamed reports whether the question holds the first word of one of
// e's aliases ("thang long park" for "Thăng Long Thanh Hóa"): a name the
// gazetteer did not read whole still names e.
func partlyNamed(q *question, e *base.Entry) bool {
	words := strings.Fields(q.norm)
	for _, a := range e.Aliases {
		f := strings.Fields(textnorm.NormalizeN(a, 0))
		if len(f) > 0 && utf8.RuneCountInString(f[0]) >= 3 && slices.Contains(words, f[0]) {
			return true
		}
	}
	return false
}

// nameIn returns the name under which q names entity entry ei, as its
// aliases spell it ("Hàn Quốc" for "han quoc").
func (kb *KB) nameIn(q *question, ei int32) string {
	for _, h := range q.hits {
		if m := kb.gaz.ents[h.ent].entries; len(m) == 0 || m[0] != ei {
			continue
		}
		named := q.norm[h.start:h.end]
		for _, a := range kb.entries[ei].Aliases {
			if textnorm.NormalizeN(a, 0) == named {
				return a
			}
		}
		return named
	}
	return kb.entries[ei].Title.In(q.lang)
}

// runnerUp reports whether e is among r's runners-up.
func (r *Result) runnerUp(e *base.Entry) bool {
	for _, m := range r.RunnersUp {
		if m.Entry == e {
			return true
		}
	}
	return false
}

// qualifiesFigure reports whether the question asks a figure (how many,
// how much, how big) that the chosen entry gives for something else: the
// entity named is then a qualifier the figure does not meet ("Korean" in
// "How many Korean FDI projects?").
func qualifiesFigure(q *question, e *base.Entry) bool {
	return e.Kind == base.KindStat && (q.has(AspectCount) || q.has(AspectInvestment) || q.has(AspectSize))
}

// salient reports whether e is about something a question can name as a
// qualifier — a zone, a partner country or locality, an office, an event —
// rather than a topic (FDI, exports, taxes), which retrieval weighs itself.
func salient(e *base.Entry) bool {
	switch e.Kind {
	case base.KindZone, base.KindPartner, base.KindContact, base.KindEvent:
		return !strings.HasSuffix(e.ID, ".overview")
	}
	return false
}

// mentionsEntity reports whether entry i names entity entry m under any
// of m's aliases (its title when it has none).
func (kb *KB) mentionsEntity(i, m int32) bool {
	names := kb.entries[m].Aliases
	for _, a := range names {
		if n := textnorm.NormalizeN(a, 0); n != "" && kb.mentions(i, n) {
			return true
		}
	}
	return len(names) == 0 && kb.mentions(i, textnorm.NormalizeN(kb.entries[m].Title.In(investbot.EN), 0))
}

// framingOnly reports whether r's entry was chosen for the question's
// framing words alone: without its aspect cues and filler the question
// still names something known, and the entry explains too little of it
// ("How far is Thanh Hoa from Hanoi?" is not about FDI "so far").
func (kb *KB) framingOnly(q *question, r *Result) bool {
	topic := stripCues(q.norm, q.cues)
	if topic == "" || topic == q.norm {
		return false
	}
	rv := kb.idx.search(topic, q.detected == investbot.VI)
	if rv.nknown == 0 {
		return false
	}
	best := kb.indexOf(r.Best.Entry)
	for i := 0; i < rv.ntop; i++ {
		if rv.top[i].entry == best {
			return rv.top[i].evidence < minEvidence
		}
	}
	return true
}

// leavesFrame reports whether q, a follow-up naming nothing, was answered
// from an entry outside the conversation's family: its own words then
// chose that entry, and an entry that cannot answer what it asks ("1位は
// どこの国?" after a ranking, answered by a statistic that names
// countries) was chosen for its framing words, not its subject.
func (kb *KB) leavesFrame(q *question, r *Result, wide bool) bool {
	ctx := kb.frameEntity(q.frame)
	if ctx == nil || len(q.entities) > 0 || containsEntry(kb.frameFamily(ctx), r.Best.Entry) || wide && kb.inWiderFamily(ctx, r.Best.Entry) {
		return false
	}
	// Words of its own the entry holds, or the words asking a fact alone
	// ("lương công nhân bao nhiêu 1 tháng" finding the labour entry),
	// chose it, not the framing: coverage judges the fact asked.
	best := kb.indexOf(r.Best.Entry)
	subj := strings.Fields(subjectWords(q))
	if len(subj) == 0 {
		return false
	}
	for _, w := range subj {
		if !isNumberWord(w) && kb.mentions(best, w) {
			return false
		}
	}
	return true
}

// inWiderFamily reports whether e is ctx, an entry related to it, or one
// related to those ("物流用地は?" after WHA's second park finds WHA's
// logistics zone, related to WHA itself).
func (kb *KB) inWiderFamily(ctx, e *base.Entry) bool {
	for _, f := range kb.frameFamily(ctx) {
		if containsEntry(kb.frameFamily(f), e) {
			return true
		}
	}
	return false
}

// aspectKinds lists the kinds of entry that can answer each aspect: a
// figure (stat) says how many and how much, not where or when something is.
var aspectKinds = map[Aspect][]base.Kind{
	AspectSize:       {base.KindZone, base.KindStat, base.KindPartner, base.KindEvent, base.KindFAQ},
	AspectDeveloper:  {base.KindZone, base.KindPartner},
	AspectLocation:   {base.KindZone, base.KindContact, base.KindFAQ, base.KindEvent, base.KindPartner},
	AspectStage:      {base.KindZone, base.KindEvent, base.KindPartner},
	AspectInvestment: {base.KindZone, base.KindStat, base.KindPartner},
	AspectCount:      {base.KindStat, base.KindPartner, base.KindZone, base.KindEvent},
	AspectHead:       {base.KindPartner, base.KindEvent, base.KindContact, base.KindFAQ},
	AspectContact:    {base.KindContact, base.KindPartner},
	AspectIncentives: {base.KindIncentive},
}

// answersAspects reports whether an entry of kind k can answer every
// aspect asked (compare and list fit any kind).
func answersAspects(k base.Kind, as []Aspect) bool {
	for _, a := range as {
		kinds, ok := aspectKinds[a]
		if ok && !slices.Contains(kinds, k) {
			return false
		}
	}
	return true
}

// entityAspect answers a question made of one entity and aspect cues
// ("how big is WHA?", "Where is Nghi Son?") from the entity's main entry
// when retrieval could not choose.
func (kb *KB) entityAspect(q *question, r *Result) bool {
	if r.Confident || r.OutOfScope || len(q.entities) != 1 || len(q.offTopics) > 0 {
		// Another province's FDI, a visa: not the entity's.
		return false
	}
	e := kb.entries[q.entities[0]]
	if q.rest != "" && !onlyYears(q.rest) {
		// "Nhật Bản có bao nhiêu dự án?": words beside the entity, but
		// the fact asked is one the entity's own entry gives, and
		// retrieval had it among its candidates.
		// The words asking the fact are no subject of their own ("Cao
		// Văn Cường giữ chức vụ gì?": the position of the person named).
		asked, rest := factsAsked(q), stripFactAsks(q.rest, q.cues)
		if len(asked) == 0 && q.has(AspectHead) {
			// "JETRO 쪽은 누가 나왔어요?": who came is the person
			// the entity's entry names.
			asked = []string{"head"}
		}
		if len(asked) == 0 || textnorm.WordCount(q.norm) > maxEntityFactWords || textnorm.WordCount(rest) > maxRestWords || (r.Best.Entry != e && !r.runnerUp(e)) ||
			!kb.idx.allKnown(rest) || !kb.givesAny(e, asked, q) {
			return false
		}
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, Aspect: q.mainAspect(),
		Best: &Match{Entry: e, Confidence: entityConfidence}}
	return true
}

// onlyYears reports whether every word of rest is a year ("exports in
// 2025?"): the entity named alone, of a year that coverage then checks
// the entry against.
func onlyYears(rest string) bool {
	for _, w := range strings.Fields(rest) {
		if !isYear(strings.TrimSuffix(strings.TrimSuffix(w, "年"), "년")) {
			return false
		}
	}
	return true
}

// maxEntityFactWords is the longest question entityAspect answers with
// words beside the entity and its aspect.
const maxEntityFactWords = 12

// maxRestWords is the most words beside the entity and its cue words
// entityAspect lets through ("dự án"): more are a subject of their own
// ("Nghe An … total registered").
const maxRestWords = 2

// allKnown reports whether every term of norm is in the vocabulary (an
// unknown word may be a place or a subject the knowledge base lacks:
// "하띤성 FDI 규모").
func (ix *index) allKnown(norm string) bool {
	known := true
	tokenize(norm, func(t token) {
		if _, ok := ix.terms[t.text]; !ok && t.kind != termPair {
			known = false
		}
	})
	return known
}

// foreignFigure reports whether the question asks a figure (how many, how
// much), or a partner, about a country or place the knowledge base has no
// entry for and
// the chosen entry never names ("台湾企業の投資件数は？" is not answered by
// Japan's count): the sources give no such figure.
func (kb *KB) foreignFigure(q *question, r *Result) bool {
	return kb.foreignFigureName(q, r) != ""
}

// typedAs is the words of text that normalise to the phrase p, as the
// asker typed them ("Trung Quốc" for "trung quoc"), else p.
func typedAs(text, p string) string {
	n := textnorm.WordCount(p)
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != '-'
	})
	for i := 0; i+n <= len(words); i++ {
		w := strings.Join(words[i:i+n], " ")
		if textnorm.NormalizeN(w, 0) == p {
			return w
		}
	}
	return p
}

// foreignFigureName is the country or place of foreignFigure, "" when the
// question asks no figure of one the chosen entry never names.
func (kb *KB) foreignFigureName(q *question, r *Result) string {
	// A partner entry is about the places and partners it names: a
	// partner in a country it never names ("a sister province in
	// France?") is one the sources do not have, figure or not.
	if !q.readHas(AspectCount) && !q.readHas(AspectInvestment) && r.Best.Entry.Kind != base.KindPartner {
		return ""
	}
	best := kb.indexOf(r.Best.Entry)
	for _, cs := range q.cues {
		for _, p := range cs.foreign {
			if textnorm.HasPhrase(q.norm, []string{p}) && !kb.mentions(best, p) {
				return typedAs(q.text, p)
			}
		}
	}
	return ""
}

// uncoveredQualifier settles a question that names what it asks about
// more narrowly than r's entry covers, and reports whether it did. A
// figure or fact asked of a qualifier (a trade direction, a sector, a
// product: the cue files' qualifiers) the entry never names is one the
// sources do not give ("Kim ngạch nhập khẩu năm 2025?" is not answered
// by the export figure, nor "textile exports?" by the province's total):
// Missing names it, the entry stays the subject. A short question about a
// subject of its own (a hospital, a school) the entry never names is not
// answered. A sector named without a figure asked is the asker's own
// ("we make electronic parts: are we a priority?") and changes nothing.
func (kb *KB) uncoveredQualifier(q *question, r *Result) bool {
	i := kb.indexOf(r.Best.Entry)
	// A statistic is a figure whatever the question's words ask of it
	// ("the import target for 2030?").
	figure := r.Best.Entry.Kind == base.KindStat || len(factsAsked(q)) > 0 || q.readHas(AspectCount) || q.readHas(AspectInvestment)
	if figure && utf8.RuneCountInString(q.norm) <= maxEntityFigure {
		if name := kb.unnamed(q, i, func(cs *cueSet) [][]string { return cs.qualifiers }); name != "" {
			r.Missing = qualifierPrefix + name
			return true
		}
		if name := figureOfListed(q, r.Best.Entry); name != "" {
			// "섬유 수출액은?" of exports to the US that are "mainly
			// textiles, footwear…": the product is listed, its figure
			// is not.
			r.Missing = qualifierPrefix + name
			return true
		}
	}
	if utf8.RuneCountInString(q.norm) <= maxEntityFigure && textnorm.WordCount(q.norm) <= maxEntityFactWords {
		if name := kb.unnamed(q, i, func(cs *cueSet) [][]string { return cs.subjects }); name != "" {
			r.Confident, r.Also = false, nil
			r.Best.Confidence = min(r.Best.Confidence, unknownWordCap)
			return true
		}
	}
	return false
}

// figureOfListed is listedWithoutFigure for a statistic of which the
// question asks a figure, or "".
func figureOfListed(q *question, e *base.Entry) string {
	if e.Kind != base.KindStat || !namesQualifier(q) || !(asksFigure(factsAsked(q)) || q.readHas(AspectCount) || q.readHas(AspectInvestment)) {
		return ""
	}
	return listedWithoutFigure(q, e)
}

// namesQualifier reports whether q names one of its languages'
// qualifiers (a trade direction, a sector, a product).
func namesQualifier(q *question) bool {
	for _, cs := range q.cues {
		for _, g := range cs.qualifiers {
			for _, w := range g {
				if namesWord(q.norm, w) {
					return true
				}
			}
		}
	}
	return false
}

// listedWithoutFigure returns the first qualifier the question names that
// e's answer names only in clauses without a figure (a product in a list
// of the main goods), or "": a figure asked of it is one the sources do
// not give.
func listedWithoutFigure(q *question, e *base.Entry) string {
	for _, cs := range q.cues {
		for _, g := range cs.qualifiers {
			named := ""
			for _, w := range g {
				if namesWord(q.norm, w) {
					named = w
					break
				}
			}
			if named == "" {
				continue
			}
			listed, withFigure := false, false
			for _, l := range investbot.Langs {
				text := strings.ToLower(presentText(e.Answer.In(l)))
				for _, s := range splitSentences(dateRe.ReplaceAllString(text, " ")) {
					for _, c := range answerClauses(s) {
						if !slices.ContainsFunc(g, func(w string) bool { return strings.Contains(c, w) }) {
							continue
						}
						listed = true
						for _, n := range numberRe.FindAllString(c, -1) {
							if n = strings.TrimRight(n, ".,"); n != "" && !isYear(n) {
								withFigure = true
							}
						}
					}
				}
			}
			if listed && !withFigure {
				return named
			}
		}
	}
	return ""
}

// unnamed returns the first word of groups (each a thing and its other
// words, in the question's cue languages) that the question names and
// entry i never does, or "".
func (kb *KB) unnamed(q *question, i int32, groups func(*cueSet) [][]string) string {
	for _, cs := range q.cues {
		for _, g := range groups(cs) {
			named := ""
			for _, w := range g {
				if namesWord(q.norm, w) {
					named = w
					break
				}
			}
			if named != "" && !slices.ContainsFunc(g, func(w string) bool { return kb.mentions(i, w) }) {
				return named
			}
		}
	}
	return ""
}

// namesWord reports whether norm holds the normalised word w as a word:
// Latin words with no letter glued to them, others as mentions reads.
func namesWord(norm, w string) bool {
	if r, _ := utf8.DecodeRuneInString(w); r < 0x80 {
		return textnorm.ContainsWord(norm, w)
	}
	return containsCJKWord(norm, w)
}

// qualifiedName is an entity whose name is a partner's name and a head
// ("Japan Desk": partner Japan, head "desk").
type qualifiedName struct {
	entity, partner int32 // main entries
}

// qualifiedNames finds, among the gazetteer's names of offices, those
// that start with a partner's name.
func (kb *KB) qualifiedNames() map[string][]qualifiedName {
	type alias struct {
		name  string
		entry int32
	}
	var partners []alias
	for i, e := range kb.entries {
		if e.Kind != base.KindPartner {
			continue
		}
		for _, a := range e.Aliases {
			if n := textnorm.NormalizeN(a, 0); nameWorthy(n) {
				partners = append(partners, alias{n, int32(i)})
			}
		}
	}
	out := map[string][]qualifiedName{}
	for _, ent := range kb.gaz.ents {
		if len(ent.entries) == 0 {
			continue
		}
		m := ent.entries[0]
		if kb.entries[m].Kind != base.KindContact {
			// Offices and desks; a partner's name ("Japan as a
			// partner") ends in words any partner is called by.
			continue
		}
		for _, p := range partners {
			if p.entry == m || !strings.HasPrefix(ent.name, p.name) || len(ent.name) == len(p.name) {
				continue
			}
			rest := ent.name[len(p.name):]
			if p.name[0] < 0x80 && rest[0] != ' ' {
				continue
			}
			if h := strings.TrimSpace(rest); h != "" {
				out[h] = append(out[h], qualifiedName{entity: m, partner: p.entry})
			}
		}
	}
	return out
}

// unknownQualified reports whether q names a partner followed by the head
// of a name that another partner qualifies, and no entity has that name
// ("Korea desk", "한국 데스크" where only a Japan Desk exists).
func (kb *KB) unknownQualified(q *question) bool {
	for _, h := range q.hits {
		m := kb.gaz.ents[h.ent].entries
		if len(m) == 0 || kb.entries[m[0]].Kind != base.KindPartner {
			continue
		}
		after := strings.TrimLeft(q.norm[h.end:], " ")
		for head, names := range kb.qualified {
			if !strings.HasPrefix(after, head) || (head[0] < 0x80 && len(after) > len(head) && after[len(head)] != ' ') {
				continue
			}
			other := true
			for _, n := range names {
				if n.partner == m[0] {
					other = false
				}
			}
			if other {
				return true
			}
		}
	}
	return false
}

// namedStatistic moves a short question's answer to the statistic it
// names when retrieval chose another statistic that never mentions it
// ("FDI 전년 대비 증가율은?" is about FDI, not exports, whatever the growth
// words matched); coverage then judges that entry.
func (kb *KB) namedStatistic(q *question, r *Result) {
	if !r.Confident || !q.short() || r.Best.Entry.Kind != base.KindStat || len(factsAsked(q)) == 0 {
		// Only a fact asked ("증가율") can have pulled retrieval away
		// from the statistic named.
		return
	}
	best := kb.indexOf(r.Best.Entry)
	var named []int32
	for _, ei := range q.entities {
		if kb.entries[ei].Kind == base.KindStat {
			named = append(named, ei)
		}
	}
	if len(named) != 1 || named[0] == best || kb.mentionsEntity(best, named[0]) || kb.mentions(best, kb.hitText(q, named[0])) {
		return
	}
	r.Best = &Match{Entry: kb.entries[named[0]], Confidence: r.Best.Confidence}
	r.Also, r.RunnersUp = nil, nil
}

// hitText is the question's text that names entity entry ei ("fdi").
func (kb *KB) hitText(q *question, ei int32) string {
	for _, h := range q.hits {
		if m := kb.gaz.ents[h.ent].entries; len(m) > 0 && m[0] == ei {
			return q.norm[h.start:h.end]
		}
	}
	return kb.entries[ei].Title.In(investbot.EN)
}
