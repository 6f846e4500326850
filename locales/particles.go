package locales

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
)

// F returns the text of key in l filled with args (fmt.Sprintf), its
// particles then fitted to the words filled in: a Korean template writes
// "%s은(는)" because the word is not known until then, and "순위는" or
// "면적은" is what a reader should see.
func (c *Catalog) F(key string, l investbot.Lang, args ...any) string {
	s := fmt.Sprintf(c.T(key, l), args...)
	if fit := particleFitters[l]; fit != nil {
		s = fit(s)
	}
	return s
}

// particleFitters fit a language's particles to the word before them.
var particleFitters = map[investbot.Lang]func(string) string{investbot.KO: FitKorean}

// koreanParticle is a particle written both ways in a template: after a
// final consonant (batchim), and after a vowel.
type koreanParticle struct{ marker, consonant, vowel string }

// koreanParticles are the markers templates use, longest first.
var koreanParticles = []koreanParticle{
	{"은(는)", "은", "는"}, {"이(가)", "이", "가"}, {"을(를)", "을", "를"},
	{"과(와)", "과", "와"}, {"(으)로", "으로", "로"}, {"(이)라", "이라", "라"},
}

// FitKorean replaces each particle marker ("은(는)", "(으)로") by the form
// the word before it takes: after a final consonant "은", "이", "을",
// "과", "으로"; after a vowel (or ㄹ, for "(으)로") the other. A number is
// read as Korean reads it ("3은", "2는"). After a word whose sound it
// cannot tell (Latin letters, a symbol) the marker stays as written.
func FitKorean(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	for _, p := range koreanParticles {
		for from := 0; ; {
			i := strings.Index(s[from:], p.marker)
			if i < 0 {
				break
			}
			i += from
			form, ok := p.fit(s[:i])
			if !ok {
				from = i + len(p.marker)
				continue
			}
			s = s[:i] + form + s[i+len(p.marker):]
			from = i + len(form)
		}
	}
	return s
}

// fit returns the particle's form after before, and whether the sound of
// before's last word could be told. Closing quotes and brackets are read
// through ("「면적」은").
func (p koreanParticle) fit(before string) (string, bool) {
	before = strings.TrimRightFunc(before, func(r rune) bool {
		return strings.ContainsRune(`"'」』)）]”’`, r)
	})
	last, _ := utf8.DecodeLastRuneInString(before)
	final, ok := finalConsonant(last)
	if !ok {
		return "", false
	}
	if final == 0 || p.marker == "(으)로" && final == rieul {
		return p.vowel, true
	}
	return p.consonant, true
}

// rieul is ㄹ's index among the final consonants of a Hangul syllable.
const rieul = 8

// digitFinals are the final consonants of the digits' Korean readings
// (영 일 이 삼 사 오 육 칠 팔 구): 0 for none.
var digitFinals = [10]int{21, rieul, 0, 16, 0, 0, 1, rieul, rieul, 0}

// finalConsonant returns the index of r's final consonant (0 for none)
// when r is a Hangul syllable or a digit, and whether it is one.
func finalConsonant(r rune) (int, bool) {
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		return int(r-0xAC00) % 28, true
	case r < utf8.RuneSelf && unicode.IsDigit(r):
		return digitFinals[r-'0'], true
	}
	return 0, false
}
