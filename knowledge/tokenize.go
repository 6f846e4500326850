package knowledge

import (
	"sort"
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
var stopCompounds = map[string]bool{"an do": true, "co khi": true, "do thi": true, "thi truong": true, "dau tu": true, "co so": true, "co hoi": true, "co quan": true, "co che": true, "the manh": true, "nhu cau": true, "hang dau": true, "co cau": true, "du an": true, "so luong": true, "so lieu": true, "tong so": true}

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

// koreanSuffixes are particles and polite endings, longest first.
var koreanSuffixes = func() []string {
	xs := strings.Fields(`한가요 가요 었어요 았어요 었어 았어 했어 해야 돼요 했나요 했어요 하나요 되나요 어떤가요 할까요 하는 할 한 했 된 될 입니까 습니까 합니까 됩니까 있나요 인가요 인지요 나요 어요 아요 해요 에요 예요 세요 까요 군요
		이에요 이야 야 입니다 습니다 합니다 됩니다 니까 는지 는데 으로 에서 에게 한테 까지 부터 처럼 보다 이랑 랑 하고
		은 는 이 가 을 를 에 의 로 와 과 도 만 요`)
	sort.Slice(xs, func(i, j int) bool { return len(xs[i]) > len(xs[j]) })
	return xs
}()

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

// koreanNouns end in a syllable that is also an ending or particle:
// 분야 (field) is no 분 + casual 야, 제도 (system) no 제 + 도 (also),
// 푸꾸이 (Phú Quý) no 푸꾸 + the subject particle 이.
var koreanNouns = []string{"분야", "제도", "정도", "속도", "용도", "한도", "꾸이"}

func koreanNounEnd(w string) bool {
	for _, n := range koreanNouns {
		if strings.HasSuffix(w, n) {
			return true
		}
	}
	return false
}

// koreanTopicParticles are stripped even from a two-syllable word: few
// two-syllable nouns end in them, unlike 이 (넓이), 가 (주가) or 도 (인도).
var koreanTopicParticles = []string{"은", "는", "을", "를"}

// koreanParticle holds the one-syllable particles; a Hangul run that is
// nothing else (after a Latin name: "WHA는") carries no topic.
var koreanParticle = textnorm.SetOf(`은 는 이 가 을 를 에 의 로 와 과 도 만 요 랑`)

// koreanStop are Korean question and request words, checked before and
// after stemming: they say how a question is asked, not what it is about.
// Aspect words (어디 where, 언제 when, 누구 who) stay out: follow-ups use them.
var koreanStop = textnorm.SetOf(langWords(investbot.KO, "korean_stop"))

// japaneseWhy are the hiragana spellings of "why".
var japaneseWhy = []string{"なぜ", "なんで", "どうして"}

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
