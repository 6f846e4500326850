package knowledge_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
)

// Vietnamese typed the way investors chat: without diacritics, with
// shorthand, names transcribed without their hyphens, subject-less
// follow-ups that carry the conversation on. Each mechanism is data
// (knowledge/lang/vi.yaml, knowledge/words/vi.yaml) read by the engine.
func TestVietnameseAsTyped(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		q, want, missing string
	}{
		// A message typed wholly without marks names Japan by "nhat"...
		{q: "nhat dau tu bao nhieu du an tai thanh hoa vay", want: "partner.japan"},
		// ...but "nhat" after an adjective is a superlative, never Japan.
		{q: "kcn nao rong nhat", missing: ""},
		// A hyphenated transcription is also read without its hyphens.
		{q: "quan he voi cooet bat dau tu nam nao", want: "partner.farwaniyah"},
		// Chat shorthand for a post is spelled out.
		{q: "tgd cua wha ten gi", want: "partner.wha"},
		// A word the entry holds only where it says the sources lack it,
		// in a question of eleven syllables: not answered.
		{q: "Ấn Độ có dự án nào tại Thanh Hóa chưa vậy?", want: "", missing: "dự án"},
		// Words asking a fact the entry says it does not name (its
		// donors), whatever else the question is read as asking.
		{q: "ODA của tỉnh thì nhà tài trợ nhiều nhất là ai?", want: "", missing: "nhà tài trợ"},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		got := ""
		if r.Answered() {
			got = r.Best.Entry.ID
		}
		if tt.want != "" && got != tt.want {
			t.Errorf("%q → %s, want %q", tt.q, describe(r), tt.want)
		}
		if tt.want == "" && tt.missing != "" && r.Missing != tt.missing {
			// Missing set: the reply says the sources do not give it.
			t.Errorf("%q → %s (missing %q), want missing %q", tt.q, describe(r), r.Missing, tt.missing)
		}
		if strings.HasPrefix(tt.q, "kcn") && r.Best != nil && r.Best.Entry.ID == "partner.japan" {
			t.Errorf("%q → %s: a superlative read as Japan", tt.q, describe(r))
		}
	}
}

// Follow-ups in Vietnamese that lean on the conversation: a figure of a
// country the conversation's entry never names is not given; "tổng cộng"
// asks the count the entry gives.
func TestVietnameseFollowUps(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"foreign figure": {
			{q: "Kim ngạch xuất nhập khẩu 2021-2025 của Thanh Hóa?", want: "stat.trade-2021-2025"},
			{q: "xuất sang Canada chiếm bao nhiêu?", want: "stat.trade-2021-2025", followUp: true, missing: "for:Canada"},
		},
		"which city": {
			{q: "hội nghị xúc tiến với tỉnh Niigata năm 2024", want: "event.niigata-conference-2024"},
			{q: "ở thành phố nào nhỉ?", want: "event.niigata-conference-2024", followUp: true, missing: "venue"},
		},
		// "Thanh Hóa" is one name: the question is short enough to lean on
		// the person talked about; "hôm nào" asks the day.
		"which day": {
			{q: "Đại sứ Nhật Bản ở Việt Nam tên gì?", want: "partner.japan-embassy"},
			{q: "ông ấy tiếp đoàn công tác Thanh Hóa bữa nào?", want: "partner.japan-embassy", followUp: true},
		},
		// An average yearly growth asked after a figure is that figure's.
		"average growth": {
			{q: "xuat nhap khau giai doan 2021-2025", want: "stat.trade-2021-2025"},
			{q: "con tang truong binh quan thi sao", want: "stat.trade-2021-2025", followUp: true},
		},
		// A year alone after a figure of one year asks that year's figure,
		// not an entry merely dated that year.
		"another year": {
			{q: "năm 2025 tỉnh có thêm bao nhiêu dự án FDI?", want: "stat.fdi-2025"},
			{q: "thế năm 2023?", want: "stat.fdi-2025", followUp: true, missing: "year:2023"},
		},
		"in total": {
			{q: "Vốn FDI lũy kế của tỉnh", want: "stat.fdi-total"},
			{q: "cả thảy bao nhiêu dự án?", want: "stat.fdi-total", followUp: true},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// A Vietnamese follow-up's own words are syllable pairs: "dự án mới gần
// đây" picks the sentence about the recent projects, not the first one.
func TestVietnameseOwnWordSentences(t *testing.T) {
	kb := mustBundledKB(t)
	e := kb.Entry("partner.japan-projects")
	got := strings.Join(knowledge.OwnWordSentences(e, investbot.VI, "mấy dự án mới gần đây tên là gì?"), " ")
	if !strings.Contains(got, "Thăng Long") {
		t.Errorf("own-word sentences %q, want the one naming Thăng Long", got)
	}
}

// Seeing land on the ground is something only a person arranges: asked
// for, it is handed over; asked where information is, it is not.
func TestVietnameseSiteVisitRequest(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"bọn mình muốn xem đất ở khu kinh tế Nghi Sơn, ai đưa đi được?", true},
		{"cho tôi đi thực địa khu công nghiệp Bãi Trành", true},
		{"giá đất xem ở đâu", false},
	}
	for _, tt := range tests {
		if got := knowledge.AsksForPerson(tt.q); got != tt.want {
			t.Errorf("AsksForPerson(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
