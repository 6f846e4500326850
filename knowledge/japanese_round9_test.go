package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// Japanese, session 9 (set 8's Japanese turns opened for development): the
// mechanisms behind its misses, in phrasings of their own.
func TestJapaneseRound9(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		// 輸出 is a qualifier: an entry that never speaks of exports gives no export figure.
		"exports to a partner": {
			{q: "日本向けの輸出額を知りたい", want: "partner.japan", missing: "for:輸出"},
		},
		// A person asked beside what he did: the deed's date does not name him.
		"the person who signed": {
			{q: "新潟県との関係", want: "partner.niigata"},
			{q: "覚書に署名した新潟側の責任者は誰ですか", want: "partner.niigata", missing: "head"},
		},
		// いくつか (a few) asks no count.
		"a few projects": {
			{q: "日系の大型案件をいくつか教えてください", want: "partner.japan-projects"},
		},
		// A kanji compound the entry holds only where it says the sources lack it.
		"project names the sources lack": {
			{q: "ODAについて", want: "stat.oda"},
			{q: "案件名は分かりますか", want: "stat.oda", missing: "案件名"},
		},
		// 責任者 asks a head, as 代表者 does.
		"the person in charge": {
			{q: "ジャパンデスクの責任者はどなたでしょう", want: "contact.japan-desk", missing: "head"},
		},
		// A year's figure after a topic whose entry dates only an announcement and an event that year.
		"a figure of a year not given": {
			{q: "日本からの観光客の数を知りたい", want: "stat.tourism"},
			{q: "2025年の数値は？", want: "stat.tourism", followUp: true, missing: "year:2025"},
		},
		// The weather's season is off topic, whatever the conversation.
		"a season": {
			{q: "日本大使館の文化イベントについて", want: "partner.japan-embassy"},
			{q: "台風の季節はいつ？", want: ""},
		},
		// A short follow-up whose one compound no entry holds.
		"opening hours": {
			{q: "ジャパンデスクとは？", want: "contact.japan-desk"},
			{q: "営業時間は？", want: ""},
		},
		// An acronym another entry holds is not the conversation's subject.
		"another organisation by its acronym": {
			{q: "ODAの総額は？", want: "stat.oda"},
			{q: "IMFとはどういう関係？", want: "faq.economic-diplomacy", followUp: true},
		},
		// A short question asking no fact leans on the conversation when its entry holds its words.
		"no pronoun, no fact asked": {
			{q: "繊維縫製協会の会長は誰？", want: "contact.textile-association"},
			{q: "どの市場へ移っているって？", want: "contact.textile-association", followUp: true},
		},
		// A follow-up's own word only a related entry holds chooses it.
		"the national rank": {
			{q: "日本の出資比率を教えて", want: "partner.japan"},
			{q: "全国では何位？", want: "stat.fdi-total", followUp: true},
		},
		// A place below the first, asked by its number, that the entry never states.
		"the second place": {
			{q: "FDIの登録資本で2位の国は？", want: "stat.fdi-total", missing: "rank"},
		},
		// 合計 asks a sum, of the figure the conversation is about.
		"the sum": {
			{q: "5年間の輸出入の内訳を知りたい", want: "stat.trade-2021-2025"},
			{q: "合計は？", want: "stat.trade-2021-2025", followUp: true},
		},
		// A partnership is a subject of its own.
		"a partnership nobody mentions": {
			{q: "アメリカの自治体と提携していますか", notWant: "stat.exports-us-eu"},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// A memo's quoted question asks (いくら is a question word), and 個別に
// beside a verb of asking hands the message to the desk.
func TestJapaneseRound9Messages(t *testing.T) {
	kb := mustBundledKB(t)
	memo := "転送です\n\nお疲れさまです。\n取引先から問い合わせがありました。\n「韓国からの投資の累計額はいくらか」という内容です。\n確認をお願いします。"
	if r := kb.Match(knowledge.Query{Text: memo}); r.Answered() && r.Missing == "" {
		t.Errorf("memo → %s, want the Korean figure said missing", r.Best.Entry.ID)
	}
	for _, q := range []string{
		"当社の計画が優遇の条件を満たすかどうか、個別にご確認いただけますか",
		"弊社のケースについて個別で相談させてください",
	} {
		if asked, _ := kb.PersonRequest(q); !asked {
			t.Errorf("PersonRequest(%q) = false, want a desk request", q)
		}
	}
	if asked, _ := kb.PersonRequest("個別の案件名を教えてください"); asked {
		t.Errorf("a fact asked (個別の案件名を教えて) read as a desk request")
	}
}

// A part naming nothing that asks a fact asks it of what the part before it
// named, not of the conversation.
func TestPartLeansOnThePartBefore(t *testing.T) {
	kb := mustBundledKB(t)
	r := kb.Match(knowledge.Query{Text: "住友が手がける工業団地の場所は？それと投資額は？"})
	if !r.Answered() || r.Best.Entry.ID != "zone.west-thanh-hoa" || r.Missing != "" {
		t.Fatalf("→ %+v, want zone.west-thanh-hoa with nothing missing", r.Best)
	}
	for _, p := range r.Parts {
		if p.Best.Entry.ID != "zone.west-thanh-hoa" || p.Missing != "" {
			t.Errorf("part → %s (missing %q), want the park's investment", p.Best.Entry.ID, p.Missing)
		}
	}
}

// The head of the province's own side of a meeting is named by the
// province's office that mentions the other side, answered beside the other
// side's entry (cue files' own_side).
func TestOwnSideHead(t *testing.T) {
	kb := mustBundledKB(t)
	r := kb.Match(knowledge.Query{Text: "JETROと会った時の省側のトップは誰ですか"})
	if !r.Answered() || r.Best.Entry.ID != "contact.provincial-leadership" {
		t.Fatalf("→ %v, want contact.provincial-leadership", r.Best)
	}
	if r.Also == nil || r.Also.Entry.ID != "partner.jetro" {
		t.Errorf("also %v, want partner.jetro beside it", r.Also)
	}
	// The other side's head, asked beside the province's delegation, is
	// the other side's.
	r = kb.Match(knowledge.Query{Text: "省の代表団と会談したJETROの所長は誰ですか"})
	if r.Answered() && r.Best.Entry.ID == "contact.provincial-leadership" {
		t.Errorf("the other side's head answered from the province's office")
	}
}
