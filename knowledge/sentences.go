package knowledge

import (
	"strings"
	"unicode/utf8"
)

// longMessageRunes is the length from which a message is treated as a
// letter whose question sentences are worth reading on their own.
const longMessageRunes = 100

// questionCues mark a sentence that asks something, folded; Latin cues
// match whole words, others substrings.
var questionCues = foldAll(
	`could_you can_you would_you please what how which when where why is_there are_there do_you does
	let_me_know i_would_like we_would_like we_want i_want`,
	`xin_cho_biết cho_hỏi xin_hỏi bao_nhiêu như_thế_nào thế_nào không có_được khi_nào ở_đâu là_gì ra_sao nào`,
	`教えて でしょうか ますか ですか ご教示 いただけ 知りたい 何 いつ どこ どの どう`,
	`알려 까요 니까 나요 인가요 어떻게 얼마 언제 어디 무엇 궁금`)

// questionPart returns the sentences of a long message that ask
// something, joined, or "" when the message is short, has one sentence,
// or every sentence (or none) asks.
func questionPart(text string) string {
	if utf8.RuneCountInString(text) < longMessageRunes {
		return ""
	}
	sents := splitSentences(clip(text, maxQueryRunes))
	if len(sents) < 2 {
		return ""
	}
	var keep []string
	for _, s := range sents {
		if strings.ContainsAny(s, "?？") || hasPhrase(Normalize(s), questionCues) {
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 || len(keep) == len(sents) {
		return ""
	}
	return strings.Join(keep, " ")
}

// splitSentences cuts text after sentence-final punctuation and at line
// breaks, keeping the punctuation.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		switch r {
		case '.', '?', '!', '。', '？', '！', '\n':
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
