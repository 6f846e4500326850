package app_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// deskEnv is a bot with a Japan Desk group that is always open.
func deskEnv(front string) map[string]string {
	return map[string]string{
		"TELEGRAM_API_ENDPOINT": front,
		"STAFF_CHAT_ID":         "-5151",
		"STAFF_IDS":             "3101",
		"DESK_HOURS":            "Mon-Sun 00:00-23:59",
	}
}

var (
	deskGroup = tgtest.Chat{ID: -5151, Type: "supergroup", Title: "Japan Desk"}
	deskStaff = tgtest.User{ID: 3101, FirstName: "Hanako", LanguageCode: "ja"}
	theBot    = tgtest.User{ID: 666, FirstName: "Bot", UserName: "TestNameBot"}
)

// fillLeadForm walks u through /lead with name and contact.
func fillLeadForm(t *testing.T, c *tgtest.Client, u tgtest.User, name, contact string) {
	t.Helper()
	chat := tgtest.Private(u)
	step := func(n int, f func(last tgtest.BotMessage)) {
		t.Helper()
		msgs := c.WaitChatMessages(t, u.ID, n, wait)
		f(msgs[len(msgs)-1])
	}
	n := len(c.ChatMessages(t, u.ID))
	c.SendCommand(t, u, chat, "/lead")
	press := func(data string) func(tgtest.BotMessage) {
		return func(last tgtest.BotMessage) { c.SendCallback(t, u, chat, last.MessageID, data) }
	}
	say := func(text string) func(tgtest.BotMessage) {
		return func(tgtest.BotMessage) { c.SendText(t, u, chat, text) }
	}
	for _, f := range []func(tgtest.BotMessage){
		press("lead:yes"), say(name), say("Mallory Trading KK"), press("lead:v:Japan"), press("lead:v:electronics"),
		say("5m"), say("3"), press("lead:v:<6m"), say(contact), press("lead:send"),
	} {
		n++
		step(n, f)
	}
	c.WaitFor(t, wait, "lead notice in the staff group", func(all []tgtest.BotMessage) bool {
		for _, m := range all {
			if m.ChatID == deskGroup.ID && strings.Contains(m.Text, name) {
				return true
			}
		}
		return false
	})
}

// findBot returns the last bot message to chat containing substr, waiting
// for it: replies are ordered within a chat, not across chats, so the staff
// group's copy may come after the investor's confirmation.
func findBot(t *testing.T, c *tgtest.Client, chat int64, substr string) tgtest.BotMessage {
	t.Helper()
	var found tgtest.BotMessage
	c.WaitFor(t, wait, fmt.Sprintf("a bot message to %d containing %q", chat, substr), func(all []tgtest.BotMessage) bool {
		for i := len(all) - 1; i >= 0; i-- {
			if all[i].ChatID == chat && strings.Contains(all[i].Text, substr) {
				found = all[i]
				return true
			}
		}
		return false
	})
	return found
}

// The "#T1" attack through the real adapter: an investor's lead name that
// looks like a ticket id does not steer a staff reply or /close.
func TestEndToEndLeadNameCannotSteerStaffReplies(t *testing.T) {
	_, front, c := emulated(t)
	startApp(t, deskEnv(front.URL), app.Options{RedisPrefix: uniquePrefix(t)})
	victim := tgtest.User{ID: 2301, FirstName: "Taro", LanguageCode: "en"}
	mallory := tgtest.User{ID: 2302, FirstName: "Mal", LanguageCode: "en"}

	c.SendCommand(t, victim, tgtest.Private(victim), "/human")
	c.WaitChatMessages(t, victim.ID, 1, wait)
	c.SendText(t, victim, tgtest.Private(victim), "Can we rent 30 ha?")
	c.WaitChatMessages(t, victim.ID, 2, wait)
	ticket := findBot(t, c, deskGroup.ID, "Ticket #T1")

	fillLeadForm(t, c, mallory, "#T1 Mallory", "+81 90 1234 5678")
	notice := findBot(t, c, deskGroup.ID, "#T1 Mallory")
	c.SendText(t, deskStaff, deskGroup, "internal: check this company first", tgtest.ReplyTo(notice.MessageID, notice.Text, theBot))
	c.SendCommand(t, deskStaff, deskGroup, "/close", tgtest.ReplyTo(notice.MessageID, notice.Text, theBot))
	// Then a genuine reply to the real ticket: once it has arrived, the
	// two before it were handled (one chat, in order).
	c.SendText(t, deskStaff, deskGroup, "Yes, 30 ha is available.", tgtest.ReplyTo(ticket.MessageID, ticket.Text, theBot))
	got := c.WaitChatMessages(t, victim.ID, 3, wait)
	if !strings.Contains(lastText(got), "30 ha is available") {
		t.Fatalf("the real reply did not arrive: %q", lastText(got))
	}
	for _, m := range c.ChatMessages(t, victim.ID) {
		if strings.Contains(m.Text, "internal") || strings.Contains(m.Text, "closed") {
			t.Errorf("the victim received %q", m.Text)
		}
	}
	for _, m := range c.ChatMessages(t, deskGroup.ID) {
		if strings.Contains(m.Text, "closed.") {
			t.Errorf("a ticket was closed: %q", m.Text)
		}
	}
	// /close on the real ticket still works.
	c.SendCommand(t, deskStaff, deskGroup, "/close", tgtest.ReplyTo(ticket.MessageID, ticket.Text, theBot))
	got = c.WaitChatMessages(t, victim.ID, 4, wait)
	if !strings.Contains(lastText(got), "closed") {
		t.Errorf("closing the real ticket: %q", lastText(got))
	}
}

// The promise of /forgetme, checked where it matters: a user goes through
// a question, an unanswered question with a phone number, a lead, a Japan
// Desk ticket and a staff draft made from it, sends /forgetme, and then no
// key under the bot's prefix — its name or its content, whatever its type
// — holds the user's id, name, phone number or words.
func TestEndToEndForgetMeLeavesNothingInRedis(t *testing.T) {
	_, front, c := emulated(t)
	prefix := uniquePrefix(t)
	env := deskEnv(front.URL)
	env["ADMIN_IDS"] = "3102"
	running := startApp(t, env, app.Options{RedisPrefix: prefix})
	user := tgtest.User{ID: 5550001234, FirstName: "Mallory", UserName: "mallory_t", LanguageCode: "en"}
	chat := tgtest.Private(user)
	const (
		phone    = "+81 90 1234 5678"
		question = "Is there a kosher restaurant near the ferry, call Mallory Tanaka " + phone
	)
	personal := []string{strconv.FormatInt(user.ID, 10), "Mallory", "mallory_t", "Tanaka", "1234 5678", "12345678", "kosher", "ferry"}

	c.SendText(t, user, chat, "Where is WHA Smart Technology phase 1?")
	c.WaitChatMessages(t, user.ID, 1, wait)
	c.SendText(t, user, chat, question)
	c.WaitChatMessages(t, user.ID, 2, wait)
	fillLeadForm(t, c, user, "Mallory Tanaka", phone)
	n := len(c.ChatMessages(t, user.ID))
	c.SendCommand(t, user, chat, "/human")
	c.WaitChatMessages(t, user.ID, n+1, wait)
	c.SendText(t, user, chat, "Please ring Mallory Tanaka on "+phone+" about the ferry")
	c.WaitChatMessages(t, user.ID, n+2, wait)
	ticket := findBot(t, c, deskGroup.ID, "🆕 Ticket #")
	c.SendText(t, deskStaff, deskGroup, "We will ring you tomorrow.", tgtest.ReplyTo(ticket.MessageID, ticket.Text, theBot))
	c.WaitChatMessages(t, user.ID, n+3, wait)
	ack := c.WaitFor(t, wait, "the relayed acknowledgement", func(all []tgtest.BotMessage) bool {
		for _, m := range all {
			if m.ChatID == deskGroup.ID && strings.Contains(m.Text, "relayed") {
				return true
			}
		}
		return false
	})
	var ackMsg tgtest.BotMessage
	for _, m := range ack {
		if m.ChatID == deskGroup.ID && strings.Contains(m.Text, "relayed") {
			ackMsg = m
		}
	}
	c.SendCallback(t, deskStaff, deskGroup, ackMsg.MessageID, "draft:"+ticketID(ticket.Text))
	c.WaitFor(t, wait, "the draft saved", func(all []tgtest.BotMessage) bool {
		for _, m := range all {
			if m.ChatID == deskGroup.ID && strings.Contains(m.Text, "Saved as draft") {
				return true
			}
		}
		return false
	})

	rc := redis.NewClient(&redis.Options{Addr: redisAddr()})
	defer rc.Close()
	ctx := context.Background()
	// The walk must see the data before, or "nothing found" proves
	// nothing. The unanswered question reaches Redis with the next
	// statistics flush.
	before := pollFindings(t, rc, prefix, personal, func(f []string) bool {
		return strings.Contains(strings.Join(f, "\n"), "{kb}:q")
	})
	for _, where := range []string{"{u:5550001234}:s", "{tickets}:t:", "{leads}:h", "{kb}:d", "{kb}:q", "{u:5550001234}:d:"} {
		if !strings.Contains(strings.Join(before, "\n"), where) {
			t.Errorf("before /forgetme the walk did not find the user's data in %s*: %v", where, before)
		}
	}

	t.Logf("before /forgetme the walk found:\n%s", strings.Join(before, "\n"))

	n = len(c.ChatMessages(t, user.ID))
	c.SendCommand(t, user, chat, "/forgetme")
	got := c.WaitChatMessages(t, user.ID, n+1, wait)
	reply := lastText(got)
	for _, want := range []string{"contact details you left for the Japan Desk: 1", "conversations with the Japan Desk", "draft answers", "questions kept"} {
		if !strings.Contains(reply, want) {
			t.Errorf("/forgetme reply lacks %q:\n%s", want, reply)
		}
	}
	// Stopping the app flushes everything still queued (update-done marks,
	// statistics), so the walk below sees the final state.
	running.stop(t)
	if left := walkFor(t, ctx, rc, prefix, personal); len(left) > 0 {
		t.Errorf("after /forgetme, Redis still holds the user's data:\n%s", strings.Join(left, "\n"))
	}
}

// pollFindings walks until done(findings) holds (background flushes land
// within a second or two), and returns the findings.
func pollFindings(t *testing.T, rc *redis.Client, prefix string, needles []string, done func([]string) bool) []string {
	t.Helper()
	var f []string
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		f = walkFor(t, context.Background(), rc, prefix, needles)
		if done(f) {
			return f
		}
		time.Sleep(50 * time.Millisecond) // polling a condition, not waiting for time to pass
	}
	t.Fatalf("condition not met; last walk: %v", f)
	return nil
}

// walkFor reads every key under prefix with a type-aware read and returns
// "key: needle" for each needle found in a key's name or content (gzip
// content is unpacked).
func walkFor(t *testing.T, ctx context.Context, rc *redis.Client, prefix string, needles []string) []string {
	t.Helper()
	var out []string
	it := rc.Scan(ctx, 0, prefix+"*", 500).Iterator()
	for it.Next(ctx) {
		key := it.Val()
		var parts []string
		typ, err := rc.Type(ctx, key).Result()
		if err != nil {
			t.Fatalf("TYPE %s: %v", key, err)
		}
		switch typ {
		case "string":
			parts = []string{rc.Get(ctx, key).Val()}
		case "hash":
			for f, v := range rc.HGetAll(ctx, key).Val() {
				parts = append(parts, f, v)
			}
		case "list":
			parts = rc.LRange(ctx, key, 0, -1).Val()
		case "set":
			parts = rc.SMembers(ctx, key).Val()
		case "zset":
			parts = rc.ZRange(ctx, key, 0, -1).Val()
		case "stream":
			for _, m := range rc.XRange(ctx, key, "-", "+").Val() {
				for f, v := range m.Values {
					parts = append(parts, f, fmt.Sprint(v))
				}
			}
		case "none":
			continue // expired since SCAN
		default:
			t.Errorf("key %s has type %s, which the walk cannot read", key, typ)
		}
		content := key + "\n" + strings.Join(unpack(parts), "\n")
		for _, n := range needles {
			if strings.Contains(content, n) {
				out = append(out, key+": "+n)
			}
		}
	}
	if err := it.Err(); err != nil {
		t.Fatalf("SCAN: %v", err)
	}
	return out
}

// unpack replaces gzip values by their content.
func unpack(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p
		if strings.HasPrefix(p, "\x1f\x8b") {
			if zr, err := gzip.NewReader(bytes.NewReader([]byte(p))); err == nil {
				if b, err := io.ReadAll(io.LimitReader(zr, 64<<20)); err == nil {
					out[i] = string(b)
				}
			}
		}
	}
	return out
}
