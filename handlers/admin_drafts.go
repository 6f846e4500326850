package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
)

func (r *Router) kbDrafts(ctx context.Context, tn *turn) investbot.Reply {
	ds, err := r.d.Admin.Drafts(ctx)
	if err != nil {
		return r.storeFailed(tn, "drafts", err)
	}
	if len(ds) == 0 {
		return adminText("No draft entries are waiting. The Japan Desk saves them with the \"📚 Save as draft entry\" button under a relayed answer.", investbot.IntentKBDrafts)
	}
	msgs := []investbot.Message{{Text: fmt.Sprintf("%d draft entries are waiting. Approving one sends you a YAML skeleton to complete: a draft has only one language, so the other three translations, more example questions and the source must be added before it can be published.", len(ds))}}
	for i, d := range ds {
		if i == 10 {
			msgs = append(msgs, investbot.Message{Text: fmt.Sprintf("… and %d more; resolve these first.", len(ds)-i)})
			break
		}
		q, _ := clip(d.Question, 500)
		ans, _ := clip(d.Answer, 1500)
		msgs = append(msgs, investbot.Message{
			Title: fmt.Sprintf("Draft %s · %s · ticket #%s", d.ID, strings.ToUpper(string(d.Lang)), d.TicketID),
			Text:  "Question:\n" + q + "\n\nJapan Desk answer:\n" + ans,
			Buttons: [][]investbot.Button{{
				{Text: "✅ Approve", Data: cbDraft + ":a:" + d.ID},
				{Text: "✖️ Reject", Data: cbDraft + ":r:" + d.ID},
			}},
		})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBDrafts}}
}

func (r *Router) draftReview(ctx context.Context, tn *turn, arg string) investbot.Reply {
	verb, id, _ := strings.Cut(arg, ":")
	status := investbot.DraftRejected
	if verb == "a" {
		status = investbot.DraftApproved
	}
	d, err := r.d.Admin.ResolveDraft(ctx, id, status, tn.req.UserID)
	switch {
	case errors.Is(err, investbot.ErrNotFound):
		return adminText("Draft "+id+" does not exist.", investbot.IntentKBDraft)
	case errors.Is(err, investbot.ErrResolved):
		return adminText(fmt.Sprintf("Draft %s was already %s.", id, d.Status), investbot.IntentKBDraft)
	case err != nil:
		return r.storeFailed(tn, "resolve draft", err)
	}
	r.audit(ctx, tn, "draft."+string(status), id)
	if status == investbot.DraftRejected {
		return investbot.Reply{Messages: []investbot.Message{{Text: "Draft " + id + " rejected."}}, CallbackText: "Rejected", Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBDraft}}
	}
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text:     "Draft " + id + " approved. Here is a skeleton entry: the draft has only one language, so fill in every TODO (the other three translations with the same numbers and names, at least 3 example questions per language, the source and its as_of date), put the entry in the right file, and send that file to this chat.",
			Document: &investbot.File{Name: "draft-" + id + ".yaml", Data: kbadmin.DraftYAML(d)},
		}},
		CallbackText: "Approved",
		Meta:         investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBDraft},
	}
}

// draftButton is offered under the staff group's "relayed" ack so that a
// good staff answer can become a knowledge-base entry.
func (r *Router) draftButton(tk investbot.Ticket) [][]investbot.Button {
	if r.d.Admin == nil || strings.TrimSpace(tk.Answer) == "" {
		return nil
	}
	return [][]investbot.Button{{{Text: "📚 Save as draft entry", Data: cbDraftSave + ":" + tk.ID}}}
}

// saveDraft is the staff's "Save as draft entry" button: the ticket's
// question and the last staff answer become a draft for the admins.
func (r *Router) saveDraft(ctx context.Context, tn *turn, id string) investbot.Reply {
	if r.d.Admin == nil || r.d.Tickets == nil {
		return investbot.Reply{CallbackText: msgAdminOff, Meta: investbot.Meta{Intent: investbot.IntentAdminOff}}
	}
	// The button's ticket is the one its message is bound to: callback
	// data can be forged by a modified client, a binding cannot.
	bound, err := r.d.Tickets.TicketByMessage(ctx, tn.req.ChatID, tn.req.MessageID)
	if err != nil || bound != id {
		if err != nil && !errors.Is(err, investbot.ErrNotFound) {
			return investbot.Reply{CallbackText: "Ticket #" + id + " could not be read: " + errText(err), Meta: investbot.Meta{Intent: investbot.IntentDraftFailed}}
		}
		return investbot.Reply{CallbackText: "That button is not on a message of ticket #" + id + ".", Meta: investbot.Meta{Intent: investbot.IntentDraftFailed}}
	}
	tk, err := r.d.Tickets.Ticket(ctx, id)
	if err != nil {
		return investbot.Reply{CallbackText: "Ticket #" + id + " could not be read: " + errText(err), Meta: investbot.Meta{Intent: investbot.IntentDraftFailed}}
	}
	if tk.Erased {
		return investbot.Reply{CallbackText: "Ticket #" + id + " was erased at the investor's request.", Meta: investbot.Meta{Intent: investbot.IntentDraftFailed}}
	}
	if strings.TrimSpace(tk.Answer) == "" {
		return investbot.Reply{CallbackText: "Ticket #" + id + " has no text answer to save.", Meta: investbot.Meta{Intent: investbot.IntentDraftFailed}}
	}
	d, err := r.d.Admin.AddDraft(ctx, investbot.Draft{Question: tk.Question, Answer: tk.Answer, Lang: tk.Lang, TicketID: tk.ID, By: tn.req.UserID, At: r.d.Now()})
	if err != nil {
		r.d.Log.Warn("draft not saved", "ticket", id, "err", err)
		return investbot.Reply{CallbackText: "Not saved: the store is unreachable, try again in a minute.", Meta: investbot.Meta{Intent: investbot.IntentDraftFailed}}
	}
	r.audit(ctx, tn, "draft.saved", d.ID+" from #"+tk.ID)
	return investbot.Reply{
		Messages:     []investbot.Message{{ReplyTo: tn.req.MessageID, Text: fmt.Sprintf("📚 Saved as draft %s for the admins to review (/kb drafts).", d.ID)}},
		CallbackText: "Saved as draft " + d.ID,
		Meta:         investbot.Meta{Intent: investbot.IntentDraftSaved},
	}
}
