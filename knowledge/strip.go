package knowledge

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// phraseStrip is a list of phrases removed from a text in turn — Latin
// ones padded with spaces, so that they match whole words, others as they
// are — indexed so that only the phrases the text may hold are searched:
// a padded phrase whose first word is a word of the text, another whose
// first rune the text has. Removing a padded phrase leaves no new word
// (words are only taken out); removing another may split a word, so the
// text is read again after one is.
type phraseStrip struct {
	list   []string
	byWord map[string][]int32
	byRune map[rune][]int32
	always []int32 // phrases with no first word to file them under
}

func newPhraseStrip(list []string) *phraseStrip {
	s := &phraseStrip{list: list, byWord: map[string][]int32{}, byRune: map[rune][]int32{}}
	for i, p := range list {
		switch {
		case p == "":
			s.always = append(s.always, int32(i))
		case p[0] == ' ':
			w := strings.TrimPrefix(p, " ")
			if j := strings.IndexByte(w, ' '); j >= 0 {
				w = w[:j]
			}
			if w == "" {
				s.always = append(s.always, int32(i))
				continue
			}
			s.byWord[w] = append(s.byWord[w], int32(i))
		case p[0] >= utf8.RuneSelf:
			r, _ := utf8.DecodeRuneInString(p)
			s.byRune[r] = append(s.byRune[r], int32(i))
		default:
			s.always = append(s.always, int32(i))
		}
	}
	return s
}

// candidates appends to buf, ascending and once each, the phrases rest
// may hold.
func (s *phraseStrip) candidates(rest string, buf []int32) []int32 {
	buf = append(buf, s.always...)
	for i := 0; i < len(rest); {
		if rest[i] == ' ' {
			i++
			continue
		}
		j := strings.IndexByte(rest[i:], ' ')
		if j < 0 {
			j = len(rest)
		} else {
			j += i
		}
		buf = append(buf, s.byWord[rest[i:j]]...)
		for _, r := range rest[i:j] {
			if r >= utf8.RuneSelf {
				buf = append(buf, s.byRune[r]...)
			}
		}
		i = j
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

// strip calls remove with rest and each phrase of the list that rest may
// hold, in the list's order; remove returns rest without the phrase, and
// whether it held it.
func (s *phraseStrip) strip(rest string, remove func(rest, p string) (string, bool)) string {
	var buf [32]int32
	cands := s.candidates(rest, buf[:0])
	for k := 0; k < len(cands); k++ {
		i := cands[k]
		p := s.list[i]
		next, ok := remove(rest, p)
		if !ok {
			continue
		}
		rest = next
		if p[0] != ' ' {
			// Taken from inside a word: the words left are read again.
			cands = s.candidates(rest, buf[:0])
			k, _ = slices.BinarySearch(cands, i+1)
			k--
		}
	}
	return rest
}
