package knowledge

import (
	"strings"
	"unicode/utf8"
)

// foldAll normalises phrase lists; "_" joins the words of one phrase.
func foldAll(lists ...string) []string {
	var out []string
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			out = append(out, Normalize(strings.ReplaceAll(w, "_", " ")))
		}
	}
	return out
}

// hasPhrase reports whether the normalised text contains one of phrases:
// Latin phrases as whole words, also when glued to Japanese or Korean
// ("1m2あたり"), others as substrings.
func hasPhrase(norm string, phrases []string) bool {
	for _, p := range phrases {
		if p == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p)
		if r < 0x80 {
			if containsWord(norm, p) {
				return true
			}
		} else if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// relatedOf picks the entry of kind k for e: e itself when it is of that
// kind, else its first related entry of that kind, else the fallback id,
// else e.
func (kb *KB) relatedOf(e *Entry, k Kind, fallback string) *Entry {
	if e.Kind == k {
		return e
	}
	for _, id := range e.Related {
		if r := kb.Entry(id); r != nil && r.Kind == k {
			return r
		}
	}
	if r := kb.Entry(fallback); r != nil {
		return r
	}
	return e
}
