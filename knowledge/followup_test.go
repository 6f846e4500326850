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
		"phase capital longer en": {
			{q: "WHA", want: "partner.wha"},
			{q: "what's the total investment capital of the phase 1 project?", want: "zone.wha-smart-tech-1", missing: "capital"},
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

// An opening asked after a list of projects is the opening's date (the
// fact completion, words/*.yaml), not any date the list gives: the Aeon
// mall's list of Japanese projects dates a report, not an opening. "Which
// day" beside it asks the opening's day.
func TestLaterTurnsOpeningDate(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"opening en": {
			{q: "Is Aeon in Thanh Hoa?", want: "partner.japan-projects"},
			{q: "opening date?", want: "partner.japan-projects", followUp: true, missing: "completion"},
		},
		"opening vi": {
			{q: "Aeon co o Thanh Hoa khong", want: "partner.japan-projects"},
			{q: "khai trương ngày nào?", want: "partner.japan-projects", followUp: true, missing: "completion"},
		},
		"opening ja": {
			{q: "イオンはタインホアにありますか", want: "partner.japan-projects"},
			{q: "開業日は？", want: "partner.japan-projects", followUp: true, missing: "completion"},
		},
		"opening ko": {
			{q: "이온몰 타인호아에 있어요?", want: "partner.japan-projects"},
			{q: "거기 오픈은 언제 했어요?", want: "partner.japan-projects", followUp: true, missing: "completion"},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// A name can stand inside the words that ask a fact ("which Indian
// companies", "doanh nghiệp Ấn Độ nào", "どのインド企業"): the companies
// are asked all the same, and INCHAM's entry names none.
func TestLaterTurnsNameInsideTheAsk(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"company en": {
			{q: "INCHAM", want: "partner.india"},
			{q: "which Indian companies came on that visit?", want: "partner.india", missing: "company"},
		},
		"company vi": {
			{q: "INCHAM", want: "partner.india"},
			{q: "doanh nghiệp Ấn Độ nào đã đến thăm?", want: "partner.india", missing: "company"},
		},
		"company ja": {
			{q: "INCHAM", want: "partner.india"},
			{q: "どのインド企業が訪問しましたか？", want: "partner.india", missing: "company"},
		},
		"company ko": {
			{q: "INCHAM", want: "partner.india"},
			{q: "어떤 인도 회사들이 방문했어요?", want: "partner.india", missing: "company"},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}
