package knowledge

import (
	"fmt"
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

// A fact is one specific thing a question can ask (an area, an amount, a
// date, a phone number) that an entry either gives or does not. The cue
// files name, per language, the words that ask it and the units that show
// a figure of it in an answer; an entry that does not give the fact asked
// does not answer the question, however close its topic.
type factCue struct {
	Label string   `yaml:"label"`
	Ask   []string `yaml:"ask"`
	// Units follow a number in an answer that gives the fact ("300 ha").
	Units []string `yaml:"units"`
	// Words show the fact without a number ("the largest in the region").
	Words []string `yaml:"words"`
	// Near, when given, must stand in the sentence of a figure with one
	// of the units: a percentage is a growth rate only beside "growth".
	Near []string `yaml:"near"`
}

// factSet is one fact's cue words in one language, normalised (Ask) or
// lower-cased (Units and Words, matched on the answer's own text).
type factSet struct {
	label string
	ask   []string
	units []string
	words []string
	near  []string
}

func loadFacts(f map[string]factCue, quantifiers []string) (map[string]*factSet, error) {
	out := make(map[string]*factSet, len(f))
	// A unit of two specific facts ("%": a growth rate, a share) asks
	// neither by itself.
	facts := map[string]int{}
	for name, fc := range f {
		for _, u := range fc.Units {
			if !generalFact(name) {
				facts[textnorm.Normalize(u)]++
			}
		}
	}
	var shared []string
	for u, n := range facts {
		if n > 1 {
			shared = append(shared, u)
		}
	}
	for name, fc := range f {
		ask, err := foldCues(fc.Ask)
		if err != nil || len(ask) == 0 || fc.Label == "" {
			return nil, fmt.Errorf("fact %q: no label, no ask words or an empty one", name)
		}
		if !generalFact(name) {
			// "how many hectares" asks the area; a general fact (any
			// size, any amount, any count) is asked by its own words.
			ask = append(ask, unitAsks(fc.Units, quantifiers, append(ask, shared...))...)
		}
		out[name] = &factSet{label: fc.Label, ask: ask, units: lowerAll(fc.Units), words: lowerAll(fc.Words), near: lowerAll(fc.Near)}
	}
	return out, nil
}

// unitAsks returns the phrases that ask a fact by one of its units, a
// quantifier before the unit ("how many barrels", "몇 배럴", "何バレル",
// "bao nhiêu thùng"), normalised and not already in have. A unit in
// have (one another fact shares), one that normalises to nothing ("%")
// or is not a word ("usd/") asks nothing.
func unitAsks(units, quantifiers, have []string) []string {
	var out []string
	for _, u := range units {
		nu := textnorm.Normalize(u)
		if nu == "" || !isUnitWord(u) || slices.Contains(have, nu) {
			continue
		}
		for _, qw := range quantifiers {
			nq := textnorm.Normalize(qw)
			if nq == "" {
				continue
			}
			// Japanese glues the unit to its quantifier (何バレル);
			// the other languages write a space (몇 배럴).
			p := nq + " " + nu
			if r, _ := utf8.DecodeLastRuneInString(nq); unicode.In(r, unicode.Han, unicode.Katakana, unicode.Hiragana) {
				p = nq + nu
			}
			if p = textnorm.Normalize(p); !slices.Contains(have, p) && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// generalFact reports whether f is a fact any figure can give.
func generalFact(f string) bool {
	return f == "size" || f == "amount" || f == "count"
}

// isUnitWord reports whether u is a unit written as letters alone.
func isUnitWord(u string) bool {
	for _, r := range u {
		if !unicode.IsLetter(r) && r != ' ' {
			return false
		}
	}
	return u != ""
}

func lowerAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}

// factsAsked returns the facts q asks, by name, in a stable order.
func factsAsked(q *question) []string {
	text := q.norm
	if q.focus != "" {
		text = q.focus
	}
	if utf8.RuneCountInString(text) > maxFactQuestion {
		// A letter names many things in passing: its parts are read
		// one by one (stepParts), each checked on its own.
		return nil
	}
	out := slices.Clone(q.phraseFacts(text))
	if len(out) == 0 && q.focus == "" && slices.ContainsFunc(q.hits, func(h entityHit) bool { return h.start > 0 && h.end < len(q.norm) }) {
		// "which Indian companies", "doanh nghiệp Hàn nào": a name can
		// stand inside the words that ask a fact, as a slot of them,
		// when the question asks none around it.
		if q.bare == "" {
			q.bare = withoutNames(q.norm, q.hits)
		}
		for _, f := range q.phraseFactsIn(&q.asksBare, q.bare) {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	if strings.ContainsAny(q.text, "%％") && percentAskRe.MatchString(q.text) && !slices.Contains(out, "share") && !slices.Contains(out, "growth") {
		// "몇 %예요?", "what %?": a percent sign with no number before
		// it asks a percentage, in any language.
		out = append(out, "share")
	}
	if len(q.hits) > 0 && q.readHas(AspectInvestment) {
		// "Vốn đầu tư KCN WHA giai đoạn 1 là bao nhiêu?", "WHA phase 1
		// investment, how much?": the name stands between the words
		// that ask the amount invested, which only a sum of money
		// gives (not the park's 178 ha).
		if len(out) == 0 && q.readHas(AspectCount) {
			out = append(out, "capital")
		} else if i := slices.Index(out, "amount"); i >= 0 && !slices.Contains(out, "capital") {
			out[i] = "capital"
		}
	}
	if slices.Contains(out, "top") && (slices.Contains(out, "rank") || !anyCue(text, q.cues, func(c *cueSet) []string { return c.pick })) {
		// "the biggest challenge" names no list; "which is the
		// biggest?" asks how a list's members rank.
		out = slices.DeleteFunc(out, func(f string) bool { return f == "top" })
	}
	if len(out) > 1 {
		// "how much is the minimum wage?": the wage is what is asked.
		out = slices.DeleteFunc(out, func(f string) bool { return f == "amount" })
	}
	if slices.Contains(out, "completion") || slices.Contains(out, "start") || slices.Contains(out, "day") || slices.Contains(out, "signing") || slices.Contains(out, "birth") {
		// "when will it be finished?": the date of that, not any date;
		// "what date?": the day, not the year; "sinh năm nào?": a
		// birth year, not any year.
		out = slices.DeleteFunc(out, func(f string) bool { return f == "date" })
	}
	if slices.Contains(out, "completion") || slices.Contains(out, "start") || slices.Contains(out, "signing") && askedYear(q) == "" {
		// "khai trương ngày nào?": the day of the opening, which a day
		// of something else the entry gives does not answer. (A signing's
		// day asked within a year it names is the day itself: below.)
		out = slices.DeleteFunc(out, func(f string) bool { return f == "day" })
	}
	if slices.Contains(out, "chairman") || slices.Contains(out, "ceo") {
		// A chairman is one head: a general director does not answer;
		// nor does an ambassador a company's CEO.
		out = slices.DeleteFunc(out, func(f string) bool { return f == "head" })
	}
	if slices.Contains(out, "signing") {
		// "signed on what day?": the signing's day; "how many
		// agreements were signed?": the count, not a signing.
		// "signed on what month and day?" (何月何日に署名, 몇 월 며칠에
		// 체결) asks the day itself: a year of the agreement does not
		// give it.
		// "who is the governor who signed it?": the person is asked,
		// the signing only says which one.
		figure := asksFigure(out) || q.readHas(AspectCount) || q.readHas(AspectInvestment) || asksPerson(out)
		day := slices.Contains(out, "day") && askedYear(q) != ""
		out = slices.DeleteFunc(out, func(f string) bool { return f == "day" && !day || f == "signing" && (figure || day) })
	}
	return out
}

// asksPerson reports whether asked names a person (a head, a chairman, a
// post).
func asksPerson(asked []string) bool {
	return slices.Contains(asked, "head") || slices.Contains(asked, "chairman") || slices.Contains(asked, "ceo") || slices.Contains(asked, "role") || slices.Contains(asked, "signer")
}

// phraseFacts is the facts whose asking words text holds, in factNames'
// order, read once per text and cue languages of q.
func (q *question) phraseFacts(text string) []string { return q.phraseFactsIn(&q.asks, text) }

// phraseFactsIn is phraseFacts remembered in m: a question's text and the
// same without its names are each read once.
func (q *question) phraseFactsIn(m *phraseMemo, text string) []string {
	if m.cues != nil && m.text == text && slices.Equal(m.cues, q.cues) {
		return m.facts
	}
	// A compound that holds an asking word asks nothing its parts ask
	// ("우선순위" is no rank).
	masked := maskCompounds(text)
	var asked uint64
	for _, cs := range q.cues {
		asked |= cs.factAsk.Matched(masked)
	}
	var out []string
	digits := strings.ContainsAny(masked, "0123456789")
	for i, name := range factNames {
		if asked&(1<<i) == 0 {
			continue
		}
		// A fact word right after a number states the fact ("30周年"),
		// which only asksPhrase tells; without digits the index said it.
		if digits && !slices.ContainsFunc(q.cues, func(cs *cueSet) bool {
			fs := cs.facts[name]
			return fs != nil && asksPhrase(masked, fs.ask)
		}) {
			continue
		}
		out = append(out, name)
	}
	*m = phraseMemo{text: text, cues: q.cues, facts: out}
	return out
}

// asksPhrase reports whether text holds one of the phrases as a question
// asks it: a phrase written right after a number states the fact
// ("その10周年のイベント", "30주년 행사", the event of a known anniversary)
// rather than asking it ("何周年").
func asksPhrase(text string, phrases []string) bool {
	if !textnorm.HasPhrase(text, phrases) {
		return false
	}
	for _, p := range phrases {
		if isASCII(p) {
			if textnorm.HasPhrase(text, []string{p}) {
				return true
			}
			continue
		}
		for off := 0; off < len(text); {
			i := strings.Index(text[off:], p)
			if i < 0 {
				break
			}
			i += off
			if i == 0 || text[i-1] < '0' || text[i-1] > '9' {
				return true
			}
			off = i + len(p)
		}
	}
	return false
}

// percentAskRe is a percent sign that follows no number: the question
// asks the percentage.
var percentAskRe = regexp.MustCompile(`(?:^|[^0-9.,\s])\s*[%％]`)

// withoutNames returns norm with the names at hits cut out; in a script
// without spaces the words on either side close up ("どのインド企業" →
// "どの企業").
func withoutNames(norm string, hits []entityHit) string {
	var b strings.Builder
	at := 0
	for _, h := range hits {
		if h.start < at || h.end > len(norm) {
			continue
		}
		b.WriteString(norm[at:h.start])
		if h.start > 0 && norm[h.start-1] < utf8.RuneSelf {
			b.WriteByte(' ')
		}
		at = h.end
	}
	b.WriteString(norm[at:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// maxFactQuestion is the longest question whose fact words are read.
const maxFactQuestion = 160

// factNames is every fact the cue files may name, in the order they are
// reported: the most specific first.
var factNames = []string{"phone", "email", "address", "contact", "chairman", "ceo", "head", "signer", "role", "birth", "request", "company", "country", "venue", "distance", "depth", "area", "size", "capacity", "capital", "growth", "rank", "top", "share", "percapita", "price", "signing", "completion", "start", "anniversary", "amount", "day", "date", "count"}

// factAskIndex indexes the asking phrases of facts, those of factNames[i]
// as list i, so that a text is read once for all of them (phraseFacts).
func factAskIndex(facts map[string]*factSet) *textnorm.PhraseIndex {
	lists := make([][]string, len(factNames))
	for i, name := range factNames {
		if fs := facts[name]; fs != nil {
			lists[i] = fs.ask
		}
	}
	return textnorm.NewPhraseIndex(lists...)
}

// stepCoverage runs after every other step: an answer whose entry does
// not give the specific fact asked (an area, an amount, a date…) is
// turned into the honest "the sources do not give it" — Missing names the
// fact; the entry stays as the subject, for its full entry.
func (kb *KB) stepCoverage(q *question, r *Result) {
	if p := kb.comparedElsewhere(q, r); p != "" {
		r.Missing = unknownPrefix + p
		r.Compare, r.Also, r.RunnersUp = nil, nil, nil
		return
	}
	if kb.compareSideAbsent(q, r) {
		return
	}
	if len(r.Compare) > 0 && (q.readHas(AspectSize) || comparesAsBefore(q, AspectSize)) {
		kb.compareCoverage(q, r)
		return
	}
	if !r.Confident || r.Best == nil || len(r.Compare) > 0 || len(r.Parts) > 0 || r.Generated != nil {
		return
	}
	if r.Best.Entry.ID == aboutBotID || strings.HasPrefix(r.Missing, unknownPrefix) {
		return
	}
	kb.refocus(q, r)
	kb.ownSideHead(q, r)
	if !q.byContext && kb.uncoveredQualifier(q, r) {
		return
	}
	if r.FollowUp && q.short() {
		if p := kb.foreignFigureName(q, r); p != "" {
			// "and imports from China, what share?" after the trade
			// figures: the conversation's entry gives no figure of a
			// country it never names, however surely it carries on.
			r.Missing = qualifierPrefix + p
			return
		}
	}
	asked := factsAsked(q)
	if len(asked) == 0 {
		asked = kb.inheritedFact(q, r)
	}
	if r.FollowUp && r.Aspect == AspectContact && q.frame != nil && q.frame.Entity != r.Best.Entry.ID {
		// "Contact?" after a park the sources give no office for: the
		// office that handles it (the Japan Desk) is the way to reach
		// it, not a contact detail the reply claims.
		asked = slices.DeleteFunc(asked, func(f string) bool { return f == "contact" })
	}
	if r.Best.Entry.Kind == base.KindEvent && q.readHas(AspectLocation) && !slices.Contains(asked, "venue") {
		// Where an event is, is its venue.
		asked = append(asked, "venue")
	}
	if len(asked) == 0 && r.FollowUp && r.Aspect == AspectLocation && r.Best.Entry.Kind == base.KindContact {
		// Where an office is, is its address.
		asked = []string{"address"}
	}
	if r.Best.Entry.Kind == base.KindEvent && q.readHas(AspectLocation) && !slices.Contains(asked, "venue") {
		// Where an event is ("ngày nào, ở đâu?"), is its venue.
		asked = append(slices.Clip(asked), "venue")
	}
	if kb.placeNotGiven(q, r.Best.Entry) {
		r.Missing = "rank"
		return
	}
	if m := kb.yearOrBuilderMissing(q, r.Best.Entry, asked); m != "" {
		r.Missing = m
		r.Partial = kb.otherYearGiven(q, r.Best.Entry, m)
		return
	}
	if m := kb.figureDeclaredAbsent(q, r.Best.Entry, asked); m != "" {
		r.Missing = m
		return
	}
	if m := kb.partNotGiven(q, r.Best.Entry, asked); m != "" && r.Missing == "" {
		r.Missing = m
		return
	}
	if m := kb.askedDeclaredAbsent(q, r.Best.Entry, asked); m != "" {
		r.Missing = m
		return
	}
	if kb.entityFigure(q, r, asked) || len(asked) == 0 || asksMoreThanAFigure(q, r.Best.Entry, asked) {
		if len(asked) == 0 && r.Missing == "" {
			// No fact asked: the question's own word may be what the
			// entry says is not given.
			r.Missing = kb.declaredAbsentWord(q, r.Best.Entry)
		}
		return
	}
	if m := kb.factNotGiven(q, r.Best.Entry, asked); m != "" {
		r.Missing = m
		r.Partial = asksMore(q, asked)
		return
	}
	if m := kb.factOfOtherTopic(q, r.Best.Entry, asked); m != "" {
		r.Missing = m
	}
}

// comparedElsewhere returns another place (a province, a city, a country
// of the cue files' other_places) that the question compares with when
// no entry answering it names that place, or "": "Thanh Hóa or Nghệ An,
// which is better?" is not answered by Thanh Hóa's strengths alone, nor
// by two of its parks side by side. A trip from the place ("how far from
// Hanoi") compares nothing.
func (kb *KB) comparedElsewhere(q *question, r *Result) string {
	if r.Best == nil || utf8.RuneCountInString(q.norm) > maxFactQuestion {
		return ""
	}
	places := placesIn(q.norm)
	if len(places) == 0 || !q.readHas(AspectCompare) || textnorm.HasPhrase(q.norm, accessWords) {
		return ""
	}
	shown := []*base.Entry{r.Best.Entry}
	shown = append(shown, r.Compare...)
	for _, p := range places {
		if !slices.ContainsFunc(shown, func(e *base.Entry) bool { return kb.mentions(kb.indexOf(e), p) }) {
			return p
		}
	}
	return ""
}

// partNotGiven returns the figure a question asks of a part of the figure
// just given ("そのうち日系は何社?", "how many of those are Japanese?")
// when no sentence of e gives a number beside that part's words or name,
// or "": the whole (the number of exporting firms) is not the part.
func (kb *KB) partNotGiven(q *question, e *base.Entry, asked []string) string {
	if q.frame == nil || !q.short() || len(q.hits) > 0 || !anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.subset }) {
		// A part named by an entity ("of those, how many from
		// Japan?") is the entity's own figure, judged by the
		// qualifier's step.
		return ""
	}
	fact := ""
	switch {
	case asksFigure(asked):
		fact = asked[0]
	case q.readHas(AspectCount):
		fact = "count"
	default:
		return ""
	}
	words := topicWords(stripFactAsks(q.rest, q.cues))
	if len(words) == 0 && len(q.hits) == 0 {
		return ""
	}
	for _, l := range investbot.Langs {
		for _, sent := range splitSentences(kb.foldedAnswer(e).byLang[l]) {
			n := textnorm.Normalize(sent)
			if !numberRe.MatchString(n) {
				continue
			}
			hits := kb.gaz.find(n, nil)
			named := !slices.ContainsFunc(q.hits, func(h entityHit) bool {
				return !slices.ContainsFunc(hits, func(x entityHit) bool { return x.ent == h.ent })
			})
			if named && !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(n, w) }) {
				return ""
			}
		}
	}
	return fact
}

// declaredAbsentWord returns a word of a short question that e holds only
// in sentences saying the sources lack something ("Is JETRO opening an
// office?" of an entry whose one "office" is "the sources give no JETRO
// office contact"), or "": what the question is about is what the entry
// says is not given.
func (kb *KB) declaredAbsentWord(q *question, e *base.Entry) string {
	if !q.shortInWords() || q.byContext {
		return ""
	}
	q.readCues()
	var words []string
	for _, w := range topicWords(stripFactAsks(q.rest, q.cues)) {
		// A kanji run or a Korean word's first syllables need not
		// stand whole in the entry's sentences ("日本企業の" against
		// "日本企業は"), nor is a Vietnamese syllable a word ("phong"
		// of "văn phòng"): only an English word, a katakana one or a
		// compound of three kanji is matched whole.
		if r, _ := utf8.DecodeRuneInString(w); (r < 0x80 || isKatakana(r) || kanjiCompound(w, q.detected)) && q.detected != investbot.VI {
			words = append(words, w)
		}
	}
	if q.detected == investbot.VI {
		// Vietnamese words are pairs of syllables ("văn phòng").
		for _, t := range q.topicTerms(nil) {
			words = append(words, textnorm.Normalize(t[0]+" "+t[1]))
		}
	}
	if len(words) == 0 {
		return ""
	}
	f := kb.foldedAnswer(e)
	for _, w := range words {
		if strings.Contains(f.all, w) && !strings.Contains(f.present, w) {
			// Named as the asker typed it ("văn phòng", not "van phong").
			return typedAs(q.text, w)
		}
	}
	return ""
}

// askedDeclaredAbsent returns the words asking a fact
// ("nhà tài trợ", donor), as typed, when they stand in e's answer only in
// the sentences saying the sources lack something, or "": a short question asking who the
// largest donor is, of an entry that says it names no donor, is not
// answered by its other figures.
func (kb *KB) askedDeclaredAbsent(q *question, e *base.Entry, asked []string) string {
	if !q.shortInWords() || len(asked) == 0 {
		return ""
	}
	f := kb.foldedAnswer(e)
	for _, cs := range q.cues {
		// The facts not read as asked, whose own checks follow: "nhà
		// tài trợ lớn nhất" is read as a ranking, of donors.
		for _, fact := range cs.factOrder {
			fs := cs.facts[fact]
			if fs == nil || slices.Contains(asked, fact) {
				continue
			}
			for _, p := range fs.ask {
				if strings.Contains(p, " ") && textnorm.HasPhrase(q.norm, []string{p}) && strings.Contains(f.all, p) && !strings.Contains(f.present, p) {
					// Named as typed: "nhà tài trợ", not the fact's label.
					return typedAs(q.text, p)
				}
			}
		}
	}
	return ""
}

// kanjiCompound reports whether w, a word of a Japanese question, is a
// compound of three kanji or more ("案件名", project names): one that long is
// a word of its own, matched whole, where two kanji are often what is left
// of a longer word once a name is cut from it ("客数" of "観光客数").
func kanjiCompound(w string, lang investbot.Lang) bool {
	if lang != investbot.JA || utf8.RuneCountInString(w) < 3 {
		return false
	}
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// foldedAnswer is e's answer in every language, normalised, whole (all)
// and without the sentences saying the sources lack something, titles
// added (present). It is computed at load for the base's entries.
type foldedAnswer struct {
	present, all string
	// byLang is presentText of the answer in each language, and tails
	// what follows each of its numbers (numberTails): read once at load,
	// not once for each fact and unit a question checks.
	byLang map[investbot.Lang]string
	tails  map[investbot.Lang][]string
	// absent are the gazetteer's entities that the answer's sentences
	// saying the sources lack something name ("the sources give no
	// figure for Korean FDI": Korea, FDI), in any language.
	absent map[int32]bool
}

// absentEntities returns the entities e's sentences saying the sources
// lack something name, in any of its languages.
func (kb *KB) absentEntities(e *base.Entry) map[int32]bool {
	out := map[int32]bool{}
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(e.Answer.In(l)) {
			if !saysAbsent(strings.ToLower(s)) {
				continue
			}
			for _, h := range kb.gaz.find(textnorm.Normalize(s), nil) {
				out[h.ent] = true
			}
		}
	}
	return out
}

// figureDeclaredAbsent returns the fact a short question asks of the
// entities it names when e says in so many words that the sources lack
// it ("the sources give no figure for Korean FDI in Thanh Hóa" against
// "韓国企業のFDI登録額は?"), or "": every entity the question names stands
// in one of e's sentences saying the sources lack something, and the
// question asks a figure. The figures e does give are of something else.
func (kb *KB) figureDeclaredAbsent(q *question, e *base.Entry, asked []string) string {
	if !q.short() || len(q.hits) == 0 || q.byContext {
		return ""
	}
	fact := ""
	switch {
	case asksFigure(asked):
		fact = asked[0]
	case len(asked) == 0 && q.readHas(AspectCount):
		fact = "count"
	case len(asked) == 0 && q.readHas(AspectInvestment):
		fact = "capital"
	default:
		return ""
	}
	absent := kb.foldedAnswer(e).absent
	for _, h := range q.hits {
		if !absent[h.ent] {
			return ""
		}
	}
	probe := fact
	if generalFact(fact) && fact != "count" {
		// Any figure gives an amount; a sum of money is what one of
		// the entities named would be.
		probe = "capital"
	}
	if kb.givesFactBy(e, probe, q, false) {
		// The entry lacks something else of them ("no figure for
		// Korean FDI") but gives this one (Japan's 82.5% share).
		return ""
	}
	return fact
}

func (kb *KB) foldedAnswer(e *base.Entry) foldedAnswer {
	if i := kb.indexOf(e); i >= 0 && kb.folded != nil {
		return kb.folded[i]
	}
	return foldAnswer(e)
}

func foldAnswer(e *base.Entry) foldedAnswer {
	var present, all strings.Builder
	byLang := make(map[investbot.Lang]string, len(investbot.Langs))
	tails := make(map[investbot.Lang][]string, len(investbot.Langs))
	for _, l := range investbot.Langs {
		byLang[l] = presentText(e.Answer.In(l))
		tails[l] = numberTails(byLang[l])
		present.WriteString(textnorm.Normalize(byLang[l]) + " ")
		all.WriteString(textnorm.Normalize(e.Answer.In(l)) + " ")
	}
	for _, t := range e.Title {
		present.WriteString(textnorm.Normalize(t) + " ")
	}
	return foldedAnswer{present: present.String(), all: all.String(), byLang: byLang, tails: tails}
}

// refocus moves the answer to the entry that judges the question: the one
// of the year asked, or the zone named alone.
func (kb *KB) refocus(q *question, r *Result) {
	if alt := kb.yearElsewhere(q, r); alt != nil {
		r.Best = alt
	}
	if z := kb.oneZoneNamed(q, r.Best.Entry); z != nil {
		// "How many hectares is Sumitomo's western zone?": the zone's
		// own entry judges its figure, not the overview's line on it.
		r.Best = &Match{Entry: z, Confidence: r.Best.Confidence}
		r.Also, r.RunnersUp = nil, nil
	}
}

// yearOrBuilderMissing names what e cannot give whatever fact is asked: a
// year it never covers, a figure of the year asked, the builder of a
// project it lists.
func (kb *KB) yearOrBuilderMissing(q *question, e *base.Entry, asked []string) string {
	if y := kb.uncoveredYear(q, e); y != "" {
		return "year:" + y
	}
	// "How many … in 2025?" asks a figure by its aspect alone; a letter
	// names years in passing.
	figure := asksFigure(asked) || (len(asked) == 0 && utf8.RuneCountInString(q.norm) <= maxEntityFigure &&
		(q.readHas(AspectCount) || q.readHas(AspectInvestment)))
	y := askedYear(q)
	if y == "" && asksThisYear(q) {
		// "올해 관광객 수는요?": this year is the source's year, not
		// the earlier year its figure is of.
		y = strconv.Itoa(e.AsOf().Year())
	}
	if y != "" && figure && !rangeRe.MatchString(q.text) && !figureOfYear(e, y, asked) {
		// "How many Japanese tourists in 2025?" is not answered by the
		// 2024 count reported in November 2025.
		return "year:" + y
	}
	if kb.builderNotGiven(q, e) {
		// "who built the refinery?" of a list that names the refinery
		// without its builder.
		return "builder"
	}
	return ""
}

// entityFigure judges a figure asked of an entity the answer only names:
// the entity's own entry answers it, or the reply says the figure is not
// given. It reports whether the question is settled that way.
func (kb *KB) entityFigure(q *question, r *Result, asked []string) bool {
	entityAsked := asked
	if len(asked) == 0 && r.Best.Entry.Kind == base.KindStat && q.readHas(AspectCount) {
		// "bao nhiêu khách Hàn Quốc?": a statistic's count asked by
		// its aspect alone.
		entityAsked = []string{"count"}
	}
	if len(entityAsked) == 0 {
		return true
	}
	m, own := kb.figureNotForEntity(q, r.Best.Entry, entityAsked)
	switch {
	case own != nil:
		// "How many Japanese projects?" found the list of Japan's large
		// projects: Japan's own entry gives the count.
		r.Best = &Match{Entry: own, Confidence: r.Best.Confidence}
		r.Also, r.RunnersUp = nil, nil
		if strings.HasPrefix(r.Missing, qualifierPrefix) && !r.FollowUp {
			// The constraint step found the figure chosen then not
			// for the entity named ("for:일본"); its own entry, now
			// the answer, gives it. A follow-up's part of the figure
			// just given ("of those, how many Japanese?") is still
			// not given.
			r.Missing = ""
		}
	case m != "":
		// "Korean FDI capital?" is not answered by the province's total
		// because the entry names Korea among its investors.
		r.Missing = m
		if q.byContext && len(q.entities) == 1 && !strings.Contains(m, ":") {
			// "WHA", then "the capital of phase 1?": the member the
			// number picks is what the sources do not give it of.
			r.Best = &Match{Entry: kb.entries[q.entities[0]], Confidence: r.Best.Confidence}
			r.Also, r.RunnersUp = nil, nil
		}
		return true
	}
	return false
}

// asksMoreThanAFigure reports whether the question asks more than the facts
// in asked ("who develops it and how big?", "land rent exemption"): the
// entry answers that part.
func asksMoreThanAFigure(q *question, e *base.Entry, asked []string) bool {
	// "Which country?" is the developer aspect's own value, not more than
	// it: the entry must name a country ("which country's ODA?").
	return q.readHas(AspectDeveloper) && !slices.Contains(asked, "country") || (q.readHas(AspectIncentives) && e.Kind == base.KindIncentive) || q.readHas(AspectList) ||
		(q.readHas(AspectLocation) && !slices.ContainsFunc(asked, isPlaceFact))
}

// factNotGiven names the first fact asked that e does not give ("" when it
// gives one of them): a fact the entry says it lacks comes first.
func (kb *KB) factNotGiven(q *question, e *base.Entry, asked []string) string {
	if m := kb.decisiveMissing(q, e, asked); m != "" {
		return m
	}
	declared := ""
	for _, f := range asked {
		if declaresAbsent(e, f) && !kb.givesFactBy(e, f, q, false) {
			// "The sources do not give water depth": a word of the
			// entry that looks like the fact ("deep-water port") does
			// not give it; a figure with its unit or a date would.
			if declared == "" {
				declared = f
			}
			continue
		}
		if f == "size" && e.Kind == base.KindZone {
			// A place's size is its area or its capacity, not the
			// amount invested in it nor a date.
			if kb.givesFact(e, "area", q) || kb.givesFact(e, "capacity", q) {
				return ""
			}
			continue
		}
		if f == "signing" {
			// A signing's date is any date of the agreement, unless the
			// entry says nothing was signed; "was anything signed?"
			// needs a signing the entry names.
			if kb.givesFact(e, "signing", q) || asksWhen(q) && kb.givesFact(e, "date", q) {
				return ""
			}
			continue
		}
		if f == "head" || f == "chairman" || f == "ceo" {
			if title, deputy := askedTitle(q, f); title != "" && !deputy && onlyDeputy(e, title) {
				// "Chủ tịch UBND tỉnh là ai?" is not answered by the
				// Vice Chairman who led the delegation.
				continue
			}
		}
		if kb.givesFact(e, f, q) {
			return ""
		}
	}
	missing := asked[0]
	if declared != "" {
		missing = declared
	}
	if missing == "size" && e.Kind == base.KindZone {
		// A place's size is its area.
		missing = "area"
	}
	return missing
}

// decisiveMissing names a fact asked that e does not give and that no
// other fact it gives can stand in for, or "": a fact of a kind the
// sources hold only for offices (a phone number, contact details) or a
// price — not an e-mail, whose word also names the letter a question
// quotes ("社内メールの抜粋") —, and a fact other than a quantity that the entry says in its
// own words it lacks ("the sources do not give the exact date, venue"; a
// quantity's word is often a name's, "the urban area"). "The vice chairman's
// phone number" is not answered by naming the vice chairman, nor "exact
// date and venue?" by the day an article was published, nor a person asked
// beside what he did ("覚書に署名した代表者は誰") by the deed alone.
func (kb *KB) decisiveMissing(q *question, e *base.Entry, asked []string) string {
	for _, f := range asked {
		switch {
		case (f == "phone" || f == "contact" || f == "price") && !kb.givesFact(e, f, q):
			return f
		case f == "head" && len(asked) > 1 && !kb.givesFact(e, f, q):
			// "The representative who signed the MoU": the other facts
			// say which person is asked; a signing date is no name.
			return f
		case !asksFigure([]string{f}) && declaresAbsent(e, f) && (f == "day" || !kb.givesFactBy(e, f, q, false)) && !fieldGives(e, f):
			return f
		}
	}
	return ""
}

// askedTitle returns the title a question asks by name (one of fact f's
// words it asks with: "chairman", "chủ tịch", "委員長"), and whether a
// deputy's mark stands before it ("phó chủ tịch"); "" when it asks none.
func askedTitle(q *question, f string) (title string, deputy bool) {
	for _, cs := range q.cues {
		fs := cs.facts[f]
		if fs == nil {
			continue
		}
		for _, w := range fs.words {
			// words are lower-cased as written, asks normalised.
			if w = textnorm.Normalize(w); !slices.Contains(fs.ask, w) || !textnorm.HasPhrase(q.norm, []string{w}) {
				continue
			}
			if len(w) > len(title) {
				title, deputy = w, afterDeputy(q.norm, w)
			}
		}
	}
	return title, deputy
}

// afterDeputy reports whether title stands in norm only after a deputy's
// mark of any language ("vice chairman", "phó chủ tịch", "副委員長").
func afterDeputy(norm, title string) bool {
	found := false
	for i := 0; ; {
		j := strings.Index(norm[i:], title)
		if j < 0 {
			return found
		}
		j += i
		before := strings.TrimRight(norm[:j], " ")
		marked := false
		for _, l := range investbot.Langs {
			for _, d := range cues[l].deputy {
				if strings.HasSuffix(before, d) && (d[0] >= 0x80 || len(before) == len(d) || before[len(before)-len(d)-1] == ' ') {
					marked = true
				}
			}
		}
		if !marked {
			return false
		}
		found = true
		i = j + len(title)
	}
}

// onlyDeputy reports whether e's answer names the title only as a
// deputy's ("Vice Chairman", "Phó Chủ tịch", "副委員長"), in every language
// that names it at all.
func onlyDeputy(e *base.Entry, title string) bool {
	named := false
	for _, l := range investbot.Langs {
		n := textnorm.Normalize(presentText(e.Answer.In(l)))
		if !strings.Contains(n, title) {
			continue
		}
		if !afterDeputy(n, title) {
			return false
		}
		named = true
	}
	return named
}

// compareSideAbsent turns a comparison of figures into "the sources do
// not give …" when a side's own entry says in so many words that the
// sources lack that figure of the side named ("So với vốn Hàn Quốc thì
// gấp mấy lần?" after Japan's 82.5%: Korea's entry gives no Korean FDI):
// no ratio can be given, and showing both entries side by side would
// look like one. It reports whether it did.
func (kb *KB) compareSideAbsent(q *question, r *Result) bool {
	if r.Best == nil || !q.has(AspectCompare) || len(r.Compare)+len(r.Parts) < 2 || len(q.hits) == 0 {
		return false
	}
	if anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.choice }) {
		// "日本と韓国、どっちが大きい?": the side the sources call the
		// largest answers a choice; a ratio or a difference needs both.
		return false
	}
	asked := factsAsked(q)
	if !asksFigure(asked) {
		return false
	}
	sides := slices.Clone(r.Compare)
	for _, p := range r.Parts {
		if p.Best != nil {
			sides = append(sides, p.Best.Entry)
		}
	}
	probe := asked[0]
	if generalFact(probe) && probe != "count" {
		// Any figure gives an amount; a sum of money is what the side
		// named would be.
		probe = "capital"
	}
	for _, side := range sides {
		// The side the question names itself (not one the conversation
		// showed), whose own entry says the sources lack its figure.
		absent := kb.foldedAnswer(side).absent
		if !slices.ContainsFunc(q.hits, func(h entityHit) bool { return absent[h.ent] }) || kb.givesFactBy(side, probe, q, false) {
			continue
		}
		r.Best = &Match{Entry: side, Confidence: r.Best.Confidence}
		r.Compare, r.Parts, r.Also, r.RunnersUp, r.Missing = nil, nil, nil, nil, asked[0]
		return true
	}
	return false
}

// compareCoverage turns "which is bigger?" into "the sources do not give
// the area of X" when one of the zones compared has no area nor capacity:
// the table could not say which is bigger.
func (kb *KB) compareCoverage(q *question, r *Result) {
	if !q.byContext || !anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.choice }) && !comparesAsBefore(q, AspectSize) {
		// "compare X and Y by area", "which is bigger, X or Y?": the
		// table shows what is given for the zones named. A choice
		// between the zones talked about ("둘 중 어디가 더 커요?") asks
		// for the one answer the sources cannot give.
		return
	}
	if q.has(AspectInvestment) || slices.Contains(factsAsked(q), "capital") {
		// "which has more capital?": the table shows the amounts given.
		return
	}
	for _, z := range r.Compare {
		if !kb.givesFact(z, "area", q) && !kb.givesFact(z, "capacity", q) {
			r.Best = &Match{Entry: z, Confidence: r.Best.Confidence}
			r.Compare, r.Missing = nil, "area"
			return
		}
	}
}

// comparesAsBefore reports whether q carries a comparison of the
// conversation on to another side by what the last one compared ("and vs
// Sumitomo's park?" after "which is bigger?"): a short continuation that
// names no aspect of its own, the frame's being asp.
func comparesAsBefore(q *question, asp Aspect) bool {
	return q.cont && q.byContext && q.short() && q.frame != nil && Aspect(q.frame.Aspect) == asp && q.mainAspect() == AspectNone
}

// yearElsewhere returns the entry a question is about when its year
// alone tied it to r's entry ("exports in 2019" found WHA, which began in
// the province in 2019): the entry of the one statistic it names
// ("exports", "FDI": figures by year) when r's entry is no statistic and
// does not mention it, or, naming no entity, the statistic its words
// without the year are confidently about. Year coverage then judges that
// entry. nil when the year was not the tie.
func (kb *KB) yearElsewhere(q *question, r *Result) *Match {
	if r.FollowUp || len(q.entities) > 1 || utf8.RuneCountInString(q.text) > maxFactQuestion {
		return nil
	}
	years := yearRe.FindAllStringSubmatch(q.norm, -1)
	if len(years) == 0 || !kb.mentionsYears(r.Best.Entry, years) {
		return nil
	}
	best := kb.indexOf(r.Best.Entry)
	if len(q.entities) == 1 {
		m := q.entities[0]
		// Another statistic that never names the one asked was tied by
		// the year too ("exports 2024?" found the visitors of 2024),
		// unless its title is about that year ("FDI wanted by 2030" is
		// the 2030 targets).
		if e := kb.entries[m]; e.Kind == base.KindStat && (r.Best.Entry.Kind != base.KindStat || !kb.titledYear(best, years)) && !kb.mentionsEntity(best, m) && !kb.mentionsYears(e, years) {
			return &Match{Entry: e, Confidence: r.Best.Confidence}
		}
		return nil
	}
	topic := q.norm
	for _, y := range years {
		topic = strings.ReplaceAll(topic, y[1], " ")
	}
	rv := kb.idx.search(strings.Join(strings.Fields(topic), " "), q.detected == investbot.VI)
	if rv.ntop == 0 || rv.nknown == 0 {
		return nil
	}
	v := kb.verdict(Result{}, rv, topic, nil)
	if v.Best == nil || !v.Confident || v.Best.Entry.Kind != base.KindStat || r.Best.Entry.Kind == base.KindStat || kb.mentionsYears(v.Best.Entry, years) {
		return nil
	}
	return v.Best
}

// titledYear reports whether entry i's title names one of years (a
// single year or a range holding it).
func (kb *KB) titledYear(i int32, years [][]string) bool {
	for _, y := range years {
		n, _ := strconv.Atoi(y[1])
		for _, sp := range kb.idx.years[i] {
			if n >= sp.from && n <= sp.to {
				return true
			}
		}
	}
	return false
}

// hasDetails reports whether e is about something that has contact
// details: an office, a partner, a place, an event (overviews included).
func hasDetails(e *base.Entry) bool {
	return e.Kind == base.KindZone || e.Kind == base.KindPartner || e.Kind == base.KindContact || e.Kind == base.KindEvent
}

// uncoveredYear returns a year the question names that e never mentions
// ("exports in 2019" is not answered by the 2025 figures), or "".
func (kb *KB) uncoveredYear(q *question, e *base.Entry) string {
	if utf8.RuneCountInString(q.text) > maxFactQuestion || !mayHoldYear(q.text) {
		return ""
	}
	i := kb.indexOf(e)
	asks := q.text
	if s := questionSentences(q.text); len(s) > 0 && len(splitSentences(q.text)) > 1 {
		// "We plan a plant in 2027. Is training available?": the year
		// is context, not what is asked.
		asks = strings.Join(s, " ")
	}
	for _, m := range yearRe.FindAllStringSubmatch(asks, -1) {
		if !kb.mentions(i, m[1]) {
			return m[1]
		}
	}
	return ""
}

// isContactFact reports whether f is a contact detail: what "where" asks
// of an office.
func isContactFact(f string) bool {
	return f == "phone" || f == "email" || f == "address" || f == "contact"
}

// isPlaceFact reports whether f is what "where" or "how far" asks: a
// contact detail, a distance or an event's venue.
func isPlaceFact(f string) bool {
	return isContactFact(f) || f == "distance" || f == "venue" || f == "country"
}

// asksMore reports whether q has a question sentence that asks none of
// the facts asked ("技術者の採用は容易ですか？賃金水準も知りたい"): the entry
// answers that one.
func asksMore(q *question, asked []string) bool {
	parts := splitSentences(q.text)
	if len(parts) < 2 {
		return false
	}
	if qs := questionSentences(q.text); len(qs) > 0 {
		// "What's the wage? need it for costing": the remark asks
		// nothing.
		parts = qs
	}
	for _, p := range parts {
		if n := textnorm.Normalize(p); n != "" && !asksAny(n, q.cues, asked) && !asksAny(n, q.cues, factNames) {
			// "When exactly is it? date?": another way to ask a
			// date is not another question.
			return true
		}
	}
	return false
}

func asksAny(norm string, sets []*cueSet, facts []string) bool {
	for _, f := range facts {
		for _, cs := range sets {
			if fs := cs.facts[f]; fs != nil && textnorm.HasPhrase(norm, fs.ask) {
				return true
			}
		}
	}
	return false
}

// givesFact reports whether e gives fact f: a structured field for it,
// or a figure with one of its units (or one of its words) in a sentence
// of the answer that does not say the sources lack something.
func (kb *KB) givesFact(e *base.Entry, f string, q *question) bool {
	return kb.givesFactBy(e, f, q, true)
}

// givesFactBy is givesFact, with the fact's words (not only its figures
// and dates) counting as giving it when words is set.
func (kb *KB) givesFactBy(e *base.Entry, f string, q *question, words bool) bool {
	if fieldGives(e, f) {
		return true
	}
	if f == "country" {
		return kb.namesCountry(e)
	}
	if y := askedYear(q); (f == "date" || f == "day") && y != "" {
		return datesWithin(e, y)
	}
	if f == "day" {
		return datesWithin(e, eventYear(e))
	}
	folded := kb.foldedAnswer(e)
	for _, l := range investbot.Langs {
		text, tails := folded.byLang[l], folded.tails[l]
		if text == "" {
			continue
		}
		if f == "date" || f == "day" {
			text = withoutReportDates(text)
		}
		if fs := cues[l].facts[f]; fs != nil && isContactFact(f) && (!hasDetails(e) || textnorm.HasPhrase(textnorm.Normalize(text), fs.ask)) {
			// Only an organisation, a place or an event has a phone
			// number or an address ("社内メール" is a letter, "my phone
			// number" the asker's); an entry that speaks of the thing
			// itself, outside a sentence saying the sources lack it, is
			// about it ("we keep the contact details you give").
			return true
		}
		for _, ol := range investbot.Langs {
			fs := cues[ol].facts[f]
			if fs != nil && (unitNearTails(text, tails, fs) || words && f != "date" && containsAny(text, fs.words) || (!words || f == "date") && wordWithNumber(text, fs.words) && (f != "date" || dateWordAtNumber(text, fs.words))) {
				return true
			}
			if (f == "size" || f == "amount") && anyFigureTails(tails, cues[ol].facts) {
				// A size is an area, an amount, a capacity; "how much"
				// any quantity: any figure.
				return true
			}
		}
		if special(f, text, q) {
			return true
		}
	}
	return false
}

// askedYear returns the first year q names, or "": in a letter, the first
// its question sentences name (the header's date and the plans it tells
// of are context).
func askedYear(q *question) string {
	text := q.text
	if q.focus != "" {
		text = q.focus
	}
	if !mayHoldYear(text) {
		return ""
	}
	if m := yearRe.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// asksThisYear reports whether q names the current year without its
// number (lang/*.yaml "this_year").
func asksThisYear(q *question) bool {
	for _, cs := range q.cues {
		if len(cs.thisYear) > 0 && textnorm.HasPhrase(q.norm, cs.thisYear) {
			return true
		}
	}
	return false
}

// mayHoldYear reports whether text has the first two digits of a year
// yearRe reads: most questions have none, and the expression is dear.
func mayHoldYear(text string) bool {
	return strings.Contains(text, "19") || strings.Contains(text, "20")
}

// asksFigure reports whether one of the facts asked is a quantity.
func asksFigure(asked []string) bool {
	for _, f := range asked {
		switch f {
		case "count", "amount", "capital", "size", "area", "share", "growth", "capacity", "percapita", "rank":
			return true
		}
	}
	return false
}

// dateRe is a date with its year, in the four languages ("25 November
// 2025", "May 2025", "25/11/2025", "tháng 5/2025", "2025年11月25日",
// "2025년 11월", "Q1 2026"): a year inside one dates a report or an event,
// not a figure.
var dateRe = regexp.MustCompile(`(?i)\b[0-9]{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)[0-9]{2}` +
	`|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:[0-9]{1,2},?\s+)?(?:19|20)[0-9]{2}` +
	`|\b(?:[0-9]{1,2}/)?[0-9]{1,2}/(?:19|20)[0-9]{2}` +
	`|(?:tháng|quý)\s*(?:[0-9]{1,2}|i{1,3}|iv)\s*(?:năm\s*)?(?:19|20)[0-9]{2}` +
	`|(?:19|20)[0-9]{2}\s*年\s*(?:第?[0-9]{1,2}\s*(?:月|四半期)(?:\s*[0-9]{1,2}\s*日)?)` +
	`|(?:19|20)[0-9]{2}\s*년\s*[0-9]{1,2}\s*(?:월|분기)(?:\s*[0-9]{1,2}\s*일)?` +
	`|\bq[1-4]\s+(?:19|20)[0-9]{2}`)

// numberRe is a number in an answer.
var numberRe = regexp.MustCompile(`[0-9][0-9.,]*`)

// rangeRe is a period of years ("2021–2025", "2021~2025年", "2021-2025").
var rangeRe = regexp.MustCompile(`(?:19|20)[0-9]{2}\s*(?:年\s*)?[–—\-~〜～]\s*(?:19|20)[0-9]{2}`)

// figureOfYear reports whether e gives a figure for year y: a clause
// that names y outside a date and holds a number other than a year. A
// clause naming no year speaks of its sentence's year when the sentence
// names y alone; "in 2021–2025 GRDP grew 10.24% a year, and the economy
// reached 13.57 billion USD in 2025" gives no growth for 2025.
func figureOfYear(e *base.Entry, y string, asked []string) bool {
	for _, l := range investbot.Langs {
		// A period ("2021–2025") is not its last year: "GRDP growth in
		// 2025 alone" is not the average over five years.
		text := rangeRe.ReplaceAllString(presentText(e.Answer.In(l)), periodMark)
		for _, s := range splitSentences(dateRe.ReplaceAllString(text, " ")) {
			if !strings.Contains(s, y) {
				continue
			}
			sole := !strings.Contains(s, strings.TrimSpace(periodMark)) && onlyYear(s, y)
			for _, c := range answerClauses(s) {
				if !strings.Contains(c, y) && (!sole || yearRe.MatchString(c)) {
					continue
				}
				if !sentenceOfFact(c, asked) {
					// "GRDP growth in 2025?" is not answered by the size
					// of the 2025 economy.
					continue
				}
				for _, n := range numberRe.FindAllString(c, -1) {
					if n = strings.TrimRight(n, ".,"); n != "" && !isYear(n) {
						return true
					}
				}
			}
		}
	}
	return false
}

// periodMark stands for a period of years removed from a sentence.
const periodMark = " ⁂ "

// onlyYear reports whether every year s names is y.
func onlyYear(s, y string) bool {
	for _, m := range yearRe.FindAllStringSubmatch(s, -1) {
		if m[1] != y {
			return false
		}
	}
	return true
}

// answerClauses cuts a lower-cased sentence of an answer at the clause joints of the
// four languages (lang/*.yaml "clauses").
func answerClauses(s string) []string {
	parts := []string{s}
	for _, l := range investbot.Langs {
		for _, sep := range cues[l].clauses {
			var next []string
			for _, p := range parts {
				next = append(next, strings.Split(p, sep)...)
			}
			parts = next
		}
	}
	return parts
}

// eventYear is the one year an event's title names ("… Conference
// 2026"), or "" (any year).
func eventYear(e *base.Entry) string {
	if ys := titleYears(e.Title.In(investbot.EN)); e.Kind == base.KindEvent && len(ys) == 1 && ys[0].from == ys[0].to {
		return strconv.Itoa(ys[0].from)
	}
	return ""
}

// dayRe is a day, a month or a quarter written in one of the four
// languages ("25 November", "11月", "3월", "tháng 3", "12/3", "Q1").
var dayRe = regexp.MustCompile(`(?i)[0-9]{1,2}\s*(?:月|日|월|일)|(?:tháng|ngày|quý)\s*(?:[0-9]{1,2}|i{1,3}|iv)\b|\b[0-9]{1,2}/[0-9]{1,2}\b|\bq[1-4]\b|四半期|분기|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-9]|\b[0-9]{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:january|february|march|april|june|july|august|september|october|november|december|quarter)\b`)

// datesWithin reports whether e dates something within year y (any year
// when y is ""): a
// sentence that names y and a day, a month or a quarter. "When exactly
// is the 2026 conference?" is not answered by "planned for 2026", nor by
// "on 25 November 2025 the province asked…".
func datesWithin(e *base.Entry, y string) bool {
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(presentText(e.Answer.In(l))) {
			if y == "" && dayRe.MatchString(s) || y != "" && strings.Contains(s, y) && dayNearYear(s, y) {
				return true
			}
		}
	}
	return false
}

// dayYearGap is the most bytes between a year and the day, month or
// quarter that dates something within it ("2023年11月", "November 2023",
// "25/11/2023", "2023년 11월").
const dayYearGap = 8

// dayNearYear reports whether sentence s dates something within year y: a
// day, a month or a quarter beside one of y's mentions. "The 2 December 2025
// article dates the friendship to 2023" gives no day of 2023.
func dayNearYear(s, y string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], y)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(y)
		before, after := s[max(0, i-dayYearGap-12):i], s[j:min(len(s), j+dayYearGap+12)]
		for _, m := range dayRe.FindAllStringIndex(before, -1) {
			if len(before)-m[1] <= dayYearGap {
				return true
			}
		}
		if m := dayRe.FindStringIndex(after); m != nil && m[0] <= dayYearGap {
			return true
		}
		off = j
	}
}

// anyFigure reports whether text holds a figure with the unit of any fact
// but a time of day.
func anyFigure(text string, facts map[string]*factSet) bool {
	return anyFigureTails(numberTails(text), facts)
}

// anyFigureTails is anyFigure of the text whose numberTails are tails.
func anyFigureTails(tails []string, facts map[string]*factSet) bool {
	for name, fs := range facts {
		// A date, an anniversary or a rank ("the 30th anniversary", "8th
		// nationally") is no quantity of what "how much" asks.
		if name != "date" && name != "anniversary" && name != "rank" && unitInTails(tails, fs.units) {
			return true
		}
	}
	return false
}

// fieldGives reports whether a structured field of e gives fact f.
func fieldGives(e *base.Entry, f string) bool {
	z, c := e.Zone, e.Contact
	switch {
	case z != nil && (f == "area" || f == "size"):
		return z.AreaHa > 0
	case z != nil && f == "company":
		return z.Developer != ""
	case z != nil && f == "country":
		return z.DeveloperCountry != ""
	case z != nil && f == "capital":
		return z.InvestmentUSDm > 0
	case z != nil && f == "date":
		return z.StageDate != ""
	case c != nil && f == "phone":
		return c.Phone != ""
	case c != nil && f == "email":
		return c.Email != ""
	case c != nil && f == "contact":
		return c.Phone != "" || c.Email != "" || c.Address.In(investbot.EN) != ""
	case c != nil && f == "address":
		return c.Address.In(investbot.EN) != "" || c.Address.In(investbot.VI) != ""
	}
	return false
}

var (
	yearRe  = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)
	phoneRe = regexp.MustCompile(`\+?[0-9][0-9 .\-()]{7,}[0-9]`)
	numRe   = regexp.MustCompile(`[0-9][0-9.,]*`)
)

// special is the evidence no unit list shows: a date is a year the
// question does not already name; a phone number is a run of digits; an
// e-mail address has an @.
func special(f, text string, q *question) bool {
	switch f {
	case "date":
		for _, m := range yearRe.FindAllStringSubmatch(text, -1) {
			if !strings.Contains(q.norm, m[1]) {
				return true
			}
		}
	case "phone":
		return phoneRe.MatchString(text)
	case "contact":
		return phoneRe.MatchString(text) || strings.Contains(text, "@")
	case "email":
		return strings.Contains(text, "@")
	}
	return false
}

// presentText is text, lower-cased, without its sentences that say the
// sources lack something ("the sources give no figure for Korean FDI").
func presentText(text string) string {
	var b strings.Builder
	for _, s := range splitSentences(text) {
		ls := strings.ToLower(s)
		if saysAbsent(ls) {
			continue
		}
		b.WriteString(ls)
		b.WriteByte('\n')
	}
	return b.String()
}

func saysAbsent(s string) bool {
	for _, l := range investbot.Langs {
		if containsAny(s, cues[l].absent) {
			return true
		}
	}
	return false
}

func containsAny(s string, ws []string) bool {
	for _, w := range ws {
		if w != "" && strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// unitNear reports whether text gives a figure with one of fs's units,
// in a sentence holding one of its near words when it has any.
func unitNear(text string, fs *factSet) bool {
	if len(fs.near) == 0 {
		return unitAfterNumber(text, fs.units)
	}
	return unitNearTails(text, nil, fs)
}

// unitNearTails is unitNear of text, whose numberTails are tails.
func unitNearTails(text string, tails []string, fs *factSet) bool {
	if len(fs.near) == 0 {
		return unitInTails(tails, fs.units)
	}
	for _, s := range splitSentences(text) {
		if containsAny(s, fs.near) && unitAfterNumber(s, fs.units) {
			return true
		}
	}
	return false
}

// unitWindow is how far after a number its unit may stand ("15.6 billion
// USD", "179 valid projects").
const unitWindow = 20

// unitAfterNumber reports whether one of units follows a number within
// unitWindow bytes, in the same sentence, starting a word.
func unitAfterNumber(text string, units []string) bool {
	if len(units) == 0 {
		return false
	}
	return unitInTails(numberTails(text), units)
}

// numberTails returns, for each number of text that is no year ("in 2025
// the province held events": a year counts nothing), the unitWindow bytes
// after it up to the end of its sentence: where its unit stands.
func numberTails(text string) []string {
	var out []string
	for _, loc := range numRe.FindAllStringIndex(text, -1) {
		if isYear(strings.TrimRight(text[loc[0]:loc[1]], ".,")) {
			continue
		}
		end := min(len(text), loc[1]+unitWindow)
		after := text[loc[1]:end]
		if i := strings.IndexAny(after, ".\n;"); i >= 0 && (i+1 >= len(after) || after[i+1] == ' ' || after[i+1] == '\n') {
			after = after[:i]
		}
		out = append(out, after)
	}
	return out
}

// unitInTails reports whether one of units starts a word of one of
// tails (numberTails).
func unitInTails(tails []string, units []string) bool {
	for _, after := range tails {
		for _, u := range units {
			if !latin(u) {
				// Korean and Japanese units are glued to the number
				// ("178헥타르", "20分"); further on, the same syllable is
				// part of another word (인가분 is not a minute).
				if strings.HasPrefix(strings.TrimLeft(after, " "), u) {
					return true
				}
				continue
			}
			if i := strings.Index(after, u); i >= 0 && startsWord(after, i, u) {
				return true
			}
		}
	}
	return false
}

// isYear reports whether a number is a year (1900–2099) on its own.
func isYear(n string) bool {
	return len(n) == 4 && (n[:2] == "19" || n[:2] == "20")
}

// latin reports whether a unit starts with a Latin letter, a digit or a
// sign ("ha", "usd/", "%"), as opposed to a Korean or Japanese unit.
func latin(u string) bool {
	r := []rune(u)[0]
	return r < 0x80 || (r >= 0xC0 && r < 0x250)
}

// startsWord reports whether u at s[i:] is a word of its own for Latin
// units ("ha" in "300 ha", not in "Thanh"); other scripts match anywhere.
func startsWord(s string, i int, u string) bool {
	r := []rune(u)[0]
	if r >= 0x80 || !unicode.IsLetter(r) {
		return true
	}
	if i > 0 && unicode.IsLetter(rune(s[i-1])) {
		return false
	}
	j := i + len(u)
	return j >= len(s) || !unicode.IsLetter(rune(s[j]))
}

// FactLabel is the name of fact f in lang ("area", "面積"), for the reply
// that says the sources do not give it.
func FactLabel(f string, lang investbot.Lang) string {
	cs, ok := cues[lang]
	if !ok {
		cs = cues[investbot.EN]
	}
	if y, ok := strings.CutPrefix(f, "year:"); ok {
		return fmt.Sprintf(cs.yearLabel, y)
	}
	if x, ok := strings.CutPrefix(f, qualifierPrefix); ok {
		return fmt.Sprintf(cs.qualifierLabel, x)
	}
	if x, ok := strings.CutPrefix(f, unknownPrefix); ok {
		return fmt.Sprintf(cs.unknownLabel, x)
	}
	if cs.facts[f] != nil {
		return cs.facts[f].label
	}
	if fs := cues[investbot.EN].facts[f]; fs != nil {
		return fs.label
	}
	return f
}

// figureNotForEntity checks a short question that asks a figure of an
// entity the chosen entry is not about (a country, a partner, a zone
// named in a statistic): the entry answers only when one of its
// sentences names that entity and gives the figure. It returns what the
// sources do not give ("for:Hàn Quốc", "depth"), or "".
func (kb *KB) figureNotForEntity(q *question, e *base.Entry, asked []string) (string, *base.Entry) {
	if utf8.RuneCountInString(q.norm) > maxEntityFigure {
		return "", nil
	}
	if f := kb.memberFact(q, e, asked); f != "" {
		return f, nil
	}

	head := slices.Contains(asked, "head") || slices.Contains(asked, "chairman") || slices.Contains(asked, "ceo")
	if !head && (!asksFigure(asked) || e.Kind == base.KindZone && e.Zone != nil || e.Kind == base.KindContact) {
		// A place's or an office's figure is its own: a partner named
		// beside it is its developer or the asker's origin (the list of
		// places, a zone entry with no place of its own, gives no
		// partner's figure: "일본 프로젝트 수는?" is Japan's). The head
		// of an office named is that office's, whatever entry found it
		// ("who heads the Japan Desk?" is not the province's leaders).
		return "", nil
	}
	if head {
		asked = asked[:1] // "head", "chairman" or "ceo", the first fact
	}
	best := kb.indexOf(e)
	for _, ei := range q.entities {
		if ei == best || !salient(kb.entries[ei]) {
			continue
		}
		if kb.sentenceGives(e, kb.entries[ei], asked) {
			continue
		}
		// The entity's own entry gives the figure: it answers a short
		// question, and a longer one when the figure is one with its
		// own units (a count: "Nhật Bản có bao nhiêu dự án ở Thanh
		// Hóa?"), not any number (an amount, a size).
		if own := kb.entries[ei]; !containsInt32(q.entities, best) && kb.ownGives(q, own, asked) {
			return "", own
		}
		if kb.entries[ei].Kind == base.KindPartner {
			return qualifierPrefix + kb.nameIn(q, ei), nil
		}
		return asked[0], nil
	}
	return "", nil
}

// ownGives reports whether own, the main entry of an entity a question
// names, gives a fact asked: any of them for a short question, one with
// its own units otherwise.
func (kb *KB) ownGives(q *question, own *base.Entry, asked []string) bool {
	return slices.ContainsFunc(asked, func(f string) bool {
		return (q.short() || f != "amount" && f != "size") && kb.givesFact(own, f, q)
	})
}

// maxEntityFigure is the longest question read as asking a figure of the
// entity it names: a longer one names entities in passing.
const maxEntityFigure = 80

// sentenceGives reports whether one sentence of e's answer names entity
// x and gives one of the facts asked.
func (kb *KB) sentenceGives(e, x *base.Entry, asked []string) bool {
	var names []string
	for _, a := range x.Aliases {
		if a = strings.ToLower(a); utf8.RuneCountInString(a) >= 2 {
			names = append(names, a)
		}
	}
	if len(names) == 0 {
		return true
	}
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(kb.foldedAnswer(e).byLang[l]) {
			if !containsAny(s, names) {
				continue
			}
			for _, f := range asked {
				for _, ol := range investbot.Langs {
					fs := cues[ol].facts[f]
					if fs != nil && (unitNear(s, fs) || containsAny(s, fs.words)) {
						return true
					}
					if (f == "size" || f == "amount") && anyFigure(s, cues[ol].facts) {
						return true
					}
				}
			}
		}
	}
	return false
}

// declaresAbsent reports whether e says, in a sentence of its own, that
// the sources lack fact f (one of f's words stands in a sentence that
// says something is not given): the entry's word, not a unit found
// elsewhere in it, decides.
func declaresAbsent(e *base.Entry, f string) bool {
	switch f {
	case "size", "amount", "date", "count":
		// Too general to be named in passing ("no figure", "when").
		return false
	}
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(e.Answer.In(l)) {
			if !saysAbsent(strings.ToLower(s)) {
				continue
			}
			n := textnorm.Normalize(s)
			for _, ol := range investbot.Langs {
				if fs := cues[ol].facts[f]; fs != nil && textnorm.HasPhrase(n, fs.ask) {
					return true
				}
			}
		}
	}
	return false
}

// wordWithNumber reports whether a sentence of text holds one of words
// and a number: "groundbreaking was expected in Q1 2026" gives the date
// of the groundbreaking; "deep-water port" gives no depth; "as of 2
// December 2025 the sources give no signed agreements" gives no signing.
func wordWithNumber(text string, words []string) bool {
	for _, s := range splitSentences(text) {
		if containsAny(s, words) && numberRe.MatchString(s) && !saysAbsent(strings.ToLower(s)) {
			return true
		}
	}
	return false
}

// memberFact checks a question that names e by the name of one of the
// things it lists ("Aeon Mall" for the Japanese projects), not by its
// title: a figure or a date asked is given only by a sentence that names
// that thing with it ("when does Aeon Mall open?" is not answered by a
// list that names it without a date). It returns the fact not given, or
// "".
func (kb *KB) memberFact(q *question, e *base.Entry, asked []string) string {
	if e.Kind == base.KindZone || e.Kind == base.KindContact {
		// A place or an office is one thing under many names.
		return ""
	}
	var facts []string
	for _, f := range asked {
		if asksFigure([]string{f}) || isDateFact(f) {
			facts = append(facts, f)
		}
	}
	if len(facts) == 0 {
		return ""
	}
	best := kb.indexOf(e)
	for _, h := range q.hits {
		if m := kb.gaz.ents[h.ent].entries; len(m) == 0 || m[0] != best {
			continue
		}
		name := q.norm[h.start:h.end]
		if inTitle(e, name) {
			continue
		}
		if named, gives := memberGives(e, name, facts); named && !gives {
			return facts[0]
		}
	}
	if e.Kind == base.KindPartner && len(q.entities) == 0 && !q.byContext {
		// "how big is the mall?" of a list that names the Aeon Mall:
		// the sentences holding the question's own words judge a
		// figure of it (a date may sit in the sentence after).
		words := topicWords(stripCues(stripFactAsks(q.norm, q.cues), q.cues))
		for _, w := range words {
			if inTitle(e, w) {
				return ""
			}
		}
		var figures []string
		for _, f := range facts {
			if !isDateFact(f) {
				figures = append(figures, f)
			}
		}
		for _, w := range words {
			if named, gives := memberGives(e, w, figures); named && !gives && len(figures) > 0 {
				return figures[0]
			}
		}
	}
	return ""
}

// isDateFact reports whether f is a date of something.
func isDateFact(f string) bool {
	return f == "date" || f == "day" || f == "start" || f == "completion"
}

// inTitle reports whether the normalised name stands in one of e's titles.
func inTitle(e *base.Entry, name string) bool {
	for _, l := range investbot.Langs {
		if t := e.Title.In(l); t != "" && strings.Contains(textnorm.Normalize(t), name) {
			return true
		}
	}
	return false
}

// memberGives reports whether a sentence of e's answer names the
// normalised name, and whether one that does gives one of the facts: a
// figure with its unit, or a date. A name no sentence holds is the
// entry's own, not one member's.
func memberGives(e *base.Entry, name string, facts []string) (named, gives bool) {
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(presentText(e.Answer.In(l))) {
			// "응이선(Nghi Sơn) 정유": a name glossed in brackets is named.
			if !strings.Contains(textnorm.Normalize(s), name) && !strings.Contains(textnorm.Normalize(glossRe.ReplaceAllString(s, "")), name) {
				continue
			}
			named = true
			for _, f := range facts {
				if isDateFact(f) {
					if yearRe.MatchString(s) || dayRe.MatchString(s) {
						return true, true
					}
					continue
				}
				for _, ol := range investbot.Langs {
					fs := cues[ol].facts[f]
					if fs != nil && unitNear(s, fs) {
						return true, true
					}
					if (f == "size" || f == "amount") && anyFigure(s, cues[ol].facts) {
						return true, true
					}
				}
			}
		}
	}
	return named, false
}

// sentenceOfFact reports whether sentence s can give one of the figures
// asked: a fact with units needs one of them after a number; a fact
// without (a count, an amount) any number.
func sentenceOfFact(s string, asked []string) bool {
	if !asksFigure(asked) {
		// "How many in 2025?", "bao nhiêu": any figure.
		return true
	}
	for _, f := range asked {
		if !asksFigure([]string{f}) {
			continue
		}
		withUnits := false
		for _, l := range investbot.Langs {
			fs := cues[l].facts[f]
			if fs == nil || len(fs.units) == 0 || f == "count" || f == "size" || f == "amount" {
				continue
			}
			withUnits = true
			if unitNear(s, fs) {
				return true
			}
		}
		if !withUnits {
			return true
		}
	}
	return false
}

// builderNotGiven reports a short question asking which company built,
// develops or owns a thing ("who built the refinery?", "ギソン第2火力発電所
// を建設したのはどの会社?") of an entry that is not that place itself (a list
// of projects, a statistic): the sentences of the entry that hold the
// question's own words must name a builder ("Sumitomo is investing in
// …"). A place's developer is its own field; a question whose words no
// sentence holds is left to the other steps.
func (kb *KB) builderNotGiven(q *question, e *base.Entry) bool {
	if e.Kind == base.KindContact || utf8.RuneCountInString(q.norm) > maxEntityFigure {
		return false
	}
	asks := false
	for _, cs := range q.cues {
		if fs := cs.facts["builder"]; fs != nil && textnorm.HasPhrase(q.norm, fs.ask) {
			asks = true
		}
	}
	if !asks {
		return false
	}
	if e.Kind == base.KindZone {
		// A place's developer is its field; without one, the entry
		// that says the sources give none answers "not given".
		return (e.Zone == nil || e.Zone.Developer == "") && declaresAbsent(e, "builder")
	}
	if declaresAbsent(e, "builder") && !kb.givesFactBy(e, "builder", q, false) {
		// "The sources do not give the donors" of the ODA projects.
		return true
	}
	words := topicWords(stripCues(stripFactAsks(q.norm, q.cues), q.cues))
	if len(words) == 0 {
		return false
	}
	held := false
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(kb.foldedAnswer(e).byLang[l]) {
			n := textnorm.Normalize(s)
			if !textnorm.HasPhrase(n, words) {
				continue
			}
			held = true
			for _, ol := range investbot.Langs {
				if fs := cues[ol].facts["builder"]; fs != nil && containsAny(strings.ToLower(s), fs.words) {
					return false
				}
			}
		}
	}
	return held
}

// topicWords returns the words of a normalised text that can pick a
// sentence: Latin words of four letters or more; runs of two or more
// katakana or kanji, split where the script changes ("ギソン製油所" holds
// "ギソン" and "製油所"; hiragana are particles); the first two syllables
// of a Korean word, whose end may be a particle or a compound's second
// half ("정유공장은" → "정유").
func topicWords(text string) []string {
	var out []string
	add := func(rs []rune) {
		if len(rs) >= 2 {
			out = append(out, string(rs))
		}
	}
	for _, w := range strings.Fields(text) {
		rs := []rune(w)
		if rs[0] < 0x80 {
			if len(rs) >= 4 && !isNumberWord(w) {
				out = append(out, w)
			}
			continue
		}
		start, class := 0, topicScript(rs[0])
		for k := 1; k <= len(rs); k++ {
			if k < len(rs) && topicScript(rs[k]) == class {
				continue
			}
			switch run := rs[start:k]; class {
			case 'k', 'h':
				add(run)
			case 'g':
				add(run[:min(2, len(run))])
			}
			if k < len(rs) {
				start, class = k, topicScript(rs[k])
			}
		}
	}
	return out
}

// topicScript classes a rune: 'k' katakana, 'h' kanji, 'g' hangul, 'o' other.
func topicScript(r rune) byte {
	switch {
	case isKatakana(r):
		return 'k'
	case unicode.Is(unicode.Han, r):
		return 'h'
	case isHangul(r):
		return 'g'
	}
	return 'o'
}

func isNumberWord(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// oneZoneNamed returns the one zone a short question that found the zones'
// overview names, when it asks neither a list nor a comparison.
func (kb *KB) oneZoneNamed(q *question, e *base.Entry) *base.Entry {
	if !strings.HasSuffix(e.ID, ".overview") || e.Kind != base.KindZone || !q.short() || q.readHas(AspectList) || q.readHas(AspectCompare) {
		return nil
	}
	var zone *base.Entry
	for _, ei := range q.entities {
		if z := kb.entries[ei]; isZone(z) {
			if zone != nil && zone != z {
				return nil
			}
			zone = z
		}
	}
	return zone
}

// glossRe matches a gloss in brackets ("(Nghi Sơn)", "（Aeon Mall）").
var glossRe = regexp.MustCompile(`\s*[(（][^()（）]*[)）]`)

// asksWhen reports whether q asks a date ("when", "ngày nào", 締結日).
func asksWhen(q *question) bool {
	for _, cs := range q.cues {
		for _, f := range []string{"date", "day"} {
			if fs := cs.facts[f]; fs != nil && textnorm.HasPhrase(q.norm, fs.ask) {
				return true
			}
		}
	}
	return q.readHas(AspectStage)
}

// namesCountry reports whether e's answer names a country (one of the
// country fact's words) outside the names of the offices the knowledge
// base holds: "ask the Japan Desk" says whose desk it is, not where the
// thing asked about comes from.
func (kb *KB) namesCountry(e *base.Entry) bool {
	var offices []string
	for _, o := range kb.entries {
		if o.Kind != base.KindContact {
			continue
		}
		for _, a := range o.Aliases {
			offices = append(offices, strings.ToLower(a))
		}
	}
	for _, l := range investbot.Langs {
		text := kb.foldedAnswer(e).byLang[l]
		for _, o := range offices {
			text = strings.ReplaceAll(text, o, " ")
		}
		for _, ol := range investbot.Langs {
			if fs := cues[ol].facts["country"]; fs != nil && containsAny(text, fs.words) {
				return true
			}
		}
	}
	return false
}

// withoutReportDates is text without the dates its facts were reported on:
// "as of 2 December 2025" (the cue files' as_of markers, in every
// language) and a parenthesis holding a day's date alone ("(25 November
// 2025)"). "When did the ODA projects start?" is not answered by the day
// an article counted them.
func withoutReportDates(text string) string {
	for _, l := range investbot.Langs {
		if re := cues[l].asOf; re != nil {
			text = re.ReplaceAllString(text, " ")
		}
	}
	return reportDateRe.ReplaceAllStringFunc(text, func(p string) string {
		if len(numRe.FindAllString(p, -1)) < 2 && !monthWordRe.MatchString(p) {
			// "(2019)" or "(2021–2025)" dates the fact itself.
			return p
		}
		return " "
	})
}

var (
	// reportDateRe is a parenthesis holding a date and nothing else:
	// digits, month names, the date marks of the four languages.
	reportDateRe = regexp.MustCompile(`[(（]\s*[0-9/]*\s*(?:[a-z]+\s+)?[0-9/]*\s*(?:19|20)[0-9]{2}\s*(?:年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|년\s*[0-9]{1,2}\s*월\s*[0-9]{1,2}\s*일)?\s*[)）]`)
	monthWordRe  = regexp.MustCompile(`january|february|march|april|may|june|july|august|september|october|november|december|年|년`)
)

// dateWordAtNumber reports whether one of a date's words (a month, "quarter",
// "月", "월") stands at a number ("November 2025", "11月", "Q1 2026"): "日"
// of "日本" and "may" of "may be" date nothing.
func dateWordAtNumber(text string, words []string) bool {
	for _, w := range words {
		if w == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			at := i + j
			end := at + len(w)
			if latin(w) && (!startsWord(text, at, w) || end < len(text) && isWordByte(text[end])) {
				i = end
				continue
			}
			before := strings.TrimRight(text[max(0, at-4):at], " ")
			after := strings.TrimLeft(text[end:min(len(text), end+6)], " ")
			if before != "" && before[len(before)-1] >= '0' && before[len(before)-1] <= '9' || after != "" && after[0] >= '0' && after[0] <= '9' {
				return true
			}
			i = end
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// ownSideHead answers a head asked of the province's own side of a meeting
// ("日本大使と会談した省の代表は誰", the cue files' own_side) from the
// province's office that names its head and mentions the other side
// (the embassy, the company), not from the other side's entry, which
// names only its own head; that entry is answered beside it.
func (kb *KB) ownSideHead(q *question, r *Result) {
	if r.Best.Entry.Kind == base.KindContact || !anyCue(q.norm, q.cues, func(c *cueSet) []string { return c.ownSide }) {
		return
	}
	if !slices.Contains(factsAsked(q), "head") && !q.readHas(AspectHead) {
		return
	}
	other := r.Best.Entry
	for _, e := range kb.entries {
		if e.Kind != base.KindContact || !kb.givesFact(e, "head", q) || !kb.mentionsSubject(e, other) {
			continue
		}
		// The other side's entry stays beside it: it names whom the
		// province's head met.
		*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, FollowUp: r.FollowUp, Aspect: AspectHead,
			Best: &Match{Entry: e, Confidence: r.Best.Confidence}, Also: &Match{Entry: other, Confidence: r.Best.Confidence}}
		return
	}
}

// mentionsSubject reports whether e's text names x by one of its aliases.
func (kb *KB) mentionsSubject(e, x *base.Entry) bool {
	i := kb.indexOf(e)
	for _, a := range x.Aliases {
		if n := textnorm.Normalize(a); n != "" && kb.mentions(i, n) {
			return true
		}
	}
	return false
}

// placeNotGiven reports whether q asks who holds a place below the first
// ("2位はどこの国", a number before one of the rank fact's units written in
// the question's own script) that e never states: the first place is
// often said in words ("最大の投資国"), a later one only by its number. A
// letter longer than a fact question names places in passing.
func (kb *KB) placeNotGiven(q *question, e *base.Entry) bool {
	cs := cues[q.detected]
	if cs == nil || cs.facts["rank"] == nil || utf8.RuneCountInString(q.norm) > maxFactQuestion {
		return false
	}
	units := cs.facts["rank"].units
	if !slices.ContainsFunc(units, func(u string) bool { return !isASCII(u) && strings.Contains(q.norm, u) }) {
		return false
	}
	text := strings.ToLower(e.Answer.In(q.detected))
	for _, m := range placeRe.FindAllStringSubmatchIndex(q.norm, -1) {
		n, after := q.norm[m[2]:m[3]], q.norm[m[3]:]
		if n == "1" {
			continue
		}
		for _, u := range units {
			if !isASCII(u) && strings.HasPrefix(after, u) && !strings.Contains(text, n+u) {
				return true
			}
		}
	}
	return false
}

// placeRe finds the numbers of a question, each a candidate place ("2" of "2位").
var placeRe = regexp.MustCompile(`(?:^|[^0-9.])([0-9]{1,2})`)
