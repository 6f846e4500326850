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
