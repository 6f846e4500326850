package textnorm_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

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
