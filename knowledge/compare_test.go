package knowledge_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// compared lists the entries a comparison laid side by side: zones in a
// table, other things as the parts of one answer.
func compared(r knowledge.Result) []string {
	var got []string
	for _, e := range r.Compare {
		got = append(got, e.ID)
	}
	for _, p := range r.Parts {
		got = append(got, p.Best.Entry.ID)
	}
	return got
}

// TestCompareSides: the sides of a comparison, in the four languages,
// whatever they are — partners named in a long sentence, figures told
// apart by their year or by "new"/"cumulative", a zone against a plan —
// each answered from its own entry.
func TestCompareSides(t *testing.T) {
	kb := mustBundledKB(t)
	partners := []string{"partner.mittelsachsen", "partner.farwaniyah"}
	targets := []string{"stat.exports-2025", "stat.targets-2030"}
	fdi := []string{"stat.fdi-2025", "stat.fdi-total"}
	cases := []struct {
		kind, q string
		want    []string
	}{
		// Partners: the year ties began, asked in one long sentence.
		{"partners", "Mittelsachsen vs Farwaniyah - which tie with Thanh Hoa began first?", partners},
		{"partners", "Mittelsachsen hay Farwaniyah, tỉnh nào kết nghĩa với Thanh Hóa lâu hơn?", partners},
		{"partners", "ミッテルザクセンとファルワニヤ、タインホアとの関係はどちらが先？", partners},
		{"partners", "미텔작센이랑 파르와니야 중 어디가 먼저 타인호아와 관계를 맺었어요?", partners},
		// Years: a year's figure against a target year's.
		{"years", "2025 exports compared with the 2030 export target", targets},
		{"years", "xuất khẩu năm 2025 so với mục tiêu năm 2030", targets},
		{"years", "2025年の輸出額と2030年の輸出目標を比べると？", targets},
		{"years", "2025년 수출액과 2030년 수출 목표 비교해 주세요", targets},
		// One subject, two figures: new against cumulative.
		{"figures", "new FDI capital in 2025 versus cumulative FDI capital", fdi},
		{"figures", "Vốn FDI đăng ký mới năm 2025 so với tổng vốn FDI lũy kế thì thế nào?", fdi},
		{"figures", "2025年の新規FDI額と累計FDI額の違いは？", fdi},
		{"figures", "2025년 신규 FDI 등록액이랑 누적 FDI 등록액을 비교해 주세요.", fdi},
		// A figure against a named zone's planned investment.
		{"figure and zone", "compare Sumitomo's planned investment and FDI registered in 2025", []string{"zone.west-thanh-hoa", "stat.fdi-2025"}},
		{"figure and zone", "so sánh vốn dự kiến của Sumitomo với vốn FDI đăng ký năm 2025", []string{"zone.west-thanh-hoa", "stat.fdi-2025"}},
		{"figure and zone", "住友の投資予定額と2025年のFDI登録額、どちらが大きい？", []string{"zone.west-thanh-hoa", "stat.fdi-2025"}},
		{"figure and zone", "2025년 FDI 신규 유치액과 스미토모 투자 예정액, 어느 쪽이 더 큰가요?", []string{"stat.fdi-2025", "zone.west-thanh-hoa"}},
	}
	for _, c := range cases {
		r := kb.Match(knowledge.Query{Text: c.q})
		if got := compared(r); !r.Answered() || !slices.Equal(got, c.want) {
			t.Errorf("%s: %q → %v (%s), want %v", c.kind, c.q, got, describe(r), c.want)
		}
	}
}

// TestCompareMarkets: two export markets are one entry's two figures,
// given by that entry, whichever the language.
func TestCompareMarkets(t *testing.T) {
	kb := mustBundledKB(t)
	for _, q := range []string{
		"Europe vs US exports, 2021-2025",
		"xuất khẩu sang châu Âu vs Mỹ 2021-2025",
		"欧州向けと米国向けの輸出額の差は？",
		"유럽 수출 vs 미국 수출 2021~2025",
	} {
		r := kb.Match(knowledge.Query{Text: q})
		if !r.Answered() || r.Best.Entry.ID != "stat.exports-us-eu" {
			t.Errorf("%q → %s, want stat.exports-us-eu", q, describe(r))
		}
	}
}

// TestCompareOneSideUnknown: when the sources never mention one side,
// the reply says so of that side and gives the other — never a figure
// for the side they lack.
func TestCompareOneSideUnknown(t *testing.T) {
	kb := mustBundledKB(t)
	for _, q := range []string{
		"Seongnam or Kawasaki - which partnership is older?",
		"Seongnam hay Kawasaki, quan hệ nào lâu hơn?",
		"城南市とカワサキ市、どちらとの関係が古い？",
		"성남이랑 Kawasaki 중 어디가 먼저 관계를 맺었어요?",
	} {
		r := kb.Match(knowledge.Query{Text: q})
		if r.Best == nil || r.Best.Entry.ID != "partner.seongnam" || !r.Partial || !strings.Contains(strings.ToLower(r.Missing), "kawasaki") && !strings.Contains(r.Missing, "カワサキ") {
			t.Errorf("%q → %s (missing %q, partial %v), want Seongnam with Kawasaki named as missing", q, describe(r), r.Missing, r.Partial)
		}
	}
}

// TestCompareNotInConversation: a short comparison inside a conversation
// leans on the conversation, not on its own halves ("up or down vs last
// year?" after the export figure).
func TestCompareNotInConversation(t *testing.T) {
	kb := mustBundledKB(t)
	first := kb.Match(knowledge.Query{Text: "exports 2025?"})
	if first.Best == nil {
		t.Fatalf("exports 2025? → %s", describe(first))
	}
	for _, q := range []string{"up or down vs last year?", "so với năm trước tăng hay giảm?", "前年と比べて増えた？", "작년이랑 비교하면?"} {
		r := kb.Match(knowledge.Query{Text: q, Context: first.Best.Entry.ID})
		if len(r.Parts) > 0 {
			t.Errorf("%q after %s → parts %v, want the conversation's entry", q, first.Best.Entry.ID, compared(r))
		}
	}
}

// TestCompareYearOneSideGiven: a comparison of two years of which the
// sources give one shows that year's entry after saying the other year's
// figures are not given.
func TestCompareYearOneSideGiven(t *testing.T) {
	kb := mustBundledKB(t)
	for _, q := range []string{"exports 2025 vs 2024?", "xuất khẩu 2025 so với 2024?", "2025年と2024年の輸出額を比べて"} {
		r := kb.Match(knowledge.Query{Text: q})
		if r.Best == nil || r.Best.Entry.ID != "stat.exports-2025" || r.Missing != "year:2024" || !r.Partial {
			t.Errorf("%q → %s (missing %q, partial %v), want the 2025 entry after 2024 named as not given", q, describe(r), r.Missing, r.Partial)
		}
	}
}
