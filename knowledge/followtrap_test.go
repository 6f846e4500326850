package knowledge_test

import "testing"

// A member of a numbered series the sources never name (a third phase when
// they know two) is not answered by a member they do name, in any language;
// the members they name still are, and an ordinal after a yearly figure
// (no series) is left to the other steps.
func TestFollowUpMissingSeriesMember(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"en third phase":       {turns: []string{"How large is WHA Smart Technology phase 1?", "and phase 3?"}, missing: "for:phase 3"},
		"ja third phase":       {turns: []string{"WHAスマートテクノロジー第1期の面積は？", "第3期は？"}, missing: "for:第3期"},
		"vi third phase":       {turns: []string{"KCN WHA giai đoạn 1 rộng bao nhiêu?", "giai đoạn 3 thì sao?"}, missing: "for:giai đoạn 3"},
		"ko third phase":       {turns: []string{"WHA 스마트테크 1단계 면적은?", "3단계는?"}, missing: anyRefusal},
		"en second phase":      {turns: []string{"How large is WHA Smart Technology phase 1?", "and phase 2?"}, want: "zone.wha-smart-tech-2"},
		"vi second phase":      {turns: []string{"KCN WHA giai đoạn 1 rộng bao nhiêu?", "giai đoạn 2 thì sao?"}, want: "zone.wha-smart-tech-2"},
		"ordinal after a year": {turns: []string{"How many FDI projects in 2025?", "and the third one?"}, want: "stat.fdi-2025"},
	})
}

// A follow-up that names nothing and asks what the conversation's entry
// cannot answer (which country leads a ranking the entry only places one
// country in) is not answered by another entry its framing words found.
func TestFollowUpLeavesFrame(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"ja leader":   {turns: []string{"日本人観光客って2024年にどれくらい来た？", "それは何位？", "1位はどこの国？"}, missing: anyRefusal},
		"en leader":   {turns: []string{"How many Japanese tourists came in 2024?", "what rank is that?", "which country is number one?"}, missing: anyRefusal},
		"vi leader":   {turns: []string{"Năm 2024 có bao nhiêu khách Nhật?", "xếp thứ mấy?", "nước nào đứng đầu?"}, missing: anyRefusal},
		"en rank own": {turns: []string{"How many Japanese tourists came in 2024?", "what rank is that?"}, want: "stat.tourism"},
	})
}

// A year alone after an entry with no yearly figure (a partner locality)
// asks of that entry: the sources give nothing of a year it never names,
// and an entry of another subject dated that year is not the answer.
func TestFollowUpYearStaysWithEntity(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"en year never named": {turns: []string{"Tell me about Niigata and Thanh Hoa", "and what about in 2019?"}, missing: "year:2019"},
		"ko year never named": {turns: []string{"니가타현과 타인호아 관계는?", "2019년은요?"}, missing: "year:2019"},
		"ja year never named": {turns: []string{"新潟県とタインホアの関係は？", "2019年は？"}, missing: "year:2019"},
		"vi year never named": {turns: []string{"Quan hệ giữa Niigata và Thanh Hóa?", "còn năm 2019?"}, missing: "year:2019"},
		"en year named":       {turns: []string{"Tell me about Niigata and Thanh Hoa", "and in 2023?"}, want: "partner.niigata"},
	})
}

// A follow-up made of a period alone (a quarter, the year before, per
// month) asks the figure talked about for that period: refused when the
// figure's entry never names the period, in every language, rather than
// answered from another entry the period's words find.
func TestFollowUpPeriodAlone(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"en quarter":    {turns: []string{"Export value in 2025?", "and in Q1?"}, missing: "for:Q1"},
		"ko quarter":    {turns: []string{"2025년 수출액은?", "1분기는요?"}, missing: "for:1분기"},
		"vi quarter":    {turns: []string{"Kim ngạch xuất khẩu 2025?", "còn quý 1?"}, missing: "for:quý 1"},
		"en month":      {turns: []string{"Export value in 2025?", "per month?"}, missing: "for:per month"},
		"en year prior": {turns: []string{"FDI in 2025?", "and the year before?"}, missing: "for:the year before"},
	})
}

// A follow-up that carries the conversation on with a subject of its own
// that the entry found holds ("and the tourists?") changes the subject
// and is answered; the wider family (WHA's logistics zone after its second
// park) is the conversation's own.
func TestFollowUpOwnSubjectKept(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"en new subject held": {turns: []string{"Tell me about Niigata and Thanh Hoa", "and the tourists?"}, want: "stat.tourism"},
		"ko new subject held": {turns: []string{"니가타현과 타인호아 관계는?", "수출은요?"}, want: "stat.exports-2025"},
		"ja sibling zone":     {turns: []string{"WHA", "2期目は？", "物流用地は？"}, want: "zone.wha-logistics"},
	})
}
