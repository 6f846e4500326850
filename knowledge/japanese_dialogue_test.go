package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// Japanese conversations (session 8): the topic particle は leans on the
// conversation only as the question's last word; an introduction before
// the question is left out; a fact the conversation's entry does not give
// is said to be missing; two close entries are settled by the name the
// question gives or by the conversation it leans on; going back to the
// first topic leans on nothing said since.
func TestJapaneseConversations(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"は at the end carries on": {
			{q: "ラオスとの関係について教えてください", want: "partner.houaphanh"},
			{q: "韓国は？", want: "partner.korea"},
		},
		"introduction left out": {
			{q: "食品メーカーの者です。城南市の強みは何ですか？", want: "partner.seongnam"},
		},
		"comparison after an introduction": {
			{q: "日系の商社です。新潟と城南市、それぞれの強みを比べて教えてください", want: "partner.niigata"},
		},
		"venue the event does not give": {
			{q: "新潟", want: "partner.niigata"},
			{q: "2024年に開かれた会議について教えてください", want: "event.niigata-conference-2024"},
			{q: "それはどこで開催されましたか", want: "event.niigata-conference-2024", aspect: knowledge.AspectLocation, followUp: true, missing: "venue"},
		},
		"a number before the fact word states it": {
			{q: "韓国の城南市について", want: "partner.seongnam"},
			{q: "その10周年の行事には何人参加しましたか", want: "partner.seongnam", followUp: true, missing: "count"},
		},
		"a deep-water port gives no depth": {
			{q: "交通インフラはどうなっていますか", want: "faq.infrastructure"},
			{q: "その港の水深は？", want: "faq.infrastructure", followUp: true, missing: "depth"},
		},
		"the named entity settles two close entries": {
			{q: "住友さんが開発しているのはどこですか？", want: "zone.west-thanh-hoa"},
		},
		"the conversation settles two close entries": {
			{q: "何か投資関連のイベントって予定されてます？", want: "event.ipc-2026"},
			{q: "その会議で協力を頼んでいる相手は？", want: "event.ipc-2026", aspect: knowledge.AspectStage, followUp: true},
		},
		"back to the first topic": {
			{q: "2025年の輸出額は？", want: "stat.exports-2025"},
			{q: "最初の話に戻るけど、日本の案件は全部で何件？", want: "partner.japan"},
		},
		"how a question asks is not its subject": {
			{q: "新潟との協力で具体的に何をしているんですか", want: "partner.niigata"},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}
