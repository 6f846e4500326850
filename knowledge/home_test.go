package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// TestHomeQuestions: a question about the province as a whole, in any
// language, is answered by its overview entry; one that names something
// more, leans on the conversation or names an unknown company is not.
func TestHomeQuestions(t *testing.T) {
	kb := mustBundled(t)
	tests := []struct {
		q    string
		ctx  string
		home bool
	}{
		{q: "tell me about Thanh Hoa", home: true},
		{q: "what's the big picture on Thanh Hoa?", home: true},
		{q: "hi, scanned the QR at the booth. what's the big picture on Thanh Hoa?", home: true},
		{q: "tell me about investing here", home: true},
		{q: "hello, I'm looking at Vietnam", home: true},
		{q: "why this province and not somewhere else?", home: true},
		{q: "giới thiệu về Thanh Hóa", home: true},
		{q: "タインホア省について教えて", home: true},
		{q: "타인호아에 대해 알려줘", home: true},
		{q: "Thanh Hoa exports"},
		{q: "how big is Thanh Hoa's economy?"},
		{q: "tell me about it", ctx: "zone.nghi-son-ez"},
		{q: "overview", ctx: "zone.nghi-son-ez"},
		{q: "what about this province's exports?"},
		{q: "삼성은 탄호아에 투자했나요?"},
		{q: "サムスンはタインホアに投資した?"},
		{q: "overview of industrial parks"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := kb.Match(knowledge.Query{Text: tt.q, Context: tt.ctx})
			got := r.Confident && r.Best != nil && r.Best.Entry.ID == "faq.why-thanh-hoa"
			if got != tt.home {
				id := ""
				if r.Best != nil {
					id = r.Best.Entry.ID
				}
				t.Errorf("home = %v (best %q, confident %v), want %v", got, id, r.Confident, tt.home)
			}
		})
	}
}

// TestValueKindNotGiven: a question word asking for the kind of value —
// a country, a year — is answered by the value or by "not given", never
// by the whole entry that lacks it.
func TestValueKindNotGiven(t *testing.T) {
	kb := mustBundled(t)
	tests := []struct {
		q       string
		missing string // the fact not given; "" when the entry answers
	}{
		{q: "which country's ODA?", missing: "country"},
		{q: "which country funds the ODA projects?", missing: "country"},
		{q: "ODA nước nào tài trợ?", missing: "country"},
		{q: "ODAはどこの国から?", missing: "country"},
		{q: "ODA는 어느 나라에서?", missing: "country"},
		{q: "which country is WHA from?"},
		{q: "what country is Sumitomo from?"},
		{q: "which countries does Thanh Hoa export to?"},
		{q: "what year did the ODA projects start?", missing: "date"},
		{q: "which year was the Japan Desk set up?", missing: "date"},
		{q: "ジャパンデスクはいつ設置された?", missing: "date"},
		{q: "what year did WHA start looking at Thanh Hoa?"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := kb.Match(knowledge.Query{Text: tt.q})
			if r.Best == nil || !r.Confident {
				t.Fatalf("no confident entry: %+v", r)
			}
			if r.Missing != tt.missing {
				t.Errorf("Missing = %q (entry %s), want %q", r.Missing, r.Best.Entry.ID, tt.missing)
			}
		})
	}
}
