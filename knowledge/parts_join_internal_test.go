package knowledge

import "testing"

// TestPartsJoinedInOneSentence: two asks joined inside one sentence
// ("と、", "and", "và", "이고,") are two parts when each side asks or names
// a fact of its own; a list of one fact ("exports and imports") or of one
// entity's members ("phase 1 and 2") stays one question.
func TestPartsJoinedInOneSentence(t *testing.T) {
	for _, tc := range []struct {
		q     string
		parts int
	}{
		{"住友の投資額と、MoUの締結時期を教えていただけますか", 2},
		{"WHAスマートテクノロジー1期の面積と、2期の着工時期を知りたいです。教えてください", 2},
		{"2025年の輸出額と、輸入額を教えてください", 0},
		{"Could you tell me how large WHA phase 1 is and when phase 2 breaks ground?", 2},
		{"What were exports and imports in 2025?", 1},
		{"How big are WHA phase 1 and 2?", 1},
		{"Khu kinh tế Nghi Sơn rộng bao nhiêu và ai là nhà đầu tư lớn nhất?", 2},
		{"Kim ngạch xuất khẩu và nhập khẩu năm 2025 là bao nhiêu?", 1},
		{"WHA 1단계 면적은 몇 헥타르이고, 2단계 착공은 언제예요?", 2},
		{"WHA 1단계 면적과, 2단계 착공 시기를 알려주세요", 2},
		{"WHA 1단계와 2단계 면적은 얼마나 돼요?", 1},
	} {
		if got := shortParts(tc.q); len(got) != tc.parts {
			t.Errorf("shortParts(%q) = %q, want %d parts", tc.q, got, tc.parts)
		}
	}
}
