package knowledge_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// trapCase is a conversation whose last turn is judged: refused with the
// fact the sources lack (missing, a prefix of Missing), or answered from
// entry want with nothing missing.
type trapCase struct {
	turns   []string
	missing string // refused: the fact not given, "" when answered
	want    string // answered: the entry
}

// playTrap plays every turn of c, carrying the frame, and returns the
// last result.
func playTrap(kb *knowledge.KB, c trapCase) knowledge.Result {
	var r knowledge.Result
	for i, q := range c.turns {
		qq := knowledge.Query{Text: q}
		if i > 0 {
			qq.Frame = r.Frame
		}
		r = kb.Match(qq)
	}
	return r
}

// anyRefusal is a trapCase's missing when the refusal may come from any
// step (a low confidence, another fact the sources lack).
const anyRefusal = "*"

func runTraps(t *testing.T, cases map[string]trapCase) {
	t.Helper()
	kb := mustBundledKB(t)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := playTrap(kb, c)
			last := c.turns[len(c.turns)-1]
			refused := !r.Answered() || r.Missing != ""
			switch {
			case c.missing == anyRefusal && !refused:
				t.Errorf("%q → %s, want refused", last, describe(r))
			case c.missing != "" && c.missing != anyRefusal && (!refused || !strings.HasPrefix(r.Missing, c.missing)):
				t.Errorf("%q → %s missing %q, want refused, missing %q", last, describe(r), r.Missing, c.missing)
			case c.missing == "" && (refused || r.Best.Entry.ID != c.want):
				t.Errorf("%q → %s missing %q, want %s answered", last, describe(r), r.Missing, c.want)
			}
		})
	}
}

// A contact detail, a phone number or a price asked is not answered by an
// entry that gives another fact asked (the person's title), and a fact
// other than a quantity that the entry says it lacks is not given by the
// date an article was published.
func TestDecisiveMissing(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"phone beside a title vi": {turns: []string{"cho xin số điện thoại của phó chủ tịch Cao Văn Cường"}, missing: "phone"},
		"phone beside a title en": {turns: []string{"phone number of vice chairman Cao Van Cuong?"}, missing: "phone"},
		"phone beside a title ja": {turns: []string{"カオ・ヴァン・クオン副委員長の電話番号は？"}, missing: "phone"},
		"phone beside a title ko": {turns: []string{"까오반끄엉 부위원장 전화번호 알려줘요"}, missing: "phone"},
		"date and venue en":       {turns: []string{"Niigata investment conference 2024", "exact date and venue?"}, missing: "venue"},
		"date and venue vi":       {turns: []string{"Hội nghị xúc tiến đầu tư với Niigata năm 2024", "ngày chính xác và địa điểm tổ chức?"}, missing: "venue"},
		"date and venue ja":       {turns: []string{"2024年の新潟との投資促進会議", "正確な日付と会場は？"}, missing: "venue"},
		"date and venue ko":       {turns: []string{"2024년 니가타 투자 촉진 회의", "정확한 날짜와 개최 장소는?"}, missing: "venue"},
	})
}

// A quantifier before a fact's unit asks that fact, and a percent sign
// with no number before it asks a share.
func TestUnitAsks(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"barrels ko": {turns: []string{"응이선 정유공장의 하루 정제 능력은 몇 배럴인가요?"}, missing: "capacity"},
		"barrels en": {turns: []string{"How many barrels a day does the Nghi Son refinery process?"}, missing: "capacity"},
		"barrels ja": {turns: []string{"ギソン製油所は1日何バレルを処理しますか？"}, missing: anyRefusal},
		"barrels vi": {turns: []string{"Nhà máy lọc hóa dầu Nghi Sơn lọc bao nhiêu thùng mỗi ngày?"}, missing: "capacity"},
		"percent ko": {turns: []string{"한-베 FTA 활용률은 몇 %예요?"}, missing: "share"},
		"percent en": {turns: []string{"What % of exporters use the FTAs?"}, missing: "share"},
		"percent ja": {turns: []string{"FTAの活用率は何%ですか？"}, missing: anyRefusal},
		"percent vi": {turns: []string{"Tỷ lệ tận dụng FTA là bao nhiêu %?"}, missing: "share"},
		// A unit two facts share asks neither by itself; the share
		// itself is still given.
		"share given vi": {turns: []string{"Tỷ trọng vốn FDI của Nhật Bản là bao nhiêu phần trăm?"}, want: "partner.japan"},
	})
}

// Contact details asked (not a phone alone) are given by no entry but by
// its digits: the reply says so, whoever they are asked of.
func TestContactDetails(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"of an office ko": {turns: []string{"JETRO 하노이 사무소 연락처 알려줘요"}, missing: "contact"},
		"of an office en": {turns: []string{"contact details of the JETRO Hanoi office?"}, missing: "contact"},
		"of an office ja": {turns: []string{"JETROハノイ事務所の連絡先は？"}, missing: "contact"},
		"of an office vi": {turns: []string{"thông tin liên hệ của văn phòng JETRO Hà Nội?"}, missing: "contact"},
		"of a person ko":  {turns: []string{"Cao Văn Cường 누구예요?", "그분 연락처 알 수 있어요?"}, missing: "contact"},
		"of a person en":  {turns: []string{"Who is Cao Van Cuong?", "his contact details?"}, missing: "contact"},
		"of a person ja":  {turns: []string{"カオ・ヴァン・クオンは誰ですか？", "その方の連絡先は？"}, missing: "contact"},
		"of a person vi":  {turns: []string{"Cao Văn Cường là ai?", "thông tin liên hệ của ông ấy?"}, missing: "contact"},
	})
}

// Where an event is held is its venue: an event whose sources give none
// does not answer "where?".
func TestEventVenue(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"vi": {turns: []string{"Hội nghị Xúc tiến đầu tư Thanh Hóa 2026", "ngày nào, ở đâu?"}, missing: "day"},
		"en": {turns: []string{"Thanh Hoa Investment Promotion Conference 2026", "where will it be?"}, missing: "venue"},
		"ja": {turns: []string{"タインホア投資促進会議2026", "どこで開催されますか？"}, missing: "venue"},
		"ko": {turns: []string{"타인호아 투자촉진회의 2026", "어디서 열려요?"}, missing: "venue"},
	})
}

// A figure asked of entities that the entry names only where it says the
// sources lack something is not given by its other figures.
func TestFigureDeclaredAbsent(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"ja":         {turns: []string{"韓国企業のタインホアへのFDI登録額はいくらですか？"}, missing: "amount"},
		"en":         {turns: []string{"How much Korean FDI capital is registered in Thanh Hoa?"}, missing: anyRefusal},
		"vi":         {turns: []string{"Vốn FDI của Hàn Quốc vào Thanh Hóa là bao nhiêu?"}, missing: "capital"},
		"ko":         {turns: []string{"한국 FDI 금액은 얼마예요?"}, missing: "capital"},
		"given ja":   {turns: []string{"日本のFDIシェアは？"}, want: "partner.japan"},
		"given en":   {turns: []string{"How many Japanese projects are there in Thanh Hoa?"}, want: "partner.japan"},
		"russia amt": {turns: []string{"ロシアからのFDI額は？"}, missing: "amount"},
	})
}

// A year alone after a fact asks that fact of the year: a rank reported
// for 2024 does not answer "and in 2025?".
func TestYearOfFrameFact(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"en": {turns: []string{"How many Japanese tourists visit Thanh Hoa?", "rank among foreign visitors?", "and in 2025?"}, missing: "year:2025"},
		"vi": {turns: []string{"Khách du lịch Nhật Bản đến Thanh Hóa bao nhiêu?", "xếp hạng thứ mấy trong khách quốc tế?", "còn năm 2025?"}, missing: anyRefusal},
		"ja": {turns: []string{"タインホアを訪れる日本人観光客は何人？", "外国人客の中で何位？", "2025年は？"}, missing: "year:2025"},
		"ko": {turns: []string{"타인호아 일본인 관광객 수는?", "외국인 관광객 중 몇 위예요?", "2025년은요?"}, missing: "year:2025"},
	})
}

// A comparison with a place no answering entry names is not answered by
// Thanh Hóa's own strengths nor by two of its parks.
func TestComparedElsewhere(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"en": {turns: []string{"how does thanh hoa compare with nghe an for FDI?"}, missing: "name:"},
		"vi": {turns: []string{"So sánh Thanh Hóa với Nghệ An về thu hút FDI?"}, missing: anyRefusal},
		"ja": {turns: []string{"タインホアとゲアンを比較するとどちらが良いですか？"}, missing: anyRefusal},
		"ko": {turns: []string{"WHA 1단계", "응에안이랑 비교하면 어디가 나아요?"}, missing: "name:"},
	})
}

// A figure asked of a part of the figure just given needs a sentence with
// a number beside that part.
func TestPartNotGiven(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"ja": {turns: []string{"輸出企業の数は？", "そのうち日系は何社？"}, missing: anyRefusal},
		"en": {turns: []string{"how many exporting companies are there?", "of those, how many are foreign-owned?"}, missing: anyRefusal},
		"vi": {turns: []string{"có bao nhiêu doanh nghiệp xuất khẩu?", "trong số đó bao nhiêu doanh nghiệp logistics?"}, missing: anyRefusal},
		"ko": {turns: []string{"수출 기업은 몇 개예요?", "그중 외국계 기업은 몇 개?"}, missing: anyRefusal},
	})
}

// Company names asked are given only by an entry that names a company (a
// developer, a Corporation, a Mall).
func TestCompanyNames(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"none vi":   {turns: []string{"cty duoc an do nao da dang ky du an o thanh hoa roi, ten cty la gi"}, missing: "company"},
		"none ko":   {turns: []string{"인도 제약회사 이름 하나만 알려줘"}, missing: "company"},
		"none ja":   {turns: []string{"インドの製薬会社の会社名を教えてください"}, missing: "company"},
		"none en":   {turns: []string{"INCHAM", "company names?"}, missing: "company"},
		"a list vi": {turns: []string{"Các dự án lớn của Nhật Bản tại Thanh Hóa là của những công ty nào? tên công ty?"}, want: "partner.japan-projects"},
		"field en":  {turns: []string{"which company develops WHA phase 1?"}, want: "zone.wha-smart-tech-1"},
	})
}

// A name no entry mentions is the subject the sources say nothing about,
// also at the start of a Vietnamese sentence, where a word that is no
// syllable is a name; a Vietnamese word there is not.
func TestNameAtSentenceStart(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"vi":       {turns: []string{"Samsung có nhà máy ở Thanh Hóa không, vốn bao nhiêu?"}, missing: "name:Samsung"},
		"en":       {turns: []string{"Does Samsung have a plant in Thanh Hoa, and how much capital?"}, missing: anyRefusal},
		"ja":       {turns: []string{"Samsungはタインホアに工場がありますか？投資額は？"}, missing: "name:Samsung"},
		"ko":       {turns: []string{"Samsung 타인호아 공장 있어요? 투자 금액은?"}, missing: "name:Samsung"},
		"vi known": {turns: []string{"Khu kinh tế Nghi Sơn ở đâu?"}, want: "zone.nghi-son-ez"},
	})
}
