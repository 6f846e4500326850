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
