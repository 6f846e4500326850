package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// lexiconEntries are two entries without examples, as an admin's first
// draft might be: only their answers say what they are about.
func lexiconEntries() []*base.Entry {
	return []*base.Entry{
		{ID: "stat.share", Kind: base.KindStat,
			Title: investbot.Text{investbot.EN: "Investors", investbot.VI: "Nhà đầu tư", investbot.JA: "投資家", investbot.KO: "투자자"},
			Answer: investbot.Text{
				investbot.EN: "Japan holds the largest proportion of registered capital.",
				investbot.VI: "Nhật Bản chiếm tỷ trọng vốn đăng ký lớn nhất.",
				investbot.JA: "登録資本に占める割合は日本が最大です。",
				investbot.KO: "등록 자본 비중은 일본이 가장 큽니다.",
			}},
		{ID: "stat.exports", Kind: base.KindStat,
			Title: investbot.Text{investbot.EN: "Exports", investbot.VI: "Xuất khẩu", investbot.JA: "輸出", investbot.KO: "수출"},
			Answer: investbot.Text{
				investbot.EN: "Exports reached 7.3 billion USD in 2025.",
				investbot.VI: "Kim ngạch xuất khẩu đạt 7,3 tỷ USD năm 2025.",
				investbot.JA: "2025年の輸出額は73億ドルでした。",
				investbot.KO: "2025년 수출액은 73억 달러였습니다.",
			}},
	}
}

// A question that asks with a synonym the entry never writes ("percentage"
// of an answer saying "proportion") finds the entry, and the synonym counts
// as covered: the words/*.yaml lexicon stands in for the examples only the
// bundled base has.
func TestLexiconSynonymsCover(t *testing.T) {
	ix := newIndex(lexiconEntries())
	tests := []struct {
		lang       investbot.Lang
		q, without string // the question, and it with the synonym made unknown
	}{
		{investbot.EN, "Japan percentage?", "Japan zorblat?"},
		{investbot.VI, "Nhật Bản tỷ lệ?", "Nhật Bản xoan xoét?"},
		{investbot.JA, "日本の比率は？", "日本のヌラリは？"},
		{investbot.KO, "일본 비율은?", "일본 뭉캉은?"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			got, without := topCover(t, ix, tt.lang, tt.q, 0), topCover(t, ix, tt.lang, tt.without, -1)
			if got <= without {
				t.Errorf("search(%q) covers %.2f, no more than %q (%.2f): the synonym is not credited", tt.q, got, tt.without, without)
			}
		})
	}
}

// A long message's background names concepts too ("our customers in
// Europe"); only the words of its question sentences are expanded.
func TestLexiconExpandsOnlyTheFocus(t *testing.T) {
	ix := newIndex(lexiconEntries())
	tests := []struct {
		lang        investbot.Lang
		text, focus string
	}{
		{investbot.EN, "We sell mostly to Japan, a large percentage of our output. How much did the province export?", "How much did the province export?"},
		{investbot.VI, "Chúng tôi bán chủ yếu sang Nhật Bản, tỷ lệ lớn. Tỉnh xuất khẩu bao nhiêu?", "Tỉnh xuất khẩu bao nhiêu?"},
		{investbot.JA, "当社は日本向けの比率が高いです。省の輸出額は？", "省の輸出額は？"},
		{investbot.KO, "저희는 일본 비율이 높습니다. 성의 수출액은?", "성의 수출액은?"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			for _, focus := range []string{"", tt.focus} {
				s := ix.getScratch()
				var rv retrieval
				ix.readTerms(s, &rv, textnorm.Normalize(tt.text), textnorm.Normalize(focus), tt.lang == investbot.VI)
				ix.expand(s)
				share := false
				for _, q := range s.terms {
					if !q.expanded {
						continue
					}
					for _, p := range ix.postings[q.id] {
						share = share || ix.docEntry[p.doc] == 0
					}
				}
				ix.putScratch(s)
				if want := focus == ""; share != want {
					t.Errorf("focus %q: the background's synonyms searched = %v, want %v", focus, share, want)
				}
			}
		})
	}
}

// How a question asks — a count, a comparison — is no part of what it is
// about: an answer never writes "vs" or "몇개", so such words do not count
// against the coverage of an entry that has no example holding them.
func TestAskFormsDoNotCount(t *testing.T) {
	ix := newIndex(lexiconEntries())
	tests := []struct {
		lang    investbot.Lang
		q, bare string // the question, and its subject alone
	}{
		{investbot.EN, "exports vs 2025, which bigger?", "exports 2025"},
		// Vietnamese "so", "với", "hơn" are stop syllables; the pair "so_với" must
		// not count either.
		{investbot.VI, "xuất khẩu năm 2025 so với", "xuất khẩu năm 2025"},
		{investbot.JA, "輸出は何社", "輸出は"},
		{investbot.KO, "수출 몇개", "수출"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			got, bare := topCover(t, ix, tt.lang, tt.q, 1), topCover(t, ix, tt.lang, tt.bare, -1)
			if got < bare-0.01 {
				t.Errorf("search(%q) covers %.2f, less than its subject alone %q (%.2f)", tt.q, got, tt.bare, bare)
			}
		})
	}
}

// topCover searches q as a question in lang and returns how much of it
// the top entry covers; the top entry must be entry want unless want < 0.
func topCover(t *testing.T, ix *index, lang investbot.Lang, q string, want int32) float32 {
	t.Helper()
	got := ix.search(textnorm.Normalize(q), lang == investbot.VI)
	if got.ntop == 0 || want >= 0 && got.top[0].entry != want {
		t.Fatalf("search(%q): top %+v, want entry %d first", q, got.top[:got.ntop], want)
	}
	return got.top[0].cover
}
