package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/locales"
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
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgNothingToCancel, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentCancel}}
	}
	tn.sess.Form = nil
	return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgCancelled, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentCancel}}
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

func (e erasure) text(loc *locales.Catalog, lang investbot.Lang) string {
	if e.empty() {
		return tr(loc, forgetNothing, lang)
	}
	lines := []string{tr(loc, forgetDone, lang)}
	if e.session {
		lines = append(lines, tr(loc, forgetSession, lang))
	}
	if n := len(e.leads); n > 0 {
		lines = append(lines, fmt.Sprintf(tr(loc, forgetLeads, lang), n))
	}
	if n := len(e.tickets); n > 0 {
		lines = append(lines, fmt.Sprintf(tr(loc, forgetTickets, lang), n))
		if e.openTickets > 0 {
			lines = append(lines, fmt.Sprintf(tr(loc, forgetOpen, lang), e.openTickets))
		}
	}
	if e.drafts > 0 {
		lines = append(lines, fmt.Sprintf(tr(loc, forgetDrafts, lang), e.drafts))
	}
	if e.questions > 0 {
		lines = append(lines, fmt.Sprintf(tr(loc, forgetQuestions, lang), e.questions))
	}
	if e.subscribed {
		lines = append(lines, tr(loc, forgetSubscription, lang))
	}
	lines = append(lines, "", tr(loc, forgetAfter, lang))
	if len(e.tickets) > 0 || len(e.leads) > 0 {
		lines = append(lines, tr(loc, forgetDeskCopies, lang))
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
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentForgetMeFailed}}
	}
	if tn.noStore {
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentForgetMeFailed}}
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
	msgs := []investbot.Message{{Text: e.text(r.loc, lang)}}
	if r.d.StaffChatID != 0 && (len(e.tickets) > 0 || len(e.leads) > 0) {
		msgs = append(msgs, investbot.Message{ChatID: r.d.StaffChatID, Text: e.staffNotice()})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Lang: lang, Intent: investbot.IntentForgetMe}, Events: []investbot.Event{investbot.Forgotten{}}}
}

func (r *Router) subscribe(_ context.Context, tn *turn) investbot.Reply {
	if tn.noStore {
		// The subscription lives in the session: "you will receive" would
		// be a promise nothing keeps.
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentSubscribeFailed}}
	}
	tn.sess.Subscribed = true
	return investbot.Reply{
		Messages:     []investbot.Message{{Text: r.t(msgSubscribed, tn.lang), Buttons: [][]investbot.Button{{{Text: "🔕 /unsubscribe", Data: cbUnsub}}}}},
		CallbackText: r.t(msgSubscribed, tn.lang),
		Meta:         investbot.Meta{Intent: investbot.IntentSubscribe},
		Events:       []investbot.Event{investbot.Subscribed{Lang: tn.lang}},
	}
}

func (r *Router) unsubscribe(_ context.Context, tn *turn) investbot.Reply {
	tn.sess.Subscribed = false
	return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnsubscribed, tn.lang)}}, CallbackText: r.t(msgUnsubscribed, tn.lang), Meta: investbot.Meta{Intent: investbot.IntentUnsubscribe}, Events: []investbot.Event{investbot.Unsubscribed{}}}
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
