package handlers_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

func newBundledHarness(t *testing.T) *harness {
	t.Helper()
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatalf("bundled knowledge base: %v", err)
	}
	return newHarnessWith(t, 0, kb)
}

// hasEntryButton reports whether r offers the entry id as a button.
func hasEntryButton(r investbot.Reply, id string) bool {
	for data := range buttons(r) {
		if strings.HasSuffix(data, ":"+id) {
			return true
		}
	}
	return false
}

// A follow-up about one aspect is answered in a sentence or two with the
// source, offering the full entry; the frame lives in the session.
func TestFollowUpAnswersTheAspect(t *testing.T) {
	h := newBundledHarness(t)
	h.text("WHA phase 1")
	r := h.text("how big is it?")
	text := allText(r)
	if !strings.Contains(text, "178") || !strings.Contains(text, "Source") {
		t.Errorf("size follow-up without the figure or its source:\n%s", text)
	}
	if n := utf8.RuneCountInString(r.Messages[0].Text); n > 400 {
		t.Errorf("size follow-up is %d runes: the whole entry again?\n%s", n, text)
	}
	if !hasEntryButton(r, "zone.wha-smart-tech-1") {
		t.Errorf("size follow-up does not offer the full entry: %v", buttons(r))
	}
	s, err := h.store.Load(context.Background(), 7)
	if err != nil || s.Frame == nil || s.Frame.Entity != "zone.wha-smart-tech-1" || s.Frame.Aspect != "size" {
		t.Errorf("session frame = %+v (err %v), want zone.wha-smart-tech-1 / size", s.Frame, err)
	}
	r = h.text("and the second phase?")
	if text := allText(r); !strings.Contains(text, "WHA Smart Technology 2") || !strings.Contains(text, "do not give") || !strings.Contains(text, "area") {
		t.Errorf("second phase follow-up:\n%s", text)
	}
}

func TestWhatAboutInheritsTheAspect(t *testing.T) {
	h := newBundledHarness(t)
	h.text("how big is WHA?")
	text := allText(h.text("What about Sumitomo?"))
	if !strings.Contains(text, "West Thanh Hóa") || !strings.Contains(text, "do not give") || !strings.Contains(text, "area") {
		t.Errorf("what about Sumitomo:\n%s", text)
	}
}

func TestSizeAfterTaxIsNotTheTaxAgain(t *testing.T) {
	h := newBundledHarness(t)
	h.text("WHA Smart Technology 2")
	tax := h.text("What are the CIT incentives in industrial parks?")
	r := h.text("규모는?")
	if r.Meta.Intent == tax.Meta.Intent {
		t.Errorf("규모는? after a tax answer repeated %s", r.Meta.Intent)
	}
	if text := allText(r); !strings.Contains(text, "면적") {
		t.Errorf("규모는? is not about the area, or not in Korean:\n%s", text)
	}
}

func TestCompareTwoZonesWithSources(t *testing.T) {
	h := newBundledHarness(t)
	r := h.text("Compare Nghi Son EZ and WHA Smart Technology")
	text := allText(r)
	for _, want := range []string{"Nghi Sơn Economic Zone", "WHA Smart Technology Industrial Park", "Source", "178"} {
		if !strings.Contains(text, want) {
			t.Errorf("comparison lacks %q:\n%s", want, text)
		}
	}
	if !r.Meta.Answered || len(r.Meta.Sources) == 0 {
		t.Errorf("comparison meta = %+v", r.Meta)
	}
}

func TestSeveralQuestionsEachAnswered(t *testing.T) {
	h := newBundledHarness(t)
	r := h.text("How big is WHA phase 1? Who should I contact about incentives?")
	text := allText(r)
	if !strings.Contains(text, "WHA Smart Technology Industrial Park") || !strings.Contains(text, "Investment incentives") {
		t.Errorf("two questions, not two answers:\n%s", text)
	}
}

// A fact the sources do not give for the entity asked is said in one
// sentence in the question's language, unanswered, with the Japan Desk and
// the entity's full entry offered.
func TestMissingFactIsSaidUnanswered(t *testing.T) {
	tests := []struct{ q, want string }{
		{"What is the phone number of the Japan Desk?", "do not give the phone number"},
		{"Số điện thoại Ban Xúc tiến và Hỗ trợ đầu tư là gì?", "không nêu số điện thoại"},
		{"ジャパンデスクの電話番号を教えてください", "電話番号は情報源に記載がありません"},
		{"한국 기업의 FDI 프로젝트는 몇 개인가요?", "자료에 나와 있지 않습니다"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		r := h.text(tt.q)
		if r.Meta.Answered || r.Meta.Missing == "" || !strings.Contains(allText(r), tt.want) {
			t.Errorf("%q: answered %v missing %q:\n%s", tt.q, r.Meta.Answered, r.Meta.Missing, allText(r))
		}
		if !handlers.OffersDesk(r) || !hasEntryButton(r, string(r.Meta.Intent)) {
			t.Errorf("%q: no desk or full-entry offer: %v", tt.q, buttons(r))
		}
	}
}

// A request for a person, however phrased, goes to the Japan Desk, even
// when the conversation was about an office: the office must be named.
func TestPersonRequestsGoToTheDesk(t *testing.T) {
	tests := []struct{ before, q string }{
		{"What tax incentives are there?", "can I speak to an officer about incentives?"},
		{"산업무역국은 뭐 하는 곳이에요?", "담당자 연결해 주세요"},
		{"住友の工業団地について教えて", "住友の工業団地の見学を手配してもらえますか"},
		{"Ưu đãi thuế thế nào?", "tôi muốn gặp cán bộ để được tư vấn trực tiếp"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		h.text(tt.before)
		if r := h.text(tt.q); !handlers.OffersDesk(r) {
			t.Errorf("%q after %q → %s, want the desk", tt.q, tt.before, r.Meta.Intent)
		}
	}
}

// A message that asks a fact the entry lacks and something it gives is
// answered, with the lack said first; a year no entry covers, or a
// country a figure does not cover, names the closest entry.
func TestPartialAndYearReplies(t *testing.T) {
	h := newBundledHarness(t)
	r := h.text("技術者やワーカーの採用は容易ですか？賃金水準も知りたいです")
	if !r.Meta.Answered || !strings.Contains(allText(r), "情報源に記載がありません") {
		t.Errorf("partial: answered %v:\n%s", r.Meta.Answered, allText(r))
	}
	r = newBundledHarness(t).text("kim ngạch xuất khẩu năm 2020 của Thanh Hóa?")
	if r.Meta.Answered || r.Meta.Missing != "year:2020" || !strings.Contains(allText(r), "số liệu năm 2020") {
		t.Errorf("year: answered %v missing %q:\n%s", r.Meta.Answered, r.Meta.Missing, allText(r))
	}
	// A country the province's figure does not cover is named in the
	// reply, in the reply's language.
	r = newBundledHarness(t).text("한국인 관광객 수는?")
	if r.Meta.Answered || r.Meta.Missing != "for:한국" || !strings.Contains(allText(r), "한국에 대한 수치") {
		t.Errorf("qualifier: answered %v missing %q:\n%s", r.Meta.Answered, r.Meta.Missing, allText(r))
	}
}

// Follow-ups that lean on earlier turns: a comparison of the two partners
// shown ("which is older?"), the follow-up's own word picking the sentence
// ("and recent ones?"), the dates of a stage ("when does it break ground?").
func TestFollowUpsReadTheConversation(t *testing.T) {
	tests := []struct {
		turns []string
		want  []string
	}{
		{[]string{"タインホアって韓国とも協力してるの？", "じゃあ日本の自治体は？", "どっちが古い？"}, []string{"城南", "新潟"}},
		{[]string{"which Japanese projects are the big ones?", "and recent ones?"}, []string{"Aeon Mall", "Thăng Long"}},
		{[]string{"WHA Smart Technology 2", "khi nao khoi cong?"}, []string{"quý 1 năm 2026"}},
		// A partner named after a statistic of one year asks its share of
		// it, which the sources do not give.
		{[]string{"2025年のFDI", "そのうち日本は?"}, []string{"日本についての数値"}},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		var text string
		for _, q := range tt.turns {
			text = allText(h.text(q))
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%q: reply lacks %q:\n%s", tt.turns, w, text)
			}
		}
	}
}

// A request for a person that no phrase spells out (a verb of asking with
// a meeting, a visit, a call back, an introduction) offers the desk in
// every language; a question about facts that mentions a meeting or a
// contact is answered; a request naming an office is answered by it.
func TestRequestPairingOffersDesk(t *testing.T) {
	tests := []struct {
		q    string
		desk bool
	}{
		{"Could you arrange a tour of an industrial park for our team next month?", true},
		{"can someone from the province contact me?", true},
		{"工業団地を見学させていただけますか", true},
		{"折り返しお電話いただけますか", true},
		{"공단을 방문하고 싶습니다", true},
		{"성 관계자가 저한테 연락해 주실 수 있나요?", true},
		{"muon tham quan kcn", true},
		{"nhờ tỉnh liên hệ lại với tôi", true},
		{"What are the contact details of the Japan Desk?", true}, // the desk's own entry
		{"who did the delegation meet in Japan?", false},
		{"日本デスクの連絡先を教えていただけますか", true}, // the desk's own entry
		{"대표단은 누구를 만났어요?", false},
		{"đoàn đã gặp ai ở Nhật?", false},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		r := h.text(tt.q)
		// Not answering offers the desk too: a question about facts must
		// not be handed over (the desk's entry or a handoff).
		handed := r.Meta.Intent == "contact.japan-desk" || strings.HasPrefix(string(r.Meta.Intent), "handoff.")
		if tt.desk && !handlers.OffersDesk(r) || !tt.desk && handed {
			t.Errorf("%q → %s (answered %v), want desk %v", tt.q, r.Meta.Intent, r.Meta.Answered, tt.desk)
		}
	}
}

// A request for a person inside a conversation goes to the desk even when
// its own words lead the engine to an office it does not name ("a meeting
// with the provincial leaders", "面談の設定"): meetings, introductions and
// guidance are arranged by a person.
func TestRequestsInAConversationGoToTheDesk(t *testing.T) {
	tests := []struct{ before, q string }{
		{"exports to the US", "we want to be introduced to local garment factories"},
		{"GRDP Thanh Hóa tăng bao nhiêu?", "tôi muốn đặt lịch gặp lãnh đạo tỉnh để trình bày dự án"},
		{"Sumitomo", "cần người hướng dẫn cụ thể để vào KCN đó"},
		{"技能人材は確保できますか", "了解です。来月訪問するので面談の設定をお願いします"},
		{"タインホア省投資促進会議2026", "参加したいので申し込みの窓口につないでください"},
		{"自動車部品", "タインホア省への進出を検討しているので、サポートをお願いしたいです。"},
		{"WHA 스마트 테크놀로지 2", "2차 입주기업으로 들어가려면 누구랑 상담해야 하나요?"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		h.text(tt.before)
		if r := h.text(tt.q); !handlers.OffersDesk(r) {
			t.Errorf("%q after %q → %s (answered %v), want the desk", tt.q, tt.before, r.Meta.Intent, r.Meta.Answered)
		}
	}
}

// A verb of asking beside "お伺い" (to ask, to visit) reads as a request,
// but a message asking a fact the sources do not give wants to know it:
// it is told so, not handed to the desk.
func TestRequestAskingAFactIsAQuestion(t *testing.T) {
	tests := []struct{ before, q string }{
		{"技術系人材の育成について教えてください", "また、現地ワーカーの平均月給の水準もお伺いしたいそうです。"},
		{"技術系人材の育成について教えてください", "工場の電気料金についてもお伺いしたいです。"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		h.text(tt.before)
		r := h.text(tt.q)
		if handlers.OffersDesk(r) && r.Meta.Intent == "contact.japan-desk" || r.Meta.Answered {
			t.Errorf("%q after %q → %s (answered %v), want the sources said not to give it", tt.q, tt.before, r.Meta.Intent, r.Meta.Answered)
		}
	}
}

// "Where is it?" of a zone whose structured location is empty is answered
// by the sentence of its entry that places it ("west of Thanh Hóa city"),
// not by a claim that the sources do not give it. Four languages.
func TestWhereIsAnsweredFromTheEntrysWords(t *testing.T) {
	tests := []struct{ before, q, want, not string }{
		{"Sumitomo", "where is it?", "west of Thanh Hóa city", "do not give the location"},
		{"Sumitomo", "ở đâu?", "phía tây thành phố Thanh Hóa", "không nêu"},
		{"住友", "場所は？", "タインホア市の西部", "記載がありません"},
		{"스미토모 공단", "위치는 어디쯤이에요?", "타인호아시 서쪽", "나와 있지 않습니다"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		h.text(tt.before)
		text := allText(h.text(tt.q))
		if !strings.Contains(text, tt.want) || strings.Contains(text, tt.not) {
			t.Errorf("%q after %q, want %q without %q:\n%s", tt.q, tt.before, tt.want, tt.not, text)
		}
	}
}

// A "when" follow-up with words of its own is answered by the sentence
// holding them, or else a dated sentence, not the zone's stage alone:
// "when did they start talking with the province?" asks 2019, not
// "under construction".
func TestStageFollowUpPrefersTheQuestionsSentence(t *testing.T) {
	tests := []struct{ before, q, want string }{
		{"WHA", "when did they start talking with the province?", "2019"},
		{"WHA", "彼らはいつから省と協力を始めましたか?", "2019"},
		{"WHA", "언제부터 성이랑 협력하기 시작했어요?", "2019"},
		{"KCN WHA Smart Technology giai đoạn 1", "khu đó bắt đầu tìm hiểu từ khi nào?", "2019"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		h.text(tt.before)
		r := h.text(tt.q)
		if !r.Meta.Answered || !strings.Contains(allText(r), tt.want) {
			t.Errorf("%q after %q → %s, want %q in:\n%s", tt.q, tt.before, r.Meta.Intent, tt.want, allText(r))
		}
	}
}

// A message asking two things gets both answered, each under its own
// title, in every language: across a sentence that asks in words alone
// ("…は何ですか。また、…は？") and a conjunction starting the second; in a
// conversation a part without a subject of its own takes the frame's.
func TestMultiPartMessages(t *testing.T) {
	tests := []struct{ before, q, first, second string }{
		{"", "カオ・ヴァン・クオン氏の役職は何ですか。また、2021～2025年の平均GRDP成長率は？", "contact.provincial-leadership", "10.24"},
		{"", "How big is WHA phase 1? And who is the Japanese ambassador?", "zone.wha-smart-tech-1", "Ito"},
		{"", "WHA 1단계 면적은 얼마인가요? 그리고 일본 대사는 누구예요?", "zone.wha-smart-tech-1", "이토"},
		{"", "Diện tích KCN WHA giai đoạn 1 là bao nhiêu. Còn đại sứ Nhật Bản là ai?", "zone.wha-smart-tech-1", "Ito"},
		{"2021~2025년 미국 수출액은 얼마예요?", "유럽은요? 그리고 어떤 FTA를 활용하나요?", "stat.exports-us-eu", "EVFTA"},
		{"How much did Thanh Hoa export to the US in 2021-2025?", "What about Europe? And which FTAs do firms use?", "stat.exports-us-eu", "EVFTA"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		if tt.before != "" {
			h.text(tt.before)
		}
		r := h.text(tt.q)
		if string(r.Meta.Intent) != tt.first || len(r.Messages) < 2 || !strings.Contains(allText(r), tt.second) {
			t.Errorf("%q → %s in %d messages, want %s first and %q:\n%s", tt.q, r.Meta.Intent, len(r.Messages), tt.first, tt.second, allText(r))
		}
	}
}

// "What's his title?" asks of a person the conversation named: after a
// partner that names one it is that entry; after a port, which names
// nobody, an honest refusal, not the port's missing "position".
func TestPersonFollowUpNeedsAPerson(t *testing.T) {
	tests := []struct {
		before, q, want string
		answered        bool
	}{
		{"WHA", "what's his title?", "partner.wha", true},
		{"Nghi Son port", "what's his title?", "unanswered", false},
		{"Nghi Son port", "その人の役職は?", "unanswered", false},
		{"응이선 항", "그분 직책은?", "unanswered", false},
		{"Cảng Nghi Sơn", "ông ấy giữ chức gì?", "unanswered", false},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		h.text(tt.before)
		r := h.text(tt.q)
		if string(r.Meta.Intent) != tt.want || r.Meta.Answered != tt.answered || r.Meta.Missing != "" {
			t.Errorf("%q after %q → %s (answered %v, missing %q), want %s", tt.q, tt.before, r.Meta.Intent, r.Meta.Answered, r.Meta.Missing, tt.want)
		}
	}
}

// Two questions of one message about the entity talked about are one
// answer: its entry, which gives both ("who built it? and since when …").
func TestPartsOfOneEntry(t *testing.T) {
	for _, q := range []string{
		"who built it? and since when are they looking at Thanh Hoa",
		"ai xây dựng? còn bắt đầu hợp tác từ khi nào",
		"誰が開発したの？それと、いつから省と協力しているの",
		"누가 개발했어요? 그리고 언제부터 협력했어요",
	} {
		h := newBundledHarness(t)
		h.text("WHA Smart Technology phase 1")
		r := h.text(q)
		if r.Meta.Intent != "zone.wha-smart-tech-1" || !strings.Contains(allText(r), "2019") {
			t.Errorf("%q → %s, want the park's entry with 2019:\n%s", q, r.Meta.Intent, allText(r))
		}
	}
}

// A message that numbers what it asks ("(1) … and (2) …", "①…②…", "1) …
// 2) …") gets each item answered.
func TestEnumeratedParts(t *testing.T) {
	for _, q := range []string{
		"Dear team, following the forum in Quang Ninh, our board wants to understand (1) the name of the deep-water port in the province and (2) total FDI capital to date. Regards, K. Tanaka",
		"以下の2点を教えてください。①ギソン港について ②FDIの累計額",
		"다음을 알려 주세요: 1) 응이선 항 2) 누적 FDI 총액",
		"Xin cho biết: (1) cảng Nghi Sơn và (2) tổng vốn FDI lũy kế",
	} {
		h := newBundledHarness(t)
		r := h.text(q)
		if r.Meta.Intent != "zone.nghi-son-port" || len(r.Messages) < 2 || !strings.Contains(allText(r), "FDI") {
			t.Errorf("%q → %s in %d messages, want the port and the FDI total:\n%s", q, r.Meta.Intent, len(r.Messages), allText(r))
		}
	}
}

// A message of two questions of which one has an answer and the other
// none gets the answer and, after it, a sentence naming the question
// nothing answers, in every language.
func TestUnansweredPartIsSaid(t *testing.T) {
	tests := []struct{ q, want string }{
		{"Should we also visit KOTRA? And the Japan Desk?", "no sourced answer to this part"},
		{"KOTRAにも行くべき？それとジャパンデスクは？", "出典のある回答がありません"},
		{"JETRO에도 가봐야 하나? 그리고 일본 데스크는?", "출처가 있는 답변이 없습니다"},
		{"Có nên ghé JETRO không? Còn Japan Desk?", "chưa có câu trả lời có nguồn"},
	}
	for _, tt := range tests {
		h := newBundledHarness(t)
		r := h.text(tt.q)
		if r.Meta.Intent != "contact.japan-desk" || !strings.Contains(allText(r), tt.want) {
			t.Errorf("%q → %s, want the desk's entry and %q:\n%s", tt.q, r.Meta.Intent, tt.want, allText(r))
		}
	}
}

// Asking the bot to do what staff do (arrange, quote, register, check
// one's own file, call, put through) hands the conversation to the desk in
// every language; an entry the request names (a company, an office, a
// zone) is shown with the hand-over, with its sources. A question about
// how such a thing is done, or about the desk itself, keeps its answer,
// and a phone number the sources lack is an honest "not given".
func TestStaffActionsGoToTheDeskWithTheNamedEntry(t *testing.T) {
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatalf("bundled knowledge base: %v", err)
	}
	const desk, answer, refuse = "desk", "answer", "refuse"
	tests := []struct {
		q, want string
		named   string // an entry the hand-over must show, "" for none
	}{
		{"Could you send us a quotation for land in the WHA park?", desk, ""},
		{"Can I get a meeting with the investment promotion board next week?", desk, "contact.investment-board"},
		{"please put me in touch with the JETRO people", desk, "partner.jetro"},
		{"I'd like to register for the investment conference next year", desk, ""},
		{"can you check on the status of our application for the investment certificate", desk, ""},
		{"WHAの土地の見積もりをお願いできますか", desk, ""},
		{"カオ・ヴァン・クオン副主席との面談をお願いしたいです", desk, "contact.provincial-leadership"},
		{"日本語で相談できる人と話したいです", desk, ""},
		{"来年の投資促進会議に参加登録をお願いします", desk, ""},
		{"공장 부지 견적서 보내 주실 수 있나요?", desk, ""},
		{"저희 회사 신청 건 진행 상황 좀 확인해 주세요", desk, ""},
		{"JETRO 쪽 사람 좀 소개해 주세요", desk, "partner.jetro"},
		{"nhờ bạn đăng ký giúp công ty tôi tham dự hội nghị xúc tiến đầu tư", desk, ""},
		{"cho tôi liên hệ với người bên JETRO", desk, "partner.jetro"},
		{"Which parks does WHA develop?", answer, ""},
		{"WHA工業団地の面積は？", answer, ""},
		{"JETRO는 무슨 일을 해요?", answer, ""},
		{"What is JETRO's phone number?", refuse, ""},
		{"I'd like to contact WHA, what's their phone number?", refuse, ""},
		{"ジャパンデスクに連絡したいので、連絡先をください", refuse, ""},
		{"JETRO에 연락하고 싶은데 전화번호 주실 수 있나요?", refuse, ""},
		{"tôi muốn liên hệ với WHA, cho tôi xin số điện thoại", refuse, ""},
		// Nobody here books travel: out of scope, the desk offered.
		{"ホーチミンのホテルを予約してほしいです", refuse, ""},
		{"하노이 호텔 예약해 주실 수 있나요?", refuse, ""},
		{"nhờ bạn đặt giúp tôi vé máy bay đi Đà Nẵng", refuse, ""},
	}
	for _, tt := range tests {
		for _, staff := range []int64{0, -100} {
			h := newHarnessWith(t, staff, kb)
			r := h.text(tt.q)
			handedOver := strings.HasPrefix(string(r.Meta.Intent), "handoff.") || r.Meta.Answered && r.Meta.Intent == "contact.japan-desk"
			var ok bool
			switch tt.want {
			case desk:
				ok = handlers.OffersDesk(r)
			case answer:
				ok = r.Meta.Answered && !handedOver
			case refuse:
				// Not given, with the desk offered.
				ok = !r.Meta.Answered && !handedOver && handlers.OffersDesk(r)
			}
			if !ok {
				t.Errorf("staff group %d: %q → %s (answered %v), want %s", staff, tt.q, r.Meta.Intent, r.Meta.Answered, tt.want)
				continue
			}
			if tt.named == "" {
				continue
			}
			e := kb.Entry(tt.named)
			if staff == 0 && r.Meta.Intent != investbot.Intent(tt.named) {
				t.Errorf("%q → intent %s, want the entry asked about, %s, beside the desk", tt.q, r.Meta.Intent, tt.named)
			}
			if text := allText(r); !strings.Contains(text, e.Title.In(knowledge.DetectLang(tt.q))) {
				t.Errorf("staff group %d: %q → the hand-over lacks %s:\n%s", staff, tt.q, tt.named, text)
			}
			for _, s := range e.SourceRefs() {
				if !slices.Contains(r.Meta.Sources, s) {
					t.Errorf("staff group %d: %q → sources %v lack %s's %s", staff, tt.q, r.Meta.Sources, tt.named, s)
				}
			}
		}
	}
}
