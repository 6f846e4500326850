package knowledge

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// courtesyWords are a language's courtesies and openers (lang/*.yaml
// courtesy, openers), folded (foldCourtesy).
type courtesyWords struct {
	before, after, openers map[string]bool
	// reach is how far into a message (in bytes) a courtesy is looked
	// for: the longest, written with every mark, and a little.
	reach int
}

// courtesies holds each language's words, and under "" every language's,
// for a message whose language cannot be told ("ok, WHA?"). A message is
// read with its own language's: the English opener "so" does not open
// "so sánh" (compare).
var courtesies = newCourtesies()

func newCourtesies() map[investbot.Lang]*courtesyWords {
	out := map[investbot.Lang]*courtesyWords{"": newCourtesyWords()}
	for l, cs := range cues {
		out[l] = newCourtesyWords()
		out[l].add(cs)
		out[""].add(cs)
	}
	return out
}

func newCourtesyWords() *courtesyWords {
	return &courtesyWords{before: map[string]bool{}, after: map[string]bool{}, openers: map[string]bool{}}
}

func (cw *courtesyWords) add(cs *cueSet) {
	for _, w := range cs.courtesyBefore {
		cw.before[w] = true
	}
	for _, w := range cs.courtesyAfter {
		cw.after[w] = true
	}
	for _, w := range cs.openers {
		cw.openers[w] = true
	}
	for _, ws := range [][]string{cs.courtesyBefore, cs.courtesyAfter, cs.openers} {
		for _, w := range ws {
			// A Vietnamese letter is typed with up to three bytes; a
			// full-width one is folded before.
			cw.reach = max(cw.reach, len(w)+2)
		}
	}
}

// withoutCourtesy returns a one-line message without the courtesies it
// is wrapped in — lead-ins that ask nothing ("sorry, …", "cho mình hỏi,
// …", "あの、…", "저기요, …"), closings ("… thanks", "… ạ", "…。よろしく
// お願いします") and trailing emoji — so that the question reads the same
// however politely it is put: a follow-up stays a follow-up, a name
// alone stays a name alone. A courtesy is cut only whole, at a space or
// a mark. A message of courtesies alone is returned as it is, and so is
// one of several sentences or lines once its courtesies are cut: a
// greeting before an introduction and a question is read as a letter's
// (dropPreamble, readLetter).
//
// An opener ("so …", "vậy …", "それで、…", "또 …") is cut the same way: the
// follow-up is read from what it asks, however it was opened. The words
// are the message's own language's (every language's when it cannot be
// told), Vietnamese letters as written.
func withoutCourtesy(text string) string {
	if strings.Contains(text, "\n") {
		return text
	}
	out := strings.TrimSpace(text)
	if all := courtesies[""]; all.trimBefore(out, all.before) == out && all.trimBefore(out, all.openers) == out && trimEmoji(all.trimAfter(out)) == out {
		return text // no language's courtesy: the language is not worth telling
	}
	courtesy, ok := courtesies[DetectLang(text)]
	if !ok {
		courtesy = courtesies[""]
	}
	for range 4 {
		next := trimEmoji(courtesy.trimAfter(courtesy.trimBefore(out, courtesy.before)))
		next = courtesy.trimBefore(next, courtesy.openers)
		if next == out {
			break
		}
		if textnorm.Normalize(next) == "" {
			return text
		}
		out = next
	}
	if out == strings.TrimSpace(text) || strings.ContainsAny(strings.TrimRight(out, sentenceEnds+" "), sentenceEnds) {
		return text
	}
	return out
}

// isCourtesyCut reports whether a courtesy may end or start beside r.
func isCourtesyCut(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }

// trimBefore cuts the longest of words that opens s, and the marks after
// it.
func (cw *courtesyWords) trimBefore(s string, words map[string]bool) string {
	cut := -1
	for i, r := range s {
		if i > cw.reach {
			break
		}
		if i > 0 && isCourtesyCut(r) && isCourtesy(words, s[:i]) {
			cut = i
		}
	}
	if cut < 0 {
		return s
	}
	return strings.TrimLeftFunc(s[cut:], isCourtesyCut)
}

// trimAfter cuts the longest courtesy that closes s, and the spaces and
// commas before it; a question mark stays.
func (cw *courtesyWords) trimAfter(s string) string {
	cut := -1
	for i := range s {
		if i > 0 && len(s)-i <= cw.reach && isCourtesyCut(textnorm.LastRune(s[:i])) && isCourtesy(cw.after, s[i:]) {
			cut = i // the first cut is the longest courtesy
			break
		}
	}
	if cut < 0 {
		return s
	}
	return strings.TrimRightFunc(s[:cut], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",、，.。", r)
	})
}

// trimEmoji cuts the emoji and symbols that close s ("… 🙏", "… 😊👍").
func trimEmoji(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || r == 0xFE0F || r == 0x200D
	})
}

// isCourtesy reports whether chunk, normalised, is one of words. A chunk
// of ASCII letters, digits and single spaces normalises to its lower
// case: looked up so, without normalising (the most common case).
func isCourtesy(words map[string]bool, chunk string) bool {
	var buf [64]byte
	plain := len(chunk) > 0 && len(chunk) <= len(buf) && chunk[0] != ' ' && chunk[len(chunk)-1] != ' '
	for i := 0; plain && i < len(chunk); i++ {
		c := chunk[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		plain = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ' && chunk[i-1] != ' '
		buf[i] = c
	}
	if plain {
		return words[string(buf[:len(chunk)])]
	}
	return words[foldCourtesy(chunk)]
}

// foldCourtesy is how a courtesy is compared: lower case, composed, marks
// and symbols spaces, and Vietnamese letters kept as written ("cảm ơn" and
// "cam on" are two spellings to list; "số", number, is not "so").
func foldCourtesy(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFC.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

func foldCourtesyAll(ws []string) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if f := foldCourtesy(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}
