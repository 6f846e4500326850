package locales_test

import (
	"fmt"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/locales"
)

// A Korean particle marker takes the form the word before it needs; other
// languages' texts are left as they are.
func TestFitKorean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"순위은(는) 자료에 나와 있지 않습니다.", "순위는 자료에 나와 있지 않습니다."},
		{"면적은(는) 자료에 나와 있지 않습니다.", "면적은 자료에 나와 있지 않습니다."},
		{"「수출액」은(는) 없습니다", "「수출액」은 없습니다"},
		{"서울(으)로 갑니다", "서울로 갑니다"},
		{"부산(으)로 갑니다", "부산으로 갑니다"},
		{"회사(으)로 이해했습니다", "회사로 이해했습니다"},
		{"2025년 3은(는) 2이(가) 아닙니다", "2025년 3은 2가 아닙니다"},
		{"WHA은(는) 태국 기업", "WHA은(는) 태국 기업"},
		{"이메일을(를) 보내", "이메일을 보내"},
		{"no marker", "no marker"},
	}
	for _, tt := range tests {
		if got := locales.FitKorean(tt.in); got != tt.want {
			t.Errorf("FitKorean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// F fills a template and fits its particles in Korean only: the missing
// fact's reply in four languages.
func TestFFitsParticles(t *testing.T) {
	c := locales.Default()
	const key = "understand.missing_year"
	tests := []struct {
		lang investbot.Lang
		want string
	}{
		{investbot.KO, "순위는 자료에 나와 있지 않습니다(가장 가까운 항목: 「X」)."},
		{investbot.EN, fmt.Sprintf(c.T(key, investbot.EN), "순위", "X")},
		{investbot.VI, fmt.Sprintf(c.T(key, investbot.VI), "순위", "X")},
		{investbot.JA, fmt.Sprintf(c.T(key, investbot.JA), "순위", "X")},
	}
	for _, tt := range tests {
		if got := c.F(key, tt.lang, "순위", "X"); got != tt.want {
			t.Errorf("%s: F = %q, want %q", tt.lang, got, tt.want)
		}
	}
}
