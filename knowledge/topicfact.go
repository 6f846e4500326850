package knowledge

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// A fact the entry gives is not always the fact asked: "how many members
// does the association have?" of an entry that counts projects, "how many
// people attended that event?" of one that counts tourists, "when did it
// open?" of one whose only dates are of a visit, "which project is the
// biggest?" of one whose biggest is an investor. The entry gives a count,
// a date, a superlative — of something else. What the figure is of is
// named by the question's own words beside the fact's: a sentence giving
// the fact must hold one of them, or the honest reply is that the sources
// do not give it.

// factOfOtherTopic returns the first fact asked when e gives it only in
// sentences that hold none of the question's topic words, or "": a
// question without topic words of its own ("how big?", "bao nhiêu ha?")
// asks the fact of the conversation's subject, which e is.
func (kb *KB) factOfOtherTopic(q *question, e *base.Entry, asked []string) string {
	if !q.short() || q.byContext || q.part || e.Kind == base.KindContact {
		return ""
	}
	// Figures and superlatives only: a date or a name is said of its
	// event in words a question seldom repeats ("thiết lập quan hệ năm
	// nào?" of "quan hệ hữu nghị … từ năm 1967").
	asked = slices.DeleteFunc(slices.Clone(asked), func(f string) bool { return f != "top" && !asksFigure([]string{f}) })
	if len(asked) == 0 {
		return ""
	}
	terms := q.topicTerms(asked)
	if len(terms) == 0 {
		return ""
	}
	for _, l := range investbot.Langs {
		for _, s := range splitSentences(kb.foldedAnswer(e).byLang[l]) {
			if !sentenceGivesAny(s, asked) {
				continue
			}
			ws := sentenceWords(s)
			if slices.ContainsFunc(terms, func(t [2]string) bool { return termIn(ws, t) }) {
				return ""
			}
		}
	}
	return asked[0]
}

// termWindow is how far apart a topic's two syllables may stand in a
// sentence: "khu logistics" is the "khu dịch vụ logistics" of the entry.
const termWindow = 3

// sentenceWord is a word of a sentence as written (lower case, marks
// kept) and folded.
type sentenceWord struct{ marked, folded string }

// sentenceWords splits sentence s into its words.
func sentenceWords(s string) []sentenceWord {
	var out []sentenceWord
	for _, w := range strings.FieldsFunc(markedForm(s), notWordRune) {
		out = append(out, sentenceWord{w, textnorm.Normalize(w)})
	}
	return out
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// termIn reports whether words hold t's first syllable with its second
// after it, at most termWindow words on. A syllable the question wrote
// with its marks must stand with them ("tài" of "nhà tài trợ" is not the
// "tại" of "nhà đầu tư … tại"); one written without matches either.
func termIn(ws []sentenceWord, t [2]string) bool {
	is := func(w sentenceWord, syl string) bool { return w.folded == syl || w.marked == syl }
	for i, w := range ws {
		if !is(w, t[0]) {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+termWindow; j++ {
			if is(ws[j], t[1]) {
				return true
			}
		}
	}
	return false
}

// sentenceGivesAny reports whether sentence s (lower-cased) gives one of
// the facts asked: a figure with the fact's unit, one of its words, or,
// for a fact any figure gives, any figure.
func sentenceGivesAny(s string, asked []string) bool {
	for _, f := range asked {
		for _, l := range investbot.Langs {
			fs := cues[l].facts[f]
			if fs != nil && (unitNear(s, fs) || containsAny(s, fs.words)) {
				return true
			}
			if generalFact(f) && anyFigure(s, cues[l].facts) {
				return true
			}
		}
	}
	return false
}

// topicTerms returns the words of q that say what the fact asked is of,
// normalised. Only Vietnamese is read so far: its words are pairs of
// syllables ("hội viên", "tham dự", "khai trương"), none a function word
// (words/vi.yaml stop_words) nor a number, outside the names the question
// holds, its filler, pronouns and continuations of more than one syllable (a single syllable
// unaccented is also part of other words: "hoi" is both "hỏi", ask, and
// the "hội" of "hội viên"), the phrases asking a fact — but for the noun
// after a quantifier, "bao nhiêu hội viên" — and the words and units of
// the facts asked (a count's "dự án" is what makes a sentence give it).
func (q *question) topicTerms(asked []string) [][2]string {
	if q.detected != investbot.VI {
		return nil
	}
	b := []byte(q.norm)
	for _, h := range q.hits {
		for i := h.start; i < h.end && i < len(b); i++ {
			b[i] = ' '
		}
		if h.start < len(b) {
			// Words on either side of a name are not one word.
			b[h.start] = '|'
		}
	}
	text := " " + strings.Join(strings.Fields(strings.ReplaceAll(string(b), "|", " | ")), " ") + " "
	cut := func(p, with string) {
		p = strings.TrimSpace(p)
		if strings.Contains(p, " ") && strings.Contains(text, p) {
			text = strings.ReplaceAll(text, " "+p+" ", " "+with+" ")
		}
	}
	for _, cs := range q.cues {
		// Only the asks of the facts asked, longest first: "nhà tài trợ
		// lớn nhất" — the builder's words name what the superlative
		// asked is of.
		var asks []string
		for _, f := range asked {
			if fs := cs.facts[f]; fs != nil {
				asks = append(asks, fs.ask...)
			}
		}
		slices.SortStableFunc(asks, func(a, b string) int { return len(b) - len(a) })
		for _, p := range asks {
			if !strings.Contains(text, p) {
				continue
			}
			if qw := quantifierOf(p, cs.quantifiers); qw != "" {
				cut(p, strings.TrimSpace(p[len(qw):]))
				continue
			}
			cut(p, "|")
		}
		for _, ps := range [][]string{cs.filler, cs.pronouns, cs.continuations} {
			// Not the aspects' words: "nhà tài trợ", "ưu đãi" ask an
			// aspect and name what is asked of at once.
			for _, p := range ps {
				cut(p, "|")
			}
		}
		for _, f := range asked {
			if fs := cs.facts[f]; fs != nil {
				for _, p := range append(slices.Clip(fs.words), fs.units...) {
					cut(textnorm.Normalize(p), "|")
				}
			}
		}
	}
	if r, ok := stripDemonstratives(text, q.cues); ok {
		// "diễn đàn đó": the conversation's subject, named by its kind.
		text = r
	}
	marked := map[string]string{}
	for _, w := range strings.FieldsFunc(markedForm(q.text), notWordRune) {
		if n := textnorm.Normalize(w); n != w && marked[n] == "" {
			marked[n] = w
		}
	}
	ws := strings.Fields(text)
	var out [][2]string
	for i := 0; i+1 < len(ws); i++ {
		t := [2]string{ws[i], ws[i+1]}
		if !stopCompounds[t[0]+" "+t[1]] && (!q.topicSyllable(t[0]) || !q.topicSyllable(t[1])) {
			// A word of two function syllables ("dự án", "ấn độ") is
			// a word all the same (words/vi.yaml stop_compounds).
			continue
		}
		for k, syl := range t {
			if m := marked[syl]; m != "" {
				t[k] = m
			}
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// topicSyllable reports whether w can be half of a topic's word: not a
// gap, a function word, a number, a letter alone ("v", vậy), chat
// shorthand ("dn") or a word of words/vi.yaml topic_free ("cả năm").
func (q *question) topicSyllable(w string) bool {
	if w == "|" || utf8.RuneCountInString(w) < 2 || stopWords[w] || topicFree[w] || isNumberWord(w) {
		return false
	}
	for _, cs := range q.cues {
		if _, ok := cs.shorthand[w]; ok {
			return false
		}
	}
	return true
}

// topicFree are the syllables that never say what a figure is of.
var topicFree = textnorm.SetOf(joinedWords("topic_free"))

// quantifierOf returns the quantifier phrase p opens with ("bao nhieu" of
// "bao nhieu hoi vien"), or "" when p is no more than one.
func quantifierOf(p string, quantifiers []string) string {
	for _, qw := range quantifiers {
		if strings.HasPrefix(p, qw+" ") {
			return qw
		}
	}
	return ""
}
