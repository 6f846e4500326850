package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// TestKoreanPeriodsAndFollowUps: the words a Korean question uses for a
// period or a year without its number, the follow-ups that carry a figure
// on to another year or country with nothing but a particle, and the
// questions that ask for a few members of a list rather than their count.
// want is the entry answered; "" means the reply must say the sources do
// not give it (or otherwise not answer).
func TestKoreanPeriodsAndFollowUps(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		name  string
		turns []string
		want  string
	}{
		// "this year" is the source's own year: a figure of an earlier
		// year does not answer it, one of that year does.
		{"this year, earlier figure", []string{"금년 일본인 방문객 수는 얼마나 돼요?"}, ""},
		{"this year, same year", []string{"올해 수출 실적은 얼마예요?"}, "stat.exports-2025"},
		// "N 수" asks a count, which a year the entry has no figure of refuses.
		{"count by 수", []string{"2025년 일본 여행객 수는?"}, ""},
		// two years joined by 부터/에서 are one period
		{"period by 부터", []string{"2021년부터 2025년까지 교역 총액은?"}, "stat.trade-2021-2025"},
		{"period by 에서", []string{"2021년에서 2025년 사이 수출입 총액 알려줘"}, "stat.trade-2021-2025"},
		// a year alone after a statistic of one year asks that figure
		{"year alone after a yearly figure", []string{"2025년 FDI 실적은?", "2022년 한 해는?"}, ""},
		{"year alone, 연간", []string{"2025년 수출액", "2022년 연간은요?"}, ""},
		// a particle of direction adds nothing to the follow-up
		{"to another market", []string{"미국 수출은 얼마나 돼요?", "일본으로는?"}, ""},
		// a few of a list is no count
		{"a few projects", []string{"타인호아에 있는 일본계 대형 투자 사업을 몇 가지만 꼽아 주세요"}, "partner.japan-projects"},
		// a product named among the main goods has no figure of its own
		{"listed product's figure", []string{"봉제 제품 수출 금액은 얼마나 돼요?"}, ""},
		{"market's figure stays", []string{"유럽으로 수출한 금액은 얼마예요?"}, "stat.exports-us-eu"},
		// the price of a plot is a price the sources do not give
		{"plot price", []string{"WHA 1단계", "여기 임대 가격은요?"}, ""},
		// a fact asked of nothing named, with no conversation to name it
		{"size of nothing", []string{"크기는요?"}, ""},
		{"when of nothing", []string{"언제요?"}, ""},
		// the end of the works is a completion date
		{"completion asked", []string{"WHA 1단계 공사는 언제 마무리되나요?"}, ""},
	}
	for _, tt := range tests {
		var frame *knowledge.Result
		var r knowledge.Result
		for _, q := range tt.turns {
			query := knowledge.Query{Text: q}
			if frame != nil {
				query.Frame = frame.Frame
			}
			r = kb.Match(query)
			if r.Frame != nil {
				rr := r
				frame = &rr
			}
		}
		got := ""
		if r.Answered() && r.Missing == "" {
			got = r.Best.Entry.ID
		}
		if got != tt.want {
			t.Errorf("%s: %q → %s (missing %q), want %q", tt.name, tt.turns, describe(r), r.Missing, tt.want)
		}
	}
}
