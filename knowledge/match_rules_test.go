package knowledge

import "testing"

// TestMatchRules checks the matcher's rules for questions no example
// spells: questions to the bot, off-topic words, katakana places, years,
// lists and long letters.
func TestMatchRules(t *testing.T) {
	kb := looseBundled(t)
	tests := []struct {
		q         string
		want      string // "" means: must not be a confident answer
		confident bool
	}{
		{"what can you do?", aboutBotID, true},
		{"what can u do bot", aboutBotID, true},
		{"bạn là ai", aboutBotID, true},
		{"このボットの使い方", aboutBotID, true},
		{"너는 누구야", aboutBotID, true},
		{"bạn là ai, bạn làm được gì", aboutBotID, true},
		{"con bot nay de lam gi vay", aboutBotID, true},
		{"how can I use this bot", aboutBotID, true},
		{"are you a bot or a real person?", aboutBotID, true},
		{"ban la nguoi that hay may", aboutBotID, true},
		{"AI야 사람이야?", aboutBotID, true},
		{"what can you do about land prices in the industrial parks", "faq.land-price", true}, // not meta: it names a topic
		{"How do I get a Japanese tourist visa?", "", false},
		{"タイの法人税率は？", "", false},
		{"export value in 2025", "stat.exports-2025", true},
		// No year named: the standing figure; a recent period: that year's.
		{"how many FDI projects are there in the province", "stat.fdi-total", true},
		{"how many new FDI projects were licensed last year", "stat.fdi-2025", true},
		// List questions: the overview, not one member of the list.
		{"give me the list of industrial parks in the province", "zone.overview", true},
		{"danh sách khu công nghiệp tỉnh Thanh Hóa", "zone.overview", true},
		{"타인호아 산업단지 목록", "zone.overview", true},
		// Another place as context, not subject: a comparison, a route, the
		// asker's home. Alone, it is still about elsewhere.
		{"Why Thanh Hoa and not Bac Ninh? Give me the selling points.", "faq.why-thanh-hoa", true},
		{"Can Nghi Son port take our containers, or must we truck them to Hai Phong?", "zone.nghi-son-port", true},
		{"We are a Singapore-based logistics firm. Is WHA building a logistics area we could lease?", "zone.wha-logistics", true},
		{"니손 국제항에서 부산 가는 정기 항로 있어요?", "zone.nghi-son-port", true},
		// 주가 (share price) is off-topic, but not inside 입주가 (moving in).
		{"WHA 티에우호아 산업단지 입주가 언제 가능해요?", "zone.wha-thieu-hoa", true},
		{"ハノイからのアクセスどう？鉄道とか空港とか。", "faq.infrastructure", true},
		{"Da Nang airport access", "", false},
		{"khoảng cách từ Hà Nội đến Hải Phòng bao xa", "", false},
		{"kcn o thanh hoa co nhung cai nao", "zone.overview", true},
		{"なぜタインホアなんですか？ハイフォンとかと比べて", "faq.why-thanh-hoa", true},
		// A letter's context (the park visited) must not outvote its question.
		{"Kính gửi Quý Ban, công ty chúng tôi vừa đi khảo sát KCN Tây Thanh Hóa do Sumitomo đầu tư và rất ấn tượng với hạ tầng ở đó. Chúng tôi là nhà sản xuất linh kiện điện tử vốn Nhật. Xin hỏi dự án mới trong khu công nghiệp được miễn, giảm thuế TNDN bao nhiêu năm? Trân trọng.", "incentive.cit-industrial-park", true},
		{"電力供給って安定してる？バクニンみたいに計画停電があると困る", "faq.infrastructure", true},
		{"Is Bac Ninh better than Hai Phong for electronics factories?", "", false},
		{"How much FDI did Nghe An attract in 2025?", "", false},
		{"Which industrial parks in Bac Ninh have ready-built factories?", "", false},
		{"Dear team, I hope you are well. Our company makes auto parts in Osaka and Hanoi. Could you tell me the corporate income tax incentives in the Nghi Son Economic Zone? Best regards, Ken", "incentive.cit-economic-zone", true},
	}
	for _, tt := range tests {
		r := kb.Match(Query{Text: tt.q})
		confident := r.Confident && r.Best != nil && !r.OutOfScope
		if tt.want == "" {
			if confident {
				t.Errorf("%q answered %s, want no confident answer", tt.q, r.Best.Entry.ID)
			}
			continue
		}
		if !confident || r.Best.Entry.ID != tt.want {
			t.Errorf("%q → %+v, want confident %s", tt.q, r.Best, tt.want)
		}
	}
}
