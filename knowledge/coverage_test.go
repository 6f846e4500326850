package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// A question that asks a specific fact (an area, a phone number, a count)
// of an entry that does not give it gets Missing set: the reply says the
// sources do not give it. An entry that gives the fact, or a question that
// asks more than the fact, is answered as before.
func TestFactCoverage(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		q, entry, missing string
	}{
		// The sources give no area for the economic zone, no phone for the desk.
		{"How big is the Nghi Son economic zone?", "zone.nghi-son-ez", "area"},
		{"What is the phone number of the Japan Desk?", "contact.japan-desk", "phone"},
		{"Japan Desk 電話番号", "contact.japan-desk", "phone"},
		{"Email của Japan Desk?", "contact.japan-desk", "email"},
		// The Korea entry says the sources give no Korean figure.
		{"How many Korean FDI projects are there?", "partner.korea", "count"},
		{"韓国からのFDI案件は何件ありますか？", "partner.korea", "count"},
		{"Có bao nhiêu dự án FDI của Hàn Quốc tại Thanh Hóa?", "partner.korea", "count"},
		// A fact asked by words alone (a rank) or a distance.
		{"PCI xếp hạng thứ mấy?", "stat.investment-climate", "rank"},
		{"ハノイからタインホアまで何キロですか？", "faq.infrastructure", "distance"},
		// "When" with a year asks a date within that year: "planned
		// for 2026" does not give it, nor a day of another year.
		{"2026年の投資促進会議の日程は？", "event.ipc-2026", "day"},
		{"hội nghị xúc tiến đầu tư 2026 tổ chức ngày nào?", "event.ipc-2026", "day"},
		{"2026 투자 촉진 회의는 언제예요?", "event.ipc-2026", "date"},
		// A year that alone tied the question to an entry (WHA began in
		// the province in 2019) does not make it the answer: the entry
		// of the topic named judges the year.
		{"What were Thanh Hoa's exports in 2019?", "stat.exports-2025", "year:2019"},
		{"2019년 FDI 유치 실적은?", "stat.fdi-total", "year:2019"},
		{"Since 2019 what has WHA done in the province?", "partner.wha", ""},
		// A country named qualifies the figure asked; a figure of the
		// year asked, not a year that dates a report; the date of the
		// completion asked; a rate the trade figures do not give.
		{"韓国のFDI累計額は？", "stat.fdi-total", "for:韓国"},
		{"한국인 관광객 수는?", "stat.tourism", "for:한국"},
		{"How many Japanese visitors came in 2025?", "stat.tourism", "year:2025"},
		{"When is WHA phase 1 going to be completed?", "zone.wha-smart-tech-1", "completion"},
		{"米国の関税率はいくら？", "stat.exports-us-eu", "price"},
		// An entry that says the sources lack the fact does not give it
		// through a look-alike word ("deep-water port" is no depth).
		{"Nghi Son 항 수심이랑 컨테이너 처리량은?", "zone.nghi-son-port", "depth"},
		{"cang nghi son sau bn met, tau bn tan vao dc", "zone.nghi-son-port", "depth"},
		// A date or a figure of one thing a list names is given only by
		// a sentence naming that thing with it.
		{"Aeon Mall khi nào khai trương?", "partner.japan-projects", "completion"},
		{"How much capital did the Nghi Son refinery cost?", "partner.japan-projects", "capital"},
		{"응이선 정유공장 투자액은?", "partner.japan-projects", "capital"},
		{"how big is the Aeon mall, floor area?", "partner.japan-projects", "area"},
		{"ギソン製油所の投資額は?", "partner.japan-projects", "capital"},
		// The company that built or owns a thing a list names is given
		// only by a sentence about that thing naming a builder; a
		// place's developer is its own.
		{"ギソン第2火力発電所（BOT）を建設したのはどの会社ですか。", "partner.japan-projects", "builder"},
		{"Nhà máy lọc hóa dầu Nghi Sơn do công ty nào xây dựng?", "partner.japan-projects", "builder"},
		{"응이선 정유 공장은 누가 지었어요?", "partner.japan-projects", "builder"},
		{"Which company is investing in West Thanh Hoa industrial park?", "zone.west-thanh-hoa", ""},
		{"Ai là cổ đông của nhà máy lọc dầu Nghi Sơn?", "partner.japan-projects", "builder"},
		{"ギソン製油所の株主構成は?", "partner.japan-projects", "builder"},
		// A signing the entry says the sources do not give: its dates
		// are of a visit, not of an agreement; a count of agreements
		// signed is a count.
		{"When was the agreement with Tula, Russia signed?", "partner.russia", "signing"},
		{"ロシア・トゥーラ州との協定締結日は?", "partner.russia", "signing"},
		{"Thỏa thuận với tỉnh Tula được ký ngày nào?", "partner.russia", "signing"},
		{"Tỉnh đã ký bao nhiêu thỏa thuận quốc tế giai đoạn 2021-2025?", "stat.international-agreements", ""},
		// "Was anything signed?" needs a signing the entry names.
		{"ベトナム・日本地方協力フォーラムで何か契約が締結されましたか", "event.vn-jp-forum-2025", "signing"},
		// A zone named, found by the zones' overview, is judged by its
		// own entry.
		{"How many hectares is Sumitomo's western industrial zone?", "zone.west-thanh-hoa", "area"},
		// A chairman is one head: a general director does not answer.
		{"WHA 회장은 누구?", "partner.wha", "chairman"},
		{"Chủ tịch tập đoàn WHA là ai?", "partner.wha", "chairman"},
		{"Chủ tịch hiệp hội dệt may Thanh Hóa là ai?", "contact.textile-association", ""},
		// Donors an entry says the sources do not give.
		{"Which donors fund the ODA projects?", "stat.oda", "builder"},
		// A place without a developer whose entry says the sources give none.
		{"Who is the developer of Thang Long Thanh Hoa industrial park?", "zone.thang-long-thanh-hoa", "builder"},
		{"탕롱 타인호아 산업단지 개발사는?", "zone.thang-long-thanh-hoa", "builder"},
		{"Who develops WHA Smart Technology phase 1?", "zone.wha-smart-tech-1", ""},
		// A figure of a named partner the statistic does not give for it.
		{"fdi han quoc vao thanh hoa tong bao nhieu von?", "stat.fdi-total", "for:Hàn Quốc"},
		{"日本のODA案件は何件ありますか？", "stat.oda", "for:日本"},
		// ... or given by the partner's own entry.
		{"how many Japanese-invested projects?", "partner.japan", ""},
		// A remark or a rephrasing beside the question asks nothing more.
		{"What's the average factory worker wage there? need it for costing", "faq.labour-training", "price"},
		{"when exactly is the 2026 conference? date?", "event.ipc-2026", "day"},
		{"Năm 2024 Thanh Hóa đón bao nhiêu khách Hàn Quốc?", "stat.tourism", "for:Hàn Quốc"},
		{"ギソン製油所の従業員数は？", "partner.japan-projects", "count"},
		// The head of the entity named, a year not stood for by a
		// period, a start of operations, a trade value.
		{"Who heads the Japan Desk in Thanh Hoa?", "contact.provincial-leadership", "head"},
		{"2025年の日本人観光客数は？", "stat.tourism", "year:2025"},
		{"When will the West Thanh Hoa industrial park be operational?", "zone.west-thanh-hoa", "completion"},
		{"쿠웨이트와의 교역액은?", "partner.farwaniyah", "amount"},
		// Given: a figure with the fact's unit, or a structured field.
		{"When is WHA Smart Technology 2 expected to break ground?", "zone.wha-smart-tech-2", ""},
		{"Mittelsachsen nước nào, kết nghĩa năm mấy", "partner.localities", ""},
		{"How big is Thanh Hoa's economy?", "stat.grdp", ""},
		{"What were Thanh Hoa's exports in 2025?", "stat.exports-2025", ""},
		// A year and a figure judged in one clause: a sentence holding the
		// 2021–2025 average growth and the 2025 economy gives no growth for
		// 2025 alone, but gives the 2025 economy.
		{"What was Thanh Hoa's GRDP growth in 2025 alone?", "stat.grdp", "year:2025"},
		{"GRDP tăng trưởng riêng năm 2025 là bao nhiêu?", "stat.grdp", "year:2025"},
		{"2025年だけのGRDP成長率は?", "stat.grdp", "year:2025"},
		{"2025년 한 해 GRDP 성장률은?", "stat.grdp", "year:2025"},
		{"How big was the economy in 2025?", "stat.grdp", ""},
		// A superlative with a word that picks one member ("which",
		// "nào", "뭐") asks how a list ranks them: a list that ranks
		// nothing does not answer; one that names the largest does, and
		// a superlative that picks nothing ("the biggest challenge") is
		// no ranking.
		{"dự án ODA lớn nhất là dự án nào?", "partner.japan-projects", "top"},
		{"Which country is the biggest investor in Thanh Hoa?", "partner.japan", ""},
		{"thách thức lớn nhất khi đầu tư ở Thanh Hóa?", "stat.investment-climate", ""},
		// More than the fact: an exemption is an incentive, not a price;
		// the bot's own data is not an office's phone number.
		{"land rent exemption", "incentive.land-rent", ""},
		{"What data do you store about me? I typed my phone number earlier, can you delete it", "incentive.personal-data", ""},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		if r.Best == nil || r.Best.Entry.ID != tt.entry || r.Missing != tt.missing {
			t.Errorf("%q → %s missing %q, want %s missing %q", tt.q, describe(r), r.Missing, tt.entry, tt.missing)
		}
	}
}

// A message that asks a fact the entry lacks and something it gives is
// answered, with the lack said (Partial).
func TestFactCoveragePartial(t *testing.T) {
	kb := mustBundledKB(t)
	r := kb.Match(knowledge.Query{Text: "技術者やワーカーの採用は容易ですか？賃金水準も知りたいです"})
	if r.Missing != "price" || !r.Partial {
		t.Errorf("→ %s missing %q partial %v, want missing price, partial", describe(r), r.Missing, r.Partial)
	}
}

// A year the question asks about that the chosen entry never mentions is
// not answered by it; a year in a letter's context is not what it asks.
func TestYearCoverage(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct{ q, missing string }{
		{"kim ngạch xuất khẩu năm 2020 của Thanh Hóa?", "year:2020"},
		{"2018年の日本人観光客数は？", "year:2018"},
		{"Are there any events in 2026?", ""},
		{"当社は2027年に工場を計画しております。日本基準の職業訓練プログラムはございますでしょうか。", ""},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		if r.Missing != tt.missing {
			t.Errorf("%q → %s missing %q, want missing %q", tt.q, describe(r), r.Missing, tt.missing)
		}
	}
}

// A short follow-up asking a fact the conversation's entry (or, for a
// topic, a related entry) gives is answered from it; one whose own words
// point elsewhere is not.
func TestFrameFact(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		first, q, want string
	}{
		{"exports", "to how many countries?", "stat.export-markets"},
		{"total FDI in Thanh Hoa", "and just in 2025?", "stat.fdi-2025"},
		{"total FDI in Thanh Hoa", "전국 순위?", "stat.fdi-total"},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.first})
		r = kb.Match(knowledge.Query{Text: tt.q, Frame: r.Frame})
		if !r.Answered() || r.Best.Entry.ID != tt.want || r.Missing != "" {
			t.Errorf("%q after %q → %s missing %q, want %s", tt.q, tt.first, describe(r), r.Missing, tt.want)
		}
	}
}
