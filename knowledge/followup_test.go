package knowledge_test

import "testing"

// Later turns of a conversation, each in the four languages: a numbered
// member of the series the conversation's partner relates to ("WHA",
// then "phase 1") is what a figure is asked of, and the sources not
// giving that figure is said of the member — not answered by a
// statistic whose words the question shares ("total capital").
func TestLaterTurnsNumberedMember(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"phase capital en": {
			{q: "WHA", want: "partner.wha"},
			{q: "what's the total capital of phase 1?", want: "zone.wha-smart-tech-1", missing: "capital"},
		},
		"phase capital vi": {
			{q: "Tập đoàn WHA", want: "partner.wha"},
			{q: "vốn đầu tư giai đoạn 1 bao nhiêu?", want: "zone.wha-smart-tech-1", missing: "capital"},
		},
		"phase capital ja": {
			{q: "WHAグループ", want: "partner.wha"},
			{q: "第1期の投資額は？", want: "zone.wha-smart-tech-1", missing: "capital"},
		},
		"phase capital ko": {
			{q: "WHA 그룹", want: "partner.wha"},
			{q: "1단계 투자금은?", want: "zone.wha-smart-tech-1", missing: "capital"},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}
