package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// The Japan Desk end to end: two investors, a staff group with a staff
// member and a non-staff member, relaying both ways, a document, a restart
// of the bot in the middle with the ticket intact, and closing.
func TestEndToEndJapanDesk(t *testing.T) {
	_, front, c := emulated(t)
	var (
		group     = tgtest.Chat{ID: -5050, Type: "supergroup", Title: "Japan Desk"}
		staff     = tgtest.User{ID: 3001, FirstName: "Hanako", LanguageCode: "ja"}
		outsider  = tgtest.User{ID: 3009, FirstName: "Visitor"}
		investorA = tgtest.User{ID: 2101, FirstName: "Taro", LanguageCode: "ja"}
		investorB = tgtest.User{ID: 2102, FirstName: "Alice", LanguageCode: "en"}
		botUser   = tgtest.User{ID: 666, FirstName: "Bot", UserName: "TestNameBot"}
	)
	env := map[string]string{
		"TELEGRAM_API_ENDPOINT": front.URL,
		"STAFF_CHAT_ID":         "-5050",
		"STAFF_IDS":             "3001",
		// Always open, so the reply does not depend on when the test runs.
		"DESK_HOURS": "Mon-Sun 00:00-23:59",
	}
	prefix := uniquePrefix(t)
	first := startApp(t, env, app.Options{RedisPrefix: prefix})

	// Investor A asks for a person, then asks their question.
	c.SendCommand(t, investorA, tgtest.Private(investorA), "/human")
	c.WaitChatMessages(t, investorA.ID, 1, wait)
	c.SendText(t, investorA, tgtest.Private(investorA), "工業団地の土地を30ha借りたいです。<b>至急</b>")
	gotA := c.WaitChatMessages(t, investorA.ID, 2, wait)
	if !strings.Contains(lastText(gotA), "#T") {
		t.Fatalf("investor A not told the ticket id: %q", lastText(gotA))
	}
	groupMsgs := c.WaitChatMessages(t, group.ID, 1, wait)
	ticketA := groupMsgs[0]
	if !strings.Contains(ticketA.Text, "JA") || !strings.Contains(ticketA.Text, "&lt;b&gt;至急&lt;/b&gt;") {
		t.Errorf("ticket summary must show the language and escape the investor's text:\n%s", ticketA.Text)
	}

	// Investor B opens a second ticket.
	c.SendCommand(t, investorB, tgtest.Private(investorB), "/human")
	c.WaitChatMessages(t, investorB.ID, 1, wait)
	c.SendText(t, investorB, tgtest.Private(investorB), "Can you introduce us to a logistics partner?")
	c.WaitChatMessages(t, investorB.ID, 2, wait)
	groupMsgs = c.WaitChatMessages(t, group.ID, 2, wait)
	ticketB := groupMsgs[1]
	if ticketB.Text == ticketA.Text {
		t.Fatalf("both investors got the same ticket")
	}

	// A non-staff member replying to the ticket is ignored.
	c.SendText(t, outsider, group, "I can help!", tgtest.ReplyTo(ticketA.MessageID, ticketA.Text, botUser))
	// The staff member's reply reaches investor A, and only A.
	c.SendText(t, staff, group, "ご連絡ありがとうございます。担当者からご案内します。", tgtest.ReplyTo(ticketA.MessageID, ticketA.Text, botUser))
	gotA = c.WaitChatMessages(t, investorA.ID, 3, wait)
	if !strings.Contains(lastText(gotA), "担当者からご案内します") || strings.Contains(lastText(gotA), "Hanako") {
		t.Errorf("staff reply to investor A: %q", lastText(gotA))
	}
	for _, m := range c.ChatMessages(t, investorA.ID) {
		if strings.Contains(m.Text, "I can help") {
			t.Errorf("a non-staff reply reached the investor")
		}
	}
	if n := len(c.ChatMessages(t, investorB.ID)); n != 2 {
		t.Errorf("investor B got %d messages, want 2 (nothing of A's ticket)", n)
	}

	// A document from staff is copied to the investor (copyMessage).
	c.SendText(t, staff, group, "", tgtest.ReplyTo(ticketA.MessageID, ticketA.Text, botUser), func(m map[string]any) {
		delete(m, "text")
		m["document"] = map[string]any{"file_id": "doc-1", "file_unique_id": "u1", "file_name": "brochure.pdf"}
	})
	copies := front.WaitCalls(t, "copyMessage", 1, wait)
	if copies[0].Params.Get("chat_id") != "2101" || copies[0].Params.Get("from_chat_id") != "-5050" {
		t.Errorf("copyMessage params = %v", copies[0].Params)
	}

	// The bot restarts; the ticket survives in Redis.
	first.stop(t)
	startApp(t, env, app.Options{RedisPrefix: prefix})

	// Investor A's follow-up goes to the same ticket.
	before := len(c.ChatMessages(t, group.ID))
	c.SendText(t, investorA, tgtest.Private(investorA), "来週ハノイに行きます。")
	groupMsgs = c.WaitChatMessages(t, group.ID, before+1, wait)
	if !strings.Contains(lastText(groupMsgs), "来週ハノイに行きます") || !strings.Contains(lastText(groupMsgs), "#T") {
		t.Errorf("follow-up after restart: %q", lastText(groupMsgs))
	}
	idA := ticketID(ticketA.Text)
	if !strings.Contains(lastText(groupMsgs), "#"+idA) {
		t.Errorf("follow-up went to another ticket than #%s: %q", idA, lastText(groupMsgs))
	}

	// A non-staff /close is ignored; staff /close ends it and tells the investor.
	c.SendCommand(t, outsider, group, "/close", tgtest.ReplyTo(ticketA.MessageID, ticketA.Text, botUser))
	c.SendCommand(t, staff, group, "/close", tgtest.ReplyTo(ticketA.MessageID, ticketA.Text, botUser))
	c.WaitFor(t, wait, "closing notice to investor A", func(all []tgtest.BotMessage) bool {
		for _, m := range all {
			if m.ChatID == investorA.ID && strings.Contains(m.Text, "終了しました") {
				return true
			}
		}
		return false
	})
	// After closing, investor A talks to the bot again.
	n := len(c.ChatMessages(t, investorA.ID))
	c.SendText(t, investorA, tgtest.Private(investorA), "ニソン経済区の法人税優遇は？")
	gotA = c.WaitChatMessages(t, investorA.ID, n+1, wait)
	if !strings.Contains(lastText(gotA), "10%") {
		t.Errorf("after close the bot answers again: %q", lastText(gotA))
	}
}

// ticketID finds "#T12" in a staff-group message.
func ticketID(text string) string {
	i := strings.Index(text, "#T")
	if i < 0 {
		return ""
	}
	j := i + 2
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	return text[i+1 : j]
}

// An unanswered ticket is reminded in the staff group once, by the app's
// own loop.
func TestEndToEndTicketReminder(t *testing.T) {
	front := tgtest.NewFake(t)
	startApp(t, map[string]string{
		"TELEGRAM_API_ENDPOINT": front.URL,
		"STAFF_CHAT_ID":         "-7070",
		"DESK_REMIND_AFTER":     "1s",
	}, app.Options{RedisPrefix: uniquePrefix(t), ReminderEvery: 200 * time.Millisecond})
	const user = 7001
	front.AddUpdate(t, textUpdate(0, user, "en", "/human"))
	waitSent(t, front, user, 1)
	front.AddUpdate(t, textUpdate(0, user, "en", "Please call me about 20 ha"))
	waitSent(t, front, -7070, 2) // the ticket, then the reminder
	// A marker: a second ticket opened now is reminded a second later, after
	// five more rounds of the loop; a repeated reminder of the first ticket
	// would have come before it.
	front.AddUpdate(t, textUpdate(0, user+1, "en", "/human"))
	waitSent(t, front, user+1, 1)
	front.AddUpdate(t, textUpdate(0, user+1, "en", "Please call me about 30 ha"))
	reminders := map[string]int{}
	deadline := time.Now().Add(wait)
	for len(reminders) < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("the second ticket was not reminded; group got %q", sentTo(front, -7070))
		}
		time.Sleep(20 * time.Millisecond)
		clear(reminders)
		for _, m := range sentTo(front, -7070) {
			if _, rest, ok := strings.Cut(m, "Ticket #"); ok && strings.Contains(m, "is waiting") {
				id, _, _ := strings.Cut(rest, " ")
				reminders[id]++
			}
		}
	}
	for id, n := range reminders {
		if n != 1 {
			t.Errorf("ticket %s reminded %d times, want exactly 1; group got %q", id, n, sentTo(front, -7070))
		}
	}
}
