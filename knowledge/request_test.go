package knowledge

import "testing"

// A request for a person is a verb of asking with a thing only a person
// gives, in any phrasing; a question about facts that names a meeting,
// a visit or a contact is not one.
func TestRequestVerbsTimesObjects(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		// English
		{"I'd like to meet someone from the investment board next week", true},
		{"Could you arrange a site visit to Nghi Son for our team?", true},
		{"can someone from the province contact me?", true},
		{"we want to visit the WHA zone in March", true},
		{"please have someone call me back", true},
		{"could you introduce us to the right department?", true},
		{"We need help to invest in Thanh Hoa, who should we see?", true},
		{"is it possible to schedule a meeting with the department?", true},
		{"who did the delegation meet?", false},
		{"what are the contact details of the Japan Desk?", false},
		{"can you give me the contact details of the Japan Desk?", false},
		{"when was the meeting in Tokyo?", false},
		{"can you tell me about the meeting with JETRO?", false},
		{"where can I visit in Thanh Hoa?", false},
		{"how many visitors came in 2025?", false},
		{"Is there someone I can call?", true},
		{"We'd love to tour the WHA park when we're in Vietnam", true},
		{"Could your staff show us around Nghi Son?", true},
		{"Have someone get back to me please", true},
		{"Who can I talk to about leasing land?", true},
		{"who should I contact?", false}, // the offices, not a hand-over
		{"I want to set up a factory here, who do I talk to?", true},
		{"Is there a person I could speak with?", true},
		// Japanese
		{"工業団地を見学させていただけますか", true},
		{"投資について省の方をご紹介いただけますか", true},
		{"省の方からご連絡いただけますか", true},
		{"来月、面談をお願いしたいです", true},
		{"現地を訪問したいのですが", true},
		{"折り返しお電話いただけますか", true},
		{"工場用地の現地視察を希望します", true},
		{"一度お伺いしてお話を伺いたいのですが", true},
		{"代表団は誰と会いましたか", false},
		{"西タインホア工業団地に入居したい場合、誰に相談すればいい？", false},
		{"日本デスクの連絡先を教えていただけますか", false},
		{"担当者の名前を教えてください", false},
		{"会議はいつ開催されましたか", false},
		{"どんな支援をしていただけますか", false},
		// Korean
		{"투자 담당자를 만나고 싶어요", true},
		{"공단을 방문하고 싶습니다", true},
		{"성 관계자가 저한테 연락해 주실 수 있나요?", true},
		{"현장 견학 가능할까요?", true},
		{"한국어 가능한 분 소개해 주세요", true},
		{"다음 달에 방문할 예정인데 만날 수 있을까요?", true},
		{"공단 담당자분 연락처 좀 주실 수 있나요? 직접 통화하고 싶어요", true},
		{"공단 담당자분 연락처 좀 주실 수 있나요?", false},
		{"대표단은 누구를 만났어요?", false},
		{"일본 데스크 연락처 알려 주세요", false},
		{"방문객이 몇 명이었어요?", false},
		{"어디를 방문할 수 있어요?", false},
		// Vietnamese, with and without diacritics
		{"cho toi gap can bo phu trach", true},
		{"muon tham quan kcn WHA", true},
		{"tôi muốn đến thăm khu kinh tế Nghi Sơn", true},
		{"nhờ tỉnh liên hệ lại với tôi", true},
		{"xin giới thiệu giúp tôi người phụ trách", true},
		{"toi can tu van dau tu truc tiep", true},
		{"tháng sau tôi sang Thanh Hóa, gặp nhau được không?", true},
		{"đoàn đã gặp ai ở Nhật?", false},
		{"thông tin liên hệ của Japan Desk là gì?", false},
		{"chuyến thăm diễn ra khi nào?", false},
		{"tôi có thể gặp ai?", false},
	}
	for _, tt := range tests {
		if got := AsksForPerson(tt.q); got != tt.want {
			t.Errorf("AsksForPerson(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// Asking the bot to do what only staff can do — arrange, quote, register,
// check one's own file, call, put through — is a request for a person in
// every language, however it is phrased; asking how such a thing is done,
// or a fact that merely names it, is not.
func TestRequestsForWhatOnlyStaffCanDo(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		// English
		{"Could you send us a quotation for 3 ha in the Nghi Son zone?", true},
		{"we are looking for a price offer on a ready-built factory", true},
		{"please sign us up for the investment conference in Thanh Hoa", true},
		{"I'd like to register for the promotion forum next spring", true},
		{"can you check on the status of our application for the investment certificate", true},
		{"could somebody look into my application, it has been two months", true},
		{"representative please", true},
		{"We'd rather go over the lease terms with a person", true},
		{"Could a member of staff give us a call on Monday?", true},
		{"the conference, we want to attend the opening session. who organises it?", true},
		{"Could you pass my details to the Sumitomo team?", true},
		{"Can you arrange an interview with the vice chairman for our magazine?", true},
		{"What did the vice chairman discuss with the JETRO representative?", false},
		{"How do I register a company in Thanh Hoa?", false},
		{"What is the registration fee for the conference?", false},
		{"what is the registered capital of FDI projects?", false},
		{"can you tell me the status of the WHA phase 2 project?", false},
		{"Which companies will attend the conference?", false},
		{"what does the Japan Desk do?", false},
		{"is there a contact for JETRO?", false},
		{"how many human resources does the zone have?", false},
		// Japanese
		{"ニソン経済区の土地について見積もりをいただけますか", true},
		{"工場用地のお見積りをお願いしたいのですが", true},
		{"来年の投資促進会議に参加登録をお願いできますか", true},
		{"当社の申請状況を確認していただけますか", true},
		{"現地視察のアレンジをお願いします", true},
		{"担当部署をご紹介いただきたく存じます", true},
		{"住友の方と直接お話ししたいのですが", true},
		{"住友は誰と会談しましたか", false},
		{"会社の登録方法を教えてください", false},
		{"投資促進会議の参加企業を教えてください", false},
		{"FDIの登録資本はいくらですか", false},
		{"ジャパンデスクは何をしているところですか", false},
		// Korean
		{"공장 부지 견적서 보내 주실 수 있나요?", true},
		{"다음 투자 설명회에 참가 신청하고 싶어요", true},
		{"저희 회사 신청 건 진행 상황 좀 확인해 주세요", true},
		{"실제 사람이랑 상담하고 싶습니다", true},
		{"현장 방문 일정 좀 잡아 주실 수 있어요?", true},
		{"스미토모 쪽 사람 좀 소개해 주세요", true},
		{"스미토모는 누구를 만났어요?", false},
		{"회사 등록은 어떻게 하나요?", false},
		{"투자 설명회 참가 기업 알려 주세요", false},
		{"등록 자본은 얼마예요?", false},
		{"일본 데스크는 무슨 일을 하나요?", false},
		// someone who would do it; a review made for the asker
		{"회의 자료 원본을 메일로 보내주실 분 계신가요?", true},
		{"공장 인허가 서류 챙겨 줄 사람 있을까요?", true},
		{"저희 조건에 맞는 부지를 검토해 주실 수 있는지요?", true},
		{"저희도 진출을 검토 중인데 법인세 감면 기간은 몇 년인가요?", false},
		// Vietnamese, with and without diacritics
		{"bạn gửi giúp mình bảng báo giá thuê xưởng nhé", true},
		{"nhờ đăng ký cho công ty tôi tham dự hội nghị", true},
		{"kiểm tra giúp tôi tình trạng hồ sơ xin giấy chứng nhận đầu tư", true},
		{"cho minh gap nguoi phu trach ben KCN", true},
		{"tôi muốn tham dự hội nghị xúc tiến, ai là đầu mối?", true},
		{"Mình chuyển email khách gửi, nhờ bạn xem giúp:", false},
		{"Sumitomo đã gặp ai ở Thanh Hóa?", false},
		{"làm thế nào để đăng ký thành lập doanh nghiệp?", false},
		{"vốn đăng ký FDI năm 2025 là bao nhiêu?", false},
		{"hội nghị xúc tiến đầu tư diễn ra khi nào?", false},
		{"Japan Desk làm những gì?", false},
	}
	for _, tt := range tests {
		if got := AsksForPerson(tt.q); got != tt.want {
			t.Errorf("AsksForPerson(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
