package knowledge

import "testing"

func TestQuestionPart(t *testing.T) {
	letter := "Dear Sir, I am the planning manager of a parts maker. We visited Vietnam last month. Could you tell me the land area of WHA phase 1? Best regards, Ken Sato"
	if got := questionPart(letter); got != "Could you tell me the land area of WHA phase 1?" {
		t.Errorf("questionPart = %q", got)
	}
	// A greeting is no question; a short request takes the sentence
	// before it, which names the topic.
	letter = "안녕하십니까. 저희는 대구에 본사를 둔 섬유 염색 및 가공 업체이며 베트남 북부에서 공장 한 곳을 운영하고 있습니다. 산업단지에 새 공장을 지을 경우의 법인세 감면 기간을 알고 싶습니다. 알려주시겠습니까? 감사합니다."
	if got := questionPart(letter); got != "산업단지에 새 공장을 지을 경우의 법인세 감면 기간을 알고 싶습니다. 알려주시겠습니까?" {
		t.Errorf("questionPart = %q", got)
	}
	if got := questionPart("short question?"); got != "" {
		t.Errorf("short message: questionPart = %q, want empty", got)
	}
}
