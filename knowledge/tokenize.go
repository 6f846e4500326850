package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// termKind says how a term was made; it decides how much the term weighs
// in a query and whether it counts towards coverage.
type termKind uint8

const (
	termWord   termKind = iota // a Latin word (English, folded Vietnamese, names, digits)
	termPair                   // two adjacent Latin words, "khu_cong", "land_price"
	termCJK                    // a kanji/kana bigram or a lone character
	termKana                   // a hiragana-only bigram: mostly particles and endings
	termHangul                 // a Hangul bigram or a lone syllable
	termKanji                  // one kanji of a longer run, weighed lightly
)

type token struct {
	text string
	kind termKind
}

// stopWords are English and unaccented Vietnamese function words that carry
// no topic, with the abbreviations of casual Vietnamese typing (dc được,
// ko/k/kg không, j gì, z vậy, ntn như thế nào, bn bao nhiêu). Question words stay out of this list only when they pick an
// aspect ("where", "contact"); those are handled by follow-up rules.
var stopWords = textnorm.SetOf(joinedWords("stop_words"))

// stopCompounds are unaccented Vietnamese words made of a stop syllable
// and another: without their own term they would vanish or lose their
// meaning ("an do" is Ấn Độ, India; "co khi" cơ khí, mechanical
// engineering; "do thi" đô thị, urban; "thi truong" thị trường, market).
// They are words/vi.yaml's stop_compounds.
var stopCompounds = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range textnorm.FoldAll(wordLists("stop_compounds")...) {
		m[w] = true
	}
	return m
}()

// Vietnamese syllables deliberately not stop words although they are
// function words in some uses: ban (bạn "you" / Nhật Bản), hoi (hỏi "ask" /
// hội nghị), minh (mình / thông minh), anh (anh / Anh "UK"), chi, tai, dang
// (đăng ký), long (Thăng Long), giup (giúp "help": the bot's own topic).

// stem removes common English suffixes. Vietnamese syllables never end in
// these letter groups, so it is safe on folded Vietnamese too.
//
// A final "e" of a word of five or more letters is dropped after that, so
// that a verb meets its forms: "manufacture"/"manufacturing",
// "locate"/"located", "produce"/"produced" all become one term. Shorter
// words keep it: unaccented Vietnamese "khoe" must not become "kho".
func stem(w string) string {
	w = stemSuffix(w)
	if n := len(w); n > 4 && w[n-1] == 'e' && w[n-2] != 'e' {
		return w[:n-1]
	}
	return w
}

func stemSuffix(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "ses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")):
		return w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		return w[:n-1]
	}
	return w
}

type script uint8

const (
	scNone script = iota
	scLatin
	scCJK
	scHangul
)

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return scLatin
		}
		return scNone
	case unicode.Is(unicode.Hangul, r):
		return scHangul
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '々':
		return scCJK
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return scLatin
	}
	return scNone
}

func cjkKind(r rune) termKind {
	if scriptOf(r) == scHangul {
		return termHangul
	}
	return termCJK
}

func isHiragana(r rune) bool { return r >= 0x3040 && r <= 0x309F }

// tokenize splits normalised text into terms: Latin words (stemmed, stop
// words dropped) plus pairs of adjacent Latin words, and character bigrams
// for Japanese and Korean runs. emit is called for each term in order.
func tokenize(s string, emit func(token)) {
	var prev string // previous Latin word for pairs, "" after a break
	var prevRaw string
	prevStop := true
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		sc := scriptOf(r)
		if sc == scNone {
			if r != ' ' {
				prev, prevRaw = "", ""
			}
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if scriptOf(r2) != sc {
				break
			}
			j += sz
		}
		run := s[i:j]
		switch sc {
		case scLatin:
			w := run
			stop := stopWords[w]
			if prevRaw != "" && (stop || prevStop) && stopCompounds[prevRaw+" "+w] {
				emit(token{prevRaw + "_" + w, termWord})
			}
			prevRaw = w
			if !stop {
				w = stem(w)
				emit(token{w, termWord})
			}
			if prev != "" && !stop && !prevStop {
				emit(token{prev + "_" + w, termPair})
			}
			prev, prevStop = w, stop
			// A short number glued to Japanese or Korean text is part of
			// a word there: 第1期 (phase 1), 2단계 (phase 2), 1분기 (Q1).
			if len(run) <= 2 && isDigits(run) {
				if i > 0 {
					if r0, _ := utf8.DecodeLastRuneInString(s[:i]); scriptOf(r0) >= scCJK {
						emit(token{string(r0) + run, cjkKind(r0)})
					}
				}
				if j < len(s) {
					if r1, _ := utf8.DecodeRuneInString(s[j:]); scriptOf(r1) >= scCJK {
						emit(token{run + string(r1), cjkKind(r1)})
					}
				}
			}
		case scCJK, scHangul:
			prev, prevRaw = "", ""
			cjkBigrams(run, sc, emit)
		}
		i = j
	}
}

// cjkBigrams emits the terms of a Japanese or Korean run. Japanese runs are
// first cut where kanji/katakana meet hiragana, since hiragana stretches are
// mostly particles and endings ("の", "ですか"); each kanji also counts on
// its own, lightly, so "税金" still meets "税制". Korean words lose their
// particles and endings ("타인호아성의" → "타인호아성") before bigrams.
func cjkBigrams(run string, sc script, emit func(token)) {
	if sc == scHangul {
		if koreanStop[run] {
			return
		}
		w := koreanStem(run)
		if koreanStop[w] || koreanParticle[w] {
			// "얼마나", "어떻게", or a particle glued to a Latin name
			// ("WHA는"): how people ask, not what about.
			return
		}
		bigrams(w, termHangul, emit)
		return
	}
	start := 0
	prevHira := false
	for i, r := range run {
		h := isHiragana(r)
		if i > start && h != prevHira {
			japaneseRun(run[start:i], prevHira, emit)
			start = i
		}
		prevHira = h
	}
	japaneseRun(run[start:], prevHira, emit)
}

func japaneseRun(run string, hira bool, emit func(token)) {
	if hira {
		// "Why" picks an entry (why invest in Thanh Hóa) as in English;
		// written in hiragana it would weigh like a particle. Emitted
		// first, it wins over the same bigram as a particle.
		for _, w := range japaneseWhy {
			if strings.Contains(run, w) {
				emit(token{"なぜ", termCJK})
				break
			}
		}
		if utf8.RuneCountInString(run) >= 2 {
			bigrams(run, termKana, emit)
		}
		return
	}
	if japaneseStop[run] {
		return
	}
	bigrams(run, termCJK, emit)
	if utf8.RuneCountInString(run) > 1 {
		for _, r := range run {
			if unicode.Is(unicode.Han, r) {
				emit(token{string(r), termKanji})
			}
		}
	}
}

// bigrams emits overlapping character pairs, or the run itself when it is
// one character.
func bigrams(run string, kind termKind, emit func(token)) {
	if run == "" {
		return
	}
	_, size := utf8.DecodeRuneInString(run)
	if size == len(run) {
		emit(token{run, kind})
		return
	}
	i := 0
	for i < len(run) {
		_, s1 := utf8.DecodeRuneInString(run[i:])
		if i+s1 >= len(run) {
			break
		}
		_, s2 := utf8.DecodeRuneInString(run[i+s1:])
		emit(token{run[i : i+s1+s2], kind})
		i += s1
	}
}

// koreanSuffixes are the particles and endings of words/ko.yaml, longest
// first.
var koreanSuffixes = longestFirst(strings.Fields(langWords(investbot.KO, "endings")))

// koreanStem strips up to two particles or endings from a Korean word
// ("성남시와의" → "성남시", "상담할" → "상담") while at least two syllables
// remain.
func koreanStem(w string) string {
	for range 2 {
		if koreanNounEnd(w) {
			break
		}
		n := utf8.RuneCountInString(w)
		stripped := false
		for _, s := range koreanSuffixes {
			if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= 2 {
				w, stripped = w[:len(w)-len(s)], true
				break
			}
		}
		if !stripped {
			break
		}
	}
	// A one-syllable noun keeps its topic particle: "점은" → "점".
	if utf8.RuneCountInString(w) == 2 {
		for _, s := range koreanTopicParticles {
			if strings.HasSuffix(w, s) {
				return w[:len(w)-len(s)]
			}
		}
	}
	return w
}

// koreanNouns end in a syllable that is also an ending or particle
// (words/ko.yaml noun_ends).
var koreanNouns = strings.Fields(langWords(investbot.KO, "noun_ends"))

func koreanNounEnd(w string) bool {
	for _, n := range koreanNouns {
		if strings.HasSuffix(w, n) {
			return true
		}
	}
	return false
}

// koreanTopicParticles are stripped even from a two-syllable word
// (words/ko.yaml topic_particles).
var koreanTopicParticles = strings.Fields(langWords(investbot.KO, "topic_particles"))

// koreanParticle holds the particles that alone carry no topic: a Hangul
// run that is nothing else (after a Latin name: "WHA는") is skipped.
var koreanParticle = textnorm.SetOf(langWords(investbot.KO, "particles"))

// koreanStop are Korean question and request words, checked before and
// after stemming: they say how a question is asked, not what it is about.
// Aspect words (어디 where, 언제 when, 누구 who) stay out: follow-ups use them.
var koreanStop = textnorm.SetOf(langWords(investbot.KO, "korean_stop"))

// japaneseWhy are the hiragana spellings of "why" (words/ja.yaml why).
var japaneseWhy = strings.Fields(langWords(investbot.JA, "why"))

// japaneseStop are kanji/katakana runs that only frame a question
// ("何", "教えて" leaves "教", "誰"). Hiragana runs are handled by weight.
var japaneseStop = textnorm.SetOf(langWords(investbot.JA, "japanese_stop"))

// Tokens returns the terms of s as the index sees them, for tests and
// debugging ("khu_cong" is a pair of adjacent words).
func Tokens(s string) []string {
	var out []string
	tokenize(textnorm.Normalize(s), func(t token) { out = append(out, t.text) })
	return out
}

// respelling is one casual or mistyped word ending and what it stands for
// (words/*.yaml respell, "wrong>right").
type respelling struct {
	wrong, right string
	runes        int // runes of wrong
}

// respellings are every language's respellings, longest first.
var respellings = func() []respelling {
	var out []respelling
	for _, p := range strings.Fields(joinedWords("respell")) {
		wrong, right, ok := strings.Cut(p, ">")
		if !ok || wrong == "" || right == "" {
			panic(fmt.Sprintf("knowledge: respell %q is not wrong>right", p))
		}
		wrong, right = textnorm.NormalizeN(wrong, 0), textnorm.NormalizeN(right, 0)
		out = append(out, respelling{wrong: wrong, right: right, runes: utf8.RuneCountInString(wrong)})
	}
	slices.SortStableFunc(out, func(a, b respelling) int { return len(b.wrong) - len(a.wrong) })
	return out
}()

// respell rewrites the casual and mistyped endings of norm's words as what
// they stand for ("어디애요" → "어디예요", "협력햇나요" → "협력했나요"), so
// that stemming, cue words and the index read the question as meant. A
// word is a run of one script; an ending of one rune needs two before it
// ("첫눈" is a word, "목표눈" a typo of "목표는"), a longer one may be the
// whole word ("머에요"). Text without such an ending is returned as is.
func respell(norm string) string {
	if len(respellings) == 0 || !hasNonASCII(norm) {
		return norm
	}
	var b strings.Builder
	last, changed := 0, false
	for i := 0; i < len(norm); {
		r, size := utf8.DecodeRuneInString(norm[i:])
		sc := scriptOf(r)
		if sc == scNone || r < 0x80 {
			i += size
			continue
		}
		j := i + size
		for j < len(norm) {
			r2, sz := utf8.DecodeRuneInString(norm[j:])
			if scriptOf(r2) != sc || r2 < 0x80 {
				break
			}
			j += sz
		}
		word := norm[i:j]
		for _, rs := range respellings {
			if !strings.HasSuffix(word, rs.wrong) {
				continue
			}
			before := utf8.RuneCountInString(word) - rs.runes
			if before < 1 && rs.runes < 2 || before < 2 && rs.runes == 1 {
				continue
			}
			b.WriteString(norm[last : j-len(rs.wrong)])
			b.WriteString(rs.right)
			last, changed = j, true
			break
		}
		i = j
	}
	if !changed {
		return norm
	}
	b.WriteString(norm[last:])
	return b.String()
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}
