package knowledge

import (
	"strings"
	"unicode"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// homeID is the entry about the province as a whole: why investors come
// (the size of its economy, its FDI, its strengths).
const homeID = "faq.why-thanh-hoa"

// overviewWords ask about a place as a whole ("overview", "big picture",
// "giới thiệu", "概要", "소개"); overviewContext are words that add
// nothing to such a question ("investing", "here", "について"): the word
// files' lists, normalised.
var (
	overviewWords   = sortedLongestFirst(textnorm.FoldAll(wordLists("overview")...))
	overviewContext = sortedLongestFirst(textnorm.FoldAll(wordLists("overview_context")...))
	homeNamesLong   = sortedLongestFirst(homeNames)
)

// homeWords is every word a question about the province as a whole may
// hold besides its name: the overview words, their context, stop words,
// greetings and the cue files' filler.
var homeWords = func() map[string]bool {
	m := make(map[string]bool)
	add := func(list []string, phrases bool) {
		for _, p := range list {
			if !phrases && strings.Contains(p, " ") {
				// A phrase of the context ("looking at") is taken out
				// whole (homeOnly): "looking" alone may ask ("what is
				// Thanh Hoa looking for?").
				continue
			}
			for _, w := range strings.Fields(p) {
				m[w] = true
			}
		}
	}
	add(overviewWords, true)
	add(overviewContext, false)
	add(textnorm.FoldAll(wordLists("greeting")...), true)
	add(textnorm.FoldAll(wordLists("stop_words")...), true)
	for _, cs := range cues {
		add(cs.filler, true)
	}
	return m
}()

// stepHome answers a question about the province as a whole ("tell me
// about Thanh Hoa", "what's the big picture on Thanh Hoa?", "giới thiệu về
// Thanh Hóa", "타인호아에 대해 알려줘") with its home entry: the question
// names the province, or asks an overview, and nothing else — no entity,
// aspect or fact, nothing the conversation points at. Searched, its words
// meet every entry that names the province, none of them the answer.
func (kb *KB) stepHome(q *question, r *Result) bool {
	home := kb.Entry(homeID)
	if home == nil || q.part || len(q.entities) > 0 || len(q.offTopics) > 0 {
		return false
	}
	// The words come first: most questions hold one no overview has,
	// and leave at once.
	var qs []string
	for _, s := range questionSentences(q.text) {
		qs = append(qs, textnorm.Normalize(s))
	}
	if !asksHome(q.norm, qs) || q.frame != nil && !textnorm.HasPhrase(q.norm, homeNames) {
		// In a conversation, "overview?" or "investing here?" may ask
		// about its subject: only the province's name says otherwise.
		return false
	}
	if q.readCues(); len(factsAsked(q)) > 0 {
		return false
	}
	rest := q.norm
	for _, list := range [][]string{homeNamesLong, overviewWords} {
		for _, p := range list {
			if textnorm.HasPhrase(rest, []string{p}) {
				rest = removePhrase(rest, p)
			}
		}
	}
	if anyCue(rest, q.cues, func(c *cueSet) []string { return c.pronouns }) {
		// "Tell me about it" leans on the conversation; "this province"
		// is a home name, not a pronoun.
		return false
	}
	if len(aspectsIn(rest, q.cues)) > 0 {
		// "The big picture" asks no size, "overview" no list.
		return false
	}
	*r = Result{Detected: r.Detected, Lang: r.Lang, Confident: true, Best: &Match{Entry: home, Confidence: entityConfidence}}
	return true
}

// asksHome reports whether norm — or, when it has some, one of its
// question sentences qs — names the province or asks an overview, with
// nothing left once those words, their context, stop words and greetings
// are taken away.
func asksHome(norm string, qs []string) bool {
	if len(qs) == 0 {
		qs = []string{norm}
	}
	for _, s := range qs {
		if homeOnly(s) {
			return true
		}
	}
	return false
}

// homeOnly reports whether s is a home name or an overview word with
// nothing but homeWords beside it. Words are cut at spaces; Japanese,
// written without them, is read by taking the listed words out of the
// text and leaving no more than kana particles and punctuation.
func homeOnly(s string) bool {
	anchored := false
	for _, list := range [][]string{homeNamesLong, overviewWords} {
		for _, p := range list {
			if p == "" || !textnorm.HasPhrase(s, []string{p}) {
				continue
			}
			anchored = true
			s = removePhrase(s, p)
		}
	}
	if !anchored {
		return false
	}
	for _, p := range overviewContext {
		switch {
		case p != "" && japanese(p):
			// Japanese is written without spaces; Korean words are
			// read one by one below, without their particles.
			s = strings.ReplaceAll(s, p, " ")
		case strings.Contains(p, " ") && isLatinPhrase(p):
			s = removePhrase(s, p)
		}
	}
	for _, w := range strings.Fields(s) {
		if homeWords[w] || homeWords[koreanStem(w)] || onlyKana(w) {
			continue
		}
		return false
	}
	return true
}

// removePhrase takes p out of s: as whole words when p is Latin, anywhere
// otherwise ("타인호아에" leaves "에", "タインホア省" leaves "省").
func removePhrase(s, p string) string {
	if !isLatinPhrase(p) {
		return strings.ReplaceAll(s, p, " ")
	}
	return strings.TrimSpace(strings.ReplaceAll(" "+s+" ", " "+p+" ", " "))
}

func isLatinPhrase(p string) bool {
	for _, r := range p {
		if r >= 0x80 && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// onlyKana reports whether w is hiragana alone (a Japanese particle or
// ending) or one Hangul syllable (a Korean particle left behind).
func onlyKana(w string) bool {
	n, hangul := 0, false
	for _, r := range w {
		n++
		hangul = hangul || r >= 0xAC00 && r <= 0xD7A3
		if !isHiragana(r) && !(r >= 0xAC00 && r <= 0xD7A3) {
			return false
		}
	}
	return n > 0 && (!hangul || n == 1)
}

// sortedLongestFirst returns ps longest first, so that a phrase goes whole
// before a shorter one inside it.
func sortedLongestFirst(ps []string) []string {
	out := append([]string(nil), ps...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// japanese reports whether p holds kana or kanji.
func japanese(p string) bool {
	return strings.ContainsFunc(p, func(r rune) bool {
		return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)
	})
}
