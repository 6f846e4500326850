package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
)

// TestSpellingsAnswerAlike: a question written the way people type it —
// a Korean ending misspelt or casual, Vietnamese without marks and with
// chat shorthand, a loanword name a kana or syllable off — gets the entry
// its standard spelling gets, in the languages where such spellings occur
// (English and marked Vietnamese as the standard beside them).
func TestSpellingsAnswerAlike(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		lang     investbot.Lang
		standard string
		typed    []string
	}{
		// Korean endings and particles (words/ko.yaml endings, respell).
		{investbot.KO, "2030 목표는?", []string{"2030 목표눈?"}},
		{investbot.KO, "성남시와 언제부터 협력했나요", []string{"성남시랑 언제부터 협력햇나요"}},
		{investbot.KO, "수출 품목 뭐예요", []string{"수출 품목 머에요", "수출 품목 뭐에요"}},
		{investbot.KO, "러시아 어느 지방과 협력해요?", []string{"러시아 어느 지방이랑 협력하려고 해요?"}},
		// Loanword names one rune off the data's spelling (aliases).
		{investbot.KO, "스미토모 공단 위치", []string{"스미또모 공단 위치"}},
		{investbot.KO, "니가타현과의 협력은?", []string{"니이가타현과의 협력은?"}},
		{investbot.JA, "ジェトロとの会合で省は何をお願いしましたか", []string{"ジュトロとの会合で省は何をお願いしましたか"}},
		{investbot.JA, "スミトモの工業団地", []string{"スミモトの工業団地"}},
		// Vietnamese without marks, with chat shorthand (lang/vi.yaml).
		{investbot.VI, "tổng xuất nhập khẩu 2021-2025 bao nhiêu?", []string{"tong xnk 2021-2025 bn?"}},
		{investbot.VI, "mục tiêu 2030?", []string{"muc tieu 2030?"}},
		// English, the standard the others are read against.
		{investbot.EN, "What did the province ask JETRO for?", []string{"what did the province ask Jetro for"}},
	}
	for _, tt := range tests {
		want := kb.Match(knowledge.Query{Text: tt.standard})
		if want.Best == nil || !want.Confident {
			t.Errorf("%s: %q is not answered; the test needs a standard the engine answers", tt.lang, tt.standard)
			continue
		}
		for _, q := range tt.typed {
			got := kb.Match(knowledge.Query{Text: q})
			if got.Best == nil || !got.Confident || got.Best.Entry.ID != want.Best.Entry.ID {
				id := ""
				if got.Best != nil {
					id = got.Best.Entry.ID
				}
				t.Errorf("%s: %q → %q (confident %v), want %q like %q", tt.lang, q, id, got.Confident, want.Best.Entry.ID, tt.standard)
			}
			if got.Lang != tt.lang {
				t.Errorf("%s: %q answered in %s", tt.lang, q, got.Lang)
			}
		}
	}
}
