package knowledge_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// A name the knowledge base never mentions is a constraint no entry
// covers: the reply says the sources do not mention it instead of
// answering about the entry the question's other words matched.
func TestUnknownName(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		q, name string // name "" when the question is answered
	}{
		{"KOTRA 사무소 연락처는?", "KOTRA"},
		{"ODA 중 KOICA 사업은?", "KOICA"},
		{"How much more FDI does Bac Ninh have than Thanh Hoa?", "Bac Ninh"},
		{"What is the phone number of the VSIP office?", "VSIP"},
		{"Foxconn 사무소 연락처는?", "Foxconn"},
		// Names the entries hold, their typos, cue words and shorthand.
		{"Who is the CEO of WHA Industrial Development?", ""},
		{"WHAのCEOは誰？", ""},
		{"Thanh Hóa thiết lập quan hệ hợp tác với TP Seongnam từ năm nào?", ""},
		{"tinh Mittelsachen Duc hop tac gi voi thanh hoa", ""},
		{"Department of Industry and Trade Thanh Hoa email address?", ""},
		{"Who is the vice chairman of the Thanh Hoa People's Committee?", ""},
		{"西タンホア工業団地に二次投資家として入居することは可能でしょうか？", ""},
		{"WHAスマートテクノロジー工業団地の開発者はどこですか", ""},
		{"Thanh Hoa delegation to Russia in Nov 2025 - were any deals signed?", ""},
		{"KOCHAM here. How much Korean investment is there in Thanh Hoa?", ""},
		// Capitalised words that name nothing: a letter's address, a
		// day, a company form.
		{"Thưa Quý Sở, cho hỏi ưu đãi thuế TNDN trong KCN?", ""},
		{"Is the Japan Desk open on Saturday?", ""},
		{"Is Nghi Son Refinery and Petrochemical LLC Japanese-owned?", ""},
		// A name told as the asker's context, nothing asked of it.
		{"Honestly, why should we pick Thanh Hoa instead of Bac Ninh or Hai Phong?", ""},
		{"can we bring our production machines from Taiwan duty free for the new plant?", ""},
		{"現在バクニン省で工場を運営しております。第二工場の候補地としてタインホア省を検討しておりますが、省内の工業団地の一覧を教えていただけますでしょうか。", ""},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		got := ""
		if n, ok := strings.CutPrefix(r.Missing, "name:"); ok {
			got = n
		}
		if got != tt.name {
			t.Errorf("%q: unknown name %q, want %q (%s)", tt.q, got, tt.name, describe(r))
		}
	}
}

// "Nhật" alone names Japan when written with its marks and not inside a
// compound ("cập nhật", update; "chủ nhật", Sunday); unaccented "nhat" is
// as often "nhất" (most) and names nothing.
func TestMarkedSyllableName(t *testing.T) {
	kb := mustBundledKB(t)
	tests := []struct {
		q     string
		japan bool
	}{
		{"Nhật?", true},
		{"Vốn của Nhật chiếm bao nhiêu phần trăm?", true},
		{"Nhật có bao nhiêu dự án ở Thanh Hóa?", true},
		{"Japan?", true},
		{"日本?", true},
		{"일본?", true},
		{"số liệu cập nhật FDI mới nhất", false},
		{"Chủ nhật văn phòng có làm việc không?", false},
		{"Nhật ký thi công KCN WHA có công bố không?", false},
	}
	for _, tt := range tests {
		r := kb.Match(knowledge.Query{Text: tt.q})
		got := r.Best != nil && r.Confident && strings.HasPrefix(r.Best.Entry.ID, "partner.japan")
		if got != tt.japan {
			t.Errorf("%q: answered about Japan %v, want %v (%s)", tt.q, got, tt.japan, describe(r))
		}
	}
}
