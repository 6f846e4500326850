package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldAll normalises phrase lists; "_" joins the words of one phrase.
func FoldAll(lists ...string) []string {
	var out []string
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			out = append(out, Normalize(strings.ReplaceAll(w, "_", " ")))
		}
	}
	return out
}

// HasPhrase reports whether the normalised text contains one of phrases:
// Latin phrases as whole words, also when glued to Japanese or Korean
// ("1m2あたり"), others as substrings.
func HasPhrase(norm string, phrases []string) bool {
	for _, p := range phrases {
		if p == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p)
		if r < 0x80 {
			if ContainsWord(norm, p) {
				return true
			}
		} else if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// SetOf is the set of the space-separated words.
func SetOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// IsLatinLetter reports a letter of the Latin script.
func IsLatinLetter(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) }

// ContainsWord reports whether needle occurs in hay (both folded) with no
// Latin letter glued to either side, so "wha" is not found in
// "what" but is found in "whaスマート".
func ContainsWord(hay, needle string) bool {
	for off := 0; ; {
		i := strings.Index(hay[off:], needle)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(needle)
		okL := i == 0 || !IsLatinAlnum(LastRune(hay[:i]))
		okR := j == len(hay) || !IsLatinAlnum(FirstRune(hay[j:]))
		if okL && okR {
			return true
		}
		off = i + 1
	}
}

// LastRune is the last rune of s.
func LastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

// FirstRune is the first rune of s.
func FirstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// IsLatinAlnum reports a rune that glues to a Latin word.
func IsLatinAlnum(r rune) bool { return IsLatinLetter(r) }

// WordCount is len(strings.Fields(s)) without the slice: the engine asks
// how long a question is many times a question.
func WordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in:
			in, n = true, n+1
		}
	}
	return n
}
