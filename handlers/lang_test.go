package handlers_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
)

// A button pressed after a question answers in the question's language,
// not in Telegram's language_code (English here), and so do commands.
func TestButtonsKeepTheQuestionsLanguage(t *testing.T) {
	tests := []struct {
		lang      investbot.Lang
		question  string
		incentive string // Beta's title in lang
		menu      string // the zones button in lang
	}{
		{investbot.KO, "알파 산업단지는 어디에 있나요", "베타(Beta) 세금 감면", "산업단지"},
		{investbot.JA, "アルファ工業団地はどこですか", "ベータ（Beta）税制優遇", "工業団地"},
		{investbot.VI, "Khu Alpha rộng bao nhiêu", "Miễn thuế Beta", "Khu công nghiệp"},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			h := newHarness(t, 0)
			do := func(req investbot.Request) investbot.Reply {
				req.LangHint = investbot.EN
				return h.do(req)
			}
			r := do(investbot.Request{Text: tc.question})
			if r.Meta.Lang != tc.lang || r.Meta.Intent != "zone.alpha" {
				t.Fatalf("question: %+v", r.Meta)
			}
			r = do(investbot.Request{Callback: "e:incentive.beta"})
			if r.Meta.Lang != tc.lang || !strings.Contains(allText(r), tc.incentive) {
				t.Errorf("button after the question: lang %s, %q", r.Meta.Lang, allText(r))
			}
			r = do(investbot.Request{Callback: "m"})
			if r.Meta.Lang != tc.lang || !strings.Contains(buttons(r)["k:zone"], tc.menu) {
				t.Errorf("menu button after the question: lang %s, %v", r.Meta.Lang, buttons(r))
			}
			r = do(investbot.Request{Command: "help"})
			if r.Meta.Lang != tc.lang {
				t.Errorf("/help after the question: lang %s", r.Meta.Lang)
			}
		})
	}
}

// The lead form keeps the language it was opened in, whatever the typed
// answers look like: a company name is not a change of language.
func TestLeadFormKeepsItsLanguage(t *testing.T) {
	h := newHarness(t, -1001)
	do := func(req investbot.Request) investbot.Reply {
		req.LangHint = investbot.EN
		return h.do(req)
	}
	if r := do(investbot.Request{Text: "アルファ工業団地はどこですか"}); r.Meta.Lang != investbot.JA {
		t.Fatalf("question: %+v", r.Meta)
	}
	steps := []struct {
		req  investbot.Request
		want string
	}{
		{investbot.Request{Command: "lead"}, "同意されますか"},
		{investbot.Request{Callback: "lead:yes"}, "お名前を教えてください"},
		{investbot.Request{Text: "Taro Yamada"}, "会社名を教えてください"},
		{investbot.Request{Text: "What a Company Ltd"}, "御社の国"},
		{investbot.Request{Text: "Japan"}, "業種"},
		{investbot.Request{Callback: "lead:v:electronics"}, "投資予定額"},
		{investbot.Request{Text: "5 million"}, "ヘクタール"},
		{investbot.Request{Text: "lots of land"}, "0.01〜10000"},
	}
	for i, s := range steps {
		r := do(s.req)
		if r.Meta.Lang != investbot.JA || !strings.Contains(allText(r), s.want) {
			t.Fatalf("step %d (%+v): lang %s, %q; want Japanese with %q", i, s.req, r.Meta.Lang, allText(r), s.want)
		}
	}
}
