package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// otherPlaces names provinces, cities and countries that are not Thanh Hóa,
// in the four languages. A question about one of them ("FDI in Da Nang",
// "ダナンのFDI") is out of scope unless the matched entry itself mentions
// the place (the Vietnam–Japan forum was held in Quảng Ninh; WHA is Thai).
var otherPlaces = textnorm.FoldAll(wordLists("other_places")...)

// homeNames name Thanh Hóa and its economic zone. A question that names
// them is about Thanh Hóa even when it also names another place: the
// asker's home ("our Tokyo office"), a comparison ("why Thanh Hoa and not
// Bac Ninh"), a route ("or truck to Hai Phong").
var homeNames = textnorm.FoldAll(wordLists("home_names")...)

// accessWords ask how to get to Thanh Hóa: the other place named is where
// the trip starts ("ハノイからのアクセス", "how far from Hanoi").
var accessWords = textnorm.FoldAll(wordLists("access")...)

// fromMarks say a place is where something starts: before it in English
// and Vietnamese, after it in Japanese and Korean.
var fromMarks = textnorm.FoldAll(wordLists("from_marks")...)

// originMarks follow or precede a place that only says where the asker
// is from ("Singapore-based", "부산 소재", "東京本社").
var originMarks = textnorm.FoldAll(wordLists("origin_marks")...)

// placeIsContext reports whether the other place p is only context in the
// question, not its subject: the question names Thanh Hóa too, asks how to
// get there, or marks p as the asker's home.
func placeIsContext(norm, p string) bool {
	if textnorm.HasPhrase(norm, homeNames) {
		return true
	}
	i := strings.Index(norm, p)
	if i < 0 {
		return false
	}
	after := strings.TrimLeft(norm[i+len(p):], " -")
	before := strings.TrimRight(norm[:i], " ")
	if textnorm.HasPhrase(norm, accessWords) && len(placesIn(norm)) == 1 {
		// The start of a trip to Thanh Hóa: "from Hanoi", "ハノイから",
		// "từ Hà Nội", "하노이에서".
		for _, m := range fromMarks {
			if strings.HasSuffix(before, m) || strings.HasPrefix(after, m) {
				return true
			}
		}
	}
	for _, m := range originMarks {
		if strings.HasPrefix(after, m) || strings.HasSuffix(before, m+" in") {
			return true
		}
	}
	// A comparison: "like Bac Ninh", "バクニンみたいに", "박닌처럼", "so với Bắc Ninh".
	for _, m := range compareBefore {
		if strings.HasSuffix(before, " "+m) || before == m {
			return true
		}
	}
	for _, m := range compareAfter {
		if strings.HasPrefix(after, m) {
			return true
		}
	}
	return false
}

// compareBefore and compareAfter mark a place named for comparison (folded;
// Latin marks precede the place, Japanese and Korean ones follow it).
var (
	compareBefore = textnorm.FoldAll(wordLists("compare_before")...)
	compareAfter  = textnorm.FoldAll(wordLists("compare_after")...)
)

// placesIn returns the other places norm mentions.
func placesIn(norm string) []string { return wordsIn(norm, otherPlaces, otherPlacesIndex, false) }

// otherPlacesIndex and offTopicsIndex index the lists for wordsIn.
var (
	otherPlacesIndex = textnorm.NewPhraseIndex(otherPlaces)
	offTopicsIndex   = textnorm.NewPhraseIndex(offTopics)
)

// offTopics are things investors also ask a chatbot about that the
// knowledge base never answers (visas, weather, hotels, exchange rates,
// shares...). A question naming one is about that topic, even when it
// also names Japan or tourism, unless the matched entry itself names it.
var offTopics = textnorm.FoldAll(wordLists("off_topics")...)

// offTopicsIn returns the off-topic words norm names, also as the last
// part of a katakana compound ("ビジネスビザ").
func offTopicsIn(norm string) []string { return wordsIn(norm, offTopics, offTopicsIndex, true) }

// wordsIn returns the words of list that norm contains as words: Latin
// ones with no Latin letter glued to them (textnorm.ContainsWord), others by
// containsCJKWord, or as a katakana compound's tail when compounds is set.
// Only the words idx (list's index) finds norm may hold are tried, in the
// list's order.
func wordsIn(norm string, list []string, idx *textnorm.PhraseIndex, compounds bool) []string {
	var out []string
	var buf [16]int32
	for _, k := range idx.Candidates(norm, buf[:0]) {
		p := list[k]
		if r, _ := utf8.DecodeRuneInString(p); r < 0x80 {
			if textnorm.ContainsWord(norm, p) {
				out = append(out, p)
			}
		} else if containsCJKWord(norm, p) || (compounds && containsKatakanaTail(norm, p)) {
			out = append(out, p)
		}
	}
	return out
}

// containsKatakanaTail reports whether s contains p as the last part of a
// katakana compound ("ビジネスビザ", "ビジネスホテル"): an off-topic word
// keeps its meaning there, unlike a place ("タイ" in "タインホア"), which
// is only tested as a whole word.
func containsKatakanaTail(s, p string) bool {
	first, _ := utf8.DecodeRuneInString(p)
	if !isKatakana(first) {
		return false
	}
	for i := 0; ; {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		j += i
		next, _ := utf8.DecodeRuneInString(s[j+len(p):])
		if !isKatakana(next) {
			return true
		}
		i = j + 1
	}
}

// containsCJKWord reports whether s contains p as a word: not glued to
// more katakana ("タイ", Thailand, is not in "タインホア", Thanh Hóa) and,
// in Korean, at the start of a word.
func containsCJKWord(s, p string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(p)
		last, _ := utf8.DecodeLastRuneInString(p)
		next, _ := utf8.DecodeRuneInString(s[end:])
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		first, _ := utf8.DecodeRuneInString(p)
		// Korean glues particles and endings to the end of a word, never
		// to its start: "주가" (share price) begins a word, it is not the
		// end of "입주가" (moving in + particle).
		hangulInside := isHangul(first) && j > 0 && isHangul(prev)
		if !(isKatakana(last) && isKatakana(next)) && !(isKatakana(first) && isKatakana(prev)) && !hangulInside {
			return true
		}
		i = j + 1
	}
}

func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

func isKatakana(r rune) bool { return (r >= 0x30A0 && r <= 0x30FF) || r == 'ー' }
