package knowledge

import (
	"strings"
	"unicode"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// viWords are common Vietnamese syllables, written without diacritics,
// that are not English words: they tell unaccented Vietnamese ("khu cong
// nghiep o dau") from English.
var viWords = textnorm.SetOf(langWords(investbot.VI, "detect"))

// enWords are frequent English function and question words.
var enWords = textnorm.SetOf(langWords(investbot.EN, "detect"))

// viChat are the chat abbreviations of lang/vi.yaml's shorthand ("bn"
// bao nhiêu, "xnk" xuất nhập khẩu, "cty" công ty) of two letters or more
// that are no English word: only someone typing Vietnamese writes them.
var viChat = func() map[string]bool {
	m := make(map[string]bool)
	if cs, ok := cues[investbot.VI]; ok {
		for w := range cs.shorthand {
			if len(w) >= 2 && !enWords[w] {
				m[w] = true
			}
		}
	}
	return m
}()

// DetectLang tells which of the bot's languages s is written in: ko when
// Hangul dominates, ja when kana or kanji do, vi when Latin text carries
// Vietnamese letters or reads as unaccented Vietnamese, en for other Latin
// text with English words. It returns "" when it cannot tell (only emoji,
// digits, or a bare name such as "WHA").
func DetectLang(s string) investbot.Lang {
	l, _ := LangOf(s)
	return l
}

// LangOf is DetectLang with how sure it is: clear is true when the script
// decides (Hangul, kana, kanji), when Vietnamese letters do, or when two
// of the language's own words outweigh the other's, or every word is one
// ("how big is it", "exports"). A bare name or a name with one common word
// ("Nghi Son export", "WHA area", "WHA phase 1") is not clear: such a
// message should not switch the language a conversation is held in.
func LangOf(s string) (lang investbot.Lang, clear bool) {
	s = textnorm.Clip(s, textnorm.MaxQueryRunes)
	var hangul, kana, han, latin, viMarks int
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー':
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Latin, r):
			latin++
			if textnorm.HasVietnameseMarks(r) {
				viMarks++
			}
		}
	}
	cjk := hangul + kana + han
	if cjk == 0 && latin == 0 {
		return "", false
	}
	// Count Latin words so that "WHA 工業団地はどこ" stays Japanese.
	var words []string
	if latin > 0 {
		for _, w := range strings.Fields(textnorm.Normalize(s)) {
			if isLatinWord(w) {
				words = append(words, w)
			}
		}
	}
	if cjk > 0 && cjk >= len(words) {
		if hangul > 0 && hangul >= kana+han {
			return investbot.KO, true
		}
		if kana+han > 0 {
			return investbot.JA, true
		}
		return investbot.KO, true
	}
	if len(words) == 0 {
		return "", false
	}
	if viMarks > 0 && viMarks*10 >= latin/8 {
		// Even a couple of Vietnamese letters in a sentence settle it;
		// a single é in a long English text does not.
		return investbot.VI, true
	}
	vi, en := 0, 0
	for _, w := range words {
		switch {
		case viWords[w] || viChat[w]:
			vi++
		case enWords[w]:
			en++
		}
	}
	ownHalf := func(n int) bool { return n >= 2 || n == len(words) }
	switch {
	case vi > en:
		return investbot.VI, ownHalf(vi - en)
	case en > vi:
		return investbot.EN, ownHalf(en - vi)
	case en > 0 || len(words) >= 3:
		return investbot.EN, false
	}
	return "", false
}

// isLatinWord reports whether w (already normalised) is made of Latin
// letters and digits with at least one letter.
func isLatinWord(w string) bool {
	letter := false
	for _, r := range w {
		if r >= 0x80 && !unicode.Is(unicode.Latin, r) {
			return false
		}
		if unicode.IsLetter(r) {
			letter = true
		}
	}
	return letter
}
