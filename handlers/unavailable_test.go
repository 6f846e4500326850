package handlers

import "testing"

func TestWithoutInstructions(t *testing.T) {
	cmds := []string{"/human", "/desk"}
	for _, c := range []struct{ in, want string }{
		{"The desk helps investors. The sources give no phone: send /human here, and it will contact you.", "The desk helps investors. The sources give no phone."},
		{"資料には電話番号の記載はありません。このチャットで /human を送信していただければ、ご連絡します。", "資料には電話番号の記載はありません。"},
		{"문의는 이 채팅에서 /human을 보내 주십시오. 재팬 데스크가 연락드립니다.", ""},
		{"Send /human. Nghi Son EZ covers 106,000 ha.", "Nghi Son EZ covers 106,000 ha."},
		{"Use /humane words.", "Use /humane words."},
		{"No command here.", "No command here."},
	} {
		if got := withoutInstructions(c.in, cmds); got != c.want {
			t.Errorf("withoutInstructions(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
	if got := withoutInstructions("Send /human.", nil); got != "Send /human." {
		t.Errorf("with the desk connected the text is kept: %q", got)
	}
}
