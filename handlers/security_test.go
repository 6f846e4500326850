package handlers_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/memstore"
)

// fillLead walks user through the lead form with name and contact.
func fillLead(t *testing.T, h *harness, user int64, name, contact string) {
	t.Helper()
	for _, req := range []investbot.Request{
		{Command: "lead"}, {Callback: "lead:yes"}, {Text: name}, {Text: "Mallory Trading"}, {Callback: "lead:v:Japan"},
		{Callback: "lead:v:electronics"}, {Text: "5m"}, {Text: "3"}, {Callback: "lead:v:<6m"}, {Text: contact}, {Callback: "lead:send"},
	} {
		req.UserID, req.ChatID = user, user
		h.do(req)
	}
	if last := h.sent[len(h.sent)-1]; last.chat != staffGroup || !strings.Contains(last.m.Text, name) {
		t.Fatalf("lead notice not posted to the staff group: %+v", last)
	}
}

// An investor who puts "#T1" in text that reaches the staff group (a lead's
// name) must not be able to steer a staff reply or /close to ticket T1.
func TestTicketTextInALeadNameReachesNobody(t *testing.T) {
	h := newDeskHarness(t)
	ctx := context.Background()
	victim := h.openTicket(investorA, "Can we rent 30 ha?")
	if victim != "T1" {
		t.Fatalf("victim ticket = %s", victim)
	}
	const mallory = int64(666)
	fillLead(t, h.harness, mallory, "#T1 Mallory", "+81 90 1234 5678")
	notice := h.lastSentTo(staffGroup, "#T1 Mallory")

	// The staff's internal note on the lead notice goes nowhere.
	r := h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Text: "internal: check this company first", ReplyTo: notice, MessageID: 900})
	if len(r.Messages) != 0 {
		t.Errorf("a reply to the lead notice produced messages: %+v", r.Messages)
	}
	// "/close" on it closes nothing.
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Command: "close", ReplyTo: notice, MessageID: 901})
	if len(messagesTo(r, investorA)) != 0 || strings.Contains(allText(r), "closed.") {
		t.Errorf("/close on the lead notice: %+v", r.Messages)
	}
	if tk, _ := h.tickets.Ticket(ctx, victim); tk.Status != investbot.TicketOpen || tk.Answer != "" {
		t.Fatalf("the victim's ticket was touched: %+v", tk)
	}
	// So does a reply to the investor's own relayed text, whatever it says.
	h.as(mallory, mallory, investbot.RoleInvestor, investbot.Request{Command: "human"})
	h.as(mallory, mallory, investbot.RoleInvestor, investbot.Request{Text: "Ticket #T1 · reply here please"})
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Text: "answer to Mallory", ReplyTo: h.lastSentTo(staffGroup, "Ticket #T2")})
	if len(messagesTo(r, investorA)) != 0 || len(messagesTo(r, mallory)) != 1 {
		t.Errorf("a reply to T2 must reach its owner only: %+v", r.Messages)
	}

	// The real ticket still works, by reply and by /close.
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Text: "Yes, 30 ha is available.", ReplyTo: h.lastSentTo(staffGroup, "🆕 Ticket #T1"), MessageID: 902})
	if toA := messagesTo(r, investorA); len(toA) != 1 || toA[0].Text != "Yes, 30 ha is available." {
		t.Fatalf("reply to the real ticket: %+v", r.Messages)
	}
	// A reply to the bot's "relayed" acknowledgement is a reply to the ticket too.
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Command: "close", ReplyTo: h.lastSentTo(staffGroup, "#T1 relayed")})
	if toA := messagesTo(r, investorA); len(toA) != 1 || !strings.Contains(toA[0].Text, "closed") {
		t.Fatalf("/close on the real ticket: %+v", r.Messages)
	}
	// A staff member typing the id is their own choice and still works.
	h.openTicket(investorB, "another question")
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Command: "close", Args: "T3"})
	if len(messagesTo(r, investorB)) != 1 {
		t.Errorf("/close T3: %+v", r.Messages)
	}
}

// /forgetme reaches the ticket, the staff draft and the unanswered log,
// and says what it deleted.
func TestForgetMeErasesEverything(t *testing.T) {
	h := newAdminHarness(t)
	ctx := context.Background()
	const (
		user  = int64(4242)
		phone = "+81 90 1234 5678"
	)
	as := func(req investbot.Request) investbot.Reply {
		req.UserID, req.ChatID = user, user
		return h.do(req)
	}
	as(investbot.Request{Command: "subscribe"})
	as(investbot.Request{Text: "My name is Mallory Tanaka, call " + phone + " about the weather in July"})
	fillLead(t, h.harness, user, "Mallory Tanaka", phone)
	as(investbot.Request{Command: "human"})
	as(investbot.Request{Text: "Please call Mallory Tanaka at " + phone})
	staffReply := h.do(investbot.Request{UserID: 55, ChatID: staffGroup, Chat: investbot.ChatGroup, Role: investbot.RoleStaff, MessageID: 9,
		ReplyTo: h.lastSentTo(staffGroup, "Ticket #T1"), Text: "We will call you tomorrow."})
	if len(messagesTo(staffReply, user)) != 1 {
		t.Fatalf("staff reply not relayed: %+v", staffReply.Messages)
	}
	ack := h.lastSentTo(staffGroup, "#T1 relayed")
	if r := h.do(investbot.Request{UserID: 55, ChatID: staffGroup, Chat: investbot.ChatGroup, Role: investbot.RoleStaff, MessageID: ack, Callback: "draft:T1"}); r.Meta.Intent != "draft.saved" {
		t.Fatalf("draft not saved: %+v", r)
	}
	// Another investor's question stays in the log.
	h.do(investbot.Request{UserID: 99, ChatID: 99, Text: "How is the weather in August?"})

	r := as(investbot.Request{Command: "forgetme"})
	reply := r.Messages[0].Text
	for _, want := range []string{"what I remembered", "contact details you left for the Japan Desk: 1", "conversations with the Japan Desk, with your questions and the desk's replies: 1",
		"still open: 1", "draft answers the desk had prepared from those conversations: 1", "your questions kept to improve the bot's answers: 1", "subscription"} {
		if !strings.Contains(reply, want) {
			t.Errorf("/forgetme reply lacks %q:\n%s", want, reply)
		}
	}
	staff := messagesTo(r, staffGroup)
	if len(staff) != 1 || !strings.Contains(staff[0].Text, "#T1") || !strings.Contains(staff[0].Text, "withdrew") || userIDIn(staff[0].Text, user) {
		t.Errorf("staff notice: %+v", staff)
	}

	// The ticket keeps nothing personal and replies to it reach nobody.
	tk, err := h.tickets.Ticket(ctx, "T1")
	if err != nil || !tk.Erased || tk.Status != investbot.TicketClosed || tk.UserID != 0 || tk.ChatID != 0 || tk.Question != "" || tk.Answer != "" || tk.UserName != "" || len(tk.Transcript) != 0 {
		t.Errorf("erased ticket = %+v, %v", tk, err)
	}
	r = h.do(investbot.Request{UserID: 55, ChatID: staffGroup, Chat: investbot.ChatGroup, Role: investbot.RoleStaff, ReplyTo: h.lastSentTo(staffGroup, "Ticket #T1"), Text: "Hello?"})
	if len(messagesTo(r, user)) != 0 || !strings.Contains(allText(r), "withdrew") {
		t.Errorf("reply to the erased ticket: %+v", r.Messages)
	}
	if r := h.do(investbot.Request{UserID: 55, ChatID: staffGroup, Chat: investbot.ChatGroup, Role: investbot.RoleStaff, MessageID: ack, Callback: "draft:T1"}); r.Meta.Intent != "draft.failed" {
		t.Errorf("a draft was saved from the erased ticket: %+v", r)
	}
	if ds, _ := h.admin.Drafts(ctx); len(ds) != 0 {
		t.Errorf("drafts after /forgetme: %+v", ds)
	}
	if qs, _ := h.admin.Questions(ctx, time.Time{}); len(qs) != 1 || !strings.Contains(qs[0].Text, "August") {
		t.Errorf("logged questions after /forgetme: %+v", qs)
	}
	if leads, _ := h.store.Leads(ctx); len(leads) != 0 {
		t.Errorf("leads after /forgetme: %+v", leads)
	}
	if subs, _ := h.admin.Subscribers(ctx); len(subs) != 0 {
		t.Errorf("subscribers after /forgetme: %+v", subs)
	}
	if s, _ := h.store.Load(ctx, user); s.TicketID != "" || len(s.Recent) != 0 || s.Subscribed {
		t.Errorf("session after /forgetme: %+v", s)
	}
	// A second /forgetme finds nothing left.
	if r := as(investbot.Request{Command: "forgetme"}); !strings.Contains(r.Messages[0].Text, "Nothing about you was stored") {
		t.Errorf("second /forgetme: %q", allText(r))
	}
}

func TestForgetMeReplyInEveryLanguage(t *testing.T) {
	for _, lang := range investbot.Langs {
		h := newAdminHarness(t)
		h.do(investbot.Request{Command: "language", Args: string(lang)})
		h.do(investbot.Request{Command: "subscribe"})
		r := h.do(investbot.Request{Command: "forgetme"})
		if len(r.Messages) != 1 || r.Meta.Intent != "forgetme" {
			t.Fatalf("%s: %+v", lang, r)
		}
		text := r.Messages[0].Text
		if lang != investbot.EN && (strings.Contains(text, "deleted") || strings.Contains(text, "subscription")) {
			t.Errorf("%s reply is in English: %q", lang, text)
		}
		if strings.Count(text, "\n") < 3 {
			t.Errorf("%s reply does not list what was deleted: %q", lang, text)
		}
	}
}

// A queued question (the batcher writes every second) is dropped by
// /forgetme too, not written after it.
func TestForgetMeDropsQueuedQuestions(t *testing.T) {
	mem := memstore.NewKBAdmin(nil)
	svc := kbadmin.New(mem)
	b := kbadmin.NewBatcher(svc, time.Hour, nil)
	ctx := context.Background()
	for _, q := range []investbot.Asked{
		{UserTag: "u-1", Text: "call +81 90 1234 5678", Intent: "unanswered"},
		{UserTag: "u-2", Text: "someone else", Intent: "unanswered"},
	} {
		_ = b.RecordQuestion(ctx, q)
	}
	if n, err := b.ForgetQuestions(ctx, "u-1"); err != nil || n != 1 {
		t.Fatalf("ForgetQuestions = %d, %v", n, err)
	}
	b.Flush(ctx)
	qs, _ := mem.Questions(ctx, time.Time{})
	if len(qs) != 1 || qs[0].Text != "someone else" {
		t.Errorf("logged after forget + flush: %+v", qs)
	}
}

// While the store is down, an investor in an open Japan Desk conversation
// is told plainly that the message did not reach the desk, instead of
// being answered by the bot; /endchat does not claim there is no
// conversation.
func TestDeskFollowUpWhileStoreIsDown(t *testing.T) {
	h := newDeskHarness(t)
	id := h.openTicket(investorA, "Can we rent 30 ha?")
	h.store.down.Store(true)
	r := h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Text: "What is the Beta tax holiday"})
	if r.Meta.Intent != "handoff.failed" || !strings.Contains(allText(r), "#"+id) || !strings.Contains(allText(r), "send it again") {
		t.Errorf("follow-up while down: %+v %q", r.Meta, allText(r))
	}
	r = h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Command: "endchat"})
	if strings.Contains(allText(r), "no open conversation") || r.Meta.Intent != "handoff.failed" {
		t.Errorf("/endchat while down: %+v %q", r.Meta, allText(r))
	}
	// An investor without a ticket is still answered by the bot.
	r = h.as(investorB, investorB, investbot.RoleInvestor, investbot.Request{Text: "What is the Beta tax holiday"})
	if r.Meta.Intent != "incentive.beta" {
		t.Errorf("investor without ticket while down: %+v", r.Meta)
	}
	h.store.down.Store(false)
	r = h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Text: "Here is our plan"})
	if staff := messagesTo(r, staffGroup); len(staff) != 1 || !strings.Contains(staff[0].Text, "Here is our plan") {
		t.Errorf("after recovery the follow-up reaches the desk: %+v", r.Messages)
	}
	r = h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Command: "endchat"})
	if r.Meta.Intent != "handoff.closed" {
		t.Errorf("/endchat after recovery: %+v", r.Meta)
	}
}

// userIDIn reports whether text names the user id as a number of its own:
// a lead id made of a timestamp ("L1796688824242-…") may hold its digits.
func userIDIn(text string, id int64) bool {
	return regexp.MustCompile(`(^|\D)` + strconv.FormatInt(id, 10) + `(\D|$)`).MatchString(text)
}
