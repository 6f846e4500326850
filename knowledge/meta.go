package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
)

// aboutBotID is the entry that says what the bot is and does; questions
// addressed to the bot itself go there.
const aboutBotID = "faq.about-bot"

// metaPhrases are questions addressed to the bot itself ("what can you
// do?", "bạn là ai", "使い方", "너는 누구"), folded. They are made of words
// that carry no topic (stop words, pronouns), so retrieval alone cannot
// tell them apart from small talk: a phrase list can.
var metaPhrases = foldAll(
	`what_can_you_do what_do_you_do who_are_you what_are_you are_you_a_bot are_you_a_robot are_you_human
	how_do_i_use_this how_to_use_this how_do_i_use_you how_does_this_bot how_does_this_work what_is_this_bot
	what_can_this_bot what_can_i_ask what_should_i_ask how_can_you_help what_do_you_know what_can_you_help
	how_does_this_chatbot what_is_this_chatbot how_do_you_work this_bot this_chatbot are_you_a_real_person
	are_you_a_person bot_or_a_real_person bot_or_a_person bot_or_human what_can_u_do who_are_u what_r_u`,
	`bạn_là_ai bạn_là_gì bạn_làm_được_gì bạn_làm_gì bạn_có_thể_làm_gì bạn_giúp_được_gì bạn_giúp_gì bạn_biết_gì
	bot_này_làm_được_gì bot_này_là_gì bot_này_dùng_thế_nào cách_dùng_bot cách_sử_dụng_bot dùng_bot_thế_nào
	sử_dụng_bot_này chatbot_này_là_gì tôi_hỏi_được_gì có_thể_hỏi_gì em_là_ai mày_là_ai bot_này chatbot_này
	bạn_là_người_thật người_thật_hay_máy người_hay_máy`,
	`あなたは誰 あなたはだれ あなたは何 君は誰 何ができ なにができ どんなことができ 使い方 このボット このチャットボット
	何を聞け 何が聞け 何を質問でき 何を相談でき`,
	`너는_누구 넌_누구 누구세요 당신은_누구 뭘_할_수_있 무엇을_할_수_있 뭐_할_수_있 뭘_도와 무엇을_도와 어떻게_사용 사용법
	사용_방법 이_봇 이_챗봇 무엇을_물어 뭘_물어 뭐_물어 사람이야 사람이에요 사람인가요 ai야`)

// metaTopicFree lists words a meta question may contain besides its phrase
// without becoming a question about something else.
var metaTopicFree = setOf(`bot chatbot robot use work help ask question real person human investor dung su tro giup hoi cau lam de ban hay may ai nguoi that`)

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
	rest := " " + norm + " "
	found := false
	for _, p := range metaPhrases {
		if p == "" {
			continue
		}
		if p[0] < 0x80 {
			if strings.Contains(rest, " "+p+" ") {
				rest = strings.ReplaceAll(rest, " "+p+" ", "  ")
				found = true
			}
		} else if strings.Contains(rest, p) {
			rest = strings.ReplaceAll(rest, p, " ")
			found = true
		}
	}
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
	if len(strings.Fields(q.norm)) > 5 || utf8.RuneCountInString(q.norm) > 16 {
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
