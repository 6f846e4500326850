package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot"
)

// LangOf tells a message clearly in a language from one whose language is
// only guessed, so that a bare name does not switch a conversation's
// language.
func TestLangOf(t *testing.T) {
	tests := []struct {
		in    string
		lang  investbot.Lang
		clear bool
	}{
		{"How big is WHA phase 1?", investbot.EN, true},
		{"exports", investbot.EN, true},
		{"WHA area", investbot.EN, false},
		{"Nghi Son EZ", investbot.EN, false},
		{"WHA", "", false},
		{"8", "", false},
		{"khu cong nghiep o dau", investbot.VI, true},
		// Unaccented syllables and chat shorthand (lang/vi.yaml) tell
		// Vietnamese typed without marks from English.
		{"tang truong binh quan bn", investbot.VI, true},
		{"quay lai cai tong xnk, nk nhieu hon xk a?", investbot.VI, true},
		{"muc tieu 2030?", investbot.VI, true},
		{"kcn WHA?", investbot.VI, false},
		{"How long is the road to Thanh Hoa?", investbot.EN, true},
		{"Nghi Sơn", investbot.VI, true},
		{"規模は？", investbot.JA, true},
		{"규모는?", investbot.KO, true},
		{"WHA 工業団地はどこ", investbot.JA, true},
	}
	for _, tc := range tests {
		lang, clear := LangOf(tc.in)
		if lang != tc.lang || clear != tc.clear {
			t.Errorf("LangOf(%q) = %q, %v; want %q, %v", tc.in, lang, clear, tc.lang, tc.clear)
		}
		if d := DetectLang(tc.in); d != lang {
			t.Errorf("DetectLang(%q) = %q, LangOf says %q", tc.in, d, lang)
		}
	}
}
