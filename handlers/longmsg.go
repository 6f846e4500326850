package handlers

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge"
)

// A long message (a forwarded e-mail) puts its question anywhere: usually
// after the greeting and the company's introduction, near the end, before
// the signature. The answer engine reads about 2,000 characters of a
// question, so a longer message is handed over as an excerpt that keeps its
// beginning, its end and, between them, the sentences that ask something.
const (
	excerptBudgetRunes = 1900 // under the engine's 2,000
	excerptHeadRunes   = 500
	excerptTailRunes   = 900
)

// questionExcerpt returns text when it fits the engine, else the excerpt
// and true. Sentences are kept whole and in their order.
func questionExcerpt(text string) (string, bool) {
	if utf8.RuneCountInString(text) <= excerptBudgetRunes {
		return text, false
	}
	sents := knowledge.Sentences(text)
	keep := make([]bool, len(sents))
	budget := excerptBudgetRunes
	take := func(i int) bool {
		n := utf8.RuneCountInString(sents[i])
		if keep[i] || n > budget {
			return false
		}
		keep[i] = true
		budget -= n + 1
		return true
	}
	// The beginning, then the end, each up to its share; a sentence longer
	// than a share is left out rather than cut.
	for i, used := 0, 0; i < len(sents) && used < excerptHeadRunes; i++ {
		n := utf8.RuneCountInString(sents[i])
		if used+n <= excerptHeadRunes && take(i) {
			used += n
		} else {
			break
		}
	}
	for i, used := len(sents)-1, 0; i >= 0 && used < excerptTailRunes; i-- {
		n := utf8.RuneCountInString(sents[i])
		if used+n <= excerptTailRunes && take(i) {
			used += n
		} else if !keep[i] {
			break
		}
	}
	// The questions in the middle, first come first kept, in what is left.
	for i, s := range sents {
		if strings.ContainsAny(s, "?？") {
			take(i)
		}
	}
	var out []string
	for i, s := range sents {
		if keep[i] {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		// One endless sentence: its beginning is all there is to read.
		s, _ := clip(text, excerptBudgetRunes)
		return s, true
	}
	return strings.Join(out, "\n"), true
}

// askingSentences returns the sentences of text that carry a question mark,
// joined, or "" when there are none.
func askingSentences(text string) string {
	var out []string
	for _, s := range knowledge.Sentences(text) {
		if strings.ContainsAny(s, "?？") {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}
