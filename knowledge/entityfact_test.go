package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// A short question naming one entity (or a person its entry names) and
// asking the post someone holds is answered by that entry, in every
// language, when retrieval alone is unsure.
func TestEntityFactAsksPost(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct{ q, want string }{
		{"ông Pajongwit giữ chức gì?", "partner.wha"},
		{"what is Mr Pajongwit's position?", "partner.wha"},
		{"パジョンウィット氏の役職は何ですか", "partner.wha"},
		{"Pajongwit 씨 직책이 뭐예요?", "partner.wha"},
		{"JETROの大坂さんの役職は?", "partner.jetro"},
		{"what's the title of JETRO's Osaka?", "partner.jetro"},
		{"ông Osaka của JETRO giữ chức gì?", "partner.jetro"},
		{"JETRO 오사카 씨 직책은?", "partner.jetro"},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		if !r.Answered() || r.Best.Entry.ID != tt.want {
			t.Errorf("%q → %s, want %s", tt.q, describe(r), tt.want)
		}
	}
}

// "Which country is X from?" names the company and asks its origin: the
// entity's own entry, also unaccented and with "cty" (công ty, company).
func TestEntityCountryOfCompany(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct{ q, want string }{
		{"which country is Sumitomo from?", "zone.west-thanh-hoa"},
		{"住友はどこの国の会社？", "zone.west-thanh-hoa"},
		{"스미토모는 어느 나라 회사예요?", "zone.west-thanh-hoa"},
		{"Sumitomo la cty nuoc nao", "zone.west-thanh-hoa"},
		{"WHA la cty nuoc nao", "partner.wha"},
		{"WHA là công ty nước nào?", "partner.wha"},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		if !r.Answered() || r.Best.Entry.ID != tt.want {
			t.Errorf("%q → %s, want %s", tt.q, describe(r), tt.want)
		}
	}
}
