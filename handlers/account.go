package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/thanhhoa/investbot"
)

func (r *Router) registerAccount() {
	r.command("cancel", investbot.RoleInvestor, r.cancel)
	r.command("forgetme", investbot.RoleInvestor, r.forgetMe)
	r.command("subscribe", investbot.RoleInvestor, r.subscribe)
	r.command("unsubscribe", investbot.RoleInvestor, r.unsubscribe)
	r.callback(cbSub, investbot.RoleInvestor, func(ctx context.Context, tn *turn, _ string) investbot.Reply { return r.subscribe(ctx, tn) })
	r.callback(cbUnsub, investbot.RoleInvestor, func(ctx context.Context, tn *turn, _ string) investbot.Reply { return r.unsubscribe(ctx, tn) })
}

func (r *Router) cancel(ctx context.Context, tn *turn) investbot.Reply {
	if tn.sess.TicketID != "" && tn.sess.Form == nil {
		return r.deskEnd(ctx, tn)
	}
	if tn.sess.Form == nil {
		return investbot.Reply{Messages: []investbot.Message{{Text: t(msgNothingToCancel, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentCancel}}
	}
	tn.sess.Form = nil
	return investbot.Reply{Messages: []investbot.Message{{Text: t(msgCancelled, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentCancel}}
}

// questionForgetter is implemented by recorders that can remove a user's
// logged questions (kbadmin's Batcher and stores).
type questionForgetter interface {
	ForgetQuestions(ctx context.Context, userTag string) (int, error)
}

// erasure is what /forgetme deleted, to tell the user exactly that.
type erasure struct {
	session     bool
	leads       []string
	tickets     []investbot.Ticket // as they were before erasure
	openTickets int
	drafts      int
	questions   int
	subscribed  bool
}

func (e erasure) empty() bool {
	return !e.session && len(e.leads) == 0 && len(e.tickets) == 0 && e.drafts == 0 && e.questions == 0 && !e.subscribed
}

var forgetText = map[string]investbot.Text{
	"done": {investbot.EN: "Done. This is what was deleted:", investbot.VI: "Đã xong. Những dữ liệu sau đã được xóa:", investbot.JA: "削除しました。削除した内容は次のとおりです：", investbot.KO: "삭제했습니다. 삭제된 내용은 다음과 같습니다:"},
	"session": {
		investbot.EN: "• what I remembered of our conversation (language, recent questions, unfinished forms)",
		investbot.VI: "• những gì tôi ghi nhớ về cuộc trò chuyện (ngôn ngữ, câu hỏi gần đây, biểu mẫu chưa hoàn tất)",
		investbot.JA: "• 会話の記録（言語、最近のご質問、入力途中のフォーム）",
		investbot.KO: "• 대화 기록(언어, 최근 질문, 작성 중인 양식)",
	},
	"leads": {
		investbot.EN: "• contact details you left for the Japan Desk: %d",
		investbot.VI: "• thông tin liên hệ bạn đã gửi Japan Desk: %d",
		investbot.JA: "• ジャパンデスクへの連絡先登録：%d 件",
		investbot.KO: "• 재팬 데스크에 남기신 연락처: %d건",
	},
	"tickets": {
		investbot.EN: "• conversations with the Japan Desk, with your questions and the desk's replies: %d",
		investbot.VI: "• cuộc trò chuyện với Japan Desk, gồm câu hỏi của bạn và câu trả lời của cán bộ: %d",
		investbot.JA: "• ジャパンデスクとの会話（ご質問と担当者の返信）：%d 件",
		investbot.KO: "• 재팬 데스크와의 대화(질문과 담당자 답변): %d건",
	},
	"open": {
		investbot.EN: "  of which still open: %d; closed now, and the desk was told you withdrew",
		investbot.VI: "  trong đó đang mở: %d; đã được kết thúc và Japan Desk đã được thông báo bạn rút lại yêu cầu",
		investbot.JA: "  うち継続中：%d 件。終了し、取り下げられたことをデスクに伝えました",
		investbot.KO: "  그중 진행 중: %d건. 종료되었으며, 요청을 철회하셨다고 데스크에 알렸습니다",
	},
	"drafts": {
		investbot.EN: "• draft answers the desk had prepared from those conversations: %d",
		investbot.VI: "• bản nháp câu trả lời cán bộ soạn từ các cuộc trò chuyện đó: %d",
		investbot.JA: "• それらの会話から担当者が作成した回答の下書き：%d 件",
		investbot.KO: "• 해당 대화로 담당자가 작성한 답변 초안: %d건",
	},
	"questions": {
		investbot.EN: "• your questions kept to improve the bot's answers: %d",
		investbot.VI: "• câu hỏi của bạn được lưu để cải thiện câu trả lời: %d",
		investbot.JA: "• 回答改善のために保存していたご質問：%d 件",
		investbot.KO: "• 답변 개선을 위해 저장해 둔 질문: %d건",
	},
	"subscription": {
		investbot.EN: "• your subscription to announcements",
		investbot.VI: "• đăng ký nhận thông báo của bạn",
		investbot.JA: "• お知らせの購読",
		investbot.KO: "• 공지 구독",
	},
	"nothing": {
		investbot.EN: "Nothing about you was stored, so nothing needed deleting.",
		investbot.VI: "Không có dữ liệu nào về bạn được lưu, nên không có gì cần xóa.",
		investbot.JA: "お客様に関する保存データはなかったため、削除するものはありませんでした。",
		investbot.KO: "저장된 데이터가 없어 삭제할 것이 없었습니다.",
	},
	"after": {
		investbot.EN: "The bot keeps nothing else about you. Messages already shown in Telegram chats are kept by Telegram, not by the bot: you can delete this chat in Telegram.",
		investbot.VI: "Bot không lưu thêm dữ liệu nào khác về bạn. Các tin nhắn đã hiển thị trong Telegram do Telegram lưu, không phải bot: bạn có thể xóa cuộc trò chuyện này trong Telegram.",
		investbot.JA: "ボットはこれ以外にお客様のデータを保存していません。Telegram上に表示済みのメッセージはボットではなくTelegramが保存しています。このチャットはTelegramで削除できます。",
		investbot.KO: "봇은 이 밖에 고객님에 관한 데이터를 보관하지 않습니다. 텔레그램에 이미 표시된 메시지는 봇이 아닌 텔레그램이 보관하며, 이 대화는 텔레그램에서 삭제하실 수 있습니다.",
	},
	"desk_copies": {
		investbot.EN: "The Japan Desk was asked to delete the copies in its own Telegram group.",
		investbot.VI: "Japan Desk đã được đề nghị xóa các bản sao trong nhóm Telegram của mình.",
		investbot.JA: "ジャパンデスクには、デスクのTelegramグループ内の写しを削除するよう依頼しました。",
		investbot.KO: "재팬 데스크에는 자체 텔레그램 그룹의 사본을 삭제하도록 요청했습니다.",
	},
}

func (e erasure) text(lang investbot.Lang) string {
	if e.empty() {
		return forgetText["nothing"].In(lang)
	}
	lines := []string{forgetText["done"].In(lang)}
	if e.session {
		lines = append(lines, forgetText["session"].In(lang))
	}
	if n := len(e.leads); n > 0 {
		lines = append(lines, fmt.Sprintf(forgetText["leads"].In(lang), n))
	}
	if n := len(e.tickets); n > 0 {
		lines = append(lines, fmt.Sprintf(forgetText["tickets"].In(lang), n))
		if e.openTickets > 0 {
			lines = append(lines, fmt.Sprintf(forgetText["open"].In(lang), e.openTickets))
		}
	}
	if e.drafts > 0 {
		lines = append(lines, fmt.Sprintf(forgetText["drafts"].In(lang), e.drafts))
	}
	if e.questions > 0 {
		lines = append(lines, fmt.Sprintf(forgetText["questions"].In(lang), e.questions))
	}
	if e.subscribed {
		lines = append(lines, forgetText["subscription"].In(lang))
	}
	lines = append(lines, "", forgetText["after"].In(lang))
	if len(e.tickets) > 0 || len(e.leads) > 0 {
		lines = append(lines, forgetText["desk_copies"].In(lang))
	}
	return strings.Join(lines, "\n")
}

// staffNotice tells the Japan Desk group what was erased, by ticket and
// lead id only (the investor's id would put them back in the group), so
// that staff delete their copies and know replies reach nobody.
func (e erasure) staffNotice() string {
	var parts []string
	for _, tk := range e.tickets {
		state := "closed"
		if tk.Status == investbot.TicketOpen {
			state = "was open, now closed"
		}
		parts = append(parts, fmt.Sprintf("ticket #%s (%s)", tk.ID, state))
	}
	for _, id := range e.leads {
		parts = append(parts, "lead "+id)
	}
	return "🗑 An investor withdrew and asked for their data to be deleted (/forgetme). Erased: " + strings.Join(parts, ", ") +
		".\nReplies to those tickets reach nobody. Please delete the messages about them in this group, and any copies made outside the bot."
}

// forgetMe deletes everything kept about the user (docs/privacy.md lists
// it): their tickets are closed and emptied, drafts made from them and
// their logged questions removed, then the session, leads and every key
// named after them. Each step can be repeated, so a failure half way is
// answered with "try again" and a second /forgetme finishes the job. The
// in-turn session is reset too, so that the router's write-back does not
// recreate it.
func (r *Router) forgetMe(ctx context.Context, tn *turn) investbot.Reply {
	failed := func(step string, err error) investbot.Reply {
		if !errors.Is(err, investbot.ErrUnavailable) {
			r.d.Log.Error("forgetme", "update_id", tn.req.UpdateID, "step", step, "err", err)
		} else {
			r.d.Log.Warn("forgetme", "update_id", tn.req.UpdateID, "step", step, "user", r.userTag(tn.req.UserID), "err", err)
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentForgetMeFailed}}
	}
	if tn.noStore {
		return investbot.Reply{Messages: []investbot.Message{{Text: t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentForgetMeFailed}}
	}
	uid := tn.req.UserID
	e := erasure{subscribed: tn.sess.Subscribed}
	if r.d.Tickets != nil {
		tks, err := r.d.Tickets.EraseUser(ctx, uid, r.d.Now())
		if err != nil {
			return failed("tickets", err)
		}
		e.tickets = tks
		ids := make([]string, 0, len(tks))
		for _, tk := range tks {
			ids = append(ids, tk.ID)
			if tk.Status == investbot.TicketOpen {
				e.openTickets++
			}
		}
		if r.d.Admin != nil && len(ids) > 0 {
			if e.drafts, err = r.d.Admin.DeleteDrafts(ctx, ids); err != nil {
				return failed("drafts", err)
			}
		}
	}
	if f, ok := r.d.Insights.(questionForgetter); ok {
		n, err := f.ForgetQuestions(ctx, r.userTag(uid))
		if err != nil {
			return failed("questions", err)
		}
		e.questions = n
	}
	gone, err := r.d.Sessions.Delete(ctx, uid)
	if err != nil {
		return failed("session", err)
	}
	e.session, e.leads = gone.Session, gone.Leads
	r.hints.forget(uid)
	lang := tn.lang
	*tn.sess = investbot.Session{UserID: uid}
	tn.forgotten = true
	msgs := []investbot.Message{{Text: e.text(lang)}}
	if r.d.StaffChatID != 0 && (len(e.tickets) > 0 || len(e.leads) > 0) {
		msgs = append(msgs, investbot.Message{ChatID: r.d.StaffChatID, Text: e.staffNotice()})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Lang: lang, Intent: investbot.IntentForgetMe}, Events: []investbot.Event{investbot.Forgotten{}}}
}

func (r *Router) subscribe(_ context.Context, tn *turn) investbot.Reply {
	if tn.noStore {
		// The subscription lives in the session: "you will receive" would
		// be a promise nothing keeps.
		return investbot.Reply{Messages: []investbot.Message{{Text: t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentSubscribeFailed}}
	}
	tn.sess.Subscribed = true
	return investbot.Reply{
		Messages:     []investbot.Message{{Text: t(msgSubscribed, tn.lang), Buttons: [][]investbot.Button{{{Text: "🔕 /unsubscribe", Data: cbUnsub}}}}},
		CallbackText: t(msgSubscribed, tn.lang),
		Meta:         investbot.Meta{Intent: investbot.IntentSubscribe},
		Events:       []investbot.Event{investbot.Subscribed{Lang: tn.lang}},
	}
}

func (r *Router) unsubscribe(_ context.Context, tn *turn) investbot.Reply {
	tn.sess.Subscribed = false
	return investbot.Reply{Messages: []investbot.Message{{Text: t(msgUnsubscribed, tn.lang)}}, CallbackText: t(msgUnsubscribed, tn.lang), Meta: investbot.Meta{Intent: investbot.IntentUnsubscribe}, Events: []investbot.Event{investbot.Unsubscribed{}}}
}

// formStep routes a message to the open form.
func (r *Router) formStep(ctx context.Context, tn *turn) investbot.Reply {
	switch tn.sess.Form.Name {
	case formDesk:
		return r.deskQuestion(ctx, tn)
	case formLead:
		return r.leadTyped(ctx, tn)
	}
	// An unknown form (from an older version of the bot) is dropped rather
	// than trapping the user.
	tn.sess.Form = nil
	return r.freeText(ctx, tn)
}
