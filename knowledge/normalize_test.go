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
		// Verb endings after 하 and particles of a pair (words/ko.yaml
		// endings) leave the noun: "A랑 B", "협력하려고", "갔다던데".
		{"성남시랑 니가타현", []string{"성남", "남시", "니가", "가타", "타현"}},
		{"러시아 지방이랑 협력하려고", []string{"러시", "시아", "지방", "협력"}},
		{"WHA랑", []string{"wha"}},
		{"투자했다던데", []string{"투자"}},
		{"스미토모와는", []string{"스미", "미토", "토모"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRespell: casual and mistyped endings (words/*.yaml respell) are read
// as what they stand for before anything else reads the question; words
// that merely end like one, and text of other languages, are left alone.
func TestRespell(t *testing.T) {
	tests := []struct {
		lang     investbot.Lang
		in, want string
	}{
		{investbot.KO, "이온몰 투자한 나라 어디애요", "이온몰 투자한 나라 어디에요"},
		{investbot.KO, "2030 목표눈", "2030 목표는"},
		{investbot.KO, "성남시랑 언제부터 협력햇나요", "성남시랑 언제부터 협력했나요"},
		{investbot.KO, "수출 품목 머에요", "수출 품목 뭐예요"},
		{investbot.KO, "언제 완공 됬나요", "언제 완공 됐나요"},
		// One-syllable typos need two syllables before them: 첫눈 and
		// 하늘 are words.
		{investbot.KO, "첫눈 하늘 눈", "첫눈 하늘 눈"},
		{investbot.KO, "wha는 어디에요", "wha는 어디에요"},
		{investbot.JA, "日系の案件は何件ですか", "日系の案件は何件ですか"},
		{investbot.VI, "khu cong nghiep o dau", "khu cong nghiep o dau"},
		{investbot.EN, "where is the park", "where is the park"},
	}
	for _, tt := range tests {
		if got := respell(tt.in); got != tt.want {
			t.Errorf("%s: respell(%q) = %q, want %q", tt.lang, tt.in, got, tt.want)
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
