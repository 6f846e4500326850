package knowledge

import "testing"

// TestFullYears: a two-digit year range with a year word after it, or an
// apostrophe before each year, is written in full; durations, percentages
// and other numbers are left alone.
func TestFullYears(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"21~25년 수출액 총합?", "2021~2025년 수출액 총합?"},
		{"21〜25年の輸出額は？", "2021~2025年の輸出額は？"},
		{"21-25 년 수입액", "2021~2025 년 수입액"},
		{"'21-'25 exports?", "2021~2025 exports?"},
		{"법인세 4~9년 감면?", "법인세 4~9년 감면?"},
		{"10-20% 성장", "10-20% 성장"},
		{"21-25 exports", "21-25 exports"},
		{"2021~2025년 수출액", "2021~2025년 수출액"},
		{"30~25年", "30~25年"},
	} {
		if got := fullYears(tc.in); got != tc.want {
			t.Errorf("fullYears(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDayNearYear: a day, a month or a quarter dates something within a
// year only beside it; an article's date elsewhere in the sentence does not.
func TestDayNearYear(t *testing.T) {
	for _, tc := range []struct {
		s, y string
		want bool
	}{
		{"2023年11月、代表団が住友を訪問しました。", "2023", true},
		{"In late November 2023 the delegation visited Sumitomo.", "2023", true},
		{"Ký ngày 25/11/2023 tại Hà Nội.", "2023", true},
		{"2023년 11월 말 대표단이 방문했습니다.", "2023", true},
		{"2025年12月2日の記事は友好協力関係を2023年からとしています。", "2023", false},
		{"The 2 December 2025 article dates the friendship to 2023.", "2023", false},
	} {
		if got := dayNearYear(tc.s, tc.y); got != tc.want {
			t.Errorf("dayNearYear(%q, %q) = %v, want %v", tc.s, tc.y, got, tc.want)
		}
	}
}

// TestForwardedNote: below the last separator line of a forwarded mail,
// a note that asks is the message; a note that asks nothing, or a mail
// without a separator line, leaves the message whole.
func TestForwardedNote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"---------- 전달된 메일 ----------\n보낸 사람: 김민수\n응이선 심해항과 스미토모 단지를 보고 있습니다.\n\n---\n위 메일 전달합니다. 타인호아는 FDI 유치에서 전국 몇 위인지 알려주세요.",
			"위 메일 전달합니다. 타인호아는 FDI 유치에서 전국 몇 위인지 알려주세요."},
		{"転送します。\n———\nWHAの第1期の面積は？", "WHAの第1期の面積は？"},
		{"Forwarded below.\n---\nThanks, Minh", ""},
		{"---------- Forwarded message ----------\nWhat is the area of WHA phase 1?", ""},
		{"WHA 1단계 면적은?", ""},
	} {
		if got := forwardedNote(tc.in); got != tc.want {
			t.Errorf("forwardedNote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
