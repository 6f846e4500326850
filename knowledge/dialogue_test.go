package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// The dialogue mechanisms of issue 13, each in the four languages: who
// leads what the conversation is about, a continuation that inherits the
// fact asked, greetings around a question, where an office is, a
// follow-up that points at a related entry, and a partner's part of a
// period's figure.
func TestDialogueMechanisms(t *testing.T) {
	kb := mustBundledKB(t)
	head := knowledge.AspectHead
	convs := map[string][]turn{
		// Who leads it: the entry naming the person, even when the
		// conversation's entity is the park and the person is in a
		// related story.
		"head en": {
			{q: "WHA", want: "partner.wha"},
			{q: "who's their CEO?", want: "partner.wha", aspect: head, followUp: true},
		},
		"head vi": {
			{q: "Tập đoàn WHA", want: "partner.wha"},
			{q: "ông ấy giữ chức gì?", want: "partner.wha", aspect: head, followUp: true},
		},
		"head ja": {
			{q: "ジェトロ", want: "partner.jetro"},
			{q: "代表者は誰?", want: "partner.jetro", aspect: head, followUp: true},
		},
		"head ko": {
			{q: "스미토모", want: "zone.west-thanh-hoa"},
			{q: "성 지도자가 언제 방문했나요?", want: "event.sumitomo-visit-2023"},
			{q: "그분 직책은?", want: "event.sumitomo-visit-2023", aspect: head, followUp: true},
		},
		// Who went: the story that points at the park names them.
		"who went en": {
			{q: "Sumitomo", want: "zone.west-thanh-hoa"},
			{q: "Who went over from the province?", want: "event.sumitomo-visit-2023", aspect: head, followUp: true},
		},
		"who went vi": {
			{q: "Sumitomo", want: "zone.west-thanh-hoa"},
			{q: "ai sang?", want: "event.sumitomo-visit-2023", aspect: head, followUp: true},
		},
		"who went ja": {
			{q: "住友", want: "zone.west-thanh-hoa"},
			{q: "省からはどなたが訪問されましたか。", want: "event.sumitomo-visit-2023", aspect: head, followUp: true},
		},
		"who went ko": {
			{q: "스미토모", want: "zone.west-thanh-hoa"},
			{q: "성에서는 누가 방문했어요?", want: "event.sumitomo-visit-2023", aspect: head, followUp: true},
		},
		// An anniversary event asked after a partner is that partner's,
		// not the one retrieval finds for "event".
		"anniversary en": {
			{q: "Houaphanh", want: "partner.houaphanh"},
			{q: "what anniversary did they celebrate?", want: "partner.houaphanh", followUp: true},
		},
		"anniversary vi": {
			{q: "Hủa Phăn", want: "partner.houaphanh"},
			{q: "có sự kiện kỷ niệm gì?", want: "partner.houaphanh", followUp: true},
		},
		"anniversary ja": {
			{q: "フアパン", want: "partner.houaphanh"},
			{q: "何周年の記念行事をしましたか?", want: "partner.houaphanh"},
		},
		"anniversary ko": {
			{q: "후아판", want: "partner.houaphanh"},
			{q: "몇 주년 행사 했어요?", want: "partner.houaphanh", followUp: true},
		},
		// A continuation to a peer inherits the fact asked: Korea's
		// share after Japan's is one the sources do not give.
		"inherited fact en": {
			{q: "Cumulative FDI in Thanh Hoa?", want: "stat.fdi-total"},
			{q: "What's Japan's share?", want: "partner.japan"},
			{q: "and Korea's?", want: "partner.korea", missing: "share"},
		},
		"inherited fact vi": {
			{q: "Tỷ trọng vốn FDI của Nhật Bản là bao nhiêu phần trăm?", want: "partner.japan"},
			{q: "còn Hàn Quốc?", want: "partner.korea", followUp: true, missing: "share"},
		},
		"inherited fact ja": {
			{q: "日本のFDIシェアは？", want: "partner.japan"},
			{q: "韓国は？", want: "partner.korea", missing: "share"},
		},
		"inherited fact ko": {
			{q: "일본의 FDI 비중은?", want: "partner.japan"},
			{q: "그럼 한국은?", want: "partner.korea", missing: "share"},
		},
		// Greetings and thanks around a question ask nothing.
		"greeting en": {{q: "hi, what do you have on industrial parks?", want: "zone.overview"}},
		"greeting vi": {{q: "xin chào, khu công nghiệp", want: "zone.overview"}},
		"greeting ja": {{q: "こんにちは、工業団地について", want: "zone.overview"}},
		"greeting ko": {{q: "안녕하세요, 산업단지 정보 있어요?", want: "zone.overview"}},
		// Where an office is, is its address: not the parks shown
		// earlier, and not given.
		"office en": {
			{q: "Japan Desk", want: "contact.japan-desk"},
			{q: "where is it?", want: "contact.japan-desk", aspect: knowledge.AspectLocation, followUp: true, missing: "address"},
		},
		"office vi": {
			{q: "Japan Desk là gì?", want: "contact.japan-desk"},
			{q: "ở đâu?", want: "contact.japan-desk", aspect: knowledge.AspectLocation, followUp: true, missing: "address"},
		},
		"office ja": {
			{q: "ジャパンデスク", want: "contact.japan-desk"},
			{q: "場所はどこですか。", want: "contact.japan-desk", aspect: knowledge.AspectLocation, followUp: true, missing: "address"},
		},
		"office ko": {
			{q: "재팬 데스크", want: "contact.japan-desk"},
			{q: "위치는?", want: "contact.japan-desk", aspect: knowledge.AspectLocation, followUp: true, missing: "address"},
		},
		// A follow-up's own words, unsure alone, settle on an entry
		// related to the conversation's.
		"related en": {
			{q: "Total trade 2021-2025?", want: "stat.trade-2021-2025"},
			{q: "and to the US?", want: "stat.exports-us-eu", followUp: true},
		},
		"related vi": {
			{q: "Tổng kim ngạch xuất nhập khẩu 2021-2025?", want: "stat.trade-2021-2025"},
			{q: "còn châu Âu?", want: "stat.exports-us-eu", followUp: true},
		},
		"related ja": {
			{q: "2021〜2025年の輸出入総額は？", want: "stat.trade-2021-2025"},
			{q: "では米国向けは？", want: "stat.exports-us-eu", followUp: true},
		},
		"related ko": {
			{q: "2021~2025년 수출입 총액은?", want: "stat.trade-2021-2025"},
			{q: "미국은요?", want: "stat.exports-us-eu", followUp: true},
		},
		// A partner's part of a period's figure: the figure's sentences
		// do not name it, so the sources do not give it (the partner's
		// own entry, of other periods, is offered as the closest).
		"subset en": {
			{q: "How many new FDI projects in 2025?", want: "stat.fdi-2025"},
			{q: "of those, how many from Japan?", want: "partner.japan", followUp: true, missing: "for:Japan"},
		},
		"subset vi": {
			{q: "Năm 2025 có bao nhiêu dự án FDI mới?", want: "stat.fdi-2025"},
			{q: "trong số đó Nhật Bản bao nhiêu dự án?", want: "partner.japan", followUp: true, missing: "for:Nhật Bản"},
		},
		"subset ja": {
			{q: "2025年の新規FDIは?", want: "stat.fdi-2025"},
			{q: "そのうち日本からは何件?", want: "partner.japan", followUp: true, missing: "for:日本"},
		},
		"subset ko": {
			{q: "2025년 신규 FDI는?", want: "stat.fdi-2025"},
			{q: "그중 일본은 몇 건이에요?", want: "partner.japan", followUp: true, missing: "for:일본"},
		},
		// A statistic named with a subset word is the part of the
		// figure just given, when that figure names it.
		"part en": {
			{q: "How many investment projects did Thanh Hoa attract in 2025?", want: "stat.fdi-2025"},
			{q: "of those, FDI?", want: "stat.fdi-2025", followUp: true},
		},
		"part vi": {
			{q: "Năm 2025 Thanh Hóa thu hút bao nhiêu dự án đầu tư?", want: "stat.fdi-2025"},
			{q: "Trong đó FDI?", want: "stat.fdi-2025", followUp: true},
		},
		"part ja": {
			{q: "2025年にタインホア省が誘致した投資案件数は?", want: "stat.fdi-2025"},
			{q: "そのうちFDIは?", want: "stat.fdi-2025", followUp: true},
		},
		"part ko": {
			{q: "2025년 타인호아 투자 유치 프로젝트 수는?", want: "stat.fdi-2025"},
			{q: "그중 FDI는?", want: "stat.fdi-2025", followUp: true},
		},
		// A person's birth or age is given by no source: not the
		// event's dates.
		"birth en": {
			{q: "Who led the Thanh Hoa delegation at the Vietnam-Japan local cooperation forum?", want: "event.vn-jp-forum-2025"},
			{q: "what year was he born?", want: "event.vn-jp-forum-2025", followUp: true, missing: "birth"},
		},
		"birth vi": {
			{q: "Ai dẫn đoàn Thanh Hóa đi diễn đàn hợp tác địa phương Việt - Nhật?", want: "event.vn-jp-forum-2025"},
			{q: "Ông ấy sinh năm nào?", want: "event.vn-jp-forum-2025", followUp: true, missing: "birth"},
		},
		"birth ja": {
			{q: "日越地方協力フォーラムでタインホア省の団長は誰でしたか?", want: "event.vn-jp-forum-2025"},
			{q: "彼は何年生まれですか?", want: "event.vn-jp-forum-2025", followUp: true, missing: "birth"},
		},
		"birth ko": {
			{q: "베트남-일본 지방협력포럼에서 타인호아 대표단 단장은 누구였어요?", want: "event.vn-jp-forum-2025"},
			{q: "그분은 몇 년에 태어났어요?"},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// Follow-ups that keep the conversation's subject, each in the four
// languages: a question made of the facts it asks (the event's date and
// venue, which its entry lacks; the chairman's name), a demonstrative
// with its noun ("that association", "その団体"), who said what the last
// answer quoted, and a year alone, which asks the last figure for that
// year.
func TestFollowUpsKeepTheSubject(t *testing.T) {
	kb := mustBundledKB(t)
	head := knowledge.AspectHead
	convs := map[string][]turn{
		"facts only en":    {{q: "Investment Promotion Conference 2026", want: "event.ipc-2026"}, {q: "exact date and venue?", want: "event.ipc-2026", followUp: true, missing: "venue"}},
		"facts only vi":    {{q: "Hội nghị Xúc tiến đầu tư Thanh Hóa 2026", want: "event.ipc-2026"}, {q: "ngày nào, ở đâu?", want: "event.ipc-2026", followUp: true, missing: "day"}},
		"facts only ja":    {{q: "タインホア省投資促進会議2026", want: "event.ipc-2026"}, {q: "正確な日程と会場は？", want: "event.ipc-2026", followUp: true, missing: "venue"}},
		"facts only ko":    {{q: "타인호아 투자촉진회의 2026", want: "event.ipc-2026"}, {q: "정확한 날짜랑 장소는요?", want: "event.ipc-2026", followUp: true, missing: "venue"}},
		"name en":          {{q: "INCHAM", want: "partner.india"}, {q: "the chairman's name?", want: "partner.india", aspect: head, followUp: true}},
		"name vi":          {{q: "INCHAM", want: "partner.india"}, {q: "tên chủ tịch?", want: "partner.india", aspect: head, followUp: true}},
		"name ja":          {{q: "INCHAM", want: "partner.india"}, {q: "会長の名前は？", want: "partner.india", aspect: head, followUp: true}},
		"name ko":          {{q: "INCHAM", want: "partner.india"}, {q: "회장 이름은?", want: "partner.india", aspect: head, followUp: true}},
		"where ko":         {{q: "스미토모 공단", want: "zone.west-thanh-hoa"}, {q: "위치는 어디쯤이에요?", want: "zone.west-thanh-hoa", followUp: true}},
		"demonstrative en": {{q: "INCHAM", want: "partner.india"}, {q: "who chairs that association?", want: "partner.india", followUp: true}},
		"demonstrative vi": {{q: "INCHAM", want: "partner.india"}, {q: "chủ tịch hiệp hội đó là ai?", want: "partner.india", aspect: head, followUp: true}},
		"demonstrative ja": {{q: "INCHAM", want: "partner.india"}, {q: "その団体の会長は？", want: "partner.india", aspect: head, followUp: true}},
		"demonstrative ko": {{q: "INCHAM", want: "partner.india"}, {q: "그 협회 회장 이름은?", want: "partner.india", aspect: head, followUp: true}},
		"speaker en":       {{q: "Exports to the US and Europe 2021-2025?", want: "stat.exports-us-eu"}, {q: "who said that?", want: "contact.textile-association", aspect: head, followUp: true}},
		"speaker vi":       {{q: "Xuất khẩu sang Mỹ và châu Âu giai đoạn 2021-2025?", want: "stat.exports-us-eu"}, {q: "ai nói vậy?", want: "contact.textile-association", aspect: head, followUp: true}},
		"speaker ja":       {{q: "米国・欧州向け輸出は？", want: "stat.exports-us-eu"}, {q: "誰のコメント？", want: "contact.textile-association", aspect: head, followUp: true}},
		"speaker ko":       {{q: "미국·유럽 수출은?", want: "stat.exports-us-eu"}, {q: "누가 말했어요?", want: "contact.textile-association", aspect: head, followUp: true}},
		"year en":          {{q: "How many Japanese tourists visit Thanh Hoa?", want: "stat.tourism"}, {q: "and in 2025?", want: "stat.tourism", followUp: true, missing: "year:2025"}},
		"year vi":          {{q: "Khách du lịch Nhật đến Thanh Hóa bao nhiêu?", want: "stat.tourism"}, {q: "còn năm 2025?", want: "stat.tourism", followUp: true, missing: "year:2025"}},
		"year ja":          {{q: "日本人観光客は何人？", want: "stat.tourism"}, {q: "2025年は？", want: "stat.tourism", followUp: true, missing: "year:2025"}},
		"year ko":          {{q: "일본 관광객은 몇 명이에요?", want: "stat.tourism"}, {q: "2025년은요?", want: "stat.tourism", followUp: true, missing: "year:2025"}},
		// The year the entry gives is answered.
		"year given": {{q: "How many Japanese tourists visit Thanh Hoa?", want: "stat.tourism"}, {q: "and in 2024?", want: "stat.tourism", followUp: true}},
		// "the other one" is not the one talked about.
		"other vi": {{q: "Khu dịch vụ logistics của WHA rộng bao nhiêu?", want: "zone.wha-logistics"}, {q: "con cai kia thi sao?", notWant: "zone.wha-logistics"}},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// Words announcing a new topic drop the conversation ("話変わりますが、
// ODAは？" is ODA, not the partner talked about), and a person's own
// contact details, asked of the person the conversation is about, are
// given by no source: an office's are not the person's. Four languages.
func TestTopicChangeAndPersonContact(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"topic en":   {{q: "INCHAM", want: "partner.india"}, {q: "changing the subject: how many ODA projects?", want: "stat.oda"}},
		"topic vi":   {{q: "INCHAM", want: "partner.india"}, {q: "đổi chủ đề: ODA thì sao?", want: "stat.oda"}},
		"topic ja":   {{q: "INCHAM", want: "partner.india"}, {q: "話変わりますが、ODAは？", want: "stat.oda"}},
		"topic ko":   {{q: "INCHAM", want: "partner.india"}, {q: "그건 그렇고, ODA는요?", want: "stat.oda"}},
		"contact en": {{q: "Who is Cao Van Cuong?", want: "contact.provincial-leadership"}, {q: "what is his phone number?", want: "contact.provincial-leadership", aspect: knowledge.AspectContact, followUp: true, missing: "phone"}},
		"contact vi": {{q: "Cao Văn Cường là ai?", want: "contact.provincial-leadership"}, {q: "cho tôi xin số điện thoại của ông ấy", want: "contact.provincial-leadership", aspect: knowledge.AspectContact, followUp: true, missing: "phone"}},
		"contact ja": {{q: "Cao Văn Cườngは誰ですか？", want: "contact.provincial-leadership"}, {q: "その方の連絡先は？", want: "contact.provincial-leadership", aspect: knowledge.AspectContact, followUp: true, missing: "contact"}},
		"contact ko": {{q: "Cao Văn Cường 누구예요?", want: "contact.provincial-leadership"}, {q: "그분 연락처 알 수 있어요?", want: "contact.provincial-leadership", aspect: knowledge.AspectContact, followUp: true, missing: "contact"}},
		// An office's own contact is its entry's to give or not.
		"office contact": {{q: "Japan Desk", want: "contact.japan-desk"}, {q: "contact?", want: "contact.japan-desk", aspect: knowledge.AspectContact, followUp: true}},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// An entity named with a question about who leads it is answered from
// its entry when that entry names the person.
func TestEntityHead(t *testing.T) {
	kb := mustBundledKB(t)
	for _, q := range []string{"who was JETRO's chief representative?", "ai là trưởng đại diện JETRO?", "JETROの代表者は誰でしたか", "JETRO 대표자는 누구였어요?"} {
		if r := kb.Match(knowledge.Query{Text: q}); !r.Answered() || r.Best.Entry.ID != "partner.jetro" || r.Missing != "" {
			t.Errorf("%q → %s, want partner.jetro", q, describe(r))
		}
	}
}

// A request for a person, in any language, opens the desk; a question
// whether the bot is one does not.
func TestAsksForPersonPhrasings(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"Is there anyone who speaks Japanese I could talk to?", true},
		{"bên mình có ai nói tiếng Hàn để trao đổi thêm không?", true},
		{"cho mình gặp người phụ trách", true},
		{"二次入居企業として検討したいので、ご担当の方におつなぎいただけますか。", true},
		{"詳しいことは日本語で誰かに相談できますか", true},
		{"한국어로 상담할 수 있는 분 계세요?", true},
		{"we want to be introduced to local garment factories", true},
		{"cần người hướng dẫn cụ thể", true},
		{"can nguoi ho tro thu tuc", true},
		{"申し込みの窓口につないでください", true},
		{"進出を検討しているので、サポートをお願いしたいです", true},
		{"입주하려면 누구랑 상담해야 하나요?", true},
		{"which sectors does the province support?", false},
		{"どんなサポートがありますか", false},
		{"are you a bot?", false},
		{"How big is WHA phase 1?", false},
	}
	for _, tt := range tests {
		if got := knowledge.AsksForPerson(tt.q); got != tt.want {
			t.Errorf("AsksForPerson(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// Korean and Japanese leave out the subject the conversation gives, with
// no pronoun nor "what about" to say so (lang drops_subject): a date asked
// without a name is asked of the conversation's entity, even when the
// question's other words ("조사", survey) also stand in another entry.
// English and Vietnamese say "they", or retrieval decides: unchanged. A
// question naming another place keeps a subject of its own.
func TestSubjectLeftOut(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"survey ko":      {{q: "WHA", want: "partner.wha"}, {q: "언제부터 탄호아를 조사했어요?", want: "partner.wha", followUp: true}},
		"decided ja":     {{q: "WHA", want: "partner.wha"}, {q: "いつ進出を決めましたか？", want: "partner.wha", followUp: true}},
		"exchanges ja":   {{q: "ニイガタ", want: "partner.niigata"}, {q: "いつから交流していますか？", want: "partner.niigata", followUp: true}},
		"exchanges ko 2": {{q: "성남", want: "partner.seongnam"}, {q: "언제부터 교류했어요?", want: "partner.seongnam", followUp: true}},
		// English and Vietnamese: as before.
		"cooperated en": {{q: "Niigata", want: "partner.niigata"}, {q: "since when have they cooperated?", want: "partner.niigata", followUp: true}},
		"cooperated vi": {{q: "Niigata", want: "partner.niigata"}, {q: "hợp tác từ khi nào?", want: "partner.niigata", followUp: true}},
		// Another place, or a word no entry holds (an election), is a
		// subject of the question's own.
		"other place ko": {{q: "WHA", want: "partner.wha"}, {q: "하노이에서 언제 왔어요?", notWant: "partner.wha"}},
		"election ko":    {{q: "WHA", want: "partner.wha"}, {q: "선거는 언제?", notWant: "partner.wha"}},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// A short message that asks in words, without a question mark, and then
// adds one more thing with an "also" word ("…を教えてください。それから
// 日本人観光客数も。") asks two questions: each is answered. Four languages.
func TestAlsoAddsAPart(t *testing.T) {
	kb := mustBundledKB(t)
	for lang, text := range map[string]string{
		"en": "Please tell me the GRDP growth rate and the size of the economy. Also the number of Japanese tourists.",
		"vi": "Cho tôi biết tốc độ tăng trưởng GRDP và quy mô kinh tế. Thêm số khách du lịch Nhật nữa.",
		"ja": "GRDP成長率と経済規模を教えてください。それから日本人観光客数も。",
		"ko": "GRDP 성장률과 경제 규모를 알려주세요. 그리고 일본인 관광객 수도요.",
	} {
		t.Run(lang, func(t *testing.T) {
			r := kb.Match(knowledge.Query{Text: text})
			var got []string
			for _, p := range r.Parts {
				got = append(got, p.Best.Entry.ID)
			}
			if len(got) != 2 || got[0] != "stat.grdp" || got[1] != "stat.tourism" {
				t.Errorf("%q → parts %v, want [stat.grdp stat.tourism]", text, got)
			}
		})
	}
}

// A year alone after a figure ("and in 2019?" after the 2025 FDI count)
// asks that figure for the year: when no entry of the conversation gives
// it, the sources do not, however surely the year alone finds another
// entry (WHA came to the province in 2019). Four languages.
func TestYearAloneAfterFigure(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"en": {{q: "How many FDI projects in 2025?", want: "stat.fdi-2025"}, {q: "and in 2019?", want: "stat.fdi-2025", followUp: true, missing: "year:2019"}},
		"vi": {{q: "Năm 2025 có bao nhiêu dự án FDI?", want: "stat.fdi-2025"}, {q: "còn năm 2019?", want: "stat.fdi-2025", followUp: true, missing: "year:2019"}},
		"ja": {{q: "2025年に誘致したFDI案件は何件？", want: "stat.fdi-2025"}, {q: "2019年は？", want: "stat.fdi-2025", followUp: true, missing: "year:2019"}},
		"ko": {{q: "2025년 FDI 프로젝트 수는?", want: "stat.fdi-2025"}, {q: "2019년은요?", want: "stat.fdi-2025", followUp: true, missing: "year:2019"}},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// Another member of a numbered series picked by its number alone ("그럼
// 2단계는?") after a fact of the one before is asked as a whole when it
// does not give that fact (its entry says itself what the sources lack);
// the fact asked in so many words is still refused.
func TestOrdinalSiblingAsWhole(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"en": {{q: "How big is WHA Smart Technology phase 1?", want: "zone.wha-smart-tech-1"},
			{q: "and phase 2?", want: "zone.wha-smart-tech-2"},
			{q: "how many hectares is phase 2?", want: "zone.wha-smart-tech-2", missing: "area"}},
		"vi": {{q: "WHA giai đoạn 1 rộng bao nhiêu ha?", want: "zone.wha-smart-tech-1"},
			{q: "còn giai đoạn 2?", want: "zone.wha-smart-tech-2"}},
		"ja": {{q: "WHAスマートテクノロジー1期の面積は？", want: "zone.wha-smart-tech-1"},
			{q: "2期は？", want: "zone.wha-smart-tech-2"}},
		"ko": {{q: "WHA 1단계 면적은 얼마나 돼요?", want: "zone.wha-smart-tech-1"},
			{q: "그럼 2단계는?", want: "zone.wha-smart-tech-2"},
			{q: "2단계는 면적이 몇 헥타르예요?", want: "zone.wha-smart-tech-2", missing: "area"}},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// A short question about one entity, named or behind a pronoun, that
// retrieval ranks first but is unsure of, is answered by the entity's
// entry when a sentence of it holds one of the question's own words that
// few entries hold; a word every entry uses ("기업") does not.
func TestEntityOwnWords(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"en": {{q: "What is Niigata strong in?", want: "partner.niigata"}},
		"vi": {{q: "Niigata mạnh về lĩnh vực gì?", want: "partner.niigata"}},
		"ja": {{q: "新潟は何が強いですか？", want: "partner.niigata"}},
		"ko": {{q: "니가타는 뭐가 강해요?", want: "partner.niigata"}},
		"ko, no rare word": {
			{q: "Japan Desk가 뭐예요?", want: "contact.japan-desk"},
			{q: "한국 기업도 이용할 수 있어요?", notWant: "partner.korea"},
		},
		"en, pronoun": {
			{q: "How big is Thanh Hoa's economy?", want: "stat.grdp"},
			{q: "is that the highest in the region?", want: "stat.grdp", followUp: true},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}
