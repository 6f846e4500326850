package textnorm

import (
	"testing"
)

// TestNumberWords: the number words of scales.yaml read in every language
// (a scale after a Latin number, marked or not; a CJK scale character; an
// English month), and a broken file is refused with its reason.
func TestNumberWords(t *testing.T) {
	tests := []struct {
		lang, in string
		want     float64
	}{
		{"en", "15.6 billion", 15.6e9},
		{"en", "May", 5},
		{"vi", "15,6 tỷ", 15.6e9},
		{"vi", "15,6 ty", 15.6e9},
		{"vi", "437 triệu", 437e6},
		{"ja", "156億", 156e8},
		{"ja", "１５６億", 156e8}, // full-width digits
		{"ko", "4억 3,700만", 4.37e8},
		{"ko", "156억", 156e8},
	}
	for _, tt := range tests {
		got := ExtractNumbers(tt.in)
		if len(got) == 0 || RoundSig(got[0].Value) != RoundSig(tt.want) {
			t.Errorf("%s: ExtractNumbers(%q) = %v, want %v first", tt.lang, tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{
		"cjk_scales: {ja: {億円: 1e8}}\nlatin_scales: {en: {bn: 1e9}}\nmonths: {en: {May: 5}}",
		"latin_scales: {en: {bn: 1e9}}\nmonths: {en: {May: 5}}",
		"latin_scales: [",
	} {
		if _, err := parseNumberWords([]byte(bad)); err == nil {
			t.Errorf("parseNumberWords(%q) accepted", bad)
		}
	}
}
