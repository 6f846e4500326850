package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/locales"
)

// The Japan Desk handoff. An investor's question opens a ticket that is
// posted to the staff group with its id (#T12); staff reply to any of the
// bot's messages of the ticket and their answer is relayed to the
// investor; /close ends it. The two sides are tied together by the ids of
// the bot's own messages, stored in the ticket store when they are sent
// (Message.Ticket), never by "#T12" in a message's text: an investor
// controls text that reaches the staff group (a lead's name, a question)
// and could otherwise steer a staff reply to another investor.

// formDesk is the form that collects the question for the Japan Desk.
const formDesk = "desk"

// DeskOptions configures the handoff.
type DeskOptions struct {
	Hours investbot.DeskHours
	// ShowStaffNames shows the replying staff member's first name to the
	// investor; by default replies come from "the Japan Desk".
	ShowStaffNames bool
	// RemindAfter is how long an open ticket may wait for a staff reply
	// before the group is reminded (once).
	RemindAfter time.Duration
}

// deskEntryID is the knowledge-base entry about the Japan Desk.
const deskEntryID = "contact.japan-desk"

func (r *Router) registerDesk() {
	r.command("human", investbot.RoleInvestor, r.deskStart)
	r.command("desk", investbot.RoleInvestor, r.deskStart)
	r.command("endchat", investbot.RoleInvestor, r.deskEnd)
	r.command("close", investbot.RoleStaff, r.deskClose)
	r.callback(cbDesk, investbot.RoleInvestor, func(ctx context.Context, tn *turn, _ string) investbot.Reply { return r.deskStart(ctx, tn) })
}

// deskConnected reports whether a staff group can take handed-over
// questions.
func (r *Router) deskConnected() bool {
	return r.d.StaffChatID != 0 && r.d.Tickets != nil
}

// deskStart begins a handoff: the next message is the question for the desk.
func (r *Router) deskStart(ctx context.Context, tn *turn) investbot.Reply {
	return r.deskStartWith(ctx, tn, nil)
}

// deskStartWith is deskStart for a request that names an entry (an office,
// a company, a zone): its sourced answer is shown before the hand-over, so
// the asker still reads what the knowledge base says about whom they asked
// for. The reply stays a hand-over (its intent is the desk's).
func (r *Router) deskStartWith(ctx context.Context, tn *turn, named *base.Entry) investbot.Reply {
	if !r.deskConnected() {
		note := investbot.Message{Text: r.t(msgDeskNoGroup, tn.lang)}
		// Without a staff group (the console, `ask`, a bot being set
		// up) nobody can take the question, but what the knowledge base
		// says about the desk still tells the asker who it is and what it
		// does: better than an apology alone.
		if e := tn.kb.Entry(deskEntryID); e != nil {
			reply := r.entryReply(tn, e, 1)
			if named != nil {
				// The entry asked about is the reply's subject; the
				// desk's entry follows it as where the request goes.
				desk := reply
				reply = r.withNamed(tn, investbot.Reply{}, named)
				reply.Messages = append(reply.Messages, desk.Messages...)
				reply.Meta.Sources = union(reply.Meta.Sources, desk.Meta.Sources)
			}
			return withoutDeskButton(reply, note)
		}
		note.Buttons = r.mainMenu(tn.lang)
		return r.withNamed(tn, investbot.Reply{Messages: []investbot.Message{note}, Meta: investbot.Meta{Intent: investbot.IntentHandoffUnavailable}}, named)
	}
	// A handoff opens a ticket: claim a speculative update first (when
	// the claim finds it wrong, Handle starts the turn again).
	if investbot.Claim(ctx) != nil {
		return investbot.Reply{}
	}
	if tn.noStore {
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	}
	if id := tn.sess.TicketID; id != "" {
		return investbot.Reply{Messages: []investbot.Message{{Text: fmt.Sprintf(r.t(deskAlready, tn.lang), id)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffOpen}}
	}
	tn.sess.Form = &investbot.Form{Name: formDesk}
	reply := investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgDeskIntro, tn.lang) + "\n\n" + r.hoursNote(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffStart}}
	return r.withNamed(tn, reply, named)
}

// withNamed puts the named entry's answer (without its desk button: the
// reply is the desk already) before a hand-over reply, whose intent it
// keeps; the entry's sources join the reply's. The named entry becomes
// the conversation's subject ("and their phone?").
func (r *Router) withNamed(tn *turn, reply investbot.Reply, named *base.Entry) investbot.Reply {
	if named == nil {
		return reply
	}
	er := withoutDeskButton(r.entryReply(tn, named, 1), investbot.Message{})
	msgs := er.Messages[1:] // withoutDeskButton's empty note
	reply.Messages = append(msgs, reply.Messages...)
	reply.Meta.Sources = union(er.Meta.Sources, reply.Meta.Sources)
	reply.Events = append(reply.Events, er.Events...)
	if reply.Meta.Intent == "" {
		reply.Meta = er.Meta
	}
	reply.Meta.Handoff = true
	return reply
}

// union is a's sources followed by those of b it lacks.
func union(a, b []string) []string {
	out := slices.Clip(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func (r *Router) hoursNote(lang investbot.Lang) string {
	now := r.d.Now()
	if r.d.Desk.Hours.IsOpen(now) {
		return r.t(deskOpenNow, lang)
	}
	return fmt.Sprintf(r.t(deskClosedNow, lang), formatWhen(r.loc, r.d.Desk.Hours.NextOpen(now), lang))
}

// deskQuestion opens a ticket with the investor's question and posts it to
// the staff group. Every investor-supplied string is plain text (the
// adapter escapes it), so nothing an investor writes can format or command
// the staff group.
func (r *Router) deskQuestion(ctx context.Context, tn *turn) investbot.Reply {
	question := strings.TrimSpace(tn.req.Text)
	if question == "" {
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgEmpty, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffStart}}
	}
	question, _ = clip(question, MaxQuestionRunes)
	tk := investbot.Ticket{
		UserID:     tn.req.UserID,
		ChatID:     tn.req.ChatID,
		UserName:   tn.req.UserName,
		Lang:       tn.lang,
		Question:   question,
		Transcript: append([]investbot.Exchange(nil), tn.sess.Recent...),
		OpenedAt:   r.d.Now(),
	}
	if res, err := r.d.Answerer.Answer(ctx, tn.kb, knowledge.Query{Text: question, Lang: tn.lang}); err == nil && res.Best != nil {
		e := res.Best.Entry
		tk.Guess = fmt.Sprintf("%s (%.0f%%) · %s · as of %s", e.ID, res.Best.Confidence*100, strings.Join(e.SourceRefs(), ", "), e.AsOf().Format("2006-01-02"))
	}
	tk, err := r.d.Tickets.OpenTicket(ctx, tk)
	if err != nil {
		r.d.Log.Warn("ticket not opened", "update_id", tn.req.UpdateID, "err", err)
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	}
	tn.sess.Form = nil
	tn.sess.TicketID = tk.ID
	return investbot.Reply{
		Messages: []investbot.Message{
			{ChatID: r.d.StaffChatID, Title: fmt.Sprintf("🆕 Ticket #%s · %s", tk.ID, strings.ToUpper(string(tk.Lang))), Text: ticketSummary(tk), Ticket: tk.ID},
			{Text: r.t(msgDeskSent, tn.lang) + " (#" + tk.ID + ")\n\n" + r.hoursNote(tn.lang)},
		},
		Meta:   investbot.Meta{Intent: investbot.IntentHandoffOpened},
		Events: []investbot.Event{investbot.HandoffOpened{Ticket: tk.ID}},
	}
}

// ticketSummary is what staff read about a ticket.
func ticketSummary(tk investbot.Ticket) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Investor #%d", tk.UserID)
	if tk.UserName != "" {
		fmt.Fprintf(&b, " (%s)", tk.UserName)
	}
	fmt.Fprintf(&b, " · language %s\n\nQuestion:\n%s\n", strings.ToUpper(string(tk.Lang)), tk.Question)
	if len(tk.Transcript) > 0 {
		b.WriteString("\nEarlier in the conversation:\n")
		for _, x := range tk.Transcript {
			intent := x.Intent
			if intent == "" {
				intent = "no answer"
			}
			fmt.Fprintf(&b, "• %s → %s\n", x.Q, intent)
		}
	}
	if tk.Guess != "" {
		fmt.Fprintf(&b, "\nBot's best guess: %s\n", tk.Guess)
	}
	fmt.Fprintf(&b, "\nReply to this message to answer the investor; /close when done.")
	return b.String()
}

// deskRelayFromInvestor passes a message of an investor with an open ticket
// to the staff group.
func (r *Router) deskRelayFromInvestor(ctx context.Context, tn *turn) investbot.Reply {
	id := tn.sess.TicketID
	tk, err := r.d.Tickets.Ticket(ctx, id)
	if errors.Is(err, investbot.ErrNotFound) || (err == nil && tk.Status != investbot.TicketOpen) {
		// Closed elsewhere (by staff while this session was not updated).
		tn.sess.TicketID = ""
		return r.freeText(ctx, tn)
	}
	if err != nil {
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	}
	head := fmt.Sprintf("💬 #%s · investor #%d", id, tn.req.UserID)
	var msgs []investbot.Message
	if tn.req.Attachment != nil && tn.req.MessageID != 0 {
		msgs = append(msgs,
			investbot.Message{ChatID: r.d.StaffChatID, Text: head + " sent a " + string(tn.req.Attachment.Kind) + ":", Ticket: id},
			investbot.Message{ChatID: r.d.StaffChatID, Copy: &investbot.CopyRef{FromChatID: tn.req.ChatID, MessageID: tn.req.MessageID}, Ticket: id},
		)
	} else {
		text, _ := clip(strings.TrimSpace(tn.req.Text), MaxQuestionRunes)
		msgs = append(msgs, investbot.Message{ChatID: r.d.StaffChatID, Text: head + ":\n" + text, Ticket: id})
	}
	msgs = append(msgs, investbot.Message{Text: fmt.Sprintf(r.t(deskRelayed, tn.lang), id)})
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Intent: investbot.IntentHandoffRelay}}
}

// replyTicket returns the ticket a staff message replies to: the one the
// bot's replied-to message is bound to. ok is false when it replies to no
// ticket message (or to text that merely looks like one).
func (r *Router) replyTicket(ctx context.Context, req investbot.Request) (id string, ok bool, err error) {
	if req.ReplyTo == 0 {
		return "", false, nil
	}
	id, err = r.d.Tickets.TicketByMessage(ctx, req.ChatID, req.ReplyTo)
	if errors.Is(err, investbot.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return id, true, nil
}

// staffGroup handles messages in the Japan Desk group. Only replies by
// staff to a ticket message do anything; everything else there is ignored
// so that the bot never chatters in the staff group.
func (r *Router) staffGroup(ctx context.Context, tn *turn) investbot.Reply {
	req := tn.req
	if req.Role < investbot.RoleStaff || req.ReplyTo == 0 || r.d.Tickets == nil {
		return investbot.Reply{Meta: investbot.Meta{Intent: investbot.IntentIgnored}}
	}
	id, ok, err := r.replyTicket(ctx, req)
	if err != nil {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: req.MessageID, Text: "The ticket of that message could not be read: " + errText(err)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	}
	if !ok {
		return investbot.Reply{Meta: investbot.Meta{Intent: investbot.IntentIgnored}}
	}
	tk, err := r.d.Tickets.Ticket(ctx, id)
	if err != nil {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: req.MessageID, Text: "Ticket #" + id + " could not be read: " + errText(err)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	}
	if tk.Erased {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: req.MessageID, Text: "Ticket #" + tk.ID + " is closed: the investor withdrew and had their data deleted. Nothing was sent."}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClosed}}
	}
	if tk.Status != investbot.TicketOpen {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: req.MessageID, Text: "Ticket #" + tk.ID + " is closed; the investor can open a new one with /human."}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClosed}}
	}
	title := r.t(deskFrom, tk.Lang)
	if r.d.Desk.ShowStaffNames && req.UserName != "" {
		title += " · " + strings.Fields(req.UserName)[0]
	}
	var toInvestor []investbot.Message
	if req.Attachment != nil {
		toInvestor = []investbot.Message{
			{ChatID: tk.ChatID, Title: title, Text: "📎"},
			{ChatID: tk.ChatID, Copy: &investbot.CopyRef{FromChatID: req.ChatID, MessageID: req.MessageID}},
		}
	} else {
		if strings.TrimSpace(req.Text) == "" {
			return investbot.Reply{Meta: investbot.Meta{Intent: investbot.IntentIgnored}}
		}
		toInvestor = []investbot.Message{{ChatID: tk.ChatID, Title: title, Text: req.Text}}
	}
	tk.StaffAt, tk.Answer = r.d.Now(), strings.TrimSpace(req.Text)
	if err := r.d.Tickets.UpdateTicket(ctx, tk); err != nil {
		r.d.Log.Warn("ticket not updated", "update_id", req.UpdateID, "ticket", tk.ID, "err", err)
	}
	ack := investbot.Message{ReplyTo: req.MessageID, Text: "✓ #" + tk.ID + " relayed to the investor.", Buttons: r.draftButton(tk), Ticket: tk.ID}
	return investbot.Reply{Messages: append(toInvestor, ack), Meta: investbot.Meta{Intent: investbot.IntentHandoffStaffReply}, Events: []investbot.Event{investbot.StaffReplied{Ticket: tk.ID}}}
}

// deskClose is /close by staff, in reply to a ticket message or as
// "/close T12". An id typed by staff is theirs to choose; a replied-to
// message counts only through its binding, never its text.
func (r *Router) deskClose(ctx context.Context, tn *turn) investbot.Reply {
	if r.d.Tickets == nil {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: tn.req.MessageID, Text: "The Japan Desk handoff is not configured on this bot."}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClose}}
	}
	id := strings.TrimPrefix(strings.TrimSpace(tn.req.Args), "#")
	if id == "" {
		bound, ok, err := r.replyTicket(ctx, tn.req)
		if err != nil {
			return investbot.Reply{Messages: []investbot.Message{{ReplyTo: tn.req.MessageID, Text: "The ticket of that message could not be read: " + errText(err)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClose}}
		}
		if ok {
			id = bound
		}
	}
	if id == "" {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: tn.req.MessageID, Text: "Reply /close to one of the bot's ticket messages, or send /close T12."}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClose}}
	}
	tk, err := r.d.Tickets.Ticket(ctx, id)
	if err != nil {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: tn.req.MessageID, Text: "Ticket #" + id + " could not be read: " + errText(err)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClose}}
	}
	if tk.Status != investbot.TicketOpen {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: tn.req.MessageID, Text: "Ticket #" + id + " is already closed."}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClose}}
	}
	if err := r.closeTicket(ctx, &tk, tn.req.UserID); err != nil {
		return investbot.Reply{Messages: []investbot.Message{{ReplyTo: tn.req.MessageID, Text: "Ticket #" + id + " could not be closed: " + errText(err)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffClose}}
	}
	return investbot.Reply{
		Messages: []investbot.Message{
			{ChatID: tk.ChatID, Text: fmt.Sprintf(r.t(deskClosedByStaff, tk.Lang), tk.ID), Buttons: r.mainMenu(tk.Lang)},
			{ChatID: r.d.StaffChatID, Text: "✅ Ticket #" + tk.ID + " closed."},
		},
		Meta:   investbot.Meta{Intent: investbot.IntentHandoffClosed},
		Events: []investbot.Event{investbot.HandoffClosed{Ticket: tk.ID}},
	}
}

// deskEnd is the investor closing their own ticket.
func (r *Router) deskEnd(ctx context.Context, tn *turn) investbot.Reply {
	if tn.noStore {
		// Without the store the session is unknown: saying "no
		// conversation" could be wrong, and nothing can be closed. Ask to
		// try again.
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	}
	id := tn.sess.TicketID
	if id == "" {
		if tn.sess.Form != nil && tn.sess.Form.Name == formDesk {
			tn.sess.Form = nil
			return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgCancelled, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffCancel}}
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(deskNoTicket, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffNone}}
	}
	tk, err := r.d.Tickets.Ticket(ctx, id)
	if err == nil && tk.Status == investbot.TicketOpen {
		err = r.closeTicket(ctx, &tk, tn.req.UserID)
	}
	if err != nil && !errors.Is(err, investbot.ErrNotFound) {
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	}
	tn.sess.TicketID = ""
	return investbot.Reply{
		Messages: []investbot.Message{
			{Text: fmt.Sprintf(r.t(deskClosedByYou, tn.lang), id), Buttons: r.mainMenu(tn.lang)},
			{ChatID: r.d.StaffChatID, Text: "Ticket #" + id + " was closed by the investor."},
		},
		Meta:   investbot.Meta{Intent: investbot.IntentHandoffClosed},
		Events: []investbot.Event{investbot.HandoffClosed{Ticket: id}},
	}
}

// handoffFailed is the event of a reply that asks to try the handoff
// again.
func handoffFailed() []investbot.Event { return []investbot.Event{investbot.HandoffFailed{}} }

// closeTicket marks tk closed and detaches it from the investor's session.
func (r *Router) closeTicket(ctx context.Context, tk *investbot.Ticket, by int64) error {
	tk.Status, tk.ClosedAt, tk.ClosedBy = investbot.TicketClosed, r.d.Now(), by
	if err := r.d.Tickets.UpdateTicket(ctx, *tk); err != nil {
		return err
	}
	r.hints.forget(tk.UserID)
	if by == tk.UserID {
		return nil // the caller clears its own session
	}
	s, err := r.d.Sessions.Load(ctx, tk.UserID)
	if err == nil && s.TicketID == tk.ID {
		s.TicketID = ""
		err = r.d.Sessions.Save(ctx, s)
	}
	if err != nil {
		// The ticket is closed; the investor's next message notices that
		// and clears the session then.
		r.d.Log.Warn("session not detached from closed ticket", "ticket", tk.ID, "err", err)
	}
	return nil
}

// Reminders returns the messages that remind the staff group of open
// tickets nobody has answered for RemindAfter. Each ticket is reminded
// once, even with several replicas. The app calls it periodically.
func (r *Router) Reminders(ctx context.Context) ([]investbot.Message, error) {
	if r.d.Tickets == nil || r.d.StaffChatID == 0 || r.d.Desk.RemindAfter <= 0 {
		return nil, nil
	}
	open, err := r.d.Tickets.OpenTickets(ctx)
	if err != nil {
		return nil, err
	}
	now := r.d.Now()
	var msgs []investbot.Message
	for _, tk := range open {
		if !tk.StaffAt.IsZero() || now.Sub(tk.OpenedAt) < r.d.Desk.RemindAfter {
			continue
		}
		first, err := r.d.Tickets.ClaimReminder(ctx, tk.ID)
		if err != nil {
			return msgs, err
		}
		if first {
			msgs = append(msgs, investbot.Message{
				ChatID: r.d.StaffChatID,
				Ticket: tk.ID,
				Title:  fmt.Sprintf("⏰ Ticket #%s is waiting", tk.ID),
				Text:   fmt.Sprintf("Opened %s ago and not answered yet. Reply to this message to answer the investor.\n\n%s", now.Sub(tk.OpenedAt).Round(time.Minute), tk.Question),
			})
		}
	}
	return msgs, nil
}

func errText(err error) string {
	switch {
	case errors.Is(err, investbot.ErrNotFound):
		return "no such ticket"
	case errors.Is(err, investbot.ErrUnavailable):
		return "the store is unreachable, try again in a minute"
	}
	return "internal error"
}

// formatWhen writes a day and time the way each language writes it: the
// locale's desk.when is given the weekday's name, the day, the month's
// number, the time (15:04) and the month's English name, in that order.
func formatWhen(loc *locales.Catalog, t time.Time, lang investbot.Lang) string {
	if t.IsZero() {
		return "?"
	}
	t = t.In(investbot.VietnamTime)
	wd := listOf(loc, listWeekdays, lang)[t.Weekday()]
	return fmt.Sprintf(tr(loc, deskWhen, lang), wd, t.Day(), int(t.Month()), t.Format("15:04"), t.Month().String())
}

// OffersDesk reports whether reply r opens the Japan Desk or, not
// answering, offers it: a handoff (also one shown beside the entry asked
// about, Meta.Handoff), the desk's own entry, or an unanswered
// reply with the desk button. (Every answer carries the desk button too;
// that is not an offer instead of an answer.)
func OffersDesk(r investbot.Reply) bool {
	if r.Meta.Handoff || strings.HasPrefix(string(r.Meta.Intent), "handoff.") || r.Meta.Intent == deskEntryID {
		return true
	}
	if r.Meta.Answered {
		return false
	}
	for _, m := range r.Messages {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Data == cbDesk {
					return true
				}
			}
		}
	}
	return false
}
