package handlers_test

import (
	"testing"

	"github.com/thanhhoa/investbot"
)

// A message that is only a greeting or a thanks gets the welcome or a
// "you're welcome" with the menu in its own language, never "I can only
// help with investing"; a greeting with a question is a question.
func TestSmallTalk(t *testing.T) {
	tests := []struct {
		text, intent string
		lang         investbot.Lang
	}{
		{"hello", "greeting", investbot.EN},
		{"Hi there!", "greeting", investbot.EN},
		{"xin chào", "greeting", investbot.VI},
		{"こんにちは", "greeting", investbot.JA},
		{"안녕하세요", "greeting", investbot.KO},
		{"thank you so much", "thanks", investbot.EN},
		{"cảm ơn bạn nhiều", "thanks", investbot.VI},
		{"ありがとうございます", "thanks", investbot.JA},
		{"감사합니다", "thanks", investbot.KO},
	}
	for _, tt := range tests {
		h := newHarness(t, 0)
		r := h.text(tt.text)
		if string(r.Meta.Intent) != tt.intent || r.Meta.Lang != tt.lang {
			t.Errorf("%q: intent %s lang %s, want %s %s", tt.text, r.Meta.Intent, r.Meta.Lang, tt.intent, tt.lang)
		}
		if len(r.Messages) != 1 || len(buttons(r)) == 0 {
			t.Errorf("%q: want one message with the menu, got %q", tt.text, allText(r))
		}
	}
	h := newHarness(t, 0)
	for _, q := range []string{"hello, where is Alpha industrial park?", "thanks, and the Alpha park developer?"} {
		if r := h.text(q); r.Meta.Intent == "greeting" || r.Meta.Intent == "thanks" {
			t.Errorf("%q is a question, got %s", q, r.Meta.Intent)
		}
	}
}
