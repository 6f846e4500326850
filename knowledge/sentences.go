package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// longMessageRunes is the length from which a message is treated as a
// letter whose question sentences are worth reading on their own.
const longMessageRunes = 100

// questionCues mark a sentence that asks something, folded; Latin cues
// match whole words, others substrings.
var questionCues = textnorm.FoldAll(wordLists("question_cues")...)

// shortSentenceRunes: a question sentence shorter than this says little
// of its own.
const shortSentenceRunes = 30

// letterFormulas are greetings and closings that look like questions
// ("안녕하십니까", "how are you") but ask nothing.
var letterFormulas = textnorm.FoldAll(wordLists("letter_formulas")...)

// questionPart returns the sentences of a long message that ask
// something, joined, or "" when the message is short, has one sentence,
// or every sentence (or none) asks.
func questionPart(text string) string {
	if utf8.RuneCountInString(text) < longMessageRunes {
		return ""
	}
	sents := splitSentences(textnorm.Clip(text, textnorm.MaxQueryRunes))
	if len(sents) < 2 {
		return ""
	}
	var keep []string
	kept := -1 // index of the last sentence kept
	for i, s := range sents {
		n := textnorm.Normalize(s)
		if !strings.ContainsAny(s, "?？") && !textnorm.HasPhrase(n, questionCues) {
			continue
		}
		if short := utf8.RuneCountInString(s) < shortSentenceRunes; short && textnorm.HasPhrase(n, letterFormulas) {
			// "안녕하십니까.", "How are you?": a greeting, not a question.
			continue
		} else if short && i > 0 && kept != i-1 && !textnorm.HasPhrase(n, letterFormulas) && !textnorm.HasPhrase(textnorm.Normalize(sents[i-1]), letterFormulas) {
			// "Could you advise?", "ご教示いただけますと幸いです。": the
			// topic is in the sentence before.
			keep = append(keep, sents[i-1])
		}
		keep = append(keep, s)
		kept = i
	}
	if len(keep) == 0 || len(keep) == len(sents) {
		return ""
	}
	return strings.Join(keep, " ")
}

// forwardedNote returns what a forwarder wrote below the last separator
// line of a message ("---" after a quoted e-mail) when it asks something,
// or "": the quoted mail above is the background of the question, and its
// names (the port, the park, the developer it mentions) are no part of
// what is asked.
func forwardedNote(text string) string {
	if !strings.Contains(text, "\n") {
		return ""
	}
	lines := strings.Split(text, "\n")
	last := -1
	for i, l := range lines {
		if isSeparatorLine(l) {
			last = i
		}
	}
	if last <= 0 {
		return ""
	}
	note := strings.TrimSpace(strings.Join(lines[last+1:], "\n"))
	if note == "" || !strings.ContainsAny(note, "?？") && !textnorm.HasPhrase(textnorm.Normalize(note), questionCues) {
		return ""
	}
	return note
}

// isSeparatorLine reports whether l is a line of dashes, underscores,
// equals signs or asterisks alone (three or more).
func isSeparatorLine(l string) bool {
	l = strings.TrimSpace(l)
	if utf8.RuneCountInString(l) < 3 {
		return false
	}
	for _, r := range l {
		if !strings.ContainsRune("-—–_=*＝ー", r) {
			return false
		}
	}
	return true
}

// splitSentences cuts text after sentence-final punctuation and at line
// breaks, keeping the punctuation.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		switch r {
		case '.', '?', '!', '。', '？', '！', '\n':
			if r == '.' && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
				// A decimal point ("10.24%"), not the end of a sentence.
				continue
			}
			if s := strings.TrimSpace(text[start : i+utf8.RuneLen(r)]); s != "" {
				out = append(out, s)
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// Sentences cuts text into sentences as the engine reads them (a decimal
// point does not end one), for callers that pick parts of a long message.
func Sentences(text string) []string { return splitSentences(text) }
