package base_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
)

// figureEntry is one valid stat entry with a figures block; tests break
// one part of it at a time.
const figureEntry = `- id: stat.exports
  kind: stat
  title: {en: Exports, vi: Xuất khẩu, ja: 輸出, ko: 수출}
  answer:
    en: In 2025 exports were about 7.3 billion USD.
    vi: Năm 2025 xuất khẩu khoảng 7,3 tỷ USD.
    ja: 2025年の輸出額は約73億ドルでした。
    ko: 2025년 수출액은 약 73억 달러였습니다.
  examples:
    en: [exports 2025, export value, how much was exported]
    vi: [xuat khau 2025, kim ngach xuat khau, xuat khau bao nhieu]
    ja: [輸出額, 2025年の輸出, 輸出はいくら]
    ko: [수출액, 2025년 수출, 수출은 얼마]
  figures:
    - chart: CHART
      label: {en: Exports 2025, vi: Xuất khẩu 2025, ja: 2025年の輸出額, ko: 2025년 수출액}
      value: VALUE
      unit: UNIT
      period: "2025"
      source: SOURCE
  sources:
    - ref: 000_a.txt
      as_of: 2025-12-31
`

func TestFigures(t *testing.T) {
	tests := []struct {
		name                       string
		chart, value, unit, source string
		want                       string // "" means valid
	}{
		{"valid", "exports", "7.3", "usd_bn", "000_a.txt", ""},
		{"same value in millions", "exports", "7300", "usd_m", "000_a.txt", ""},
		{"value the answer does not state", "exports", "7.4", "usd_bn", "000_a.txt", "figures[0].value 7.4 usd_bn is not stated in answer.en, answer.vi, answer.ja, answer.ko"},
		{"unknown chart", "gdp", "7.3", "usd_bn", "000_a.txt", `figures[0].chart "gdp" is not one of fdi, exports, partners, targets`},
		{"unknown unit", "exports", "7.3", "eur", "000_a.txt", `figures[0].unit "eur" is not one of usd_bn, usd_m, percent, count`},
		{"source not among the entry's", "exports", "7.3", "usd_bn", "999_b.txt", `figures[0].source "999_b.txt" is not one of the entry's sources`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := strings.NewReplacer("CHART", tt.chart, "VALUE", tt.value, "UNIT", tt.unit, "SOURCE", tt.source).Replace(figureEntry)
			kb, err := base.Parse(map[string][]byte{"s.yaml": []byte(y)})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if f := kb.Entry("stat.exports").Figures; len(f) != 1 || f[0].Value == 0 {
					t.Fatalf("figures = %+v", f)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error()+problems(err), tt.want) {
				t.Fatalf("Parse error = %v, want a problem %q", problems(err), tt.want)
			}
		})
	}
}

func problems(err error) string {
	ve, ok := err.(*base.ValidationError)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, p := range ve.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}
