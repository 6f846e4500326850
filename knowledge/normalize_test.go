package knowledge

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
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
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeBounded(t *testing.T) {
	q := "Where is the WHA industrial park? " + strings.Repeat("forwarded mail body ", 10000)
	got := Normalize(q)
	if !strings.HasPrefix(got, "where is the wha industrial park") {
		t.Errorf("question lost: %q", got[:60])
	}
	if n := utf8.RuneCountInString(got); n > maxQueryRunes {
		t.Errorf("normalised %d runes, cap is %d", n, maxQueryRunes)
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
		for _, n := range ExtractNumbers(tt.in) {
			got = append(got, n.Value)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ExtractNumbers(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func answers(en, vi, ja, ko string) investbot.Text {
	return investbot.Text{investbot.EN: en, investbot.VI: vi, investbot.JA: ja, investbot.KO: ko}
}

func TestParity(t *testing.T) {
	tests := []struct {
		name  string
		t     investbot.Text
		names []string
		want  []string // substrings of the problems, in order; nil = none
	}{
		{
			name: "equal in four languages",
			t: answers("FDI reached 15.6 billion USD in 179 projects as of 2 December 2025.",
				"Vốn FDI đạt 15,6 tỷ USD với 179 dự án, tính đến ngày 2/12/2025.",
				"FDIは179件、156億USDです（2025年12月2日現在）。",
				"FDI는 179개 프로젝트, 156억 달러입니다(2025년 12월 2일 기준)."),
		},
		{
			name: "a figure drifts in Korean",
			t:    answers("FDI reached 15.6 billion USD.", "FDI đạt 15,6 tỷ USD.", "FDIは156億USDです。", "FDI는 165억 달러입니다."),
			want: []string{`"15.6 billion" (value 15600000000) has no equal in answer.ko`, `ko "165억" (value 16500000000) has no equal in answer.en, answer.vi, answer.ja`},
		},
		{
			name: "a number in one language only",
			t:    answers("Japan is the top partner.", "Nhật Bản là đối tác hàng đầu.", "日本は第1のパートナーです。", "일본은 최대 파트너입니다."),
			want: []string{`ja "1" (value 1) has no equal in answer.en, answer.vi, answer.ko`},
		},
		{
			name:  "names and acronyms",
			t:     answers("WHA develops Phu Quy park with JETRO.", "WHA phát triển KCN Phú Quý cùng JETRO.", "WHAはフークイ（Phú Quý）を開発します。", "WHA는 푸꾸이(Phú Quý)를 JETRO와 개발합니다."),
			names: []string{"Phú Quý", "WHA"},
			want:  []string{`acronym "JETRO" (in answer.en) is missing from answer.ja`, `acronym "KCN" (in answer.vi) is missing from answer.en, answer.ja, answer.ko`},
		},
		{
			name:  "missing name",
			t:     answers("Nghi Son port.", "Cảng Nghi Sơn.", "ギソン港。", "응이선(Nghi Sơn) 항."),
			names: []string{"Nghi Sơn"},
			want:  []string{`name "Nghi Sơn" is missing from answer.ja`},
		},
		{
			name: "Latin word in Japanese only",
			t:    answers("A smart industrial park.", "Một khu công nghiệp thông minh.", "スマート（smart eco）工業団地。", "스마트 산업단지."),
			want: []string{`Latin word "smart" in answer.ja is missing from answer.vi`, `Latin word "eco" in answer.ja is missing from answer.en, answer.vi`},
		},
		{
			name:  "WHA is not found inside What and USD may be translated",
			t:     answers("What about WHA, 5 USD?", "WHA, 5 USD thì sao?", "WHA、5ドルは？", "WHA, 5달러는?"),
			names: []string{"WHA"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parity(&Entry{Answer: tt.t, Names: tt.names})
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %q, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
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
