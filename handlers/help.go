package handlers

import (
	"context"
	"sort"
	"strings"

	"github.com/thanhhoa/investbot"
)

// CommandHelp is one line of /help.
type CommandHelp struct {
	Name string
	Text investbot.Text
	// Role is who may use the command: investors (RoleInvestor), staff or
	// admins.
	Role investbot.Role
}

// commandHelp describes every command, in the order /help lists them. A
// test checks that each registered command is here or in commandAliases,
// so the list cannot drift from the table that dispatches them.
var commandHelp = []CommandHelp{
	{Name: "start", Text: investbot.Text{investbot.EN: "main menu", investbot.VI: "menu chính", investbot.JA: "メインメニュー", investbot.KO: "메인 메뉴"}},
	{Name: "zones", Text: investbot.Text{investbot.EN: "industrial zones", investbot.VI: "khu công nghiệp", investbot.JA: "工業団地", investbot.KO: "산업단지"}},
	{Name: "compare", Text: investbot.Text{investbot.EN: "zones side by side", investbot.VI: "so sánh các khu", investbot.JA: "工業団地の比較", investbot.KO: "산업단지 비교"}},
	{Name: "incentives", Text: investbot.Text{investbot.EN: "investment incentives", investbot.VI: "ưu đãi đầu tư", investbot.JA: "投資優遇", investbot.KO: "투자 인센티브"}},
	{Name: "stats", Text: investbot.Text{investbot.EN: "key figures", investbot.VI: "số liệu chính", investbot.JA: "主要統計", investbot.KO: "주요 통계"}},
	{Name: "partners", Text: investbot.Text{investbot.EN: "partners", investbot.VI: "đối tác", investbot.JA: "パートナー", investbot.KO: "파트너"}},
	{Name: "contacts", Text: investbot.Text{investbot.EN: "who can help", investbot.VI: "đầu mối hỗ trợ", investbot.JA: "相談窓口", investbot.KO: "문의처"}},
	{Name: "events", Text: investbot.Text{investbot.EN: "events", investbot.VI: "sự kiện", investbot.JA: "イベント", investbot.KO: "행사"}},
	{Name: "human", Text: investbot.Text{investbot.EN: "talk to the Japan Desk", investbot.VI: "gặp Japan Desk", investbot.JA: "ジャパンデスクと話す", investbot.KO: "재팬 데스크 상담"}},
	{Name: "endchat", Text: investbot.Text{investbot.EN: "end the conversation with the Japan Desk", investbot.VI: "kết thúc trò chuyện với Japan Desk", investbot.JA: "ジャパンデスクとの会話を終了", investbot.KO: "재팬 데스크 대화 종료"}},
	{Name: "lead", Text: investbot.Text{investbot.EN: "leave your contact details for the Japan Desk", investbot.VI: "để lại thông tin liên hệ cho Japan Desk", investbot.JA: "ジャパンデスク向けに連絡先を登録", investbot.KO: "재팬 데스크에 연락처 남기기"}},
	{Name: "back", Text: investbot.Text{investbot.EN: "previous step of the form", investbot.VI: "quay lại bước trước của biểu mẫu", investbot.JA: "フォームの前の手順へ", investbot.KO: "양식의 이전 단계로"}},
	{Name: "cancel", Text: investbot.Text{investbot.EN: "stop the current step", investbot.VI: "dừng bước hiện tại", investbot.JA: "現在の操作を中止", investbot.KO: "현재 단계 취소"}},
	{Name: "language", Text: investbot.Text{investbot.EN: "change language", investbot.VI: "đổi ngôn ngữ", investbot.JA: "言語の変更", investbot.KO: "언어 변경"}},
	{Name: "subscribe", Text: investbot.Text{investbot.EN: "receive announcements", investbot.VI: "nhận thông báo", investbot.JA: "お知らせを受け取る", investbot.KO: "공지 받기"}},
	{Name: "unsubscribe", Text: investbot.Text{investbot.EN: "stop announcements", investbot.VI: "ngừng nhận thông báo", investbot.JA: "お知らせを停止", investbot.KO: "공지 중지"}},
	{Name: "forgetme", Text: investbot.Text{investbot.EN: "delete what the bot keeps about you", investbot.VI: "xóa dữ liệu bot lưu về bạn", investbot.JA: "保存データの削除", investbot.KO: "저장된 정보 삭제"}},
	{Name: "help", Text: investbot.Text{investbot.EN: "this list", investbot.VI: "danh sách này", investbot.JA: "この一覧", investbot.KO: "이 목록"}},
	{Name: "close", Role: investbot.RoleStaff, Text: investbot.Text{investbot.EN: "close a ticket (as a reply, or /close T12)", investbot.VI: "đóng phiếu (trả lời tin nhắn, hoặc /close T12)", investbot.JA: "チケットを閉じる（返信で、または /close T12）", investbot.KO: "티켓 닫기(답장으로 또는 /close T12)"}},
	{Name: "kb", Role: investbot.RoleAdmin, Text: investbot.Text{investbot.EN: "knowledge base: history, rollback N, export, drafts, stale", investbot.VI: "cơ sở tri thức: history, rollback N, export, drafts, stale", investbot.JA: "知識ベース：history、rollback N、export、drafts、stale", investbot.KO: "지식 베이스: history, rollback N, export, drafts, stale"}},
	{Name: "unanswered", Role: investbot.RoleAdmin, Text: investbot.Text{investbot.EN: "questions without an answer [days]", investbot.VI: "câu hỏi chưa có câu trả lời [ngày]", investbot.JA: "未回答の質問 [日数]", investbot.KO: "답변 못 한 질문 [일수]"}},
	{Name: "usage", Role: investbot.RoleAdmin, Text: investbot.Text{investbot.EN: "usage statistics [days]", investbot.VI: "thống kê sử dụng [ngày]", investbot.JA: "利用統計 [日数]", investbot.KO: "이용 통계 [일수]"}},
	{Name: "leads", Role: investbot.RoleAdmin, Text: investbot.Text{investbot.EN: "saved contact details as CSV", investbot.VI: "thông tin liên hệ đã lưu (CSV)", investbot.JA: "保存された連絡先（CSV）", investbot.KO: "저장된 연락처(CSV)"}},
	{Name: "broadcast", Role: investbot.RoleAdmin, Text: investbot.Text{investbot.EN: "announce to subscribers", investbot.VI: "gửi thông báo tới người đăng ký", investbot.JA: "購読者へのお知らせ", investbot.KO: "구독자에게 공지"}},
	{Name: "audit", Role: investbot.RoleAdmin, Text: investbot.Text{investbot.EN: "what admins changed", investbot.VI: "nhật ký thay đổi của quản trị", investbot.JA: "管理者の操作履歴", investbot.KO: "관리자 변경 기록"}},
}

// commandAliases are other names of listed commands.
var commandAliases = map[string]string{"menu": "start", "lang": "language", "desk": "human", "contactme": "lead"}

// Commands returns the help lines of the commands role may use that are
// registered on this router, in /help order.
func (r *Router) Commands(role investbot.Role) []CommandHelp {
	var out []CommandHelp
	for _, c := range commandHelp {
		if _, ok := r.commands[c.Name]; ok && c.Role <= role {
			out = append(out, c)
		}
	}
	return out
}

// undocumentedCommands returns registered commands that /help does not
// describe (none, unless someone forgot).
func (r *Router) undocumentedCommands() []string {
	known := map[string]bool{}
	for _, c := range commandHelp {
		known[c.Name] = true
	}
	var out []string
	for name := range r.commands {
		if !known[name] && commandAliases[name] == "" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func (r *Router) help(_ context.Context, tn *turn) investbot.Reply {
	var b strings.Builder
	b.WriteString(t(msgHelp, tn.lang) + "\n")
	for _, c := range r.Commands(tn.req.Role) {
		b.WriteString("\n/" + c.Name + " – " + c.Text.In(tn.lang))
	}
	return investbot.Reply{Messages: []investbot.Message{{Text: b.String(), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHelp}}
}
