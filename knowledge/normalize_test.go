package knowledge

import (
	"reflect"
	"testing"

	"github.com/thanhhoa/investbot"
)

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
