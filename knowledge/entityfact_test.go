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
