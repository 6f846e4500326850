package textnorm

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// PhraseIndex holds fixed lists of normalised phrases, indexed so that a
// text is read once, word by word, to tell which lists have a phrase in
// it — what HasPhrase tells of one list by searching the text once per
// phrase. A Latin phrase is filed under its first word and tried only
// where the text has that word; a phrase that starts with another script
// under its first rune, tried wherever the text has that rune.
type PhraseIndex struct {
	byWord map[string][]taggedPhrase
	byRune map[rune][]taggedPhrase
	// rest starts with an ASCII character that is no letter ("1m2"):
	// searched as HasPhrase does.
	rest []taggedPhrase
}

type taggedPhrase struct {
	p    string
	bit  uint64
	item int32 // the phrase's place in the lists, all numbered in turn
}

// MaxPhraseLists is the most lists one PhraseIndex holds.
const MaxPhraseLists = 64

// NewPhraseIndex indexes lists (at most MaxPhraseLists); list i is bit i
// of what Matched returns.
func NewPhraseIndex(lists ...[]string) *PhraseIndex {
	if len(lists) > MaxPhraseLists {
		panic("textnorm: NewPhraseIndex of more than 64 lists")
	}
	x := &PhraseIndex{}
	item := int32(0)
	for i, l := range lists {
		for _, p := range l {
			x.add(p, uint64(1)<<i, item)
			item++
		}
	}
	return x
}

func (x *PhraseIndex) add(p string, bit uint64, item int32) {
	if p == "" {
		return
	}
	r, _ := utf8.DecodeRuneInString(p)
	t := taggedPhrase{p, bit, item}
	switch {
	case r >= 0x80:
		if x.byRune == nil {
			x.byRune = make(map[rune][]taggedPhrase)
		}
		x.byRune[r] = append(x.byRune[r], t)
	case IsLatinLetter(r):
		if x.byWord == nil {
			x.byWord = make(map[string][]taggedPhrase)
		}
		w := p[:latinRunEnd(p, 0)]
		x.byWord[w] = append(x.byWord[w], t)
	default:
		x.rest = append(x.rest, t)
	}
}

// latinRunEnd is where the run of Latin letters starting at s[i] ends.
func latinRunEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !IsLatinLetter(r) {
			break
		}
		i += size
	}
	return i
}

// Matched returns the lists that have a phrase in the normalised text,
// as HasPhrase finds them (list i as bit i).
func (x *PhraseIndex) Matched(norm string) uint64 {
	return x.matched(norm, ^uint64(0))
}

// Has reports whether the normalised text holds a phrase of any list:
// HasPhrase of all the lists.
func (x *PhraseIndex) Has(norm string) bool {
	return x.matched(norm, 0) != 0
}

// matched stops at the first phrase found when stop is 0, else once all
// of stop's lists are found.
func (x *PhraseIndex) matched(norm string, stop uint64) uint64 {
	if x == nil {
		return 0
	}
	var m uint64
	done := func() bool { return m != 0 && (stop == 0 || m&stop == stop) }
	for _, t := range x.rest {
		if m&t.bit == 0 && ContainsWord(norm, t.p) {
			m |= t.bit
			if done() {
				return m
			}
		}
	}
	prevLatin := false
	for i := 0; i < len(norm); {
		r, size := rune(norm[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(norm[i:])
		}
		latin := r >= utf8.RuneSelf && IsLatinLetter(r) || r|0x20 >= 'a' && r|0x20 <= 'z'
		if latin && !prevLatin && x.byWord != nil {
			// A word starts here: its phrases, ending where no Latin
			// letter follows.
			end := latinRunEnd(norm, i)
			for _, t := range x.byWord[norm[i:end]] {
				if m&t.bit != 0 || !strings.HasPrefix(norm[i:], t.p) {
					continue
				}
				if j := i + len(t.p); j == len(norm) || !IsLatinAlnum(FirstRune(norm[j:])) {
					m |= t.bit
					if done() {
						return m
					}
				}
			}
		}
		if r >= utf8.RuneSelf && x.byRune != nil {
			for _, t := range x.byRune[r] {
				if m&t.bit == 0 && strings.HasPrefix(norm[i:], t.p) {
					m |= t.bit
					if done() {
						return m
					}
				}
			}
		}
		prevLatin = latin
		i += size
	}
	return m
}

// Candidates appends to buf, ascending and once each, the places of the
// phrases (the lists' items numbered in turn) that norm may hold: a Latin
// phrase whose first word is a word of norm, one that starts with another
// script whose first rune norm has, and any other. Every phrase HasPhrase
// finds is one, and so is every phrase norm holds as a substring but a
// Latin one: a caller that reads a phrase its own way (a katakana word
// not glued to more katakana) tries these alone.
func (x *PhraseIndex) Candidates(norm string, buf []int32) []int32 {
	if x == nil {
		return buf
	}
	n := len(buf)
	for _, t := range x.rest {
		buf = append(buf, t.item)
	}
	prevLatin := false
	for i := 0; i < len(norm); {
		r, size := rune(norm[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(norm[i:])
		}
		latin := r >= utf8.RuneSelf && IsLatinLetter(r) || r|0x20 >= 'a' && r|0x20 <= 'z'
		if latin && !prevLatin && x.byWord != nil {
			for _, t := range x.byWord[norm[i:latinRunEnd(norm, i)]] {
				buf = append(buf, t.item)
			}
		}
		if r >= utf8.RuneSelf && x.byRune != nil {
			for _, t := range x.byRune[r] {
				buf = append(buf, t.item)
			}
		}
		prevLatin = latin
		i += size
	}
	slices.Sort(buf[n:])
	return append(buf[:n], slices.Compact(buf[n:])...)
}
