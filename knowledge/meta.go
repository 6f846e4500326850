package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// aboutBotID is the entry that says what the bot is and does; questions
// addressed to the bot itself go there.
const aboutBotID = "faq.about-bot"

// metaPhrases are questions addressed to the bot itself ("what can you
// do?", "bạn là ai", "使い方", "너는 누구"), folded. They are made of words
// that carry no topic (stop words, pronouns), so retrieval alone cannot
// tell them apart from small talk: a phrase list can.
var metaPhrases = textnorm.FoldAll(wordLists("meta")...)

// metaStrip is metaPhrases as isMeta removes them, Latin ones padded to
// match whole words.
var metaStrip = func() *phraseStrip {
	list := make([]string, len(metaPhrases))
	for i, p := range metaPhrases {
		if p != "" && p[0] < 0x80 {
			p = " " + p + " "
		}
		list[i] = p
	}
	return newPhraseStrip(list)
}()

// metaTopicFree lists words a meta question may contain besides its phrase
// without becoming a question about something else.
var metaTopicFree = textnorm.SetOf(joinedWords("meta_topic_free"))

// isMeta reports whether norm asks about the bot itself and nothing else:
// it contains a meta phrase and, once the phrase is removed, no topical
// word the knowledge base knows ("what can you do about land prices" is
// about land prices).
func (ix *index) isMeta(norm string, off []string) bool {
	// "あなたは何歳ですか" is addressed to the bot but is small talk the
	// bot declines, not a question about what it does.
	if len(off) > 0 {
		return false
	}
	// Every meta phrase is removed ("who are you, are you a real
	// person?" holds two); what remains decides.
	rest, found := stripMeta(norm)
	if !found {
		return false
	}
	topical := false
	tokenize(strings.TrimSpace(rest), func(t token) {
		if t.kind == termPair || t.kind == termKana || t.kind == termKanji || metaTopicFree[t.text] {
			return
		}
		if _, ok := ix.terms[t.text]; ok && !isBotWord(t.text) {
			topical = true
		}
	})
	return !topical
}

// isBotWord reports whether a term only names the bot or the chat.
func isBotWord(t string) bool {
	switch t {
	case "ボッ", "ット", "チャ", "ャッ", "봇", "챗봇", "질문", "사용", "도움":
		return true
	}
	return false
}

// asksAboutBot reports whether a short question makes the bot its subject
// and describes it by an entity ("are you Japanese?", "あなたは日本人ですか")
// without asking an aspect of anything: what the bot is, which the entry
// of that entity does not answer. With no entity named ("are you an AI?")
// retrieval finds the about-bot entry.
func (q *question) asksAboutBot() bool {
	if textnorm.WordCount(q.norm) > 5 || utf8.RuneCountInString(q.norm) > 16 {
		return false
	}
	for _, l := range investbot.Langs {
		if containsAnyWord(q.norm, cues[l].youare) {
			q.readCues()
			return len(q.entities) > 0 && len(q.aspects) == 0
		}
	}
	return false
}

// containsAnyWord is containsAnyCue with Latin cues matched as whole words
// ("are you" is not in "care your") and Korean ones at the start of a word.
func containsAnyWord(norm string, ps []string) bool {
	padded := " " + norm + " "
	for _, p := range ps {
		if p != "" && p[0] < 0x80 {
			if strings.Contains(padded, " "+p+" ") {
				return true
			}
		} else if r, _ := utf8.DecodeRuneInString(p); r >= 0xAC00 && r <= 0xD7A3 {
			// Korean words are spaced: "너는" starts a word, unlike in
			// "파트너는".
			if strings.Contains(padded, " "+p) {
				return true
			}
		} else if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// stripMeta returns " "+norm+" " without its meta phrases, and whether it
// held one.
func stripMeta(norm string) (string, bool) {
	found := false
	rest := metaStrip.strip(" "+norm+" ", func(rest, p string) (string, bool) {
		if p == "" || !strings.Contains(rest, p) {
			return rest, false
		}
		found = true
		if p[0] == ' ' {
			return strings.ReplaceAll(rest, p, "  "), true
		}
		return strings.ReplaceAll(rest, p, " "), true
	})
	return rest, found
}
