package handlers_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/memstore"
)

const (
	staffGroup = int64(-1001)
	investorA  = int64(7)
	investorB  = int64(8)
	staffUser  = int64(50)
	outsider   = int64(60)
)

// clock is a settable time for the desk tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *clock) set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func vnTime(s string) time.Time      { t, _ := time.Parse("2006-01-02 15:04 -0700", s+" +0700"); return t }
func messagesTo(r investbot.Reply, chat int64) []investbot.Message {
	var out []investbot.Message
	for _, m := range r.Messages {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

type deskHarness struct {
	*harness
	clock   *clock
	tickets *memstore.Tickets
}

func newDeskHarness(t *testing.T) *deskHarness {
	t.Helper()
	c := &clock{t: vnTime("2026-01-06 10:00")} // a Tuesday, desk open
	store := &flakyStore{Store: memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 100}})}
	tickets := memstore.NewTickets()
	r := handlers.New(handlers.Deps{
		KB:          knowledge.NewLive(mustFixtureKB(t)),
		Sessions:    store,
		Leads:       store,
		Tickets:     tickets,
		StaffChatID: staffGroup,
		Desk:        handlers.DeskOptions{RemindAfter: 30 * time.Minute},
		Now:         c.now,
	})
	return &deskHarness{harness: &harness{t: t, router: r, store: store, tickets: tickets}, clock: c, tickets: tickets}
}

// as sends req as user in chat with role.
func (h *deskHarness) as(user, chat int64, role investbot.Role, req investbot.Request) investbot.Reply {
	h.t.Helper()
	req.UserID, req.ChatID, req.Role = user, chat, role
	if chat < 0 {
		req.Chat = investbot.ChatGroup
	}
	return h.do(req)
}

func (h *deskHarness) openTicket(user int64, question string) string {
	h.t.Helper()
	h.as(user, user, investbot.RoleInvestor, investbot.Request{Command: "human"})
	r := h.as(user, user, investbot.RoleInvestor, investbot.Request{Text: question})
	staff := messagesTo(r, staffGroup)
	if len(staff) != 1 {
		h.t.Fatalf("ticket not posted to the staff group: %+v", r.Messages)
	}
	id := strings.TrimPrefix(strings.Fields(staff[0].Title)[2], "#")
	return id
}

func TestHandoffRoundTrip(t *testing.T) {
	h := newDeskHarness(t)
	// Earlier question, so the ticket carries a transcript.
	h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Text: "Where is Alpha industrial park"})
	r := h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Text: "I want to talk to someone"})
	if r.Meta.Intent != "handoff.start" || !strings.Contains(allText(r), "open now") {
		t.Fatalf("handoff start: %+v %q", r.Meta, allText(r))
	}
	r = h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Text: "<b>Can we rent 30 ha?</b> @everyone /close"})
	staff := messagesTo(r, staffGroup)
	if len(staff) != 1 {
		t.Fatalf("staff messages: %+v", r.Messages)
	}
	summary := staff[0].Title + "\n" + staff[0].Text
	for _, want := range []string{"#T1", "EN", "<b>Can we rent 30 ha?</b> @everyone /close", "Where is Alpha industrial park → zone.alpha", "Reply to this message"} {
		if !strings.Contains(summary, want) {
			t.Errorf("ticket summary lacks %q:\n%s", want, summary)
		}
	}
	if !strings.Contains(allText(r), "#T1") {
		t.Errorf("investor not told the ticket id: %q", allText(r))
	}

	// A second investor opens their own ticket.
	idB := h.openTicket(investorB, "Korean question about land")
	if idB != "T2" {
		t.Fatalf("second ticket id = %s", idB)
	}

	// A non-staff member of the group replying is ignored.
	ticketMsg := h.lastSentTo(staffGroup, "Ticket #T1")
	r = h.as(outsider, staffGroup, investbot.RoleInvestor, investbot.Request{Text: "I am not staff", ReplyTo: ticketMsg})
	if len(r.Messages) != 0 {
		t.Errorf("non-staff reply produced messages: %+v", r.Messages)
	}
	// Group chatter that is not a reply is ignored too.
	if r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Text: "lunch?"}); len(r.Messages) != 0 {
		t.Errorf("chatter produced messages: %+v", r.Messages)
	}

	// Staff reply reaches investor A only, without the staff member's name.
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Text: "Yes, please send us your plan.", ReplyTo: ticketMsg, UserName: "Hanako Sato", MessageID: 201})
	toA := messagesTo(r, investorA)
	if len(toA) != 1 || toA[0].Text != "Yes, please send us your plan." || strings.Contains(toA[0].Title, "Hanako") {
		t.Fatalf("relay to investor: %+v", r.Messages)
	}
	if len(messagesTo(r, investorB)) != 0 {
		t.Errorf("reply leaked to the other investor")
	}
	// A document from staff is copied.
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{ReplyTo: ticketMsg, MessageID: 202, Attachment: &investbot.Attachment{Kind: investbot.AttachDocument, FileID: "f"}})
	var copied bool
	for _, m := range messagesTo(r, investorA) {
		copied = copied || (m.Copy != nil && m.Copy.MessageID == 202 && m.Copy.FromChatID == staffGroup)
	}
	if !copied {
		t.Errorf("document not copied to the investor: %+v", r.Messages)
	}

	// The investor's next message goes to the same ticket.
	r = h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Text: "Here is our plan", MessageID: 300})
	staff = messagesTo(r, staffGroup)
	if len(staff) != 1 || !strings.Contains(staff[0].Text, "#T1") || !strings.Contains(staff[0].Text, "Here is our plan") {
		t.Errorf("follow-up not relayed to ticket T1: %+v", r.Messages)
	}
	// And a photo from the investor is copied to the group.
	r = h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{MessageID: 301, Attachment: &investbot.Attachment{Kind: investbot.AttachPhoto, FileID: "p"}})
	copied = false
	for _, m := range messagesTo(r, staffGroup) {
		copied = copied || (m.Copy != nil && m.Copy.MessageID == 301)
	}
	if !copied {
		t.Errorf("investor photo not copied to the group: %+v", r.Messages)
	}

	// Only staff may close; staff closing tells the investor in their language.
	r = h.as(outsider, staffGroup, investbot.RoleInvestor, investbot.Request{Command: "close", Args: "T1"})
	if tk, _ := h.tickets.Ticket(context.Background(), "T1"); tk.Status != "open" {
		t.Fatalf("non-staff closed the ticket")
	}
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Command: "close", ReplyTo: ticketMsg})
	toA = messagesTo(r, investorA)
	if len(toA) != 1 || !strings.Contains(toA[0].Text, "closed") {
		t.Fatalf("investor not told of closing: %+v", r.Messages)
	}
	// The investor's session no longer routes to the desk.
	r = h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Text: "What is the Beta tax holiday"})
	if r.Meta.Intent != "incentive.beta" {
		t.Errorf("after close the bot answers again: %+v", r.Meta)
	}
	// A reply to a closed ticket is refused politely in the group.
	r = h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Text: "one more thing", ReplyTo: ticketMsg})
	if len(messagesTo(r, investorA)) != 0 || !strings.Contains(allText(r), "closed") {
		t.Errorf("reply to closed ticket: %+v", r.Messages)
	}
}

func TestHandoffOutsideHoursSaysWhen(t *testing.T) {
	h := newDeskHarness(t)
	h.clock.set(vnTime("2026-01-09 18:30")) // Friday evening
	r := h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Command: "human", LangHint: "ja"})
	if !strings.Contains(allText(r), "1月12日(月) 08:00") {
		t.Errorf("outside hours the investor must learn when the desk is back: %q", allText(r))
	}
}

func TestRemindersOncePerTicket(t *testing.T) {
	h := newDeskHarness(t)
	h.openTicket(investorA, "Anyone there?")
	idB := h.openTicket(investorB, "Second question")
	ctx := context.Background()
	if msgs, _ := h.router.Reminders(ctx); len(msgs) != 0 {
		t.Fatalf("reminded too early: %+v", msgs)
	}
	// Staff answer B; A stays unanswered.
	h.as(staffUser, staffGroup, investbot.RoleStaff, investbot.Request{Text: "On it", ReplyTo: h.lastSentTo(staffGroup, "Ticket #"+idB)})
	h.clock.add(31 * time.Minute)
	msgs, err := h.router.Reminders(ctx)
	if err != nil || len(msgs) != 1 || !strings.Contains(msgs[0].Title, "#T1") || msgs[0].ChatID != staffGroup {
		t.Fatalf("reminders = %+v, %v; want one for T1", msgs, err)
	}
	if msgs, _ := h.router.Reminders(ctx); len(msgs) != 0 {
		t.Errorf("reminded twice: %+v", msgs)
	}
}

func TestInvestorEndsChat(t *testing.T) {
	h := newDeskHarness(t)
	id := h.openTicket(investorA, "question")
	r := h.as(investorA, investorA, investbot.RoleInvestor, investbot.Request{Command: "endchat"})
	if !strings.Contains(allText(r), id) || len(messagesTo(r, staffGroup)) != 1 {
		t.Errorf("endchat: %+v", r.Messages)
	}
	if tk, _ := h.tickets.Ticket(context.Background(), id); tk.Status != "closed" {
		t.Errorf("ticket status %s", tk.Status)
	}
}

func TestStaffModeAnswersInTwoLanguages(t *testing.T) {
	h := newDeskHarness(t)
	r := h.as(staffUser, staffUser, investbot.RoleStaff, investbot.Request{Text: "アルファ工業団地の面積", Forwarded: true})
	got := allText(r)
	for _, want := range []string{"zone.alpha", "[JA]", "約120ha", "[EN]", "about 120 ha", "fixture.txt", "2025-12-02", "forwarded"} {
		if !strings.Contains(got, want) {
			t.Errorf("staff answer lacks %q:\n%s", want, got)
		}
	}
	r = h.as(staffUser, staffUser, investbot.RoleStaff, investbot.Request{Text: "How long is the tax holiday", Forwarded: true, ForwardFrom: "hidden user"})
	if got := allText(r); !strings.Contains(got, "[EN]") || !strings.Contains(got, "[JA]") || !strings.Contains(got, "4年間") {
		t.Errorf("English question must be answered in English and Japanese:\n%s", got)
	}
	r = h.as(staffUser, staffUser, investbot.RoleStaff, investbot.Request{Text: "What's the weather in Paris?"})
	if r.Meta.Answered || !strings.Contains(allText(r), "No entry answers this") {
		t.Errorf("no-match staff answer: %q", allText(r))
	}
}

// fakeRephraser stands in for the LLM: it suggests a reply from the entry.
type fakeRephraser struct{ ok bool }

func (f fakeRephraser) Rephrase(_ context.Context, e *base.Entry, q string, lang investbot.Lang) (string, bool) {
	return "Suggested: " + e.Answer.In(lang), f.ok
}

func TestStaffModeSuggestedReply(t *testing.T) {
	for _, ok := range []bool{true, false} {
		store := &flakyStore{Store: memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 100}})}
		r := handlers.New(handlers.Deps{KB: knowledge.NewLive(mustFixtureKB(t)), Sessions: store, Leads: store, Rephraser: fakeRephraser{ok: ok}})
		h := &harness{t: t, router: r, store: store}
		rep := h.do(investbot.Request{UserID: staffUser, ChatID: staffUser, Role: investbot.RoleStaff, Text: "How long is the tax holiday"})
		got := allText(rep)
		if has := strings.Contains(got, "Suggested reply"); has != ok {
			t.Errorf("rephraser ok=%v: suggested reply shown=%v:\n%s", ok, has, got)
		}
		if !strings.Contains(got, "[EN]") || !strings.Contains(got, "[JA]") {
			t.Errorf("the entry's own answers must stay: %s", got)
		}
	}
}

// Without a staff group nobody can take a question, but the investor still
// learns what the desk is from the knowledge base.
func TestDeskWithoutGroupShowsDeskEntry(t *testing.T) {
	h := newHarness(t, 0)
	for _, req := range []investbot.Request{{Command: "human"}, {Text: "I want to talk to a real person"}} {
		text := req.Command + req.Text
		r := h.do(req)
		if !r.Meta.Answered || r.Meta.Intent != "contact.japan-desk" {
			t.Fatalf("%q: meta = %+v, want the desk entry", text, r.Meta)
		}
		if len(r.Messages) != 2 || !strings.Contains(r.Messages[0].Text, "not connected") {
			t.Errorf("%q: want the not-connected note first, got %q", text, allText(r))
		}
	}
}

// "Are you a real person?" asks about the bot; "I want a real person" asks
// for one.
func TestAskingAboutTheBotIsNoHandoff(t *testing.T) {
	h := newHarness(t, 0)
	for text, desk := range map[string]bool{
		"are you a real person?":          false,
		"bạn có phải người thật không":    false,
		"I want to talk to a real person": true,
		"担当者と話したい":                        true,
	} {
		r := h.text(text)
		if got := len(r.Messages) == 2 && r.Meta.Intent == "contact.japan-desk"; got != desk {
			t.Errorf("%q: handoff %v, want %v (%s)", text, got, desk, r.Meta.Intent)
		}
	}
}
