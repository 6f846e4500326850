package handlers

import (
	"context"
	"errors"

	"github.com/thanhhoa/investbot"
)

func (r *Router) registerAccount() {
	r.command("cancel", r.cancel)
	r.command("forgetme", r.forgetMe)
	r.command("subscribe", r.subscribe)
	r.command("unsubscribe", r.unsubscribe)
	r.callback(cbSub, func(ctx context.Context, tn *turn, _ string) Reply { return r.subscribe(ctx, tn) })
	r.callback(cbUnsub, func(ctx context.Context, tn *turn, _ string) Reply { return r.unsubscribe(ctx, tn) })
}

func (r *Router) cancel(ctx context.Context, tn *turn) Reply {
	if tn.sess.TicketID != "" && tn.sess.Form == nil {
		return r.deskEnd(ctx, tn)
	}
	if tn.sess.Form == nil {
		return Reply{Messages: []Message{{Text: t(msgNothingToCancel, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: Meta{Intent: "cancel"}}
	}
	tn.sess.Form = nil
	return Reply{Messages: []Message{{Text: t(msgCancelled, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: Meta{Intent: "cancel"}}
}

// forgetMe deletes everything kept about the user (Law 91/2025/QH15 on personal data protection
// gives them that right). The in-turn session is reset too, so that the
// router's write-back does not recreate it.
func (r *Router) forgetMe(ctx context.Context, tn *turn) Reply {
	if tn.noStore {
		return Reply{Messages: []Message{{Text: t(msgUnavailable, tn.lang)}}, Meta: Meta{Intent: "forgetme.failed"}}
	}
	if err := r.d.Sessions.Delete(ctx, tn.req.UserID); err != nil {
		if !errors.Is(err, investbot.ErrUnavailable) {
			r.d.Log.Error("forgetme", "update_id", tn.req.UpdateID, "err", err)
		}
		return Reply{Messages: []Message{{Text: t(msgUnavailable, tn.lang)}}, Meta: Meta{Intent: "forgetme.failed"}}
	}
	lang := tn.lang
	*tn.sess = investbot.Session{UserID: tn.req.UserID}
	tn.forgotten = true
	return Reply{Messages: []Message{{Text: t(msgForgetDone, lang)}}, Meta: Meta{Lang: lang, Intent: "forgetme"}}
}

func (r *Router) subscribe(_ context.Context, tn *turn) Reply {
	tn.sess.Subscribed = true
	return Reply{
		Messages:     []Message{{Text: t(msgSubscribed, tn.lang), Buttons: [][]Button{{{Text: "🔕 /unsubscribe", Data: cbUnsub}}}}},
		CallbackText: t(msgSubscribed, tn.lang),
		Meta:         Meta{Intent: "subscribe"},
	}
}

func (r *Router) unsubscribe(_ context.Context, tn *turn) Reply {
	tn.sess.Subscribed = false
	return Reply{Messages: []Message{{Text: t(msgUnsubscribed, tn.lang)}}, CallbackText: t(msgUnsubscribed, tn.lang), Meta: Meta{Intent: "unsubscribe"}}
}

// formStep routes a message to the open form.
func (r *Router) formStep(ctx context.Context, tn *turn) Reply {
	switch tn.sess.Form.Name {
	case formDesk:
		return r.deskQuestion(ctx, tn)
	case formLead:
		return r.leadTyped(tn)
	}
	// An unknown form (from an older version of the bot) is dropped rather
	// than trapping the user.
	tn.sess.Form = nil
	return r.freeText(ctx, tn)
}
