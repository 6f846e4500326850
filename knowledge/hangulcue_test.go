package knowledge

import (
	"slices"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// A one-syllable Hangul cue word is read as a word, not as a substring:
// the filler "성" (the province) stays inside "성장률", the particle "에"
// inside "에너지", "약" (about) inside "제약"; as a word, or with a
// particle after it, it is still a cue.
func TestHangulCueWords(t *testing.T) {
	ko := cueLangs(investbot.KO)
	for _, tc := range []struct{ q, rest string }{
		{"성장율은?", "성장율"},
		{"재생에너지 쪽도 우선순위에 있나요?", "재생에너지 쪽 우선순위"},
		{"제약 쪽도 유치하려는 분야에 들어가요?", "제약 쪽 유치하려 분야 들어가"},
		{"계약이나 MOU 몇 건 성사됐는지", "계약이나 mou 성사됐는지"},
		{"성의 목표는?", "목표"},
		{"약 178ha인가요?", "178ha"},
	} {
		if got := stripCues(respell(textnorm.Normalize(tc.q)), ko); got != tc.rest {
			t.Errorf("stripCues(%q) = %q, want %q", tc.q, got, tc.rest)
		}
	}
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"얼마나 넓어요?", true},
		{"넓은가요?", true},
		{"시장을 넓히고 있대요?", false}, // 넓히다 widens; it asks no size
	} {
		if got := hasCue(textnorm.Normalize(tc.q), cues[investbot.KO].aspects[AspectSize]); got != tc.want {
			t.Errorf("size cue in %q: %v, want %v", tc.q, got, tc.want)
		}
	}
}

// An aspect whose cue stands inside a longer cue of another is not asked
// ("투자 규모" is the investment, not a size); a comparison stays beside
// what it compares ("lớn hơn" is a size compared).
func TestAspectInsideLongerCue(t *testing.T) {
	for _, tc := range []struct {
		lang investbot.Lang
		q    string
		want []Aspect
	}{
		{investbot.KO, "투자 규모는 얼마래요?", []Aspect{AspectInvestment}},
		{investbot.KO, "규모는?", []Aspect{AspectSize}},
		{investbot.VI, "cái nào quy mô lớn hơn?", []Aspect{AspectSize, AspectCompare}},
		{investbot.EN, "how big is it and how much investment capital?", []Aspect{AspectSize, AspectInvestment}},
		{investbot.JA, "面積は？", []Aspect{AspectSize}},
	} {
		if got := aspectsIn(textnorm.Normalize(tc.q), cueLangs(tc.lang)); !slices.Equal(got, tc.want) {
			t.Errorf("aspectsIn(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// "How much" is not answered by an anniversary or a rank: Korea's entry
// names the 30th anniversary of relations and no export figure.
func TestAmountNotAnAnniversary(t *testing.T) {
	kb, err := Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"How much does Thanh Hoa export to Korea?",
		"Thanh Hóa xuất khẩu sang Hàn Quốc bao nhiêu?",
		"韓国への輸出額はいくら？",
		"한국으로는 얼마나 수출해요?",
	} {
		if r := kb.Match(Query{Text: q}); r.Confident && r.Missing == "" {
			t.Errorf("%q answered by %s: the sources give no export figure for Korea", q, r.Best.Entry.ID)
		}
	}
}

// A partner's figure asked beside the list of places is the partner's own:
// the overview of the parks, a zone entry of no place, gives no count of
// Japan's projects.
func TestPartnerFigureNotTheOverview(t *testing.T) {
	kb, err := Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"일본 프로젝트 수는?", "Number of Japanese projects?", "日本のプロジェクト数は？", "Số dự án của Nhật Bản?"} {
		r := kb.Match(Query{Text: q})
		if !r.Answered() || r.Best.Entry.ID != "partner.japan" || r.Missing != "" {
			t.Errorf("%q → %+v, want partner.japan's count", q, r.Best)
		}
	}
}

// A compound of words/ko.yaml cue_compounds asks nothing its parts ask:
// "우선순위" (priority) is no rank.
func TestCueCompounds(t *testing.T) {
	kb, err := Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    string
		rank bool
	}{
		{"재생에너지 쪽도 우선순위에 있나요?", false},
		{"전국 순위는요?", true},
		{"FDI 유치 순위는?", true},
	} {
		q := kb.parse(Query{Text: tc.q})
		q.readCues()
		if got := slices.Contains(factsAsked(q), "rank"); got != tc.rank {
			t.Errorf("%q asks a rank: %v, want %v", tc.q, got, tc.rank)
		}
	}
}
