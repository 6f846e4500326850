package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Chat shorthand is spelled out unless an entry's own text uses the word:
// "cty" stands for "công ty" even though a few example questions write it.
// Japanese and Korean have no shorthand list: their text stays as it is.
func TestShorthandSpelledOut(t *testing.T) {
	kb, err := Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, norm string
		lang    investbot.Lang
	}{
		{"bao nhiêu cty nhật ở thanh hóa", "bao nhieu cong ty nhat o thanh hoa", investbot.VI},
		{"cty WHA là của nước nào", "cong ty wha la cua nuoc nao", investbot.VI},
		{"hw big is WHA phase 1 pls", "how big is wha phase 1 please", investbot.EN},
		{"日系の会社は何社ありますか", textnorm.Normalize("日系の会社は何社ありますか"), investbot.JA},
		{"일본 회사는 몇 개예요", textnorm.Normalize("일본 회사는 몇 개예요"), investbot.KO},
	}
	for _, tt := range tests {
		q := kb.parse(Query{Text: tt.q})
		if q.norm != tt.norm || q.detected != tt.lang {
			t.Errorf("%q: norm %q (%s), want %q (%s)", tt.q, q.norm, q.detected, tt.norm, tt.lang)
		}
	}
}
