package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
)

type token struct {
	text string
	kind termKind
}

// stopWords are English and unaccented Vietnamese function words that carry
// no topic. Question words stay out of this list only when they pick an
// aspect ("where", "contact"); those are handled by follow-up rules.
var stopWords = setOf(`a an the is are was were be been am do does did can could would should will shall
	of in on at for to from with by about as and or but if than then so
	what which who whom whose where when why how there here this that these those it its
	i me my we our us you your he she they them their please tell give show know want need
	any some much many more most very just also only one s t
	la cua co khong gi nao nhu va cho toi minh em anh oi a nhe nhi vay the thi ma duoc
	o dau bao nhieu ve voi cac nhung mot hay den ra vao tai khi nay do hoi xin giup biet muon can`)

// stem removes common English suffixes. Vietnamese syllables never end in
// these letter groups, so it is safe on folded Vietnamese too.
func stem(w string) string {
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

func isHiragana(r rune) bool { return r >= 0x3040 && r <= 0x309F }

// tokenize splits normalised text into terms: Latin words (stemmed, stop
// words dropped) plus pairs of adjacent Latin words, and character bigrams
// for Japanese and Korean runs. emit is called for each term in order.
func tokenize(s string, emit func(token)) {
	var prev string // previous Latin word for pairs, "" after a break
	prevStop := true
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		sc := scriptOf(r)
		if sc == scNone {
			if r != ' ' {
				prev = ""
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
			if !stop {
				w = stem(w)
				emit(token{w, termWord})
			}
			if prev != "" && !stop && !prevStop {
				emit(token{prev + "_" + w, termPair})
			}
			prev, prevStop = w, stop
		case scCJK, scHangul:
			prev = ""
			cjkBigrams(run, sc, emit)
		}
		i = j
	}
}

func cjkBigrams(run string, sc script, emit func(token)) {
	kind := termCJK
	if sc == scHangul {
		kind = termHangul
	}
	first, size := utf8.DecodeRuneInString(run)
	if size == len(run) {
		if sc == scCJK && isHiragana(first) {
			return // a lone particle
		}
		emit(token{run, kind})
		return
	}
	i := 0
	for i < len(run) {
		r1, s1 := utf8.DecodeRuneInString(run[i:])
		if i+s1 >= len(run) {
			break
		}
		r2, s2 := utf8.DecodeRuneInString(run[i+s1:])
		k := kind
		if sc == scCJK && isHiragana(r1) && isHiragana(r2) {
			k = termKana
		}
		emit(token{run[i : i+s1+s2], k})
		i += s1
	}
}

// Tokens returns the terms of s as the index sees them, for tests and
// debugging ("khu_cong" is a pair of adjacent words).
func Tokens(s string) []string {
	var out []string
	tokenize(Normalize(s), func(t token) { out = append(out, t.text) })
	return out
}
