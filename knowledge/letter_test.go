package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// TestForwardedLetters: e-mails pasted with their envelope (headers, a
// forward marker) and the sender's own note after the forwarded message
// are answered from the note, or honestly refused when the sources lack
// what it asks; written for session 8 from the seeds, not from a set.
func TestForwardedLetters(t *testing.T) {
	kb := mustBundled(t)
	tests := []struct {
		name, q, want string
		answered      bool
	}{
		{"en-fwd-note", "---------- Forwarded message ---------\nFrom: Hiroshi Sato <h.sato@example.jp>\nDate: Tue, 2 Dec 2025 08:40\nSubject: North Central shortlist\n\nHi team,\nOur board prefers a province with a deep-sea port. Please collect what you can before Friday.\nRegards,\nHiroshi\n\n---\nHi, this is from head office. Which company is developing the industrial park in the west of Thanh Hoa, and how much will it invest?", "zone.west-thanh-hoa", true},
		{"en-fwd-refuse", "----- Forwarded -----\nFrom: sales office\nSubject: land for a warehouse\n\nDear colleague,\nA Thai client wants a plot near the port and asks us to shortlist parks.\nThanks,\nAnan\n\n---\nHow much is the land rent per square metre in WHA Smart Technology 2?", "", false},
		{"ja-fwd-note", "---------- 転送メッセージ ----------\n差出人: 本社 経営企画部 鈴木\n日時: 2025年12月4日 9:02\n件名: 候補地の件\n\nお疲れ様です。鈴木です。\n役員会の資料を来週までにまとめる予定です。\nよろしくお願いします。\n\n---\n上記の件です。タインホア省のFDIは全国で何位ですか。", "stat.fdi-total", true},
		{"ko-fwd-note", "---------- 전달된 메일 ----------\n보낸 사람: 해외영업팀 박지훈\n제목: 북중부 후보지 검토\n\n팀장님,\n다음 주 회의 자료를 준비하고 있습니다.\n감사합니다.\n\n---\n위 메일 관련입니다. 탄호아성 FDI 누적 규모는 얼마인가요?", "stat.fdi-total", true},
		{"vi-fwd-note", "----- Forwarded -----\nNgười gửi: Phòng kinh doanh\nTiêu đề: Khảo sát địa điểm\n\nChào anh,\nKhách Nhật muốn so sánh một số tỉnh miền Trung trước Tết.\nCảm ơn anh.\n\n---\nCho mình hỏi: tỉnh Thanh Hóa đứng thứ mấy cả nước về thu hút FDI?", "stat.fdi-total", true},
		{"en-headers", "From: Anna Lee\nSubject: question about Japan\n\nDear Sir/Madam,\nWhat share of Thanh Hoa's FDI capital comes from Japanese investors?\nBest regards,\nAnna", "partner.japan", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kb.Match(knowledge.Query{Text: tt.q})
			// A fact the entry lacks is said so: not an answer.
			answered := r.Answered() && (r.Missing == "" || r.Partial)
			if answered != tt.answered {
				t.Fatalf("answered = %v, want %v (%s, missing %q)", answered, tt.answered, describe(r), r.Missing)
			}
			if tt.answered && r.Best.Entry.ID != tt.want {
				t.Errorf("answer %s, want %s", r.Best.Entry.ID, tt.want)
			}
		})
	}
}
