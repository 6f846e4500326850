package knowledge

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Khu công nghiệp Nghi Sơn", "khu cong nghiep nghi son"},
		{"ĐẦU TƯ vào Thanh Hóa?", "dau tu vao thanh hoa"},
		{"Thanh Hoá", "thanh hoa"}, // tone on the other vowel, decomposed form
		{"Thanh Hoa\u0301", "thanh hoa"},
		{"ＷＨＡ　工業団地", "wha 工業団地"}, // full-width Latin and space
		{"ｶﾞｲﾄﾞ", "ガイド"},         // half-width katakana with voiced marks
		{"타인호아 산업단지는?", "타인호아 산업단지는"},
		{"FDI: 15.6 billion USD!!!", "fdi 15 6 billion usd"},
		{"a\u200db\u200fc", "abc"}, // zero-width joiner and RTL mark dropped
		{"bad\xff\xfeutf8", "badutf8"},
		{"tab\tand\nnewline", "tab and newline"},
		{"🏭🇻🇳", ""},
		{"  spaces   everywhere  ", "spaces everywhere"},
		{"Straße Ørsted", "straße ørsted"},
		// The country, not the pronoun; USD and "us" stay as they are.
		{"exports to the US, U.S. and USA; help us", "exports to the usa usa and usa help us"},
		{"USD 5 USドル", "usd 5 usドル"},
	}
	for _, tt := range tests {
		if got := textnorm.Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeBounded(t *testing.T) {
	q := "Where is the WHA industrial park? " + strings.Repeat("forwarded mail body ", 10000)
	got := textnorm.Normalize(q)
	if !strings.HasPrefix(got, "where is the wha industrial park") {
		t.Errorf("question lost: %q", got[:60])
	}
	if n := utf8.RuneCountInString(got); n > textnorm.MaxQueryRunes {
		t.Errorf("normalised %d runes, cap is %d", n, textnorm.MaxQueryRunes)
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		in   string
		want investbot.Lang
	}{
		{"Where is the WHA industrial park?", investbot.EN},
		{"Khu công nghiệp WHA ở đâu?", investbot.VI},
		{"khu cong nghiep wha o dau", investbot.VI},
		{"thue thu nhap doanh nghiep bao nhieu", investbot.VI},
		{"co uu dai gi khong", investbot.VI},
		{"WHA工業団地はどこですか", investbot.JA},
		{"ギソン経済区", investbot.JA},
		{"法人税率", investbot.JA},
		{"WHA 산업단지는 어디에 있나요?", investbot.KO},
		{"응이선 경제구역", investbot.KO},
		{"What is the weather in Nghi Son?", investbot.EN},
		{"FDI in Thanh Hoa", investbot.EN},
		{"🏭🇻🇳👍", ""},
		{"", ""},
		{"12345 !!!", ""},
		{"WHA", ""},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.in); got != tt.want {
			t.Errorf("DetectLang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"What are the industrial parks?", []string{"industrial", "park", "industrial_park"}},
		{"khu cong nghiep o dau", []string{"khu", "cong", "khu_cong", "nghiep", "cong_nghiep"}},
		{"工業団地", []string{"工業", "業団", "団地", "工", "業", "団", "地"}},
		{"税", []string{"税"}},
		{"산업단지 위치", []string{"산업", "업단", "단지", "위치"}},
		{"WHAの面積はどこですか", []string{"wha", "面積", "面", "積", "はど", "どこ", "こで", "です", "すか"}},
		{"타인호아성의 법인세율은 얼마입니까", []string{"타인", "인호", "호아", "아성", "법인", "인세", "세율"}},
		{"第1期", []string{"第", "1", "第1", "1期", "期"}},
		{"WHA 2단계", []string{"wha", "2", "wha_2", "2단", "단계"}},
		{"taxes incentives", []string{"tax", "incentiv", "tax_incentiv"}},
		// Ấn Độ is two stop syllables; the compound keeps India.
		{"doanh nghiep an do", []string{"doanh", "nghiep", "doanh_nghiep", "an_do"}},
		{"thi truong", []string{"thi_truong", "truong"}},
		// đầu tư (invest) and thế mạnh (strengths) begin with a stop syllable.
		{"keu goi dau tu", []string{"keu", "goi", "keu_goi", "dau_tu", "tu"}},
		{"the manh", []string{"the_manh", "manh"}},
		// 분야 (field) is a noun, not 분 + the casual ending 야.
		{"우선투자분야", []string{"우선", "선투", "투자", "자분", "분야"}},
		// 푸꾸이 (Phú Quý) keeps its last syllable, which is also a particle.
		{"푸꾸이", []string{"푸꾸", "꾸이"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtractNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want []float64
	}{
		{"15.6 billion USD", []float64{15.6e9}},
		{"15,6 tỷ USD", []float64{15.6e9}},
		{"156億ドル", []float64{15.6e9}},
		{"156억 달러", []float64{15.6e9}},
		{"over 137,000 visits", []float64{137000}},
		{"hơn 137.000 lượt", []float64{137000}},
		{"13万7000人", []float64{137000}},
		{"13만 7,000명", []float64{137000}},
		{"7.3 billion", []float64{7.3e9}},
		{"7,3 tỷ", []float64{7.3e9}},
		{"73億", []float64{7.3e9}},
		{"16億4000万ドル", []float64{1.64e9}},
		{"2,686 billion VND", []float64{2.686e12}},
		{"2.686 tỷ đồng", []float64{2.686e12}},
		{"2兆6860億ドン", []float64{2.686e12}},
		{"2조 6,860억 동", []float64{2.686e12}},
		{"10.24%", []float64{10.24}},
		{"10,24%", []float64{10.24}},
		{"1,234,567.5", []float64{1234567.5}},
		{"1.234.567,5", []float64{1234567.5}},
		{"2 December 2025", []float64{2, 12, 2025}},
		{"ngày 2/12/2025", []float64{2, 12, 2025}},
		{"2025年12月2日", []float64{2025, 12, 2}},
		{"Law No. 67/2025/QH15", []float64{67, 2025, 15}},
		{"Q1 2026", []float64{1, 2026}},
		{"in May 2025 it may rain", []float64{5, 2025}},
		{"2 nghìn tỷ", []float64{2e12}},
		{"437 million USD", []float64{437e6}},
		{"4億3700万", []float64{437e6}},
		{"no numbers here.", nil},
		{"ends with a number 2025.", []float64{2025}},
	}
	for _, tt := range tests {
		var got []float64
		for _, n := range textnorm.ExtractNumbers(tt.in) {
			got = append(got, n.Value)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ExtractNumbers(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"nghiep", "nghiep", 0}, {"nghiep", "ngiep", 1}, {"nghiep", "nghiêp", 2}, {"industrial", "indsutrial", 1},
		{"industrial", "industral", 1}, {"park", "xyzw", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 2); got != min(tt.want, 3) {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
