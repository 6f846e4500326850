package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// A qualifier the chosen entry never names (imports, a sector) makes the
// figure asked one the sources do not give; a facility the entry never
// names (a hospital) is not answered by it; a sector named as the asker's
// own, without a figure asked of it, changes nothing.
func TestUncoveredQualifier(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		q    string
		want string // entry whose facts the reply states; "" for none
	}{
		{q: "What's the province's import target for 2030?"},
		{q: "Kim ngạch nhập khẩu 2030 mục tiêu là bao nhiêu?"},
		{q: "2030年の輸入目標は？"},
		{q: "2030년 수입 목표는?"},
		{q: "What share of exports is crude oil?"},
		{q: "Dầu thô chiếm bao nhiêu phần trăm kim ngạch xuất khẩu?"},
		{q: "輸出に占める原油の割合は？"},
		{q: "수출에서 원유 비중은?"},
		{q: "Is there a hospital with Japanese-speaking doctors?"},
		{q: "Ở Thanh Hóa có bệnh viện có bác sĩ người Nhật không?"},
		{q: "日本語が通じる病院はありますか？"},
		{q: "일본어가 통하는 병원이 있나요?"},
		{q: "Is there a Japanese school in Thanh Hoa?"},
		{q: "Thanh Hóa có trường Nhật không?"},
		{q: "タインホアに日本人学校はありますか"},
		{q: "타인호아에 일본인 학교가 있나요?"},
		// The entry names the qualifier, or the question names none.
		{q: "What was the export value in 2025?", want: "stat.exports-2025"},
		{q: "Kim ngạch xuất khẩu năm 2025 là bao nhiêu?", want: "stat.exports-2025"},
		{q: "2025年の輸出額は？", want: "stat.exports-2025"},
		{q: "2025년 수출액은?", want: "stat.exports-2025"},
		// The asker's own sector, no figure asked of it.
		{q: "we make electronic components - is our industry on the priority list?", want: "faq.priority-sectors"},
		{q: "Nghi Son EZ overview for a steel maker", want: "zone.nghi-son-ez"},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		got := ""
		if r.Answered() && r.Missing == "" {
			got = r.Best.Entry.ID
		}
		if got != tt.want {
			t.Errorf("%q → %s (missing %q), want %q", tt.q, describe(r), r.Missing, tt.want)
		}
	}
}

// A person's position asked by name is the fact of the entry that names
// them, in any language; the words asking it are no subject of their own.
func TestPositionOfPersonNamed(t *testing.T) {
	kb := mustBundledKB(t)
	for _, q := range []string{
		"What is Cao Van Cuong's position?",
		"Cao Văn Cường giữ chức vụ gì?",
		"カオ・ヴァン・クオン氏の役職は何ですか",
		"까오반끄엉의 직책은?",
	} {
		r := kb.Match(knowledge.Query{Text: q})
		if !r.Answered() || r.Missing != "" || r.Best.Entry.ID != "contact.provincial-leadership" {
			t.Errorf("%q → %s (missing %q), want contact.provincial-leadership", q, describe(r), r.Missing)
		}
	}
}

// A name with a year alone ("exports in 2025?") is the name's entry, its
// year then checked: a year the entry covers is answered, another is a
// figure the sources do not give.
func TestEntityWithYear(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct{ q, missing string }{
		{"exports in 2025?", ""},
		{"xuất khẩu 2025?", ""},
		{"2025年の輸出は？", ""},
		{"2025년 수출은?", ""},
		{"exports in 2019?", "year:2019"},
		{"xuất khẩu 2019?", "year:2019"},
		{"2019年の輸出は？", "year:2019"},
		{"2019년 수출은?", "year:2019"},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		if !r.Answered() || r.Best.Entry.ID != "stat.exports-2025" || r.Missing != tt.missing {
			t.Errorf("%q → %s (missing %q), want stat.exports-2025 missing %q", tt.q, describe(r), r.Missing, tt.missing)
		}
	}
}

// A short question whose own word the entry holds only in a sentence
// saying the sources lack it ("the sources give no JETRO office contact")
// is not answered by that entry; what the entry does state still is.
func TestDeclaredAbsentWord(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct{ q, want, missing string }{
		{"Is JETRO opening an office?", "partner.jetro", "office"},
		{"Who leads JETRO?", "partner.jetro", ""},
		{"Trưởng đại diện JETRO là ai?", "partner.jetro", ""},
		{"JETROの代表者は誰ですか？", "partner.jetro", ""},
		{"JETRO 대표는 누구예요?", "partner.jetro", ""},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		if !r.Answered() || r.Best.Entry.ID != tt.want || r.Missing != tt.missing {
			t.Errorf("%q → %s (missing %q), want %s missing %q", tt.q, describe(r), r.Missing, tt.want, tt.missing)
		}
	}
}

// A figure with its own units asked of an entity named is its own
// entry's, even in a longer question, with the examples cut to three per
// language (what an admin writes): the entity's data carries it.
func TestOwnEntryCount(t *testing.T) {
	kb := knowledge.TrimExamples(mustBundledKB(t), 3)
	for _, q := range []string{
		"How many Japanese projects are there in Thanh Hoa?",
		"Nhật Bản có bao nhiêu dự án ở Thanh Hóa?",
		"日本の案件は何件ありますか？",
		"일본 기업 프로젝트 수는?",
	} {
		r := kb.Match(knowledge.Query{Text: q})
		if !r.Answered() || r.Missing != "" || r.Best.Entry.ID != "partner.japan" {
			t.Errorf("%q → %s (missing %q), want partner.japan", q, describe(r), r.Missing)
		}
	}
}

// The amount invested asked with the place's name between the words that
// ask it is the capital, which a zone without one does not give (its
// hectares are no sum of money).
func TestCapitalAroundName(t *testing.T) {
	kb := mustBundledKB(t)
	for _, q := range []string{
		"Vốn đầu tư KCN WHA giai đoạn 1 là bao nhiêu?",
		"Vốn đầu tư dự kiến của KCN Long Duy Giang là bao nhiêu?",
		"WHA第1期の投資額はいくら？",
		"WHA 1단계 투자액은 얼마예요?",
		"What is the total investment capital of WHA phase 1?",
	} {
		r := kb.Match(knowledge.Query{Text: q})
		if !r.Answered() || r.Missing != "capital" {
			t.Errorf("%q → %s (missing %q), want the capital not given", q, describe(r), r.Missing)
		}
	}
}

// A title asked by name is not given by the same title as a deputy's:
// the Vice Chairman who led the delegation does not answer who the
// chairman is; asked as the deputy, he does.
func TestDeputyTitle(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		q     string
		given bool
	}{
		{"Who is the chairman of the Provincial People's Committee?", false},
		{"Chủ tịch UBND tỉnh Thanh Hóa hiện nay là ai?", false},
		{"タインホア省人民委員会の委員長はどなたですか。", false},
		{"성 인민위원회 위원장은 누구예요?", false},
		{"Who is the vice chairman of the Provincial People's Committee?", true},
		{"Phó Chủ tịch UBND tỉnh là ai?", true},
		{"人民委員会の副委員長は誰ですか", true},
		{"인민위원회 부위원장은 누구예요?", true},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		if !r.Answered() || r.Best.Entry.ID != "contact.provincial-leadership" || (r.Missing == "") != tt.given {
			t.Errorf("%q → %s (missing %q), want the leadership entry, given %v", tt.q, describe(r), r.Missing, tt.given)
		}
	}
}
