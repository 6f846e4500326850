package knowledge

import "testing"

// TestWithoutCourtesy: the lead-ins, closings, openers and emoji a
// one-sentence question is wrapped in are cut whole, in every language; a
// message of courtesies alone, a letter, or words that only start like a
// courtesy stay as they are.
func TestWithoutCourtesy(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"sorry, since when?", "since when?"},
		{"ok, thanks. where is WHA? thank you", "where is WHA?"},
		{"so ok when is that one supposed to break ground?", "when is that one supposed to break ground?"},
		{"cho mình hỏi, tổng vốn bao nhiêu?", "tổng vốn bao nhiêu?"},
		{"cho minh hoi tong von bao nhieu", "tong von bao nhieu"},
		{"kcn wha o dau ạ", "kcn wha o dau"},
		{"vậy ông ấy làm việc với đoàn hôm nào?", "ông ấy làm việc với đoàn hôm nào?"},
		{"すみません、WHA", "WHA"},
		{"WHAの面積は？。よろしくお願いします", "WHAの面積は？"},
		{"それで、全国順位は？", "全国順位は？"},
		{"저기요, 수출", "수출"},
		{"또 일본 프로젝트 수는?", "일본 프로젝트 수는?"},
		{"WHA 면적 알려주세요 🙏", "WHA 면적"},
		{"where is WHA? 😊👍", "where is WHA?"},
		// Nothing to cut, or nothing left.
		{"thanks!", "thanks!"},
		{"ok", "ok"},
		{"あの会社の面積は？", "あの会社の面積は？"},
		{"okayama?", "okayama?"},
		// Vietnamese letters as written, and each language's own words.
		{"Số dự án của Nhật Bản?", "Số dự án của Nhật Bản?"},
		{"so sánh KKT Nghi Sơn và KCN phía Tây", "so sánh KKT Nghi Sơn và KCN phía Tây"},
		{"Da Nang airport access", "Da Nang airport access"},
		{"con bot nay dung vao viec gi", "con bot nay dung vao viec gi"},
		{"operator please", "operator please"},
		{"and the 2nd one, how many hectares?", "and the 2nd one, how many hectares?"},
		// Several sentences once cut: a letter's preamble is read elsewhere.
		{"안녕하세요, 성남시 담당입니다. 관계를 정리해 주시겠어요?", "안녕하세요, 성남시 담당입니다. 관계를 정리해 주시겠어요?"},
		{"Hi,\nwhere is WHA?", "Hi,\nwhere is WHA?"},
	}
	for _, tc := range tests {
		if got := withoutCourtesy(tc.in); got != tc.want {
			t.Errorf("withoutCourtesy(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFoldWidthAndMarks: the width a keyboard typed in and repeated marks
// change nothing a question says.
func TestFoldWidthAndMarks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"２０２４年\u3000ＦＤＩ？", "2024年 FDI?"},
		{"ﾀｲﾝﾎｱ省", "タインホア省"},
		{"WHA 2025", "WHA 2025"},
		{"どっちが古い？？", "どっちが古い?"},
		{"really!!!", "really!"},
		{"where?!", "where?"},
	}
	for _, tc := range tests {
		if got := foldMarks(foldWidth(tc.in)); got != tc.want {
			t.Errorf("foldMarks(foldWidth(%q)) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
